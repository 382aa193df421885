/// The weight gradient into layer l takes the activations of layer l instead of layer l − 1:
/// ∂C/∂w(l)jk = a(l)k·δ(l)j. Only where layers l − 1 and l have the same size.
struct WrongLayerActivation: PlantedBug {
    let name = "wrong-layer-activation"
    let summary = "∂C/∂w takes a from its own layer, not the one before (where sizes allow)"
    let missingShape: String? = "no weight matrix joins two layers of the same size"

    func changesGradients(layer l: Int, in network: Network) -> Bool {
        network.sizes[l] == network.sizes[l - 1]
    }

    /// ∂C/∂b(l)j = δ(l)j as it should be; ∂C/∂w(l)jk = a(l)k·δ(l)j.
    func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient {
        Network.gradient(delta: trace.delta[l][j], previous: trace.a[l])
    }
}

extension BackpropBug {
    /// ∂C/∂w with the activations of its own layer (`WrongLayerActivation`).
    public static let wrongLayerActivation = BackpropBug(WrongLayerActivation())
}
