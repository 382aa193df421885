import Testing
@testable import BackpropCore
@testable import BackpropDebugger

struct SteppingTests {
    @Test func stepShowsFormulaNumbersAndTheEnginesResult() {
        let s = Session()
        let reply = s.execute("step")
        #expect(reply.succeeded)
        // z(2)1 = Θ(1)1,0·1 + Θ(1)1,1·a(1)1 + Θ(1)1,2·a(1)2 = 0.35·1 + 0.15·0.05 + 0.2·0.1 = 0.3775
        #expect(reply.text.contains("z(2)1 = Θ(1)1,0·1 + Θ(1)1,1·a(1)1 + Θ(1)1,2·a(1)2"))
        #expect(reply.text.contains("= 0.35·1 + 0.15·0.05 + 0.2·0.1"))
        #expect(reply.text.contains("= 0.3775"))
        #expect(reply.text.contains("a(2)1 = σ(z(2)1) = 1 / (1 + e^(−0.3775)) = 0.59327"))
        #expect(s.trace.a[1][0] == Activation.sigmoid.value(0.3775))
    }

    @Test func aLargeLayersStepShowsThePlainPassSums() {
        // 784 terms are summarised as "bias + the weighted sum": the sum shown is the plain pass's
        // Σₖ w·a (from 0, k ascending), and the z shown is the plain pass's z, bias first.
        let s = Session()
        _ = s.execute("load mnist")
        #expect(s.execute("step").succeeded)
        let plain = s.network.backprop(s.example)
        let sum = s.network.weightedSum(layer: 1, neuron: 0, previous: s.example.input, from: 0)
        let text = s.execute("explain z(1)0").text
        let bias = NumberFormat.significant(s.network.biases[0][0])
        #expect(text.contains("= \(bias) + \(NumberFormat.factor(sum))"), "\(text)")
        #expect(text.contains("= \(NumberFormat.significant(plain.z[1][0]))"))
        #expect(s.trace.z[1][0] == plain.z[1][0] && s.trace.a[1][0] == plain.a[1][0])
    }

    @Test func aNegativeNumberSubtractedIsWrittenInParentheses() {
        let s = Session()
        _ = s.execute("cost quadratic")
        _ = s.execute("target -0.5")
        // a(4)1 = 0.548083 as in every other test of `small`; y = −0.5.
        #expect(s.execute("cost").text.contains("= ½·[(0.548083 − (−0.5))²]"))
        _ = s.execute("backward")
        #expect(s.execute("explain δ(4)1").text.contains("= (0.548083 − (−0.5))·0.548083·(1 − 0.548083)"))
    }

    @Test func steppingForwardThenBackReturnsToIdenticalState() {
        let s = Session()
        let start = s.stepper
        var states = [s.stepper]
        for _ in 0..<16 {
            #expect(s.execute("step").succeeded)
            states.append(s.stepper)
        }
        #expect(s.stepper.isFinished)
        for i in stride(from: 15, through: 0, by: -1) {
            #expect(s.execute("back").succeeded)
            #expect(s.stepper == states[i])
        }
        #expect(s.stepper == start)
        #expect(s.records.isEmpty)
        #expect(s.execute("back").text == "already at the start of the pass: only the input is known")
    }

    @Test func emptyLineRepeatsTheLastStep() {
        let s = Session()
        _ = s.execute("step")
        _ = s.execute("")
        #expect(s.stepper.position == 2)
        _ = s.execute("where")
        _ = s.execute("")
        #expect(s.stepper.position == 2, "an empty line after a non-stepping command does nothing")
    }

    @Test func nextComputesOneWholeLayer() {
        let s = Session()
        _ = s.execute("next")
        #expect(s.stepper.position == 2)
        #expect(s.stepper.next == .forward(layer: 2, neuron: 0))
        _ = s.execute("next 2")
        #expect(s.stepper.next == .cost)
    }

    @Test(arguments: [
        ("break 3", Step.forward(layer: 2, neuron: 0), 2),
        ("break forward 3 2", Step.forward(layer: 2, neuron: 1), 3),
        ("break backward 3", Step.delta(layer: 2, neuron: 0), 7),
        ("break δ(2)2", Step.delta(layer: 1, neuron: 1), 10),
        ("break z(4)1", Step.forward(layer: 3, neuron: 0), 4),
        ("break gradients 2", Step.gradient(layer: 1, neuron: 0), 14),
    ])
    func continueStopsAtEachKindOfBreakpoint(command: String, stopsBefore: Step, position: Int) {
        let s = Session()
        #expect(s.execute(command).succeeded)
        let reply = s.execute("continue")
        #expect(reply.text.contains("breakpoint 1: stopped before"))
        #expect(s.stepper.next == stopsBefore)
        #expect(s.stepper.position == position)
        // Continuing again runs to the end: the breakpoint does not stop the step it sits on twice.
        let again = s.execute("continue")
        #expect(again.text.contains("the pass is complete"))
        #expect(s.stepper.isFinished)
    }

    @Test func nextStopsAtABreakpointInsideTheLayer() {
        let s = Session()
        _ = s.execute("break forward 2 2")
        let reply = s.execute("next")
        #expect(reply.text.contains("breakpoint 1"))
        #expect(s.stepper.position == 1)
    }

    @Test func deleteRemovesBreakpoints() {
        let s = Session()
        _ = s.execute("break 2")
        _ = s.execute("break backward 2")
        #expect(s.execute("delete 1").text == "deleted breakpoint 1: forward z(2) (whole layer)")
        #expect(s.breakpoints.count == 1)
        #expect(s.execute("delete all").text == "deleted 1 breakpoint")
        _ = s.execute("continue")
        #expect(s.stepper.isFinished)
    }

    @Test func watchShowsValuesAfterEveryStep() {
        let s = Session()
        #expect(s.execute("watch a(2)1").succeeded)
        let first = s.execute("step").text
        #expect(first.contains("watch a(2)1 = 0.59327"))
        #expect(s.execute("unwatch a(2)1").succeeded)
        #expect(!s.execute("step").text.contains("watch"))
    }

    @Test func wholePassesMatchTheEngine() throws {
        let s = Session()
        let forward = s.execute("forward").text
        #expect(forward.contains("0.548083"))
        let backward = s.execute("backward").text
        #expect(backward.contains("−0.451917"))
        #expect(backward.contains("δ(3)0 (bias unit) = −0.0225959, computed and discarded"))
        #expect(s.trace == (try Network.small.trace(Network.smallExample)))
        #expect(s.execute("cost").text.contains("= 0.601329"))
    }

    @Test func resetKeepsTheExampleAndForgetsTheValues() {
        let s = Session()
        _ = s.execute("input 0.5 -0.25")
        _ = s.execute("forward")
        _ = s.execute("reset")
        #expect(s.stepper.position == 0)
        #expect(s.example.input == [0.5, -0.25])
    }

    @Test func settingTheExampleRestartsThePass() {
        let s = Session()
        _ = s.execute("forward")
        #expect(s.execute("target 0").succeeded)
        #expect(s.stepper.position == 0)
        _ = s.execute("backward")
        // With y = 0 the output δ is a − y = a itself.
        #expect(s.trace.delta[3][0] == s.trace.a[3][0])
    }

    @Test func nextOnALargeLayerListsItsValuesInAlignedColumns() throws {
        let s = Session()
        #expect(s.execute("load mnist").succeeded)
        _ = s.execute("step")
        let text = s.execute("next").text
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  z(1)") }
        #expect(rows.count == 15)
        // Every a(1)j starts in the same column, and every row is as wide as the others.
        let columns = rows.compactMap { row in row.range(of: "a(1)").map { row.distance(from: row.startIndex, to: $0.lowerBound) } }
        #expect(columns.count == 15 && Set(columns).count == 1)
        #expect(Set(rows.map { $0.count }).count == 1)
        // The values are the engine's.
        #expect(rows[0].hasSuffix(NumberFormat.significant(s.trace.a[1][1])))
    }
}
