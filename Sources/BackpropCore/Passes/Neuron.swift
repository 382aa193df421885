/// The per-neuron formulas. Every path — a debugger step, a whole pass, a batch, the trainer and
/// the gradient check — computes each value through these functions or through loops that add
/// the same terms in the same order, so the numbers agree bit for bit wherever they are shown.
extension Network {
    /// z(l)j = b(l)j + Σₖ w(l)jk·a(l−1)k, for neuron `j` of layer `layer` ≥ 1.
    ///
    /// Summed in a fixed order — the bias first (Ng's bias unit, x₀ = 1, comes first), then k
    /// ascending — with each product rounded before it is added.
    @inlinable public func weightedInput(layer: Int, neuron j: Int, previous a: [Double]) -> Double {
        let w = weights[layer - 1]
        var z = biases[layer - 1][j]
        let row = j * w.columns
        for k in 0..<w.columns {
            z += w.storage[row + k] * a[k]
        }
        return z
    }

    /// ∂C/∂a(l)k = Σⱼ w(l+1)jk·δ(l+1)j for neuron `k` of hidden layer `layer`: each next-layer δ
    /// sent back along the weight it came through (forward propagation run right to left).
    /// Summed from 0 with j ascending.
    @inlinable public func backpropagatedError(layer: Int, neuron k: Int, nextDelta: [Double]) -> Double {
        let w = weights[layer]
        var s = 0.0
        for j in 0..<w.rows {
            s += w.storage[j * w.columns + k] * nextDelta[j]
        }
        return s
    }

    /// Ng's bias-unit "delta" for hidden layer `layer`: the row of (Θ)ᵀδ that belongs to the bias
    /// unit, Σⱼ b(l+1)j·δ(l+1)j. Backprop computes it when vectorised and throws it away: the bias
    /// unit is always 1, no parameter feeds it, so no gradient ever uses it.
    public func biasUnitDelta(layer: Int, nextDelta: [Double]) -> Double {
        var s = 0.0
        for j in biases[layer].indices { s += biases[layer][j] * nextDelta[j] }
        return s
    }
}
