import Testing
@testable import BackpropCore

struct BatchAndTrainingTests {
    static let xor: [Example] = [
        Example(input: [0, 0], target: [0]), Example(input: [0, 1], target: [1]),
        Example(input: [1, 0], target: [1]), Example(input: [1, 1], target: [0]),
    ]

    @Test func batchAveragesEachExamplesOwnGradient() throws {
        let examples = [Network.smallExample, Example(input: [0.9, -0.3], target: [0])]
        let batch = try Network.small.batch(examples)
        #expect(batch.traces.count == 2)
        let g0 = batch.traces[0].gradient, g1 = batch.traces[1].gradient
        #expect(batch.gradient.weights[2][0, 1] == (g0.weights[2][0, 1] + g1.weights[2][0, 1]) / 2)
        #expect(batch.cost == (batch.traces[0].cost + batch.traces[1].cost) / 2)
    }

    @Test func seededTrainingLowersTheCostAndRepeatsExactly() throws {
        func run() throws -> (Network, TrainingHistory) {
            var network = try Network.random(sizes: [2, 4, 1], cost: .crossEntropy, seed: 11)
            let history = try network.train(on: Self.xor, options: .init(epochs: 400, batchSize: 2, learningRate: 2, seed: 5))
            return (network, history)
        }
        let before = try Network.random(sizes: [2, 4, 1], cost: .crossEntropy, seed: 11).meanCost(Self.xor)
        let (trained, history) = try run()
        #expect(trained.meanCost(Self.xor) < before / 4)
        #expect(history.epochs.count == 400)
        #expect(history.batchCosts.count == 800)
        let (again, historyAgain) = try run()
        #expect(again == trained)
        #expect(historyAgain == history)
        // XOR learned: every output on the right side of ½.
        for e in Self.xor { #expect((trained.output(for: e.input)[0] > 0.5) == (e.target[0] == 1)) }
    }

    @Test func regularizationShrinksWeights() throws {
        var plain = try Network.random(sizes: [2, 4, 1], seed: 11)
        var decayed = plain
        try plain.train(on: Self.xor, options: .init(epochs: 50, batchSize: 4, learningRate: 0.5, seed: 1))
        try decayed.train(on: Self.xor, options: .init(epochs: 50, batchSize: 4, learningRate: 0.5, regularization: 1, seed: 1))
        func size(_ n: Network) -> Double { n.weights.flatMap(\.storage).reduce(0) { $0 + $1 * $1 } }
        #expect(size(decayed) < size(plain))
    }

    @Test func divergingRunStopsAndKeepsLastFiniteNetwork() throws {
        // One ReLU neuron, z = 1·x: with x = 1e150 the cost ½z² = 5e299 is finite, but the update
        // w − η·(a − y)·x = 1 − 1e10·1e300 overflows to −∞.
        let start = try Network(sizes: [1, 1], weights: [[[1]]], biases: [[0]], activation: .relu, cost: .quadratic)
        var network = start
        let huge = [Example(input: [1e150], target: [0])]
        #expect {
            try network.train(on: huge, options: .init(epochs: 5, batchSize: 1, learningRate: 1e10))
        } throws: { error in
            guard case let .diverged(epoch, batch, _) = error as? TrainingError else { return false }
            return epoch == 1 && batch == 1
        }
        #expect(network == start)
        // With x = 1e200 the cost itself is already infinite.
        #expect {
            try network.train(on: [Example(input: [1e200], target: [0])], options: .init(learningRate: 1))
        } throws: { ($0 as? TrainingError)?.description.hasPrefix("training diverged at epoch 1, mini-batch 1") == true }
    }

    @Test func invalidOptionsAreRefusedByName() throws {
        var network = Network.small
        #expect(throws: TrainingError.invalidOption(name: "batch size", value: "0", expected: "at least 1")) {
            try network.train(on: Self.xor, options: .init(batchSize: 0))
        }
        #expect(throws: TrainingError.invalidOption(name: "learning rate", value: "-1.0", expected: "a positive number")) {
            try network.train(on: Self.xor, options: .init(learningRate: -1))
        }
    }

    @Test func trainingOnlyOneLayerLeavesTheOthersExactlyAsTheyWere() throws {
        // One step on the whole set: the trained layer moves exactly as it does when every layer
        // learns (its gradient is taken before any update), the frozen ones not at all.
        let start = try Network.random(sizes: [2, 4, 3, 1], cost: .crossEntropy, seed: 11)
        var all = start, onlyLast = start
        try all.train(on: Self.xor, options: .init(epochs: 1, batchSize: 4, learningRate: 0.5))
        try onlyLast.train(on: Self.xor, options: .init(epochs: 1, batchSize: 4, learningRate: 0.5, trainedLayers: [2]))
        #expect(onlyLast.weights[0] == start.weights[0] && onlyLast.biases[0] == start.biases[0])
        #expect(onlyLast.weights[1] == start.weights[1] && onlyLast.biases[1] == start.biases[1])
        #expect(onlyLast.weights[2] == all.weights[2] && onlyLast.biases[2] == all.biases[2])
        #expect(onlyLast.weights[2] != start.weights[2])
        var network = start
        #expect(throws: TrainingError.invalidOption(name: "trained layers", value: "[3]", expected: "weight layers from 0 to 2, at least one")) {
            try network.train(on: Self.xor, options: .init(trainedLayers: [3]))
        }
    }

    @Test func progressCallbackCanStopTraining() throws {
        var network = try Network.random(sizes: [2, 4, 1], seed: 11)
        var calls = 0
        let history = try network.train(on: Self.xor, options: .init(epochs: 10, batchSize: 1), onBatch: { _ in
            calls += 1
            return calls < 3
        })
        #expect(history.stoppedEarly)
        #expect(history.batchCosts.count == 3)
    }

    @Test func evaluationCountsCorrectGuessesAndConfusion() throws {
        let images = ImageSet(pixels: [0, 255, 255, 0], labels: [0, 1], rows: 1, columns: 2, classes: 2)
        let network = try Network(sizes: [2, 2], weights: [[[-5, 5], [5, -5]]], biases: [[0, 0]])
        let e = network.evaluate(images)
        #expect(e.correct == 2 && e.count == 2 && e.accuracy == 1)
        #expect(e.confusion == [[1, 0], [0, 1]])
    }
}
