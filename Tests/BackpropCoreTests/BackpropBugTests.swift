import Testing
@testable import BackpropCore

/// Planted bugs change the debugger's analytic pass exactly as an independent implementation of
/// the same mistake does, and the gradient check catches every one of them.
struct BackpropBugTests {
    /// ∂C/∂w and ∂C/∂b of `small` on its example with each bug, from an independent NumPy backward
    /// pass written with the same mistake (an excerpt of the script):
    ///     d[L] = a[L] − y            # output-sign: y − a[L]
    ///     s = W[l].T @ d[l+1]        # transposed-weights (square W only): W[l] @ d[l+1]
    ///     d[l] = s * a[l]*(1 − a[l]) # missing-derivative: d[l] = s
    ///     gb = d[l]                  # no-bias-gradient: zeros
    ///     gw = outer(d[l], a[l−1])   # wrong-layer-delta: d[l+1] if sizes match; wrong-layer-activation: a[l] if sizes match
    static let numpy: [BackpropBug?: (w: [[[Double]]], b: [[Double]])] = [
        nil: ([[[9.240049247948736e-05, 0.00018480098495897473], [-0.0007341272756439107, -0.0014682545512878214]],
               [[-0.03506087009589972, -0.03527447187090593], [0.03713585371804513, 0.03736209694158319]],
               [[-0.33955499650757204, -0.28849598928219566]]],
              [[0.0018480098495897471, -0.014682545512878214], [-0.0590976630578767, 0.0625951998450913], [-0.45191746365037755]]),
        .missingDerivative: ([[[0.00045191746365037675, 0.0009038349273007535], [-0.014574338202724677, -0.029148676405449353]],
                              [[-0.1876763490650717, -0.18881973202098054], [0.16086544205577574, 0.1618454845894119]],
                              [[-0.33955499650757204, -0.28849598928219566]]],
                             [[0.009038349273007534, -0.29148676405449353], [-0.3163422245552643, 0.27115047819022653], [-0.45191746365037755]]),
        .outputSign: ([[[-9.240049247948736e-05, -0.00018480098495897473], [0.0007341272756439107, 0.0014682545512878214]],
                       [[0.03506087009589972, 0.03527447187090593], [-0.03713585371804513, -0.03736209694158319]],
                       [[0.33955499650757204, 0.28849598928219566]]],
                      [[-0.0018480098495897471, 0.014682545512878214], [0.0590976630578767, -0.0625951998450913], [0.45191746365037755]]),
        .noBiasGradient: ([[[9.240049247948736e-05, 0.00018480098495897473], [-0.0007341272756439107, -0.0014682545512878214]],
                           [[-0.03506087009589972, -0.03527447187090593], [0.03713585371804513, 0.03736209694158319]],
                           [[-0.33955499650757204, -0.28849598928219566]]],
                          [[0, 0], [0, 0], [0]]),
        .transposedWeights: ([[[5.463982728987024e-05, 0.00010927965457974048], [-0.0007696765022934071, -0.0015393530045868143]],
                              [[-0.03506087009589972, -0.03527447187090593], [0.03713585371804513, 0.03736209694158319]],
                              [[-0.33955499650757204, -0.28849598928219566]]],
                             [[0.0010927965457974047, -0.015393530045868142], [-0.0590976630578767, 0.0625951998450913], [-0.45191746365037755]]),
        .wrongLayerDelta: ([[[-0.002954883152893835, -0.00590976630578767], [0.0031297599922545656, 0.006259519984509131]],
                            [[-0.03506087009589972, -0.03527447187090593], [0.03713585371804513, 0.03736209694158319]],
                            [[-0.33955499650757204, -0.28849598928219566]]],
                           [[0.0018480098495897471, -0.014682545512878214], [-0.0590976630578767, 0.0625951998450913], [-0.45191746365037755]]),
        .wrongLayerActivation: ([[[0.0010963687888801135, 0.0011030482100903018], [-0.008710713660538676, -0.008763782049725045]],
                                 [[-0.044403919713860845, -0.037726886300057154], [0.04703184668524813, 0.03995965094545925]],
                                 [[-0.33955499650757204, -0.28849598928219566]]],
                                [[0.0018480098495897471, -0.014682545512878214], [-0.0590976630578767, 0.0625951998450913], [-0.45191746365037755]]),
    ]

    /// The bugs that show in one example's pass (the batch bugs need two or more: `LikelyMistakeTests`).
    static let perExample = BackpropBug.allCases.filter { !$0.changesReduction }
    static let cases: [BackpropBug?] = [nil] + perExample

    @Test(arguments: cases)
    func eachBugGivesTheGradientsOfAnIndependentImplementation(bug: BackpropBug?) throws {
        let expected = try #require(Self.numpy[bug])
        let g = try Network.small.trace(Network.smallExample, bug: bug).gradient
        for l in 0..<3 {
            for (j, row) in expected.w[l].enumerated() {
                for (k, w) in row.enumerated() {
                    #expect(abs(g.weights[l][j, k] - w) <= 1e-15 + 1e-12 * abs(w), "\(bug?.rawValue ?? "none") weights[\(l)][\(j)][\(k)]")
                }
            }
            for (j, b) in expected.b[l].enumerated() {
                #expect(abs(g.biases[l][j] - b) <= 1e-15 + 1e-12 * abs(b), "\(bug?.rawValue ?? "none") biases[\(l)][\(j)]")
            }
        }
    }

    @Test(arguments: perExample)
    func everyBugIsFlaggedOnTheSmallNetworkExactlyWhereItBreaksTheGradient(bug: BackpropBug) throws {
        let check = try GradientCheck.run(network: .small, examples: [Network.smallExample], bug: bug)
        let correct = try Network.small.trace(Network.smallExample).gradient
        let buggy = try Network.small.trace(Network.smallExample, bug: bug).gradient
        #expect(!check.summary.passed)
        #expect(check.summary.failed > 0)
        #expect(check.summary.bug == bug)
        #expect(check.summary.parameters == 15)
        for row in check.rows {
            let broken = abs(buggy[row.parameter] - correct[row.parameter]) > 1e-9
            #expect(row.passed == !broken, "\(bug) \(row.parameter)")
        }
    }

    @Test func withNoBugTheCheckPassesAndRecordsNoBug() throws {
        let check = try GradientCheck.run(network: .small, examples: [Network.smallExample], bug: nil)
        #expect(check.summary.passed && check.summary.bug == nil)
    }

    /// The MNIST network (784-16-16-10, sum-of-squares), on a sparse input like a digit's.
    static func mnistCase() -> (Network, Example) {
        var rng = SeededGenerator(seed: 21)
        let input = (0..<784).map { _ in rng.nextUniform() < 0.8 ? 0 : rng.nextUniform() }
        return (Network.untrainedMNIST, Example(input: input, target: Example.oneHot(3, classes: 10)))
    }

    /// A seeded sample that includes every kind of parameter a bug can break: in each weight layer,
    /// weights (from non-zero inputs in layer 0, where a·δ is not 0) and every bias.
    static func mnistSample(_ network: Network, _ example: Example) -> [Parameter] {
        var rng = SeededGenerator(seed: 5)
        var sample: [Parameter] = []
        for l in 0..<(network.sizes.count - 1) {
            let columns = (0..<network.sizes[l]).filter { l > 0 || example.input[$0] != 0 }
            for _ in 0..<40 {
                sample.append(.weight(layer: l, j: rng.nextInt(below: network.sizes[l + 1]), k: columns[rng.nextInt(below: columns.count)]))
            }
            for j in 0..<network.sizes[l + 1] { sample.append(.bias(layer: l, j: j)) }
        }
        return sample
    }

    @Test(arguments: perExample)
    func everyBugIsFlaggedOnTheMNISTNetwork(bug: BackpropBug) throws {
        let (network, example) = Self.mnistCase()
        #expect(bug.applies(to: network))
        let sample = Self.mnistSample(network, example)
        let check = try GradientCheck.run(network: network, examples: [example], options: .init(parameters: sample), bug: bug)
        let correct = try network.trace(example).gradient
        let buggy = try network.trace(example, bug: bug).gradient
        #expect(!check.summary.passed)
        #expect(check.summary.normDifference > 1e-3, "\(bug)")
        for row in check.rows {
            let change = abs(buggy[row.parameter] - correct[row.parameter])
            if !row.passed { #expect(change > 0, "\(bug) flags only parameters it changed: \(row.parameter)") }
            if change > 1e-6 { #expect(!row.passed, "\(bug) \(row.parameter) changed by \(change) yet passed") }
        }
        if bug == .noBiasGradient {
            #expect(check.rows.filter { !$0.passed }.allSatisfy { if case .bias = $0.parameter { true } else { false } })
        }
    }

    @Test(arguments: perExample)
    func onRandomShapesTheCheckFlagsExactlyTheParametersABugChanges(bug: BackpropBug) throws {
        var flagged = 0
        for pair in Pairings.all {
            for seed: UInt64 in 1...4 {
                let (network, examples) = try GradientCheckTests.randomCase(seed: seed, activation: pair.0, cost: pair.1)
                let check = try GradientCheck.run(network: network, examples: examples, bug: bug)
                let correct = try network.batch(examples).gradient
                let buggy = try network.batch(examples, bug: bug).gradient
                for row in check.rows {
                    let change = abs(buggy[row.parameter] - correct[row.parameter])
                    if !row.passed { #expect(change > 0, "\(bug) \(network.sizes) \(row.parameter)") }
                    if change > 1e-6 { #expect(!row.passed, "\(bug) \(network.sizes) \(row.parameter) changed by \(change)") }
                }
                if !check.summary.passed { flagged += 1 }
            }
        }
        #expect(flagged > 0, "\(bug) changes some of the random networks")
    }

    @Test func shapeBoundBugsChangeNothingWhereNoShapeAllowsThem() throws {
        // 3-4-2: no square matrix, no two neighbouring layers of one size.
        let network = try Network.random(sizes: [3, 4, 2], activation: .sigmoid, cost: .quadratic, seed: 3)
        let example = Example(input: [0.2, -0.4, 0.9], target: [1, 0])
        let correct = try network.trace(example).gradient
        for bug in [BackpropBug.transposedWeights, .wrongLayerDelta, .wrongLayerActivation] {
            #expect(!bug.applies(to: network))
            #expect(try network.trace(example, bug: bug).gradient == correct)
        }
        for bug in [BackpropBug.missingDerivative, .outputSign, .noBiasGradient] {
            #expect(bug.applies(to: network))
            #expect(try network.trace(example, bug: bug).gradient != correct)
        }
    }

    @Test func missingDerivativeLeavesCrossEntropysOutputDeltaAlone() {
        // a − y has no σ′ to forget; sum-of-squares' 2(a − y)·σ′ has.
        #expect(!BackpropBug.missingDerivative.changesDeltas(layer: 3, in: .small))
        #expect(BackpropBug.missingDerivative.changesDeltas(layer: 2, in: .small))
        #expect(BackpropBug.missingDerivative.changesDeltas(layer: 3, in: .untrainedMNIST))
    }

    @Test func aBuggyStepperStepsBackExactlyAndEndsAtTheBuggyTrace() throws {
        for bug in Self.perExample {
            let start = try Stepper(network: .small, example: Network.smallExample, bug: bug)
            var stepper = start
            stepper.run()
            #expect(stepper.trace == (try Network.small.trace(Network.smallExample, bug: bug)))
            while stepper.back() != nil {}
            #expect(stepper == start)
        }
    }

    @Test func theForwardPassNeverSeesABug() throws {
        let (network, example) = Self.mnistCase()
        let correct = network.backprop(example)
        for bug in Self.perExample {
            let buggy = try network.trace(example, bug: bug)
            #expect(buggy.a == correct.a && buggy.z == correct.z && buggy.cost == correct.cost)
        }
    }
}
