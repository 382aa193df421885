import Testing
@testable import BackpropCore

/// Writing Michael Nielsen's network2.py layout: his keys in his order, biases as column vectors,
/// his cost class names; read back to the identical network; refused with the reason for what his
/// code cannot express.
struct NielsenFormatTests {
    @Test func smallIsWrittenInHisLayoutWithHisCostName() throws {
        let json = try NielsenFormat.json(Network.small)
        #expect(json.object?.map(\.key) == ["sizes", "weights", "biases", "cost"], "network2.py's save() writes these four")
        #expect(json["cost"]?.string == "CrossEntropyCost")
        #expect(json["sizes"] == .array([2, 2, 2, 1].map { .number($0) }))
        // Each bias a one-element list: his biases are n × 1 arrays. Weights one row per neuron of the next layer.
        #expect(json["biases"] == .array([
            .array([.array([.number(0.35)]), .array([.number(0.35)])]),
            .array([.array([.number(0.6)]), .array([.number(0.6)])]),
            .array([.array([.number(0.05)])]),
        ]))
        #expect(json["weights"]?[0] == .array([.array([.number(0.15), .number(0.2)]), .array([.number(0.25), .number(0.3)])]))
        #expect(try NielsenFormat.json(try Network.small.with(cost: .quadratic))["cost"]?.string == "QuadraticCost")
    }

    @Test(arguments: [Cost.quadratic, .crossEntropy])
    func whatIsWrittenReadsBackBitForBit(cost: Cost) throws {
        // Random weights with every bit significant, on a 4-5-3 network.
        var rng = SeededGenerator(seed: 20)
        let weights = [(5, 4), (3, 5)].map { rows, columns in
            (0..<rows).map { _ in (0..<columns).map { _ in Double.random(in: -3...3, using: &rng) } }
        }
        let biases = [5, 3].map { n in (0..<n).map { _ in Double.random(in: -1...1, using: &rng) } }
        let network = try Network(sizes: [4, 5, 3], weights: weights, biases: biases, activation: .sigmoid, cost: cost)
        let bytes = try NielsenFormat.encode(network)
        #expect(try NetworkFile.decode(bytes, source: "nielsen.json") == network)
        #expect(bytes.last == UInt8(ascii: "\n"))
    }

    @Test func networksHisCodeCannotExpressAreRefusedWithTheReason() throws {
        let tanh = try Network(sizes: [2, 1], weights: [[[1, 2]]], biases: [[0]], activation: .tanh, cost: .quadratic)
        #expect(throws: NielsenFormatError.activation(.tanh)) { try NielsenFormat.json(tanh) }
        #expect(NielsenFormatError.activation(.relu).description
                == "Nielsen's network2.py has only sigmoid neurons; this network has relu neurons, so his load() would compute something else")
        // One layer other than sigmoid is enough; softmax with log-likelihood (his network3.py's) is refused for its softmax.
        let mixed = try Network.small.with(activations: [.sigmoid, .relu, .sigmoid])
        #expect(throws: NielsenFormatError.activation(.relu)) { try NielsenFormat.json(mixed) }
        let softmax = try Network(sizes: [2, 2], weights: [[[1, 2], [3, 4]]], biases: [[0, 0]],
                                  activations: [.softmax], cost: .logLikelihood)
        #expect(throws: NielsenFormatError.activation(.softmax)) { try NielsenFormat.json(softmax) }
        #expect(NielsenFormatError.cost(.logLikelihood).description
                == "Nielsen's network2.py has only QuadraticCost and CrossEntropyCost; it has no log-likelihood cost")
        let squares = try Network.small.with(cost: .sumOfSquares)
        #expect(throws: NielsenFormatError.cost(.sumOfSquares)) { try NielsenFormat.json(squares) }
        #expect(NielsenFormatError.cost(.sumOfSquares).description
                == "Nielsen's network2.py has QuadraticCost, ½Σ(a − y)², and CrossEntropyCost; sum-of-squares Σ(a − y)² "
                + "is twice his QuadraticCost (`cost quadratic` switches, halving every gradient)")
    }

    @Test func theReaderKnowsTheSameCostNames() {
        #expect(NetworkFileReader.nielsenCosts.map(\.name) == NielsenFormat.costs.map(\.name))
    }
}
