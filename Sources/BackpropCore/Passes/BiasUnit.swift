extension Network {
    /// Ng's bias-unit "delta" for hidden layer `layer`: the row of (Θ)ᵀδ that belongs to the bias
    /// unit, Σⱼ b(l+1)j·δ(l+1)j. Backprop computes it when vectorised and throws it away: the bias
    /// unit is always 1, no parameter feeds it, so no gradient ever uses it.
    public func biasUnitDelta(layer: Int, nextDelta: [Double]) -> Double {
        var s = 0.0
        for j in biases[layer].indices { s += biases[layer][j] * nextDelta[j] }
        return s
    }
}
