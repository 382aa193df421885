@testable import BackpropCore

/// Every pairing of a hidden-layer activation and a cost the engine accepts. The output layer takes
/// the cost's own activation where it needs one (sigmoid for cross-entropy, softmax for
/// log-likelihood), else the hidden one: 3 hidden activations × 4 costs.
enum Pairings {
    static let all: [(hidden: Activation, cost: Cost)] = Cost.allCases.flatMap { c in
        [Activation.sigmoid, .tanh, .relu].map { g in (g, c) }
    }

    /// One activation per weight layer for `layers` weight layers.
    static func activations(layers: Int, hidden: Activation, cost: Cost) -> [Activation] {
        Array(repeating: hidden, count: layers - 1) + [cost.requiredOutputActivation ?? hidden]
    }

    /// A seeded random network of these sizes with the pairing's activations.
    static func network(sizes: [Int], hidden: Activation, cost: Cost, seed: UInt64) throws -> Network {
        try Network.random(sizes: sizes, activations: activations(layers: sizes.count - 1, hidden: hidden, cost: cost),
                           cost: cost, seed: seed)
    }

    /// A target of `classes` values a cost accepts: one-hot for log-likelihood, else in [0, 1).
    static func target(classes: Int, cost: Cost, rng: inout SeededGenerator) -> [Double] {
        if cost == .logLikelihood { return Example.oneHot(rng.nextInt(below: classes), classes: classes) }
        return (0..<classes).map { _ in rng.nextUniform() }
    }
}
