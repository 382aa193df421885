import Testing
@testable import BackpropCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The confusion matrix of `compare`'s hints and `gradcheck`'s fingerprints: traces made with each
/// classic mistake by a second, deliberately plain implementation written here (nested arrays,
/// sigmoid, quadratic cost — none of the engine's code), compared on a 3-3-3-2 network where the
/// mistakes differ (its first two weight matrices are square, its first three layers one size).
/// Each trace must get its own hint and no other; a correct trace none.
struct LikelyMistakeTests {
    enum Mistake: CaseIterable {
        case none, missingDerivative, transposedWeights, wrongLayerDerivative, wrongLayerActivation, wrongLayerDelta,
             transposedGradient, outputSign, costHalf, noBiasGradient, sumForMean, biasesAveragedWeightsSummed,
             gradientsNotCleared
        var isBatch: Bool { [.sumForMean, .biasesAveragedWeightsSummed, .gradientsNotCleared].contains(self) }
    }

    static let w: [[[Double]]] = [
        [[0.2, -0.5, 0.3], [0.7, 0.1, -0.4], [-0.3, 0.6, 0.5]],
        [[0.4, -0.2, 0.8], [-0.6, 0.3, 0.1], [0.5, 0.9, -0.7]],
        [[0.3, -0.8, 0.6], [-0.4, 0.2, 0.7]],
    ]
    static let b: [[Double]] = [[0.1, -0.2, 0.05], [0.3, -0.1, 0.2], [-0.05, 0.15]]
    static let xs: [[Double]] = [[0.9, -0.4, 0.3], [-0.2, 0.8, 0.5], [0.6, 0.1, -0.7]]
    static let ys: [[Double]] = [[1, 0], [0, 1], [0.3, 0.8]]
    static let network = try! Network(sizes: [3, 3, 3, 2], weights: w, biases: b, activation: .sigmoid, cost: .quadratic)

    /// The plain implementation: one example's z, a, δ and gradient, with `mistake` made in it.
    static func plainPass(_ x: [Double], _ y: [Double], _ mistake: Mistake)
        -> (z: [[Double]], a: [[Double]], delta: [[Double]], gw: [[[Double]]], gb: [[Double]], cost: Double) {
        func sigma(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        var z: [[Double]] = [[]], a = [x]
        for l in 0..<3 {
            let zl = (0..<w[l].count).map { j in b[l][j] + (0..<a[l].count).reduce(0.0) { $0 + w[l][j][$1] * a[l][$1] } }
            z.append(zl)
            a.append(zl.map(sigma))
        }
        var cost = 0.0
        for j in 0..<2 { cost += 0.5 * (a[3][j] - y[j]) * (a[3][j] - y[j]) }
        var delta: [[Double]] = [[], [], [], []]
        delta[3] = (0..<2).map { j in
            let slope = a[3][j] * (1 - a[3][j])
            switch mistake {
            case .missingDerivative: return a[3][j] - y[j]
            case .outputSign: return (y[j] - a[3][j]) * slope
            case .costHalf: return 2 * (a[3][j] - y[j]) * slope
            default: return (a[3][j] - y[j]) * slope
            }
        }
        if mistake == .costHalf { cost *= 2 }
        for l in stride(from: 2, through: 1, by: -1) {
            delta[l] = (0..<3).map { k in
                let square = w[l].count == w[l][0].count
                let s = (0..<delta[l + 1].count).reduce(0.0) { acc, j in
                    acc + (mistake == .transposedWeights && square ? w[l][k][j] : w[l][j][k]) * delta[l + 1][j]
                }
                let zUsed = mistake == .wrongLayerDerivative && l == 1 ? z[2][k] : z[l][k]
                return mistake == .missingDerivative ? s : s * sigma(zUsed) * (1 - sigma(zUsed))
            }
        }
        var gw: [[[Double]]] = [], gb: [[Double]] = []
        for l in 0..<3 {
            let rows = w[l].count, columns = w[l][0].count
            gb.append(mistake == .noBiasGradient ? Array(repeating: 0, count: rows) : delta[l + 1])
            gw.append((0..<rows).map { j in (0..<columns).map { k in
                switch mistake {
                case .wrongLayerActivation where rows == columns: return a[l + 1][k] * delta[l + 1][j]
                case .wrongLayerDelta where l == 0: return a[l][k] * delta[l + 2][j]
                case .transposedGradient where rows == columns: return a[l][j] * delta[l + 1][k]
                default: return a[l][k] * delta[l + 1][j]
                }
            } })
        }
        return (z, a, delta, gw, gb, cost)
    }

    /// The values of a trace made by the plain implementation: one example, or the batch of three.
    static func reported(_ mistake: Mistake) -> ReportedValues {
        let m = mistake.isBatch ? 3 : 1
        let passes = (0..<m).map { plainPass(xs[$0], ys[$0], mistake) }
        func layers(_ p: (z: [[Double]], a: [[Double]], delta: [[Double]], gw: [[[Double]]], gb: [[Double]], cost: Double))
            -> [ReportedValues.Layer] {
            (0...3).map { l in ReportedValues.Layer(z: l == 0 ? nil : p.z[l], a: p.a[l], delta: l == 0 ? nil : p.delta[l]) }
        }
        var gw = passes[0].gw.map { $0.map { $0.map { _ in 0.0 } } }, gb = passes[0].gb.map { $0.map { _ in 0.0 } }
        var running = gw, runningB = gb, cost = 0.0
        for p in passes {
            for l in 0..<3 {
                for j in gb[l].indices {
                    runningB[l][j] += p.gb[l][j]
                    gb[l][j] += mistake == .gradientsNotCleared ? runningB[l][j] : p.gb[l][j]
                    for k in gw[l][j].indices {
                        running[l][j][k] += p.gw[l][j][k]
                        gw[l][j][k] += mistake == .gradientsNotCleared ? running[l][j][k] : p.gw[l][j][k]
                    }
                }
            }
            cost += p.cost
        }
        let divideWeights = mistake != .sumForMean && mistake != .biasesAveragedWeightsSummed
        let divideBiases = mistake != .sumForMean
        gw = gw.map { $0.map { $0.map { divideWeights ? $0 / Double(m) : $0 } } }
        gb = gb.map { $0.map { divideBiases ? $0 / Double(m) : $0 } }
        return ReportedValues(layers: m == 1 ? layers(passes[0]) : nil, batchLayers: m == 1 ? nil : passes.map(layers),
                              cost: mistake == .sumForMean ? cost : cost / Double(m),
                              weightGradients: gw, biasGradients: gb)
    }

    static let expected: [Mistake: [LikelyMistake]] = [
        .none: [],
        .missingDerivative: [.missingDerivative(layer: 3)],
        .transposedWeights: [.transposedWeights(layer: 1)],
        .wrongLayerDerivative: [.wrongLayerDerivative(layer: 1, used: 2)],
        .wrongLayerActivation: [.wrongLayerActivation(weightLayer: 1, used: 2)],
        .wrongLayerDelta: [.wrongLayerDelta(weightLayer: 0)],
        .transposedGradient: [.transposedGradient(weightLayer: 1)],
        .outputSign: [.outputSign],
        .costHalf: [.costHalf(factor: 2)],
        .noBiasGradient: [.noBiasGradient],
        .sumForMean: [.batchFactor(factor: 3)],
        .biasesAveragedWeightsSummed: [.biasesAveragedWeightsSummed],
        .gradientsNotCleared: [.gradientsNotCleared],
    ]

    @Test(arguments: Mistake.allCases)
    func eachMistakenTraceGetsItsOwnHintAndNoOther(mistake: Mistake) throws {
        let m = mistake.isBatch ? 3 : 1
        let batch = try Batch((0..<m).map { Example(input: Self.xs[$0], target: Self.ys[$0]) })
        let pass = try Self.network.batch(batch)
        let comparison = TraceComparison(network: Self.network, pass: pass, reported: Self.reported(mistake), tolerance: .init())
        #expect(comparison.likelyMistakes == Self.expected[mistake], "\(mistake)")
        #expect((comparison.first == nil) == (mistake == .none), "\(mistake)")
    }

    @Test func whenTwoMistakesGiveTheSameNumbersBothAreNamed() throws {
        // A batch of 2 summed where the mean was meant is 2 times ours, as the cost's ½ forgotten is.
        let batch = try Batch((0..<2).map { Example(input: Self.xs[$0], target: Self.ys[$0]) })
        let pass = try Self.network.batch(batch)
        let summed = try Self.network.batch(Batch(batch.examples, reduction: .sum))
        var values = ReportedValues(cost: summed.cost, weightGradients: summed.gradient.weights.map { $0.nested },
                                    biasGradients: summed.gradient.biases)
        values.batchLayers = nil
        let comparison = TraceComparison(network: Self.network, pass: pass, reported: values, tolerance: .init())
        #expect(comparison.likelyMistakes == [.costHalf(factor: 2), .batchFactor(factor: 2)])
    }

    // MARK: gradcheck's fingerprints

    static let patterns: [(bug: BackpropBug?, batch: Int, expected: [FailurePattern])] = [
        (nil, 1, []),
        (.outputSign, 1, [.signFlipped]),
        (.noBiasGradient, 1, [.onlyBiases]),
        (.missingDerivative, 1, [.layerAndBefore(layer: 3)]),
        (.transposedWeights, 1, [.layerAndBefore(layer: 1)]),
        (.wrongLayerActivation, 1, [.onlyWeights(layers: [1, 2])]),
        (.wrongLayerDelta, 1, [.onlyWeights(layers: [1])]),
        (.sumForMean, 3, [.onlyTheBatch, .constantRatio(1.0 / 3)]),
        (.gradientsNotCleared, 3, [.onlyTheBatch]),
    ]

    @Test(arguments: patterns.indices)
    func eachPlantedBugLeavesItsOwnFingerprint(index: Int) throws {
        let (bug, m, expected) = Self.patterns[index]
        let examples = (0..<m).map { Example(input: Self.xs[$0], target: Self.ys[$0]) }
        let check = try GradientCheck.run(network: Self.network, examples: examples, bug: bug)
        let failing = check.rows.filter { !$0.passed }.map(\.parameter)
        let verdicts = m > 1
            ? try GradientCheck.exampleVerdicts(network: Self.network, examples: examples, options: .init(), bug: bug, failing: failing)
            : nil
        var found = check.failurePatterns(exampleVerdicts: verdicts, network: Self.network)
        // The ratio is read off finite differences: compare it to 1/3 to their accuracy.
        if case let .constantRatio(r)? = found.last, abs(r - 1.0 / 3) < 1e-6 { found[found.count - 1] = .constantRatio(1.0 / 3) }
        #expect(found == expected, "\(bug?.rawValue ?? "none")")
    }

    @Test func onlyTheExampleWithADeadReLUFails() throws {
        // ReLU′ forgotten (missing-derivative) changes nothing where every hidden z is above 0:
        // examples 1 and 2 keep all three units on, example 3 switches two off.
        let network = try Network(sizes: [2, 3, 1], weights: [[[1, 0], [0, 1], [1, 1]], [[0.5, -0.4, 0.3]]],
                                  biases: [[0.1, 0.1, 0.1], [0.2]], activations: [.relu, .sigmoid], cost: .crossEntropy)
        let examples = [Example(input: [0.5, 0.4], target: [1]), Example(input: [0.2, 0.9], target: [0]),
                        Example(input: [-1, 0.5], target: [1])]
        let check = try GradientCheck.run(network: network, examples: examples, bug: .missingDerivative)
        let verdicts = try GradientCheck.exampleVerdicts(network: network, examples: examples, options: .init(),
                                                          bug: .missingDerivative, failing: check.rows.filter { !$0.passed }.map(\.parameter))
        #expect(verdicts == [true, true, false])
        #expect(check.failurePatterns(exampleVerdicts: verdicts, network: network) == [.onlyExample(2), .layerAndBefore(layer: 1)])
    }
}
