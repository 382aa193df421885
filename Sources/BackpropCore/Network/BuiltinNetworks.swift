/// The networks the debugger knows by name.
public enum BuiltinNetwork: String, CaseIterable, Sendable {
    /// Ng's 2-2-2-1 sigmoid network with hand-friendly weights and the logistic (cross-entropy) cost.
    case small
    /// 3Blue1Brown's 784-16-16-10 sigmoid network, seeded N(0,1)/√fan-in initialisation.
    case mnist

    /// The network itself.
    public var network: Network {
        switch self {
        case .small: Network.small
        case .mnist: Network.untrainedMNIST
        }
    }
}

extension Network {
    /// The 2-2-2-1 sigmoid network of Ng's lecture: 2 inputs, two hidden layers of 2, one output,
    /// cross-entropy cost. Weights have at most two decimals so every z can be followed by hand.
    public static let small: Network = {
        do {
            return try Network(
                sizes: [2, 2, 2, 1],
                weights: [
                    [[0.15, 0.20], [0.25, 0.30]],
                    [[0.40, 0.45], [0.50, -0.55]],
                    [[0.70, -0.60]],
                ],
                biases: [[0.35, 0.35], [0.60, 0.60], [0.05]],
                activation: .sigmoid, cost: .crossEntropy)
        } catch {
            preconditionFailure("the built-in network is well formed: \(error)")
        }
    }()

    /// The default example for `small`: x = (0.05, 0.10), y = 1.
    public static let smallExample = Example(input: [0.05, 0.10], target: [1])

    /// The seed of the built-in untrained MNIST network.
    public static let untrainedMNISTSeed: UInt64 = 2017

    /// 3Blue1Brown's 784-16-16-10 sigmoid network before any training (seeded, so the same every run),
    /// with 3Blue1Brown's sum-of-squares cost.
    public static let untrainedMNIST: Network = {
        do {
            return try Network.random(sizes: [784, 16, 16, 10], activation: .sigmoid, cost: .sumOfSquares,
                                      initialization: .scaledNormal, seed: untrainedMNISTSeed)
        } catch {
            preconditionFailure("the built-in network is well formed: \(error)")
        }
    }()
}
