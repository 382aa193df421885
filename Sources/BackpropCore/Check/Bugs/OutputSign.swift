/// The output δ with the wrong sign: y − a instead of a − y (and ∂C/∂a negated with it). Every δ and
/// every gradient behind it flips sign: gradient descent would climb the cost.
struct OutputSign: PlantedBug {
    let name = "output-sign"
    let summary = "the output δ with the wrong sign: y − a instead of a − y"

    func changesDeltas(layer l: Int, in network: Network) -> Bool { l == network.outputLayer }

    /// −∂C/∂a(L)j and −δ(L)j.
    func outputError(in network: Network, _ trace: Trace, neuron j: Int) -> (activationGradient: Double, delta: Double) {
        let correct = CorrectBackward().outputError(in: network, trace, neuron: j)
        return (-correct.activationGradient, -correct.delta)
    }
}

extension BackpropBug {
    /// The output δ as y − a (`OutputSign`).
    public static let outputSign = BackpropBug(OutputSign())
}
