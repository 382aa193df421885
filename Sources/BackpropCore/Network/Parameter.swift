/// One weight or bias of a network, in the code's own indexing (layers from 0, see `Network`).
public enum Parameter: Hashable, Sendable, CustomStringConvertible {
    /// `weights[layer][j, k]`: from neuron k of layer `layer` to neuron j of layer `layer + 1`.
    case weight(layer: Int, j: Int, k: Int)
    /// `biases[layer][j]`: the bias of neuron j of layer `layer + 1`.
    case bias(layer: Int, j: Int)

    /// The weight layer this parameter belongs to.
    public var layer: Int {
        switch self {
        case let .weight(l, _, _), let .bias(l, _): l
        }
    }

    /// `weights[l][j][k]` or `biases[l][j]`: the network file's own path.
    public var description: String {
        switch self {
        case let .weight(l, j, k): "weights[\(l)][\(j)][\(k)]"
        case let .bias(l, j): "biases[\(l)][\(j)]"
        }
    }
}

extension Network {
    /// Every parameter in a fixed order: for each weight layer, its weights row by row, then its biases.
    /// `parameter(at:)` and `index(of:)` use the same order.
    public var parameters: [Parameter] {
        var all: [Parameter] = []
        all.reserveCapacity(parameterCount)
        for l in 0..<(sizes.count - 1) {
            for j in 0..<sizes[l + 1] {
                for k in 0..<sizes[l] { all.append(.weight(layer: l, j: j, k: k)) }
            }
            for j in 0..<sizes[l + 1] { all.append(.bias(layer: l, j: j)) }
        }
        return all
    }

    /// The parameter at a flat position in the order of `parameters`, or nil when out of range.
    public func parameter(at index: Int) -> Parameter? {
        guard index >= 0 else { return nil }
        var i = index
        for l in 0..<(sizes.count - 1) {
            let w = sizes[l + 1] * sizes[l]
            if i < w { return .weight(layer: l, j: i / sizes[l], k: i % sizes[l]) }
            i -= w
            if i < sizes[l + 1] { return .bias(layer: l, j: i) }
            i -= sizes[l + 1]
        }
        return nil
    }

    /// Whether a parameter's indices exist in this network.
    public func contains(_ parameter: Parameter) -> Bool {
        switch parameter {
        case let .weight(l, j, k):
            l >= 0 && l < sizes.count - 1 && j >= 0 && j < sizes[l + 1] && k >= 0 && k < sizes[l]
        case let .bias(l, j):
            l >= 0 && l < sizes.count - 1 && j >= 0 && j < sizes[l + 1]
        }
    }
}
