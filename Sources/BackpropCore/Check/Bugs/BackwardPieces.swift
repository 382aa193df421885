/// The pieces of the backward pass a `Stepper` computes one neuron at a time: an output neuron's
/// error, a hidden neuron's error, and a neuron's gradient. Each default is the reference pass's
/// own formula (`Network.backprop`); a planted bug (`PlantedBug`) replaces one of them.
public protocol BackwardPieces: Sendable {
    /// ∂C/∂a(L)j and δ(L)j of output neuron `j`, once the forward pass and the cost are known.
    func outputError(in network: Network, _ trace: Trace, neuron j: Int) -> (activationGradient: Double, delta: Double)
    /// ∂C/∂a(l)k and δ(l)k of neuron `k` of hidden layer `l`, once the δs of layer l + 1 are known.
    func hiddenError(in network: Network, _ trace: Trace, layer l: Int, neuron k: Int)
        -> (activationGradient: Double, delta: Double)
    /// ∂C/∂b(l)j and every ∂C/∂w(l)jk of neuron `j` of layer `l` ≥ 1, once every δ is known.
    func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient
    /// A batch's cost and gradient from its examples' complete traces, by `reduction`.
    func reduce(_ traces: [Trace], _ reduction: Reduction, in network: Network) -> BatchTrace
}

extension BackwardPieces {
    public func outputError(in network: Network, _ trace: Trace, neuron j: Int)
        -> (activationGradient: Double, delta: Double) {
        network.outputError(a: trace.a[network.outputLayer][j], y: trace.example.target[j])
    }

    public func hiddenError(in network: Network, _ trace: Trace, layer l: Int, neuron k: Int)
        -> (activationGradient: Double, delta: Double) {
        network.hiddenError(layer: l, neuron: k, z: trace.z[l][k], nextDelta: trace.delta[l + 1])
    }

    public func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient {
        Network.gradient(delta: trace.delta[l][j], previous: trace.a[l - 1])
    }

    public func reduce(_ traces: [Trace], _ reduction: Reduction, in network: Network) -> BatchTrace {
        network.reduce(traces, reduction)
    }
}

/// The correct backward pass: every piece is the reference pass's.
public struct CorrectBackward: BackwardPieces {
    public init() {}
}

/// A classic mistake in a hand-written backward pass, as one type: where it applies, and the one
/// piece of the pass it replaces (the other pieces keep the reference's defaults). It is planted
/// through `BackpropBug`, which uses the replacement only in the layers it names here.
public protocol PlantedBug: BackwardPieces {
    /// The name `bug NAME` takes and trace files record, such as "missing-derivative".
    var name: String { get }
    /// What goes wrong, in one line (layer-neutral words; the debugger names the layers).
    var summary: String { get }
    /// Whether the bug changes the formula of the δs of layer `l` (1…L) in `network`.
    func changesDeltas(layer l: Int, in network: Network) -> Bool
    /// Whether the bug changes the formula of the gradients into layer `l` (1…L) in `network`.
    func changesGradients(layer l: Int, in network: Network) -> Bool
    /// Whether the gradients it changes are the biases' (else the weights').
    var changesBiasGradients: Bool { get }
    /// Whether it changes how a batch's gradients are combined (it shows only in a batch of 2 or more).
    var changesReduction: Bool { get }
    /// The shape the bug needs, when it runs only where two sizes agree (as NumPy runs such a
    /// mistake without a shape error only then), said as what this network lacks; nil otherwise.
    var missingShape: String? { get }
}

extension PlantedBug {
    public func changesDeltas(layer l: Int, in network: Network) -> Bool { false }
    public func changesGradients(layer l: Int, in network: Network) -> Bool { false }
    public var changesBiasGradients: Bool { false }
    public var changesReduction: Bool { false }
    public var missingShape: String? { nil }
}
