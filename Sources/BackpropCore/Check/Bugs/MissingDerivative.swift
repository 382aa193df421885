/// δ(l)k = Σⱼ w(l+1)jk·δ(l+1)j with the factor g′(z(l)k) left out; at the output, for a cost whose δ
/// has a g′ factor (sum-of-squares, quadratic), δ = ∂C/∂a. The output δ = a − y of cross-entropy and
/// log-likelihood has no g′ to forget, so there only the hidden layers change.
struct MissingDerivative: PlantedBug {
    let name = "missing-derivative"
    let summary = "δ without the factor g′(z): the activation's slope is forgotten"

    func changesDeltas(layer l: Int, in network: Network) -> Bool {
        l < network.outputLayer || !network.cost.cancelsDerivative
    }

    /// δ(L)j = ∂C/∂a(L)j.
    func outputError(in network: Network, _ trace: Trace, neuron j: Int) -> (activationGradient: Double, delta: Double) {
        let dCda = CorrectBackward().outputError(in: network, trace, neuron: j).activationGradient
        return (dCda, dCda)
    }

    /// δ(l)k = ∂C/∂a(l)k = Σⱼ w(l+1)jk·δ(l+1)j.
    func hiddenError(in network: Network, _ trace: Trace, layer l: Int, neuron k: Int)
        -> (activationGradient: Double, delta: Double) {
        let dCda = CorrectBackward().hiddenError(in: network, trace, layer: l, neuron: k).activationGradient
        return (dCda, dCda)
    }
}

extension BackpropBug {
    /// δ without the factor g′(z) (`MissingDerivative`).
    public static let missingDerivative = BackpropBug(MissingDerivative())
}
