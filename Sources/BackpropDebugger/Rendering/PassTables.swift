import BackpropCore

/// The tables `forward` and `backward` print: every layer's z and a, every δ and the gradients.
/// Layers wider than `summaryThreshold` are summarised (`print` shows them in full).
struct PassTables {
    let session: Session
    var summaryThreshold = 20

    private var network: Network { session.network }
    private var trace: Trace { session.trace }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private func f(_ x: Double) -> String { NumberFormat.significant(x) }

    private func layerTitle(_ l: Int) -> String {
        let role = l == 0 ? "input" : (l == network.outputLayer ? "output" : "hidden")
        return style.bold("layer \(notation.layer(l))") + style.dim(" (\(role), \(network.sizes[l]) neuron\(network.sizes[l] == 1 ? "" : "s"))")
    }

    private func summary(_ values: [Double]) -> String {
        let nonzero = values.filter { $0 != 0 }.count
        let mean = values.reduce(0, +) / Double(max(1, values.count))
        return "\(values.count) values, \(nonzero) non-zero; min \(f(values.min() ?? 0)), max \(f(values.max() ?? 0)), mean \(f(mean))"
    }

    /// Every layer's z and a.
    func forward() -> String {
        var blocks: [String] = []
        for l in 0...network.outputLayer {
            let n = network.sizes[l]
            if n > summaryThreshold {
                let label = l == 0 ? "a = x" : "a"
                var text = layerTitle(l) + "\n  \(label): " + summary(trace.a[l])
                if l > 0 { text += "\n  z: " + summary(trace.z[l]) }
                text += style.dim("\n  (print \(notation.name("a", layer: l)) --all for every value\(network.sizes[0] == 784 && l == 0 ? "; image draws it" : ""))")
                blocks.append(text)
                continue
            }
            var table = l == 0 ? Table(["neuron", "a = x"], rightAligned: [1]) : Table(["neuron", "z", "a"], rightAligned: [1, 2])
            for j in 0..<n {
                let name = notation.name("a", layer: l, neuron: j).replacingOccurrences(of: "a(", with: "(")
                if l == 0 {
                    table.add([name, f(trace.a[0][j])])
                } else {
                    table.add([name, f(trace.z[l][j]), style.result(f(trace.a[l][j]))])
                }
            }
            blocks.append(layerTitle(l) + "\n" + table.render(style: style))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// Every δ, layer by layer from the output back, then the gradients.
    func backward() -> String {
        var blocks: [String] = session.bugTableMarker.map { [$0] } ?? []
        for l in stride(from: network.outputLayer, through: 1, by: -1) {
            let n = network.sizes[l]
            if n > summaryThreshold {
                blocks.append(layerTitle(l) + "\n  δ: " + summary(trace.delta[l]))
                continue
            }
            var table = Table(["neuron", "∂C/∂a", "δ = ∂C/∂z"], rightAligned: [1, 2])
            for j in 0..<n {
                let name = notation.name("δ", layer: l, neuron: j).replacingOccurrences(of: "δ(", with: "(")
                table.add([name, f(trace.activationGradient[l][j]), style.result(f(trace.delta[l][j]))])
            }
            var text = layerTitle(l) + "\n" + table.render(style: style)
            if notation == .ng && l < network.outputLayer {
                text += "\n  " + session.renderer.biasUnitDeltaSummary(layer: l)
            }
            blocks.append(text)
        }
        blocks.append(gradients())
        return blocks.joined(separator: "\n\n")
    }

    /// The gradient of every weight layer: in full for small layers, as a summary for large ones.
    func gradients() -> String {
        var blocks: [String] = []
        for l in stride(from: network.outputLayer - 1, through: 0, by: -1) {
            let rows = network.sizes[l + 1], columns = network.sizes[l]
            let name = "∂C/∂" + notation.weightMatrixName(l)
            if columns > 12 {
                let w = trace.gradient.weights[l].storage
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                var largest = 0
                for i in w.indices where abs(w[i]) > abs(w[largest]) { largest = i }
                let p = Parameter.weight(layer: l, j: largest / columns, k: largest % columns)
                blocks.append(style.bold(name) + style.dim(" (\(rows)×\(columns))")
                              + "\n  ‖∂C/∂w‖ = \(f(norm)); largest \(notation.gradientName(of: p)) = \(f(trace.gradient[p]))"
                              + "\n  ∂C/∂b: " + summary(trace.gradient.biases[l]))
                continue
            }
            var headers = ["row"]
            if notation == .ng { headers.append("0 (bias)") }
            for k in 0..<columns { headers.append("\(notation.neuron(k))") }
            if notation != .ng { headers.append("∂C/∂b") }
            var table = Table(headers, rightAligned: Set(1..<headers.count))
            for j in 0..<rows {
                var cells = ["\(notation.neuron(j))"]
                let bias = f(trace.gradient.biases[l][j])
                if notation == .ng { cells.append(bias) }
                for k in 0..<columns { cells.append(f(trace.gradient.weights[l][j, k])) }
                if notation != .ng { cells.append(bias) }
                table.add(cells)
            }
            blocks.append(style.bold(name) + style.dim(" (row = neuron of layer \(notation.layer(l + 1)), column = neuron of layer \(notation.layer(l)))") + "\n" + table.render(style: style))
        }
        return blocks.joined(separator: "\n\n")
    }
}
