import BackpropCore

/// `draw`: a small network as a diagram — every neuron with its a (and z, δ once computed), every
/// connection with its weight as a bar whose length is its size and whose fill is its sign
/// (█ positive, ░ negative); a large network as a summary of its layers.
struct Diagram {
    let session: Session
    /// Networks whose layers all have at most this many neurons are drawn in full.
    let maximumDrawnWidth = 8
    let barWidth = 8

    private var network: Network { session.network }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private func f(_ x: Double) -> String { NumberFormat.significant(x, 4) }

    func render() -> String {
        network.sizes.allSatisfy({ $0 <= maximumDrawnWidth }) ? full() : summary()
    }

    private func bar(_ w: Double, scale: Double) -> String {
        let cells = scale > 0 ? max(1, Int((abs(w) / scale * Double(barWidth)).rounded())) : 1
        let glyph = w < 0 ? "░" : "█"
        return style.signed(String(repeating: glyph, count: cells), w) + String(repeating: " ", count: barWidth - cells)
    }

    private func full() -> String {
        let stepper = session.stepper
        let trace = session.trace
        let scale = (network.weights.flatMap(\.storage) + network.biases.flatMap { $0 }).map(abs).max() ?? 1
        var lines: [String] = []
        for l in 0...network.outputLayer {
            let role = l == 0 ? "input" : (l == network.outputLayer ? "output" : "hidden")
            lines.append(style.bold("layer \(notation.layer(l))") + style.dim(" (\(role))"))
            if l < network.outputLayer { lines.append("    " + pad(notation == .ng ? "(+1)" : "", 8) + style.dim("bias unit, always 1")) }
            for j in 0..<network.sizes[l] {
                var cells = [pad(notation.name("a", layer: l, neuron: j), 8)]
                let known = l == 0 || stepper.isComputed(.forward(layer: l, neuron: j))
                cells.append(known ? pad(f(trace.a[l][j]), 9) : pad(style.dim("·"), 9))
                if l > 0 && known { cells.append(style.dim("z ") + pad(f(trace.z[l][j]), 9)) }
                if l > 0 && stepper.isComputed(.delta(layer: l, neuron: j)) {
                    cells.append(style.dim("δ ") + style.signed(f(trace.delta[l][j]), trace.delta[l][j]))
                }
                lines.append("    " + cells.joined(separator: " "))
            }
            guard l < network.outputLayer else { break }
            lines.append("      │ " + style.dim("\(notation.weightMatrixName(l)): into layer \(notation.layer(l + 1))   (bar length = |w|, █ positive, ░ negative)"))
            for j in 0..<network.sizes[l + 1] {
                var parts: [String] = []
                let b = network.biases[l][j]
                parts.append((notation == .ng ? "+1" : "b") + " " + pad(NumberFormat.signed(b, 3), 6) + " " + bar(b, scale: scale))
                for k in 0..<network.sizes[l] {
                    let w = network.weights[l][j, k]
                    parts.append(notation.name("a", layer: l, neuron: k) + " " + pad(NumberFormat.signed(w, 3), 6) + " " + bar(w, scale: scale))
                }
                lines.append("      │  " + pad("→ " + notation.name("a", layer: l + 1, neuron: j), 9) + " " + parts.joined(separator: "  "))
            }
            lines.append("      ▼")
        }
        if stepper.isComputed(.delta(layer: network.outputLayer, neuron: 0)), let marker = session.bugTableMarker { lines.append(marker) }
        return lines.joined(separator: "\n")
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
