import BackpropCore

/// What `print`, `explain` and `watch` can name, in engine indices (layers and neurons from 0).
/// A nil index means "all of them": `z(2)` is a whole layer, `z` every layer.
public enum ValueReference: Equatable, Sendable {
    case z(layer: Int?, neuron: Int?)
    case a(layer: Int?, neuron: Int?)
    case delta(layer: Int?, neuron: Int?)
    /// A weight layer (engine index l: into layer l + 1); `j`, `k` pick one weight.
    case weight(layer: Int?, j: Int?, k: Int?)
    case bias(layer: Int?, j: Int?)
    /// Ng's Θ(l) with its bias column; `i`, `k` in Ng's own counting (k = 0 is the bias unit).
    case theta(layer: Int?, i: Int?, k: Int?)
    case weightGradient(layer: Int?, j: Int?, k: Int?)
    case biasGradient(layer: Int?, j: Int?)
    case cost
    case input
    case target

    /// The symbol a learner typed for this kind of value, in the given notation.
    func symbol(_ notation: Notation) -> String {
        switch self {
        case .z: "z"
        case .a: "a"
        case .delta: "δ"
        case .weight: notation == .ng ? "Θ" : "w"
        case .bias: notation == .ng ? "Θ" : "b"
        case .theta: "Θ"
        case .weightGradient: "∂C/∂w"
        case .biasGradient: "∂C/∂b"
        case .cost: "C"
        case .input: "x"
        case .target: "y"
        }
    }
}
