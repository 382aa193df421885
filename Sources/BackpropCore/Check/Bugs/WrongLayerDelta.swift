/// The weight gradient into layer l takes δ(l+1), the δ one layer nearer the output (the stale δ of a
/// backward loop's previous iteration): ∂C/∂w(l)jk = a(l−1)k·δ(l+1)j. Only where layers l and l + 1
/// have the same size; the bias gradient stays right.
struct WrongLayerDelta: PlantedBug {
    let name = "wrong-layer-delta"
    let summary = "∂C/∂w takes δ from one layer too far toward the output (where sizes allow)"
    let missingShape: String? = "no hidden layer has the size of the layer after it"

    func changesGradients(layer l: Int, in network: Network) -> Bool {
        l < network.outputLayer && network.sizes[l + 1] == network.sizes[l]
    }

    /// ∂C/∂b(l)j = δ(l)j as it should be; ∂C/∂w(l)jk = a(l−1)k·δ(l+1)j.
    func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient {
        let stale = trace.delta[l + 1][j]
        return NeuronGradient(bias: trace.delta[l][j], weights: trace.a[l - 1].map { $0 * stale })
    }
}

extension BackpropBug {
    /// ∂C/∂w with the δ of the next layer (`WrongLayerDelta`).
    public static let wrongLayerDelta = BackpropBug(WrongLayerDelta())
}
