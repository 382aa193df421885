import Testing
@testable import BackpropCore

/// Everything fast or special is checked against the plain pass, `Network.backprop`, bit for bit:
/// the stepper, the lean path (PackedNetwork, Workspace, LeanKernels and the sparse image fill), the
/// gradient check's CostProbe, and each planted bug outside the one piece it replaces. (The plain
/// pass itself is checked against hand values and NumPy in `SmallNetworkTests`.)
///
/// The shapes have layers of 17, 16, 9, 8, 3 and 1 neurons, so every vector width of the kernels
/// (16, 8 and the scalar tail) is used, and images of 35 pixels, so the sparse fill's 8-byte steps
/// leave a tail.
struct ReferencePassTests {
    static let shapes = [[35, 17, 9, 3], [35, 16, 16, 10], [35, 8, 1], [5, 4, 3, 2], [30, 8, 6, 4]]

    /// Examples for `sizes`: dense inputs with negative values, inputs about 70 % exactly 0 (the
    /// lean path skips those terms), and for 35 inputs images read through the sparse fill.
    static func exampleSets(sizes: [Int], cost: Cost, seed: UInt64) -> [(name: String, examples: [Example], images: ImageSet?)] {
        var rng = SeededGenerator(seed: seed)
        let n = sizes[0], classes = sizes[sizes.count - 1]
        let dense = (0..<6).map { _ in
            Example(input: (0..<n).map { _ in rng.nextNormal() }, target: Pairings.target(classes: classes, cost: cost, rng: &rng))
        }
        let sparse = (0..<5).map { _ in
            Example(input: (0..<n).map { _ in rng.nextUniform() < 0.7 ? 0 : rng.nextUniform() },
                    target: Example.oneHot(rng.nextInt(below: classes), classes: classes))
        }
        var sets = [("dense", dense, nil as ImageSet?), ("sparse", sparse, nil)]
        if n == 35 {
            let images = LeanPathExactnessTests.images(count: 6, pixels: 35, classes: classes, seed: seed &+ 1)
            sets.append(("images", (0..<6).map { images.example(at: $0, inputSize: 35, targetSize: classes) }, images))
        }
        return sets
    }

    @Test(arguments: Pairings.all.indices)
    func steppingToTheEndGivesThePlainPass(pair: Int) throws {
        let (activation, cost) = Pairings.all[pair]
        for sizes in Self.shapes {
            let network = try Pairings.network(sizes: sizes, hidden: activation, cost: cost, seed: 11)
            for set in Self.exampleSets(sizes: sizes, cost: cost, seed: 12) {
                for example in set.examples {
                    var stepper = try Stepper(network: network, example: example)
                    stepper.run()
                    #expect(stepper.trace == network.backprop(example), "\(activation) \(cost) \(sizes) \(set.name)")
                    #expect(network.cost(example) == stepper.trace.cost)
                    #expect(network.output(for: example.input) == stepper.trace.output)
                }
            }
        }
    }

    /// The one test of the lean path's values: every z, a and δ of every example, the gradient sums
    /// and the cost, as `Network.backprop` computes them; and the mean of the sums is the batch's.
    @Test(arguments: Pairings.all.indices)
    func leanPathComputesThePlainPass(pair: Int) throws {
        let (activation, cost) = Pairings.all[pair]
        for sizes in Self.shapes {
            let network = try Pairings.network(sizes: sizes, hidden: activation, cost: cost, seed: 21)
            let packed = PackedNetwork(network)
            for set in Self.exampleSets(sizes: sizes, cost: cost, seed: 22) {
                let label = "\(activation) \(cost) \(sizes) \(set.name)"
                var work = Workspace(sizes: sizes)
                var leanCost = 0.0, plainCost = 0.0
                var plainSum = Gradient(zeroFor: sizes)
                for (i, example) in set.examples.enumerated() {
                    if let images = set.images { work.load(images, at: i) } else { work.load(set.examples, at: i) }
                    leanCost += work.accumulate(packed)
                    let plain = network.backprop(example)
                    #expect(work.a(layer: 0) == example.input, "\(label)")
                    for l in 1..<sizes.count {
                        #expect(work.z(layer: l) == plain.z[l], "\(label) z layer \(l)")
                        #expect(work.a(layer: l) == plain.a[l], "\(label) a layer \(l)")
                        #expect(work.delta(layer: l) == plain.delta[l], "\(label) δ layer \(l)")
                    }
                    plainSum.add(plain.gradient)
                    plainCost += plain.cost
                }
                #expect(work.sum == plainSum, "\(label)")
                #expect(leanCost == plainCost, "\(label)")
                var mean = work.sum
                mean.divide(by: Double(set.examples.count))
                let batch = try network.batch(set.examples)
                #expect(mean == batch.gradient && leanCost / Double(set.examples.count) == batch.cost, "\(label)")
            }
        }
    }

    @Test func leanPathComputesThePlainPassOnTheMNISTNetwork() throws {
        let (network, example) = BackpropBugTests.mnistCase()
        var work = Workspace(sizes: network.sizes)
        work.load(input: example.input, target: example.target)
        let cost = work.accumulate(network)
        let plain = network.backprop(example)
        #expect(work.sum == plain.gradient && cost == plain.cost)
        for l in 1...3 { #expect(work.z(layer: l) == plain.z[l] && work.delta(layer: l) == plain.delta[l]) }
    }

    /// J(θ ± ε) of every parameter, and of random values of random parameters, is the plain pass's
    /// mean cost of the changed network.
    @Test(arguments: Pairings.all.indices)
    func costProbeGivesThePlainCostOfTheChangedNetwork(pair: Int) throws {
        let (activation, cost) = Pairings.all[pair]
        let network = try Pairings.network(sizes: [35, 17, 9, 3], hidden: activation, cost: cost, seed: 41)
        let images = LeanPathExactnessTests.images(count: 2, pixels: 35, classes: 3, seed: 42)
        let examples = (0..<2).map { images.example(at: $0, inputSize: 35, targetSize: 3) }
        let check = try GradientCheck.run(network: network, examples: examples)
        #expect(check.rows.count == network.parameterCount)
        #expect(check.summary.cost == network.meanCost(examples))
        var changed = network
        for row in check.rows {
            let theta = network.value(of: row.parameter)
            changed.set(row.parameter, to: theta + 1e-4)
            #expect(row.costPlus == changed.meanCost(examples), "\(row.parameter)")
            changed.set(row.parameter, to: theta - 1e-4)
            #expect(row.costMinus == changed.meanCost(examples), "\(row.parameter)")
            changed.set(row.parameter, to: theta)
        }
        let small = try Pairings.network(sizes: [30, 8, 6, 4], hidden: activation, cost: cost, seed: 12)
        let sparse = try #require(Self.exampleSets(sizes: [30, 8, 6, 4], cost: cost, seed: 13).first { $0.name == "sparse" }).examples
        var probe = CostProbe(network: small, examples: Array(sparse.prefix(3)))
        #expect(probe.baseCost == small.meanCost(Array(sparse.prefix(3))))
        var rng = SeededGenerator(seed: 14)
        let all = small.parameters
        for _ in 0..<200 {
            let p = all[rng.nextInt(below: all.count)]
            let value = small.value(of: p) + (rng.nextUniform() - 0.5) * 1e-3
            var moved = small
            moved.set(p, to: value)
            #expect(probe.cost(with: p, at: value) == moved.meanCost(Array(sparse.prefix(3))), "\(p)")
        }
    }

    /// A planted bug changes only its own piece and what is computed from it: the forward pass and
    /// the cost never; the δs of a layer only at or below the highest layer whose δ formula it
    /// changes; a layer's gradient only where its formula changes or its δ did.
    @Test(arguments: BackpropBugTests.perExample)
    func aPlantedBugChangesOnlyWhatFollowsItsPiece(bug: BackpropBug) throws {
        var changedSomewhere = false
        for pair in Pairings.all {
            for sizes in [[4, 4, 4, 2], [3, 5, 5, 5], [6, 3, 3], [2, 2, 2, 1], [5, 4, 3, 2]] {
                let network = try Pairings.network(sizes: sizes, hidden: pair.hidden, cost: pair.cost, seed: 7)
                let example = try #require(Self.exampleSets(sizes: sizes, cost: pair.cost, seed: 8).first).examples[0]
                let plain = network.backprop(example)
                let buggy = try network.trace(example, bug: bug)
                #expect(buggy.z == plain.z && buggy.a == plain.a && buggy.cost == plain.cost)
                let L = network.outputLayer
                let highest = (1...L).last { bug.changesDeltas(layer: $0, in: network) } ?? 0
                for l in 1...L where l > highest {
                    #expect(buggy.delta[l] == plain.delta[l] && buggy.activationGradient[l] == plain.activationGradient[l])
                }
                for l in 1...L where l > highest && !bug.changesGradients(layer: l, in: network) {
                    #expect(buggy.gradient.weights[l - 1] == plain.gradient.weights[l - 1], "\(bug) \(sizes) layer \(l)")
                    #expect(buggy.gradient.biases[l - 1] == plain.gradient.biases[l - 1], "\(bug) \(sizes) layer \(l)")
                }
                if !bug.applies(to: network) { #expect(buggy == plain, "\(bug) \(sizes)") }
                if buggy.gradient != plain.gradient { changedSomewhere = true }
            }
        }
        #expect(changedSomewhere)
    }
}
