import Testing
@testable import BackpropCore

struct StepperTests {
    @Test func steppingToTheEndGivesTheWholeTrace() throws {
        var stepper = try Stepper(network: .small, example: Network.smallExample)
        stepper.run()
        #expect(stepper.trace == Network.small.backprop(Network.smallExample))
        #expect(stepper.isFinished)
    }

    @Test func stepsRunForwardThenCostThenDeltasThenGradients() {
        let s = Network.small.schedule
        #expect(s.count == 5 + 1 + 5 + 5)
        #expect(s.first == .forward(layer: 1, neuron: 0))
        #expect(s[4] == .forward(layer: 3, neuron: 0))
        #expect(s[5] == .cost)
        #expect(s[6] == .delta(layer: 3, neuron: 0))
        #expect(s[7] == .delta(layer: 2, neuron: 0))
        #expect(s[10] == .delta(layer: 1, neuron: 1))
        #expect(s[11] == .gradient(layer: 3, neuron: 0))
        #expect(s.last == .gradient(layer: 1, neuron: 1))
        for (i, step) in s.enumerated() { #expect(Network.small.position(of: step) == i) }
        #expect(Network.small.position(of: .forward(layer: 4, neuron: 0)) == nil)
        #expect(Network.small.position(of: .delta(layer: 0, neuron: 0)) == nil)
    }

    @Test func stepBackRestoresIdenticalState() throws {
        let start = try Stepper(network: .small, example: Network.smallExample)
        var stepper = start
        var states = [stepper]
        while stepper.step() != nil { states.append(stepper) }
        while stepper.back() != nil {
            states.removeLast()
            #expect(stepper == states.last)
        }
        #expect(stepper == start)
    }

    @Test func valuesAppearOnlyOnceTheirStepIsTaken() throws {
        var stepper = try Stepper(network: .small, example: Network.smallExample)
        #expect(!stepper.isComputed(.forward(layer: 1, neuron: 0)))
        stepper.step()
        #expect(stepper.isComputed(.forward(layer: 1, neuron: 0)))
        #expect(stepper.trace.z[1][0] == 0.3775)
        #expect(stepper.trace.z[1][1] == 0)
        #expect(!stepper.isComputed(.forward(layer: 1, neuron: 1)))
    }

    @Test func exampleOfWrongSizeIsRefused() {
        #expect(throws: NetworkError.exampleSize(what: "input", expected: 2, found: 3)) {
            try Stepper(network: .small, example: Example(input: [1, 2, 3], target: [1]))
        }
        #expect(throws: NetworkError.notFinite(path: "input[1]", value: .infinity)) {
            try Stepper(network: .small, example: Example(input: [1, .infinity], target: [1]))
        }
    }
}
