import BackpropCore

/// Where `continue` (and `next`) stop: before a step that computes a value in the given direction,
/// layer and, optionally, neuron (a whole-layer breakpoint stops before the layer's first neuron).
/// Layers and neurons are engine indices.
public struct Breakpoint: Equatable, Sendable {
    public enum Direction: String, Sendable, CaseIterable {
        case forward, backward, gradients
    }

    public let direction: Direction
    public let layer: Int
    public let neuron: Int?

    /// Whether taking `step` next should stop here.
    public func matches(_ step: Step) -> Bool {
        let direction: Direction
        switch step.phase {
        case .forward: direction = .forward
        case .backward: direction = .backward
        case .gradients: direction = .gradients
        case .cost: return false
        }
        guard direction == self.direction, step.layer == layer else { return false }
        // A whole-layer breakpoint stops once, before the layer's first neuron.
        return step.neuron == (neuron ?? 0)
    }

    /// "forward z(3) (layer)" / "backward δ(3)1".
    func describe(_ notation: Notation) -> String {
        let symbol = direction == .forward ? "z" : (direction == .backward ? "δ" : "∂C/∂b")
        if let neuron { return "\(direction.rawValue) \(notation.name(symbol, layer: layer, neuron: neuron))" }
        return "\(direction.rawValue) \(notation.name(symbol, layer: layer)) (whole layer)"
    }
}

/// One step taken in the session, with the arithmetic that was shown for it (exported in traces).
public struct StepRecord: Equatable, Sendable {
    public let step: Step
    /// The formula with numbers, as shown (plain text, no colour).
    public let shown: String
    /// The example of the batch the step belongs to (from 0).
    public var example: Int = 0
}
