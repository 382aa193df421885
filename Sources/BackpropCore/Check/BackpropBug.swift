/// A classic mistake in a hand-written backward pass, planted on purpose so a learner can watch the
/// gradient check catch it.
///
/// A bug lives only in the debugger's analytic pass: `Stepper` (and so `Network.trace(_:bug:)` and
/// `Network.batch(_:bug:)`) asks it for the pieces of the backward pass, and it gives its own
/// replacement in the layers its formula changes (`changesDeltas(layer:in:)`,
/// `changesGradients(layer:in:)`) and the reference pass's everywhere else. The forward pass, the
/// cost, and the lean `Workspace` path — training, evaluation, the benchmark, and the cost
/// evaluations J(θ ± ε) of the gradient check — never see it: finite differences stay the truth a
/// bug is measured against.
///
/// Each bug is one type conforming to `PlantedBug` (in `Check/Bugs`); `allCases` lists them in the
/// order `bug` shows them. Layer numbers are the engine's (input = 0, see `Network`).
public struct BackpropBug: Hashable, Sendable, Codable, CaseIterable, RawRepresentable, CustomStringConvertible {
    /// The mistake itself.
    let planted: any PlantedBug

    init(_ planted: any PlantedBug) {
        self.planted = planted
    }

    /// Every bug `bug` can plant, in the order it lists them.
    public static let allCases: [BackpropBug] = [
        .missingDerivative, .outputSign, .noBiasGradient, .transposedWeights, .wrongLayerDelta, .wrongLayerActivation,
        .gradientsNotCleared, .sumForMean,
    ]

    /// The bug's name, such as "missing-derivative".
    public var rawValue: String { planted.name }
    public var description: String { rawValue }

    /// The bug of that name, or nil when there is none.
    public init?(rawValue: String) {
        guard let bug = BackpropBug.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = bug
    }

    public static func == (lhs: BackpropBug, rhs: BackpropBug) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// What goes wrong, in one line (layer-neutral words; the debugger names the layers).
    public var summary: String { planted.summary }
    /// Whether this bug changes the formula of the δs of layer `l` (1…L) in `network`.
    public func changesDeltas(layer l: Int, in network: Network) -> Bool {
        l >= 1 && l <= network.outputLayer && planted.changesDeltas(layer: l, in: network)
    }
    /// Whether this bug changes the formula of the gradients into layer `l` (1…L) in `network`.
    public func changesGradients(layer l: Int, in network: Network) -> Bool {
        l >= 1 && l <= network.outputLayer && planted.changesGradients(layer: l, in: network)
    }
    /// Whether the bug changes any formula at all in `network` (false when no layer has the shape it
    /// needs). A batch bug applies to every network, and shows in a batch of 2 or more examples.
    public func applies(to network: Network) -> Bool {
        changesReduction
            || (1...network.outputLayer).contains { changesDeltas(layer: $0, in: network) || changesGradients(layer: $0, in: network) }
    }
    /// Whether it changes how a batch's gradients combine (a batch bug).
    public var changesReduction: Bool { planted.changesReduction }
    /// Whether the bug changes the bias gradients (true) or only the weight gradients (false) when it
    /// changes a gradient formula.
    public var changesBiasGradients: Bool { planted.changesBiasGradients }
    /// What a network lacks when this bug applies nowhere on it for want of a shape; nil for a bug
    /// that needs no particular shape.
    public var missingShape: String? { planted.missingShape }
}

/// The pieces the stepper asks for: the bug's own where it changes the formula, else the reference's.
extension BackpropBug: BackwardPieces {
    public func outputError(in network: Network, _ trace: Trace, neuron j: Int)
        -> (activationGradient: Double, delta: Double) {
        changesDeltas(layer: network.outputLayer, in: network)
            ? planted.outputError(in: network, trace, neuron: j)
            : CorrectBackward().outputError(in: network, trace, neuron: j)
    }

    public func hiddenError(in network: Network, _ trace: Trace, layer l: Int, neuron k: Int)
        -> (activationGradient: Double, delta: Double) {
        changesDeltas(layer: l, in: network)
            ? planted.hiddenError(in: network, trace, layer: l, neuron: k)
            : CorrectBackward().hiddenError(in: network, trace, layer: l, neuron: k)
    }

    public func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient {
        changesGradients(layer: l, in: network)
            ? planted.gradient(in: network, trace, layer: l, neuron: j)
            : CorrectBackward().gradient(in: network, trace, layer: l, neuron: j)
    }

    public func reduce(_ traces: [Trace], _ reduction: Reduction, in network: Network) -> BatchTrace {
        changesReduction ? planted.reduce(traces, reduction, in: network) : network.reduce(traces, reduction)
    }
}
