/// 3Blue1Brown's "nudges" for one example: what the example wants done to one layer's activations,
/// the three avenues one neuron of that layer has (its bias, its incoming weights, the previous
/// layer's activations), and every neuron's wishes for the previous layer added up.
///
/// Every desire is minus a derivative of this example's cost, read from its backprop trace
/// (`Network.trace`): a positive desire means "raise it", and its size is how much the cost falls
/// per unit of change. Layers and neurons are the engine's (from 0, input layer 0); the weight
/// w(l)jk runs from neuron k of layer l − 1 to neuron j of layer l, `network.weights[l − 1][j, k]`.
///
/// The sum of the desires for the previous layer is computed here from the desires themselves,
/// Σⱼ w(l)jk·(−δ(l)j), and set beside backprop's own −∂C/∂a(l−1)k and −δ(l−1)k from the trace:
/// they agree to rounding (in fact exactly: the same terms are added in the same order).
public struct Nudges: Equatable, Sendable, Codable {
    /// The layer whose activations are nudged, 1 … output layer.
    public let layer: Int
    /// The neuron of `layer` whose three avenues are listed.
    public let neuron: Int
    /// The cost the desires come from.
    public let cost: Cost
    /// a(l)j for every neuron j of the layer.
    public let activations: [Double]
    /// yⱼ, when `layer` is the output layer; nil for a hidden layer.
    public let targets: [Double]?
    /// −∂C/∂a(l)j: each activation's desired change (for sum-of-squares 2(yⱼ − aⱼ), in proportion to
    /// how far it is from its target). For a hidden layer, backprop's value from the trace.
    public let desiredActivationChanges: [Double]
    /// σ′(z(l)j) (the activation's slope g′(z)): how much a moves per unit of z.
    public let activationSlopes: [Double]
    /// −δ(l)j = −∂C/∂z(l)j from the trace: the desired change of each weighted input.
    public let desiredWeightedInputChanges: [Double]
    /// a(l−1)k, the activations feeding the layer (the pixels when l = 1).
    public let previousActivations: [Double]
    /// w(l)jk for the chosen neuron j, k over the previous layer.
    public let weights: [Double]
    /// Avenue 1, the bias: −∂C/∂b(l)j = −δ(l)j.
    public let biasNudge: Double
    /// Avenue 2, the weights: −∂C/∂w(l)jk = a(l−1)k·(−δ(l)j) — largest where the previous neuron is
    /// brightest ("fire together, wire together"), zero where it is dark.
    public let weightNudges: [Double]
    /// Avenue 3, the previous activations: the chosen neuron's own desire for a(l−1)k,
    /// w(l)jk·(−δ(l)j) — in proportion to the weight.
    public let previousActivationNudges: [Double]
    /// Σⱼ w(l)jk·(−δ(l)j) over every neuron j of the layer, j ascending: all the layer's desires for
    /// a(l−1)k added up.
    public let summedPreviousActivationNudges: [Double]
    /// Backprop's own values for the previous layer, when it is a hidden layer (nil when it is the
    /// input, whose pixels are data and have no δ).
    public let backprop: PreviousLayer?

    /// What backprop computed for layer l − 1, read from the trace.
    public struct PreviousLayer: Equatable, Sendable, Codable {
        /// −∂C/∂a(l−1)k.
        public let desiredActivationChanges: [Double]
        /// σ′(z(l−1)k).
        public let activationSlopes: [Double]
        /// −δ(l−1)k = −∂C/∂a(l−1)k·σ′(z(l−1)k).
        public let desiredWeightedInputChanges: [Double]
    }
}

extension Network {
    /// The nudges one example asks for at `layer` (1 … output layer), with the avenues of `neuron`.
    /// `trace` must be this network's finished trace of the example (`trace(_:)`).
    public func nudges(_ trace: Trace, layer l: Int, neuron j: Int) -> Nudges {
        precondition(l >= 1 && l <= outputLayer && j >= 0 && j < sizes[l], "layer and neuron are checked by the caller")
        let g = activation(layer: l)
        let w = weights[l - 1]
        let minusDelta = trace.delta[l].map { -$0 }
        let previous = trace.a[l - 1]
        var summed = [Double](repeating: 0, count: sizes[l - 1])
        for k in 0..<sizes[l - 1] {
            var s = 0.0
            for i in 0..<sizes[l] { s += w[i, k] * minusDelta[i] }
            summed[k] = s
        }
        var backprop: Nudges.PreviousLayer?
        if l >= 2 {
            backprop = Nudges.PreviousLayer(
                desiredActivationChanges: trace.activationGradient[l - 1].map { -$0 },
                activationSlopes: trace.a[l - 1].map { activation(layer: l - 1).derivative(value: $0) },
                desiredWeightedInputChanges: trace.delta[l - 1].map { -$0 })
        }
        let row = w.row(j)
        return Nudges(
            layer: l, neuron: j, cost: cost, activations: trace.a[l],
            targets: l == outputLayer ? trace.example.target : nil,
            desiredActivationChanges: trace.activationGradient[l].map { -$0 },
            activationSlopes: trace.a[l].map { g.derivative(value: $0) },
            desiredWeightedInputChanges: minusDelta,
            previousActivations: previous, weights: row,
            biasNudge: minusDelta[j],
            weightNudges: previous.map { $0 * minusDelta[j] },
            previousActivationNudges: row.map { $0 * minusDelta[j] },
            summedPreviousActivationNudges: summed,
            backprop: backprop)
    }
}
