import Testing
@testable import BackpropCore

/// The mini-batch path (layer 1 input by input over blocks of examples) must add exactly the
/// numbers the one-example path adds: same sums, same touched inputs, same costs, bit for bit.
struct FirstLayerBlockTests {
    /// The one-example path over `indices`: the reference.
    static func exampleByExample(_ packed: PackedNetwork, _ set: ImageSet, _ indices: ArraySlice<Int>,
                                 into work: inout Workspace) -> Double {
        var cost = 0.0
        for i in indices {
            work.load(set, at: i)
            cost += work.accumulate(packed)
        }
        return cost
    }

    @Test(arguments: 0..<7)
    func blockPathAddsTheSameSumsAsOneExampleAtATime(pair: Int) throws {
        let (activation, cost) = LeanPathExactnessTests.pairs[pair]
        for sizes in [[35, 17, 9, 3], [35, 16, 16, 10], [35, 8, 1], [35, 3]] {
            let network = try Network.random(sizes: sizes, activation: activation, cost: cost, seed: 71)
            let packed = PackedNetwork(network)
            let set = LeanPathExactnessTests.images(count: 130, pixels: 35, classes: sizes[sizes.count - 1], seed: 72)
            var order = Array(0..<set.count)
            var rng = SeededGenerator(seed: 73)
            rng.shuffle(&order)
            // Mini-batches of 1, 3, 10 and 100 examples (the last one of each run partial), in blocks
            // of 4 (so a mini-batch spans several blocks) and of the size the trainer uses.
            for batchSize in [1, 3, 10, 100] {
                for capacity in [4, nil] {
                    var plain = Workspace(sizes: sizes), blocked = Workspace(sizes: sizes)
                    var block = FirstLayerBlock(sizes: sizes, capacity: capacity)
                    for first in stride(from: 0, to: set.count, by: batchSize) {
                        let batch = order[first..<min(first + batchSize, set.count)]
                        let expected = Self.exampleByExample(packed, set, batch, into: &plain)
                        let found = blocked.accumulate(packed, examples: set, at: batch, block: &block)
                        #expect(found == expected, "\(sizes) batch \(batchSize) cost")
                        #expect(blocked.weightSums == plain.weightSums, "\(sizes) batch \(batchSize) weights")
                        #expect(blocked.biasSums == plain.biasSums, "\(sizes) batch \(batchSize) biases")
                        #expect(blocked.touched == plain.touched, "\(sizes) batch \(batchSize) touched")
                        // The last example's values of layers 1 and up are left in both workspaces.
                        for l in 1..<sizes.count {
                            #expect(blocked.z(layer: l) == plain.z(layer: l) && blocked.a(layer: l) == plain.a(layer: l))
                            #expect(blocked.delta(layer: l) == plain.delta(layer: l))
                        }
                        if first % (3 * batchSize) == 0 {
                            plain.clear()
                            blocked.clear()
                        }
                    }
                }
            }
        }
    }

    @Test func inputsListedByInputKeepTheExamplesInOrder() throws {
        // Three examples of 4 inputs: x₀ = (0, 1, 0, 2), x₁ = (3, 0, 0, 4), x₂ = (0, 5, 0, 6).
        let examples = [[0.0, 1, 0, 2], [3, 0, 0, 4], [0, 5, 0, 6]].map { Example(input: $0, target: [0]) }
        var work = Workspace(sizes: [4, 2, 1])
        var block = FirstLayerBlock(sizes: [4, 2, 1])
        let network = PackedNetwork(try Network.random(sizes: [4, 2, 1], seed: 1))
        _ = work.accumulate(network, examples: examples, at: [0, 1, 2][...], block: &block)
        #expect(Array(block.inputStart) == [0, 1, 3, 3, 6])
        #expect(Array(block.example[0..<6]) == [1, 0, 2, 0, 1, 2])
        #expect(Array(block.value[0..<6]) == [3, 1, 5, 2, 4, 6])
        #expect(work.touched[0..<4] == [true, true, false, true])
    }
}
