import Testing
@testable import BackpropCore

struct GradientCheckTests {
    /// Random layer sizes, inputs and targets for one seed.
    static func randomCase(seed: UInt64, activation: Activation, cost: Cost) throws -> (Network, [Example]) {
        var rng = SeededGenerator(seed: seed)
        let layers = 2 + rng.nextInt(below: 3)
        let sizes = (0..<layers).map { _ in 1 + rng.nextInt(below: 5) }
        let network = try Pairings.network(sizes: sizes, hidden: activation, cost: cost, seed: seed &+ 99)
        let examples = (0..<(1 + rng.nextInt(below: 3))).map { _ in
            Example(input: (0..<sizes[0]).map { _ in 2 * rng.nextUniform() - 1 },
                    target: Pairings.target(classes: sizes[layers - 1], cost: cost, rng: &rng))
        }
        return (network, examples)
    }

    @Test(arguments: Pairings.all.indices)
    func backpropAgreesWithFiniteDifferencesOnRandomShapes(pair: Int) throws {
        let (activation, cost) = Pairings.all[pair]
        for seed: UInt64 in 1...5 {
            let (network, examples) = try Self.randomCase(seed: seed, activation: activation, cost: cost)
            let check = try GradientCheck.run(network: network, examples: examples)
            #expect(check.summary.failed == 0, "\(activation) \(cost) seed \(seed) sizes \(network.sizes)")
            #expect(check.summary.normDifference < 1e-7, "\(activation) \(cost) seed \(seed)")
            #expect(check.summary.parameters == network.parameterCount)
        }
    }

    @Test func checkPassesOnTheSmallNetworkWithNgsMeasure() throws {
        let check = try GradientCheck.run(network: .small, examples: [Network.smallExample])
        #expect(check.summary.parameters == 15)
        #expect(check.summary.failed == 0)
        #expect(check.summary.normDifference < 1e-9)
        #expect(check.summary.passed)
        // The numeric value is the central difference of the two costs it records.
        let row = check.rows[0]
        #expect(row.numeric == (row.costPlus - row.costMinus) / (2 * 1e-4))
    }

    @Test func checkPassesOnTheMNISTShapedNetworkForASeededSample() throws {
        // A seeded sample of 300 of the 13,002 parameters keeps this debug-build test fast;
        // the benchmark checks all of them.
        let network = Network.untrainedMNIST
        var rng = SeededGenerator(seed: 7)
        let input = (0..<784).map { _ in rng.nextUniform() < 0.8 ? 0 : rng.nextUniform() }
        let example = Example(input: input, target: Example.oneHot(2, classes: 10))
        let all = network.parameters
        let sample = (0..<300).map { _ in all[rng.nextInt(below: all.count)] }
        let check = try GradientCheck.run(network: network, examples: [example],
                                          options: .init(parameters: sample))
        #expect(check.summary.failed == 0)
        #expect(check.summary.normDifference < 1e-7)
    }

    @Test func wrongGradientIsFlagged() throws {
        var wrong = try Network.small.trace(Network.smallExample).gradient
        wrong.biases[1][0] *= -1
        let check = try GradientCheck.run(network: .small, examples: [Network.smallExample], analytic: wrong)
        #expect(check.summary.failed == 1)
        #expect(!check.summary.passed)
        #expect(check.summary.worst.first?.parameter == .bias(layer: 1, j: 0))
        #expect(check.summary.normDifference > 1e-3)
    }

    @Test func relativeErrorIsZeroWhenBothValuesAreZero() {
        let row = GradientCheck.makeRow(.bias(layer: 0, j: 0), analytic: 0, numeric: 0, plus: 1, minus: 1,
                                        scale: 1, options: .init())
        #expect(row.relativeError == 0 && row.passed)
    }

    @Test func tinyGradientPassesOnItsAbsolutePart() {
        // a = 1e-14, n = 3e-14: relative error 0.67, yet |a − n| = 2e-14 is far inside atol.
        let row = GradientCheck.makeRow(.bias(layer: 0, j: 0), analytic: 1e-14, numeric: 3e-14, plus: 0, minus: 0,
                                        scale: 1, options: .init())
        #expect(row.passed)
        #expect(row.isTinyGradient(relativeTolerance: 1e-6))
        #expect(abs(row.relativeError - 2.0 / 3.0) < 1e-12)
    }

    @Test func checkOverSeveralExamplesUsesTheMeanCost() throws {
        let examples = [Network.smallExample, Example(input: [0.9, -0.3], target: [0])]
        let check = try GradientCheck.run(network: .small, examples: examples)
        #expect(check.summary.failed == 0)
        let mean = (Network.small.cost(examples[0]) + Network.small.cost(examples[1])) / 2
        #expect(check.summary.cost == mean)
    }
}

/// The whole check on the 784-16-16-10 network: every one of its 13,002 parameters.
struct MNISTGradientCheckTests {
    /// A sparse input like a digit's (about 80 % zeros) and a one-hot target.
    static func example(seed: UInt64, label: Int) -> Example {
        var rng = SeededGenerator(seed: seed)
        let input = (0..<784).map { _ in rng.nextUniform() < 0.8 ? 0 : rng.nextUniform() }
        return Example(input: input, target: Example.oneHot(label, classes: 10))
    }

    @Test func everyParameterOfTheUntrainedMNISTNetworkPasses() throws {
        let network = Network.untrainedMNIST
        let check = try GradientCheck.run(network: network, examples: [Self.example(seed: 8, label: 4)])
        #expect(check.summary.parameters == 13_002)
        #expect(check.summary.failed == 0)
        #expect(check.summary.normDifference < 1e-7)
    }

    /// A network that has learnt something: 30 SGD steps on 60 random sparse examples. (The shipped
    /// trained network is a resource of the debugger; its full check is in `GradientCheckCommandTests`.)
    static func trainedNetwork() throws -> Network {
        var network = Network.untrainedMNIST
        let data = (0..<60).map { example(seed: 100 + UInt64($0), label: $0 % 10) }
        try network.train(on: data, options: TrainingOptions(epochs: 15, batchSize: 30, learningRate: 3.0, seed: 4))
        return network
    }

    @Test func everyParameterOfATrainedMNISTNetworkPasses() throws {
        let network = try Self.trainedNetwork()
        #expect(network != Network.untrainedMNIST)
        let examples = [Self.example(seed: 100, label: 0), Self.example(seed: 101, label: 1)]
        let check = try GradientCheck.run(network: network, examples: examples)
        #expect(check.summary.parameters == 13_002)
        #expect(check.summary.failed == 0)
        #expect(check.summary.normDifference < 1e-7)
        // Training shrinks some gradients so far that rounding in J(θ ± ε) is a large share of
        // them: they pass on the absolute tolerance with a relative error above rtol.
        #expect(check.summary.tinyGradients > 0)
    }

    @Test func theCheckUsesTheSameCostsAsFullForwardPasses() throws {
        // CostProbe re-evaluates only what follows the nudged parameter; its J(θ ± ε) must be the
        // very numbers a whole forward pass of the nudged network gives.
        let network = Network.untrainedMNIST
        let example = Self.example(seed: 9, label: 7)
        let sample = BackpropBugTests.mnistSample(network, example)
        let check = try GradientCheck.run(network: network, examples: [example], options: .init(parameters: sample))
        for row in check.rows.prefix(60) {
            var plus = network, minus = network
            plus.set(row.parameter, to: network.value(of: row.parameter) + 1e-4)
            minus.set(row.parameter, to: network.value(of: row.parameter) - 1e-4)
            #expect(row.costPlus == plus.meanCost([example]))
            #expect(row.costMinus == minus.meanCost([example]))
        }
    }

    @Test func aParameterOutsideTheNetworkIsRefusedWithItsName() {
        #expect(throws: NetworkError.noSuchParameter(path: "weights[5][0][0]", sizes: [2, 2, 2, 1])) {
            try GradientCheck.run(network: .small, examples: [Network.smallExample],
                                  options: .init(parameters: [.weight(layer: 5, j: 0, k: 0)]))
        }
    }
}
