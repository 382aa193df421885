import BackpropCore

/// `draw`: a network of at most 4 layers of 4 units left to right (`NetworkDiagram`), an image
/// network as the digit and its columns of neurons (`MNISTDiagram`), any other as a summary of its
/// layers.
struct Diagram {
    let session: Session

    private var network: Network { session.network }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private func f(_ x: Double) -> String { NumberFormat.significant(x, 4) }

    /// The neuron `draw NEURON` named (engine indices), or nil.
    var focus: (layer: Int, neuron: Int)?

    /// Whether the network is drawn neuron by neuron (so `draw NEURON` can point at one).
    static func drawsNeurons(_ network: Network) -> Bool { NetworkDiagram.fits(network) || MNISTDiagram.fits(network) }

    func render() -> String {
        if NetworkDiagram.fits(network) { return NetworkDiagram(session: session, chosen: focus).render() }
        if MNISTDiagram.fits(network) { return MNISTDiagram(session: session, focus: focus).render() }
        return summary()
    }

    private func summary() -> String {
        let trace = session.trace
        let stepper = session.stepper
        var table = Table(["layer", "neurons", "role", "activations a"], rightAligned: [1])
        for l in 0...network.outputLayer {
            let role = l == 0 ? "input" : (l == network.outputLayer ? "output" : "hidden")
            let known = l == 0 || (0..<network.sizes[l]).allSatisfy { stepper.isComputed(.forward(layer: l, neuron: $0)) }
            var values = "not computed yet"
            if known {
                let a = trace.a[l]
                let nonzero = a.filter { $0 != 0 }.count
                values = "min \(f(a.min() ?? 0)), max \(f(a.max() ?? 0)), \(nonzero) non-zero"
            }
            table.add(["\(notation.layer(l))", "\(network.sizes[l])", role, values])
        }
        var weights = Table(["matrix", "shape", "weights", "biases", "total", "mean |w|", "max |w|", "positive"], rightAligned: [2, 3, 4, 5, 6, 7])
        for l in 0..<(network.sizes.count - 1) {
            let w = network.weights[l].storage
            let mean = w.reduce(0) { $0 + abs($1) } / Double(w.count)
            let positive = w.filter { $0 > 0 }.count
            let biases = network.sizes[l + 1]
            weights.add([notation.weightMatrixName(l), "\(network.sizes[l + 1])×\(network.sizes[l])", NumberFormat.grouped(w.count),
                         NumberFormat.grouped(biases), NumberFormat.grouped(w.count + biases),
                         f(mean), f(w.map(abs).max() ?? 0), NumberFormat.percent(Double(positive) / Double(w.count))])
        }
        let allWeights = network.weights.reduce(0) { $0 + $1.storage.count }, allBiases = network.biases.reduce(0) { $0 + $1.count }
        weights.add(["all", "", NumberFormat.grouped(allWeights), NumberFormat.grouped(allBiases), NumberFormat.grouped(allWeights + allBiases), "", "", ""])
        let sizes = network.sizes.map(String.init).joined(separator: "-")
        let first = "\(network.sizes[1])×\(network.sizes[0]) = \(NumberFormat.grouped(network.sizes[1] * network.sizes[0]))"
        return style.bold("\(session.networkName): \(sizes), \(NumberFormat.grouped(network.parameterCount)) weights and biases") + style.dim("   (too wide to draw neuron by neuron)")
            + "\n" + table.render(style: style) + "\n\n" + weights.render(style: style)
            + style.dim("\n(a weight per connection, \(first) into layer \(notation.layer(1)), and a bias per neuron; see `print \(notation.weightMatrixName(0))`)")
    }
}
