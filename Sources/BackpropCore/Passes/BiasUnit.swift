extension Network {
    /// Ng's bias-unit "delta" for hidden layer `layer`: the row of (Θ)ᵀδ that belongs to the bias
    /// unit, Σⱼ b(l+1)j·δ(l+1)j. Backprop written with vectors computes it and throws it away:
    /// the bias unit is always +1 and nothing feeds it, so no gradient uses this value.
    public func biasUnitDelta(layer: Int, nextDelta: [Double]) -> Double {
        var s = 0.0
        for j in biases[layer].indices { s += biases[layer][j] * nextDelta[j] }
        return s
    }
}
