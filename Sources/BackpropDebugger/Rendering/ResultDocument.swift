import BackpropCore

/// The parts the JSON results of `compare --json` and `gradcheck --json` share. Each result is one
/// document (described in TraceFormat.md, with a schema beside it): a `format` header naming it,
/// the verdict, what was checked, and `hints`, a list that is empty when there is nothing to add.
enum ResultDocument {
    /// The version of both result documents.
    static let version = 1

    /// `{"name": "backprop-compare", "version": 1, "tool": "backprop"}`.
    static func format(_ name: String) -> JSON {
        .object([
            (key: "name", value: .string(name)),
            (key: "version", value: .number(Double(version))),
            (key: "tool", value: .string("backprop")),
        ])
    }

    /// What the network is called, its sizes, activation (or `activations`, one per layer after
    /// the input, when they differ: as in a network file) and cost (no weights: the trace has
    /// them), then `extra` members.
    static func network(_ network: Network, name: String,
                        _ extra: [(key: String, value: JSON)] = []) -> JSON {
        .object([
            (key: "name", value: .string(name)),
            (key: "sizes", value: .array(network.sizes.map { .number(Double($0)) })),
            network.sharedActivation.map { (key: "activation", value: JSON.string($0.rawValue)) }
                ?? (key: "activations", value: .array(network.activations.map { .string($0.rawValue) })),
            (key: "cost", value: .string(network.cost.rawValue)),
        ] + extra)
    }

    /// A parameter by its name in the notation, its path in a network file and the path of its
    /// gradient in a trace.
    static func parameter(_ p: Parameter, notation: Notation) -> [(key: String, value: JSON)] {
        [
            (key: "name", value: .string(notation.name(of: p))),
            (key: "path", value: .string(p.description)),
            (key: "gradientPath", value: .string("gradients." + p.description)),
        ]
    }

    /// A number, or `null` for nil (non-finite numbers become the trace format's strings).
    static func number(_ x: Double?) -> JSON { x.map(JSON.number) ?? .null }
}
