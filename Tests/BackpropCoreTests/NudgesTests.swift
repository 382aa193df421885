import Testing
@testable import BackpropCore

/// 3Blue1Brown's nudges on the small network, checked against NumPy (float64) from the values in
/// `SmallNetworkTests`: δ(3)0 = −0.45191746365037755, w(3) = [0.7, −0.6],
/// a(2) = [0.7513650695523157, 0.6383820331966378]:
///   −(w(3)ᵀ δ(3))      = [0.3163422245552643, −0.27115047819022653]   (summed desires for a(2))
///   −a(2)·δ(3)0        = [0.33955499650757204, 0.28849598928219566]   (weight nudges)
struct NudgesTests {
    let trace: Trace
    init() throws { trace = try Network.small.trace(Network.smallExample) }

    @Test func outputLayerNudgesMatchNumPy() {
        let n = Network.small.nudges(trace, layer: 3, neuron: 0)
        #expect(n.targets == [1])
        #expect(n.biasNudge == 0.45191746365037755)
        #expect(n.weightNudges == [0.33955499650757204, 0.28849598928219566])
        #expect(n.previousActivationNudges == [0.7 * 0.45191746365037755, -0.6 * 0.45191746365037755])
        #expect(n.summedPreviousActivationNudges == [0.3163422245552643, -0.27115047819022653])
    }

    @Test func summedDesiresAreBackpropsNegativeGradientAndDelta() throws {
        let n = Network.small.nudges(trace, layer: 3, neuron: 0)
        let bp = try #require(n.backprop)
        #expect(bp.desiredActivationChanges == trace.activationGradient[2].map { -$0 })
        for k in 0..<2 {
            #expect(abs(n.summedPreviousActivationNudges[k] - bp.desiredActivationChanges[k]) <= 1e-15)
            #expect(abs(n.summedPreviousActivationNudges[k] * bp.activationSlopes[k] + trace.delta[2][k]) <= 1e-15)
        }
        // δ(2) from SmallNetworkTests: −0.0590976630578767, 0.0625951998450913.
        #expect(abs(bp.desiredWeightedInputChanges[0] - 0.0590976630578767) <= 1e-15)
        #expect(abs(bp.desiredWeightedInputChanges[1] + 0.0625951998450913) <= 1e-15)
    }

    @Test func theFirstHiddenLayerHasNoBackpropBelowIt() {
        let n = Network.small.nudges(trace, layer: 1, neuron: 1)
        #expect(n.backprop == nil)
        #expect(n.targets == nil)
        #expect(n.weightNudges == [0.05, 0.10].map { $0 * -trace.delta[1][1] })
    }

    @Test func averageNudgeIsTheNegativeMeanGradient() throws {
        let network = try Network.random(sizes: [5, 4, 3], seed: 9)
        var random = SeededGenerator(seed: 10)
        let examples = (0..<7).map { _ in
            Example(input: (0..<5).map { _ in random.nextUniform() }, target: Example.oneHot(random.nextInt(below: 3), classes: 3))
        }
        let average = try #require(try network.averageNudges(over: examples, indices: Array(0..<7), layer: 2, neuron: 1))
        let mean = try network.batch(examples).gradient
        let expected = [-mean.biases[1][1]] + mean.weights[1].row(1).map { -$0 }
        #expect(average.perExample.count == 3)
        #expect(average.parameterCount == 4 * 5 + 4 + 3 * 4 + 3)
        for i in expected.indices {
            #expect(abs(average.average[i] - expected[i]) <= 1e-15)
            #expect(abs(average.negativeMeanGradient[i] - expected[i]) <= 1e-15)
        }
        #expect(average.largestDifference <= 1e-15)
    }

    @Test func averagingStopsWhenAsked() throws {
        let examples = [Network.smallExample, Network.smallExample]
        #expect(try Network.small.averageNudges(over: examples, indices: [0, 1], layer: 3, neuron: 0) { _ in false } == nil)
    }

    @Test func trainingRecordSurvivesTheNetworkFile() throws {
        let record = TrainingRecord(data: "MNIST training set", trainingCount: 60_000, initialization: .scaledNormal,
                                    initializationSeed: 2017, cost: .crossEntropy,
                                    options: TrainingOptions(epochs: 60, batchSize: 10, learningRate: 0.3, regularization: 3,
                                                             learningRateDecay: 0.97, seed: 2017),
                                    testCorrect: 9606, testCount: 10_000, sampleCorrect: 961, sampleCount: 1000, command: "make it")
        let bytes = NetworkFile.encode(Network.small, record: record)
        #expect(try NetworkFile.decode(bytes, source: "f") == Network.small)
        let json = try JSON.parse(bytes, limit: 1 << 20)
        #expect(json["training"].flatMap(TrainingRecord.init(json:)) == record)
        #expect(TrainingRecord(json: .object([(key: "data", value: .string("x"))])) == nil)
    }
}
