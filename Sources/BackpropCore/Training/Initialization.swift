/// How a new network's weights and biases are drawn (the two schemes of Nielsen's book).
public enum Initialization: String, CaseIterable, Sendable {
    /// Every weight and bias from N(0, 1) (Nielsen's `large_weight_initializer`).
    case standardNormal = "normal"
    /// Weights from N(0, 1)/√(fan-in), biases from N(0, 1) (Nielsen's `default_weight_initializer`):
    /// keeps z small so sigmoid neurons do not start saturated.
    case scaledNormal = "scaled"
}

extension Network {
    /// A new network with random parameters drawn from a seeded generator: the same seed and
    /// sizes give the same network on every platform.
    public static func random(sizes: [Int], activation: Activation = .sigmoid, cost: Cost = .crossEntropy,
                              initialization: Initialization = .scaledNormal,
                              seed: UInt64) throws(NetworkError) -> Network {
        try random(sizes: sizes, activations: Array(repeating: activation, count: max(0, sizes.count - 1)),
                   cost: cost, initialization: initialization, seed: seed)
    }

    /// The same, with an activation per weight layer; the numbers drawn depend only on the sizes
    /// and the seed, not on the activations.
    public static func random(sizes: [Int], activations: [Activation], cost: Cost,
                              initialization: Initialization = .scaledNormal,
                              seed: UInt64) throws(NetworkError) -> Network {
        try validate(sizes: sizes, activations: activations, cost: cost)
        var rng = SeededGenerator(seed: seed)
        var weights: [Matrix] = []
        var biases: [[Double]] = []
        for l in 0..<(sizes.count - 1) {
            let scale = initialization == .scaledNormal ? 1 / Double(sizes[l]).squareRoot() : 1
            var w = Matrix(rows: sizes[l + 1], columns: sizes[l])
            for i in w.storage.indices { w.storage[i] = rng.nextNormal() * scale }
            weights.append(w)
            biases.append((0..<sizes[l + 1]).map { _ in rng.nextNormal() })
        }
        return try Network(sizes: sizes, weights: weights, biases: biases, activations: activations, cost: cost)
    }
}
