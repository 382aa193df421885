/// ∂C/∂b left at 0: the bias gradient is forgotten (the weights' stay right).
struct NoBiasGradient: PlantedBug {
    let name = "no-bias-gradient"
    let summary = "∂C/∂b left at 0: the bias gradient is forgotten"
    let changesBiasGradients = true

    func changesGradients(layer l: Int, in network: Network) -> Bool { true }

    /// ∂C/∂b(l)j = 0; ∂C/∂w(l)jk = a(l−1)k·δ(l)j as it should be.
    func gradient(in network: Network, _ trace: Trace, layer l: Int, neuron j: Int) -> NeuronGradient {
        var g = CorrectBackward().gradient(in: network, trace, layer: l, neuron: j)
        g.bias = 0
        return g
    }
}

extension BackpropBug {
    /// The bias gradient left at 0 (`NoBiasGradient`).
    public static let noBiasGradient = BackpropBug(NoBiasGradient())
}
