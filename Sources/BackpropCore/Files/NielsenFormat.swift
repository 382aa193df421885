/// Michael Nielsen's network file: what `save()` in his `network2.py` writes and his `load()`
/// reads back.
///
/// ```json
/// {"sizes": [2, 2, 1],
///  "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.7, -0.6]]],
///  "biases": [[[0.35], [0.35]], [[0.05]]],
///  "cost": "CrossEntropyCost"}
/// ```
///
/// - `weights[l]` is his `self.weights[l]`, one row per neuron of layer l + 1: the layout of ours.
/// - `biases[l]` is his `self.biases[l]`, a column vector (an n × 1 array), so each bias is a
///   one-element list.
/// - `cost` is the name of his cost class, which `load()` looks up in his module:
///   `QuadraticCost` (C = ½‖a − y‖², our `quadratic`) or `CrossEntropyCost` (our `cross-entropy`).
///   His neurons are all sigmoid.
///
/// A network this format cannot express — another activation, or a cost he does not have — is
/// refused with `NielsenFormatError`, never written with a different meaning. `NetworkFile.decode`
/// reads the result back to the identical network (every number bit for bit).
public enum NielsenFormat {
    /// network2.py's cost class names and the costs they compute, in his order.
    public static let costs: [(name: String, cost: Cost)] = [
        ("QuadraticCost", .quadratic),
        ("CrossEntropyCost", .crossEntropy),
    ]

    /// The network in network2.py's layout, keys in the order his `save()` writes them; or why it
    /// cannot be written so.
    public static func json(_ network: Network) throws(NielsenFormatError) -> JSON {
        if let other = network.activations.first(where: { $0 != .sigmoid }) { throw .activation(other) }
        guard let name = costs.first(where: { $0.cost == network.cost })?.name else { throw .cost(network.cost) }
        let weights = network.weights.map { matrix in
            JSON.array((0..<matrix.rows).map { j in JSON.array(matrix.row(j).map(JSON.number)) })
        }
        let biases = network.biases.map { column in JSON.array(column.map { JSON.array([.number($0)]) }) }
        return .object([
            (key: "sizes", value: .array(network.sizes.map { .number(Double($0)) })),
            (key: "weights", value: .array(weights)),
            (key: "biases", value: .array(biases)),
            (key: "cost", value: .string(name)),
        ])
    }

    /// The file's bytes: pretty JSON ending with a newline (his `json.load` reads any layout).
    public static func encode(_ network: Network) throws(NielsenFormatError) -> [UInt8] {
        try json(network).serialized(.pretty)
    }
}

/// Why a network cannot be written in Nielsen's network2.py format.
public enum NielsenFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// network2.py has sigmoid neurons only; this is the first other activation of the network.
    case activation(Activation)
    /// network2.py has no class for this cost.
    case cost(Cost)

    public var description: String {
        switch self {
        case let .activation(activation):
            "Nielsen's network2.py has only sigmoid neurons; this network has \(activation.rawValue) neurons, "
                + "so his load() would compute something else"
        case .cost(.sumOfSquares):
            "Nielsen's network2.py has QuadraticCost, ½Σ(a − y)², and CrossEntropyCost; sum-of-squares "
                + "Σ(a − y)² is twice his QuadraticCost (`cost quadratic` switches, halving every gradient)"
        case let .cost(cost):
            "Nielsen's network2.py has only QuadraticCost and CrossEntropyCost; it has no \(cost.rawValue) cost"
        }
    }
}
