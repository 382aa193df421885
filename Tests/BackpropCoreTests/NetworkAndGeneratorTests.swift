import Testing
import Foundation
@testable import BackpropCore

struct NetworkAndGeneratorTests {
    @Test(arguments: [
        ([3], "sizes has 1 layer; a network needs at least 2 (input and output)"),
        ([2, 0], "sizes[1] is 0; every layer needs at least 1 neuron"),
        ([2, 1_000_000_000], "sizes[1] is 1000000000 neurons; the limit is 100000 per layer"),
        ([100_000, 100_000], "the network would have 10000100000 weights and biases; the limit is 1000000"),
    ])
    func absurdSizesAreRefusedBeforeAllocating(sizes: [Int], message: String) {
        #expect {
            try Network.validate(sizes: sizes, activation: .sigmoid, cost: .quadratic)
        } throws: { ($0 as? NetworkError)?.description == message }
    }

    @Test func shapeErrorsNameTheLayerAndRow() {
        func message(_ body: () throws -> Network) -> String? {
            do { _ = try body(); return nil } catch { return (error as? NetworkError)?.description }
        }
        #expect(message { try Network(sizes: [2, 2], weights: [[[1, 2], [3]]], biases: [[0, 0]]) }
            == "weights[0] row 1 has 1 value, expected 2 (sizes[0]: one per neuron it comes from)")
        #expect(message { try Network(sizes: [2, 2], weights: [[[1, 2]]], biases: [[0, 0]]) }
            == "weights[0] has 1 row, expected 2 (sizes[1]: one per neuron it feeds)")
        #expect(message { try Network(sizes: [2, 1], weights: [[[1, 2]]], biases: [[0, 0]]) }
            == "biases[0] has 2 values, expected 1 (sizes[1]: one per neuron)")
        #expect(message { try Network(sizes: [2, 1], weights: [[[1, .nan]]], biases: [[0]]) }
            == "weights[0][0][1] is nan, not a finite number")
        #expect(message { try Network(sizes: [2, 1], weights: [[[1, 2]]], biases: [[0]], activation: .relu) }
            == "the cross-entropy cost needs outputs strictly between 0 and 1, so it works only with sigmoid, not relu")
        #expect(message { try Network(sizes: [2, 1], weights: [] as [[[Double]]], biases: [[0]]) }
            == "weights has 0 layers, expected 1 (one fewer than sizes)")
    }

    @Test func parametersAreIndexedInOneOrder() {
        let n = Network.small
        #expect(n.parameterCount == 15)  // (2·2 + 2) + (2·2 + 2) + (2·1 + 1)
        let all = n.parameters
        #expect(all.count == 15)
        for (i, p) in all.enumerated() { #expect(n.parameter(at: i) == p) }
        #expect(n.parameter(at: 15) == nil && n.parameter(at: -1) == nil)
        #expect(all[4] == .bias(layer: 0, j: 0))
        #expect(n.contains(.weight(layer: 2, j: 0, k: 1)) && !n.contains(.weight(layer: 2, j: 1, k: 0)))
    }

    @Test func generatorIsReproducibleAndUniform() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        var rng = SeededGenerator(seed: 1)
        let normals = (0..<20_000).map { _ in rng.nextNormal() }
        let mean = normals.reduce(0, +) / 20_000
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 20_000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.03)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[rng.nextInt(below: 3)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }

    @Test func generatorStreamIsPinned() {
        // xoshiro256** seeded by SplitMix64(0), computed by an independent Python transcription of
        // both algorithms: a change that would alter every seeded network is caught here.
        var rng = SeededGenerator(seed: 0)
        #expect((0..<3).map { _ in rng.next() } == [11091344671253066420, 13793997310169335082, 1900383378846508768])
    }

    @Test func portableLogMatchesSystemLog() {
        for x in [1e-300, 1e-5, 0.1, 0.5, 0.7071, 0.99999, 1, 2, 10, 1e300] {
            let expected = log(x)
            #expect(abs(portableLog(x) - expected) <= 4 * expected.ulp.magnitude + 1e-300, "\(x)")
        }
    }
}
