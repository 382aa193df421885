/// ∂C/∂w for every weight and ∂C/∂b for every bias, shaped exactly like the network's parameters.
public struct Gradient: Equatable, Sendable {
    /// `weights[l][j, k]` = ∂C/∂w for the weight from neuron k of layer l to neuron j of layer l + 1.
    public var weights: [Matrix]
    /// `biases[l][j]` = ∂C/∂b for the bias of neuron j of layer l + 1.
    public var biases: [[Double]]

    /// All zeros, shaped for `sizes`.
    public init(zeroFor sizes: [Int]) {
        weights = (0..<(sizes.count - 1)).map { Matrix(rows: sizes[$0 + 1], columns: sizes[$0]) }
        biases = (0..<(sizes.count - 1)).map { Array(repeating: 0, count: sizes[$0 + 1]) }
    }

    public init(weights: [Matrix], biases: [[Double]]) {
        self.weights = weights
        self.biases = biases
    }

    /// The component for one parameter.
    public subscript(parameter: Parameter) -> Double {
        get {
            switch parameter {
            case let .weight(l, j, k): weights[l][j, k]
            case let .bias(l, j): biases[l][j]
            }
        }
        set {
            switch parameter {
            case let .weight(l, j, k): weights[l][j, k] = newValue
            case let .bias(l, j): biases[l][j] = newValue
            }
        }
    }

    /// Adds another gradient of the same shape, component by component.
    public mutating func add(_ other: Gradient) {
        for l in weights.indices {
            for i in weights[l].storage.indices { weights[l].storage[i] += other.weights[l].storage[i] }
            for j in biases[l].indices { biases[l][j] += other.biases[l][j] }
        }
    }

    /// Divides every component by `n` (to turn a sum over n examples into their average).
    public mutating func divide(by n: Double) {
        for l in weights.indices {
            for i in weights[l].storage.indices { weights[l].storage[i] /= n }
            for j in biases[l].indices { biases[l][j] /= n }
        }
    }

    /// Every component, in the order of `Network.parameters`.
    public var flattened: [Double] {
        var all: [Double] = []
        for l in weights.indices {
            all += weights[l].storage
            all += biases[l]
        }
        return all
    }
}
