/// The plain pass: one example's forward and backward propagation, written the way the lectures
/// write it (Nielsen's `backprop`, 3Blue1Brown's chain rule, Ng's δ), with no buffers and no bugs.
///
/// This is the reference. The stepper takes these same formulas one neuron at a time; the lean
/// training path (`Workspace`), the gradient check's `CostProbe` and the debugger's arithmetic are
/// tested against `backprop(_:)` bit for bit, and a planted bug replaces exactly one of the pieces
/// below (an output δ, a hidden δ or a gradient) and nothing else.
///
/// Indices run as in `Network`: layer 0 is the input x and L = `outputLayer`; `weights[l − 1]` and
/// `biases[l − 1]` feed layer l (Nielsen's w(l) and b(l), 3Blue1Brown's w(L), Ng's Θ(l−1)).
/// Every sum is taken in one fixed order, shared by every path: z starts from the bias (Ng's bias
/// unit comes first) and adds k ascending; Σⱼ w·δ starts from 0 and adds j ascending; each product
/// is rounded before it is added.
extension Network {
    /// Every value of one example's pass: each z, a, ∂C/∂a and δ, the cost and the gradient.
    /// The example must fit the network (`validate(_:)`).
    public func backprop(_ example: Example) -> Trace {
        let L = outputLayer, y = example.target
        var t = Trace(example: example, sizes: sizes)
        (t.z, t.a) = feedforward(example.input)
        t.cost = cost.value(z: t.z[L], a: t.a[L], y: y)
        // Output error: δ(L) = ∂C/∂a(L) ⊙ g′(z(L)), which for cross-entropy is simply a − y.
        for j in 0..<sizes[L] {
            (t.activationGradient[L][j], t.delta[L][j]) = outputError(a: t.a[L][j], y: y[j])
        }
        // Backpropagate: δ(l) = (w(l+1)ᵀ δ(l+1)) ⊙ g′(z(l)), from layer L − 1 down to 1.
        for l in stride(from: L - 1, through: 1, by: -1) {
            for k in 0..<sizes[l] {
                (t.activationGradient[l][k], t.delta[l][k]) =
                    hiddenError(layer: l, neuron: k, z: t.z[l][k], nextDelta: t.delta[l + 1])
            }
        }
        // Gradient: ∂C/∂b(l)j = δ(l)j and ∂C/∂w(l)jk = a(l−1)k·δ(l)j.
        for l in 1...L {
            for j in 0..<sizes[l] {
                t.gradient.set(layer: l, neuron: j, Network.gradient(delta: t.delta[l][j], previous: t.a[l - 1]))
            }
        }
        return t
    }

    /// Forward propagation alone: z(l) = w(l)·a(l−1) + b(l) and a(l) = g(z(l)) for l = 1…L, g the
    /// layer's own activation (softmax takes the whole layer's z at once).
    /// `z[0]` is empty and `a[0]` is the input x.
    public func feedforward(_ x: [Double]) -> (z: [[Double]], a: [[Double]]) {
        var z: [[Double]] = [[]], a = [x]
        for l in 1...outputLayer {
            z.append((0..<sizes[l]).map { j in weightedInput(layer: l, neuron: j, previous: a[l - 1]) })
            a.append(activation(layer: l).values(z[l]))
        }
        return (z, a)
    }

    /// z(l)j = b(l)j + Σₖ w(l)jk·a(l−1)k for neuron `j` of layer `l` ≥ 1: the bias first, then k ascending.
    public func weightedInput(layer l: Int, neuron j: Int, previous a: [Double]) -> Double {
        weightedSum(layer: l, neuron: j, previous: a, from: biases[l - 1][j])
    }

    /// `start` + Σₖ w(l)jk·a(l−1)k, k ascending. From the bias it is z(l)j; the debugger shows the
    /// sum from 0 beside the bias.
    public func weightedSum(layer l: Int, neuron j: Int, previous a: [Double], from start: Double) -> Double {
        let w = weights[l - 1]
        var sum = start
        for k in a.indices { sum += w[j, k] * a[k] }
        return sum
    }

    /// a(l)j of one neuron whose z(l)j is known: g(z), or for softmax, which needs every z(l)k of
    /// the layer, the j-th value of the layer's softmax (the other z computed here for it).
    public func activation(layer l: Int, neuron j: Int, z: Double, previous a: [Double]) -> Double {
        let g = activation(layer: l)
        guard !g.isElementwise else { return g.value(z) }
        return g.values((0..<sizes[l]).map { weightedInput(layer: l, neuron: $0, previous: a) })[j]
    }

    /// An output neuron's ∂C/∂a(L)j and δ(L)j = ∂C/∂z(L)j, from its activation and target: δ is
    /// ∂C/∂a·g′(z), or a − y where the cost cancels g′ (cross-entropy with sigmoid, log-likelihood
    /// with softmax).
    public func outputError(a: Double, y: Double) -> (activationGradient: Double, delta: Double) {
        (cost.activationGradient(a: a, y: y), cost.outputDelta(a: a, y: y, activation: outputActivation))
    }

    /// A hidden neuron's ∂C/∂a(l)k = Σⱼ w(l+1)jk·δ(l+1)j (each later δ sent back along the weight it
    /// came through, j ascending from 0) and δ(l)k = ∂C/∂a(l)k·g′(z(l)k).
    public func hiddenError(layer l: Int, neuron k: Int, z: Double, nextDelta: [Double])
        -> (activationGradient: Double, delta: Double) {
        let w = weights[l]
        var s = 0.0
        for j in nextDelta.indices { s += w[j, k] * nextDelta[j] }
        return (s, s * activation(layer: l).derivative(z))
    }

    /// One neuron's gradient: ∂C/∂b = δ (z moves one for one with its bias) and ∂C/∂wₖ = aₖ·δ for
    /// each activation aₖ feeding it.
    public static func gradient(delta: Double, previous a: [Double]) -> NeuronGradient {
        NeuronGradient(bias: delta, weights: a.map { $0 * delta })
    }

    /// The cost of one example, forward pass only: the very number `backprop(_:)` records.
    public func cost(_ example: Example) -> Double {
        let (z, a) = feedforward(example.input)
        return cost.value(z: z[outputLayer], a: a[outputLayer], y: example.target)
    }

    /// The output activations a(L) for one input (the forward pass only).
    public func output(for input: [Double]) -> [Double] {
        feedforward(input).a[outputLayer]
    }
}

/// ∂C/∂b and every ∂C/∂w into one neuron j of a layer l: `weights[k]` is ∂C/∂w(l)jk.
public struct NeuronGradient: Equatable, Sendable {
    public var bias: Double
    public var weights: [Double]

    public init(bias: Double, weights: [Double]) {
        self.bias = bias
        self.weights = weights
    }
}

extension Gradient {
    /// Puts one neuron's gradient in place: neuron `j` of layer `l` ≥ 1 (weight layer l − 1).
    mutating func set(layer l: Int, neuron j: Int, _ g: NeuronGradient) {
        biases[l - 1][j] = g.bias
        let columns = weights[l - 1].columns
        weights[l - 1].storage.replaceSubrange((j * columns)..<((j + 1) * columns), with: g.weights)
    }
}
