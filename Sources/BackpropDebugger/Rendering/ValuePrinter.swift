import BackpropCore

/// Shows the values an expression names: one number, a layer's vector, a matrix, or every layer.
/// Values not computed yet are said to be so, with the step that will compute them.
struct ValuePrinter {
    let session: Session
    /// Show every entry of long vectors and big matrices instead of a summary.
    var showAll = false
    /// Vectors longer than this are summarised unless `showAll`.
    let summaryThreshold = 20

    private var network: Network { session.network }
    private var trace: Trace { session.trace }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private func f(_ x: Double) -> String { NumberFormat.significant(x) }

    func render(_ ref: ValueReference) -> String {
        let text = values(ref)
        switch ref {
        case .delta, .weightGradient, .biasGradient:
            if let marker = session.bugTableMarker { return text + "\n" + marker }
        default:
            break
        }
        return text
    }

    private func values(_ ref: ValueReference) -> String {
        switch ref {
        case let .z(l, j), let .a(l, j), let .delta(l, j):
            let symbol = ref.symbol(notation)
            if let l {
                if let j { return single(ref, layer: l, neuron: j) }
                return vector(symbol: symbol, layer: l)
            }
            let first = symbol == "a" ? 0 : 1
            return (first...network.outputLayer).map { vector(symbol: symbol, layer: $0) }.joined(separator: "\n\n")
        case let .weight(l, j, k):
            if let l, let j, let k {
                let p = Parameter.weight(layer: l, j: j, k: k)
                return "\(notation.name(of: p)) = \(f(network.value(of: p)))" + style.dim("   (weights[\(l)][\(j)][\(k)]: from \(l == 0 ? session.inputName(k) : notation.name("a", layer: l, neuron: k)) to \(notation.name("z", layer: l + 1, neuron: j)))")
            }
            return matrices(layer: l, row: j, gradient: false)
        case let .bias(l, j):
            if let l, let j {
                let p = Parameter.bias(layer: l, j: j)
                return "\(notation.name(of: p)) = \(f(network.value(of: p)))" + style.dim("   (biases[\(l)][\(j)]: added into \(notation.name("z", layer: l + 1, neuron: j)))")
            }
            return biasVectors(layer: l, gradient: false)
        case let .theta(l, i, _):
            return matrices(layer: l, row: i.map { $0 - 1 }, gradient: false, withBiasColumn: true)
        case let .weightGradient(l, j, k):
            if let l, let j, let k {
                let p = Parameter.weight(layer: l, j: j, k: k)
                guard session.stepper.isComputed(.gradient(layer: l + 1, neuron: j)) else { return notYet(notation.gradientName(of: p), .gradient(layer: l + 1, neuron: j)) }
                return "\(notation.gradientLabel(of: p, image: session.imageShape)) = \(f(trace.gradient[p]))"
            }
            return matrices(layer: l, row: j, gradient: true, withBiasColumn: notation == .ng)
        case let .biasGradient(l, j):
            if let l, let j {
                let p = Parameter.bias(layer: l, j: j)
                guard session.stepper.isComputed(.gradient(layer: l + 1, neuron: j)) else { return notYet(notation.gradientName(of: p), .gradient(layer: l + 1, neuron: j)) }
                return "\(notation.gradientName(of: p)) = \(f(trace.gradient[p]))"
            }
            return biasVectors(layer: l, gradient: true)
        case .cost:
            guard session.stepper.isComputed(.cost) else { return notYet("C", .cost) }
            return "C = \(f(trace.cost))" + style.dim("   (\(network.cost.rawValue) cost of this example)")
        case .input:
            return plainVector(name: "x", values: session.example.input)
        case .target:
            return plainVector(name: "y", values: session.example.target)
        }
    }

    private func value(_ symbol: String, layer l: Int, neuron j: Int) -> Double {
        switch symbol {
        case "z": trace.z[l][j]
        case "a": trace.a[l][j]
        default: trace.delta[l][j]
        }
    }

    private func step(for symbol: String, layer l: Int, neuron j: Int) -> Step? {
        switch symbol {
        case "a" where l == 0: nil
        case "z", "a": .forward(layer: l, neuron: j)
        default: .delta(layer: l, neuron: j)
        }
    }

    private func isKnown(_ symbol: String, layer l: Int, neuron j: Int) -> Bool {
        guard let s = step(for: symbol, layer: l, neuron: j) else { return true }
        return session.stepper.isComputed(s)
    }

    private func single(_ ref: ValueReference, layer l: Int, neuron j: Int) -> String {
        let symbol = ref.symbol(notation)
        let name = notation.name(symbol, layer: l, neuron: j) + (l == 0 ? session.pixelPlace(j) : "")
        guard isKnown(symbol, layer: l, neuron: j) else {
            return notYet(name, step(for: symbol, layer: l, neuron: j) ?? .cost)
        }
        return "\(name) = \(f(value(symbol, layer: l, neuron: j)))"
    }

    func notYet(_ name: String, _ step: Step) -> String {
        let position = network.position(of: step) ?? 0
        let remaining = position - session.stepper.position + 1
        let how: String
        switch step.phase {
        case .forward: how = "`forward`"
        case .cost: how = "`cost`"
        case .backward, .gradients: how = "`backward`"
        }
        return "\(name) is not computed yet: it comes \(remaining) step\(remaining == 1 ? "" : "s") from here (`step \(remaining)` or \(how) computes it)"
    }

    private func vector(symbol: String, layer l: Int) -> String {
        let n = network.sizes[l]
        let title = style.bold(notation.name(symbol, layer: l)) + style.dim("   layer \(notation.layer(l))" + (l == 0 ? " (input)" : (l == network.outputLayer ? " (output)" : "")) + ", \(n) neuron\(n == 1 ? "" : "s")")
        if l == 0 && symbol != "a" { return title + "\n  (the input layer has no \(symbol))" }
        let known = (0..<n).filter { isKnown(symbol, layer: l, neuron: $0) }
        if known.isEmpty {
            return title + "\n  not computed yet (`\(symbol == "z" || symbol == "a" ? "forward" : "backward")` computes it)"
        }
        if n > summaryThreshold && !showAll {
            let values = known.map { value(symbol, layer: l, neuron: $0) }
            let nonzero = values.filter { $0 != 0 }.count
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            let mean = values.reduce(0, +) / Double(values.count)
            return title + "\n  \(known.count) values computed, \(nonzero) non-zero; min \(f(lo)), max \(f(hi)), mean \(f(mean))"
                + style.dim("\n  (print \(notation.name(symbol, layer: l)) --all shows every value)")
        }
        var table = Table(["neuron", symbol], rightAligned: [1])
        for j in 0..<n {
            let cell = isKnown(symbol, layer: l, neuron: j) ? f(value(symbol, layer: l, neuron: j)) : style.dim("·")
            table.add([notation.name(symbol, layer: l, neuron: j), cell])
        }
        var text = title + "\n" + table.render(style: style)
        if symbol == "δ" && notation == .ng && l < network.outputLayer && known.count == n {
            text += "\n  " + session.renderer.biasUnitDeltaSummary(layer: l)
        }
        return text
    }

    private func plainVector(name: String, values: [Double]) -> String {
        if values.count > summaryThreshold && !showAll {
            let nonzero = values.filter { $0 != 0 }.count
            return "\(name): \(values.count) values, \(nonzero) non-zero, min \(f(values.min() ?? 0)), max \(f(values.max() ?? 0))"
                + style.dim("   (add --all to see every value)")
        }
        return "\(name) = (" + values.map(f).joined(separator: ", ") + ")"
    }

    private func matrices(layer: Int?, row: Int?, gradient: Bool, withBiasColumn: Bool = false) -> String {
        let layers = layer.map { [$0] } ?? Array(0..<(network.sizes.count - 1))
        return layers.map { matrix(layer: $0, row: row, gradient: gradient, withBiasColumn: withBiasColumn) }.joined(separator: "\n\n")
    }

    private func matrix(layer l: Int, row: Int?, gradient: Bool, withBiasColumn: Bool) -> String {
        let rows = network.sizes[l + 1], columns = network.sizes[l]
        let name = (gradient ? "∂C/∂" : "") + notation.weightMatrixName(l)
        let title = style.bold(name) + style.dim("   \(rows)×\(columns)\(withBiasColumn ? " + bias column 0" : ""): row = neuron of layer \(notation.layer(l + 1)), column = neuron of layer \(notation.layer(l))")
        if gradient {
            let done = (0..<rows).filter { session.stepper.isComputed(.gradient(layer: l + 1, neuron: $0)) }
            if done.isEmpty { return title + "\n  not computed yet (`backward` computes it)" }
        }
        func entry(_ j: Int, _ k: Int) -> Double {
            gradient ? trace.gradient.weights[l][j, k] : network.weights[l][j, k]
        }
        func biasEntry(_ j: Int) -> Double { gradient ? trace.gradient.biases[l][j] : network.biases[l][j] }
        if columns > 12 && !showAll {
            let selected = row.map { [$0] } ?? Array(0..<rows)
            var table = Table(["row", "min", "max", "mean |·|", withBiasColumn ? "bias (col 0)" : "bias"], rightAligned: [1, 2, 3, 4])
            for j in selected {
                let values = (0..<columns).map { entry(j, $0) }
                table.add(["\(notation.neuron(j))", f(values.min() ?? 0), f(values.max() ?? 0),
                           f(values.reduce(0) { $0 + abs($1) } / Double(columns)), f(biasEntry(j))])
            }
            return title + "\n" + table.render(style: style) + style.dim("\n  (\(columns) columns summarised; add --all for every value)")
        }
        let firstColumn = withBiasColumn ? -1 : 0
        var headers = ["row"]
        for k in firstColumn..<columns { headers.append(k < 0 ? "0 (bias)" : "\(notation.neuron(k))") }
        var table = Table(headers, rightAligned: Set(1...(columns - firstColumn)))
        for j in (row.map { [$0] } ?? Array(0..<rows)) {
            var cells = ["\(notation.neuron(j))"]
            for k in firstColumn..<columns {
                let v = k < 0 ? biasEntry(j) : entry(j, k)
                cells.append(style.signed(f(v), v))
            }
            table.add(cells)
        }
        return title + "\n" + table.render(style: style) + (session.signColourLegend().map { "\n" + $0 } ?? "")
    }

    private func biasVectors(layer: Int?, gradient: Bool) -> String {
        let layers = layer.map { [$0] } ?? Array(0..<(network.sizes.count - 1))
        return layers.map { l in
            let name = (gradient ? "∂C/∂" : "") + (notation == .ng ? "Θ(\(l + 1))·,0" : "b(\(l + 1))")
            var table = Table(["neuron", gradient ? "∂C/∂b" : "b"], rightAligned: [1])
            for j in 0..<network.sizes[l + 1] {
                let known = !gradient || session.stepper.isComputed(.gradient(layer: l + 1, neuron: j))
                let v = gradient ? trace.gradient.biases[l][j] : network.biases[l][j]
                table.add([notation.name(of: .bias(layer: l, j: j)), known ? f(v) : style.dim("·")])
            }
            return style.bold(name) + "\n" + table.render(style: style)
        }.joined(separator: "\n\n")
    }
}
