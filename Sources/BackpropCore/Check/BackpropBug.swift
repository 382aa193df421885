/// A classic mistake in a hand-written backward pass, planted on purpose so a learner can watch the
/// gradient check catch it.
///
/// A bug lives only in the debugger's analytic pass: `Stepper` (and so `Network.trace(_:bug:)` and
/// `Network.batch(_:bug:)`) computes the δs and gradients with it. The forward pass, the cost, and
/// the lean `Workspace` path — training, evaluation, the benchmark, and the cost evaluations
/// J(θ ± ε) of the gradient check — never see it: finite differences stay the truth a bug is measured
/// against.
///
/// Three of the bugs mix up indices in a way NumPy would only run without a shape error when two
/// sizes agree; like NumPy, they change only the layers where the shapes allow them
/// (`changesDeltas(layer:in:)` and `changesGradients(layer:in:)` say where) and leave the rest correct.
///
/// Layer numbers below are the engine's (input = 0, see `Network`).
public enum BackpropBug: String, CaseIterable, Sendable, Codable {
    /// δ(l)k = Σⱼ w(l+1)jk·δ(l+1)j with the factor g′(z(l)k) left out; at the output, for a cost whose
    /// δ has a g′ factor (sum-of-squares, quadratic), δ = ∂C/∂a. Cross-entropy's output δ = a − y has
    /// no g′ to forget, so there only the hidden layers change.
    case missingDerivative = "missing-derivative"
    /// The output δ with the wrong sign: y − a instead of a − y (and ∂C/∂a negated with it). Every δ
    /// and every gradient behind it flips sign: gradient descent would climb the cost.
    case outputSign = "output-sign"
    /// ∂C/∂b left at 0: the bias gradient is forgotten.
    case noBiasGradient = "no-bias-gradient"
    /// The backward pass multiplies by W where Wᵀ belongs: ∂C/∂a(l)k = Σⱼ w(l+1)kj·δ(l+1)j.
    /// Only a square `weights[l]` lets this run; other layers are back-propagated correctly.
    case transposedWeights = "transposed-weights"
    /// The weight gradient into layer l takes δ(l+1), the δ one layer nearer the output (the stale δ
    /// of a backward loop's previous iteration): ∂C/∂w(l)jk = a(l−1)k·δ(l+1)j. Only where layers
    /// l and l + 1 have the same size; the bias gradient stays right.
    case wrongLayerDelta = "wrong-layer-delta"
    /// The weight gradient into layer l takes the activations of layer l instead of layer l − 1:
    /// ∂C/∂w(l)jk = a(l)k·δ(l)j. Only where layers l − 1 and l have the same size.
    case wrongLayerActivation = "wrong-layer-activation"

    /// What goes wrong, in one line (layer-neutral words; the debugger names the layers).
    public var summary: String {
        switch self {
        case .missingDerivative: "δ without the factor g′(z): the activation's slope is forgotten"
        case .outputSign: "the output δ with the wrong sign: y − a instead of a − y"
        case .noBiasGradient: "∂C/∂b left at 0: the bias gradient is forgotten"
        case .transposedWeights: "δ sent back through W instead of Wᵀ (only where W is square)"
        case .wrongLayerDelta: "∂C/∂w takes δ from one layer too far toward the output (where sizes allow)"
        case .wrongLayerActivation: "∂C/∂w takes a from its own layer, not the one before (where sizes allow)"
        }
    }

    /// Whether this bug changes the formula of the δs of layer `l` (1…L) in `network`.
    public func changesDeltas(layer l: Int, in network: Network) -> Bool {
        guard l >= 1, l <= network.outputLayer else { return false }
        switch self {
        case .missingDerivative: return l < network.outputLayer || network.cost != .crossEntropy
        case .outputSign: return l == network.outputLayer
        case .transposedWeights: return l < network.outputLayer && network.weights[l].rows == network.weights[l].columns
        case .noBiasGradient, .wrongLayerDelta, .wrongLayerActivation: return false
        }
    }

    /// Whether this bug changes the formula of the gradients into layer `l` (1…L) in `network`.
    public func changesGradients(layer l: Int, in network: Network) -> Bool {
        guard l >= 1, l <= network.outputLayer else { return false }
        switch self {
        case .noBiasGradient: return true
        case .wrongLayerDelta: return l < network.outputLayer && network.sizes[l + 1] == network.sizes[l]
        case .wrongLayerActivation: return network.sizes[l] == network.sizes[l - 1]
        case .missingDerivative, .outputSign, .transposedWeights: return false
        }
    }

    /// Whether the bug changes any formula at all in `network` (false when no layer has the shape it needs).
    public func applies(to network: Network) -> Bool {
        (1...network.outputLayer).contains { changesDeltas(layer: $0, in: network) || changesGradients(layer: $0, in: network) }
    }

    /// Whether the bug changes the bias gradients (true) or only the weight gradients (false) when it
    /// changes a gradient formula.
    public var changesBiasGradients: Bool { self == .noBiasGradient }
}

extension Network {
    /// The transposed-weights bug's ∂C/∂a(l)k = Σⱼ w(l+1)kj·δ(l+1)j for neuron `k` of hidden layer
    /// `layer`, summed from 0 with j ascending like `backpropagatedError`. `weights[layer]` must be
    /// square (the bug applies nowhere else).
    public func transposedBackpropagatedError(layer: Int, neuron k: Int, nextDelta: [Double]) -> Double {
        let w = weights[layer]
        precondition(w.rows == w.columns, "the transposed-weights bug applies only to square matrices")
        var s = 0.0
        for j in 0..<w.rows {
            s += w.storage[k * w.columns + j] * nextDelta[j]
        }
        return s
    }
}
