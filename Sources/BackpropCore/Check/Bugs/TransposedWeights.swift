/// The backward pass multiplies by W where Wᵀ belongs: ∂C/∂a(l)k = Σⱼ w(l+1)kj·δ(l+1)j. Only a square
/// `weights[l]` lets this run; other layers are back-propagated correctly.
struct TransposedWeights: PlantedBug {
    let name = "transposed-weights"
    let summary = "δ sent back through W instead of Wᵀ (only where W is square)"
    let missingShape: String? = "no weight matrix behind a hidden layer is square"

    func changesDeltas(layer l: Int, in network: Network) -> Bool {
        l < network.outputLayer && network.weights[l].rows == network.weights[l].columns
    }

    /// ∂C/∂a(l)k = Σⱼ w(l+1)kj·δ(l+1)j (row k where column k belongs, j ascending from 0) and
    /// δ(l)k = ∂C/∂a(l)k·g′(z(l)k).
    func hiddenError(in network: Network, _ trace: Trace, layer l: Int, neuron k: Int)
        -> (activationGradient: Double, delta: Double) {
        let w = network.weights[l], nextDelta = trace.delta[l + 1]
        var s = 0.0
        for j in nextDelta.indices { s += w[k, j] * nextDelta[j] }
        return (s, s * network.activation(layer: l).derivative(trace.z[l][k]))
    }
}

extension BackpropBug {
    /// δ sent back through W instead of Wᵀ (`TransposedWeights`).
    public static let transposedWeights = BackpropBug(TransposedWeights())
}
