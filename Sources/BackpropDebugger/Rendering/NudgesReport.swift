import BackpropCore

/// `nudges`: one example's desires, from the output backwards, in 3Blue1Brown's words with
/// backprop's numbers: each activation's desired change, one neuron's three avenues, and the
/// layer's desires for the previous layer added up beside backprop's −∂C/∂a and −δ there.
struct NudgesReport {
    let nudges: Nudges
    let session: Session
    let exampleName: String
    /// Rows shown in the weight and activation lists of the avenues.
    var shownRows = 6
    /// Layers with more neurons than this are listed by their largest values only.
    var fullListLimit = 20
    /// Only the desired changes of the layer's activations (`nudges --brief`).
    var brief = false
    /// Only the chosen neuron's three avenues (`nudges --avenues`).
    var avenuesOnly = false
    /// Only the desires for the layer before, added up beside backprop's values (`nudges --sum`).
    var sumOnly = false

    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private var network: Network { session.network }
    private func f(_ x: Double) -> String { NumberFormat.significant(x, 4) }
    private func a(_ l: Int, _ j: Int) -> String { l == 0 ? session.inputName(j) : notation.name("a", layer: l, neuron: j) }
    /// The name of the weight from neuron `k` of layer l − 1 to neuron `j` of layer `l` (engine
    /// layer l; Ng's Θ(l) and 3Blue1Brown's w(l) both carry that number), indices given as text.
    private func w(_ l: Int, _ j: String, _ k: String) -> String {
        notation == .ng ? "Θ(\(l))\(j),\(k)" : "w(\(l))\(j),\(k)"
    }

    func render() -> String {
        let text: String
        if brief {
            text = desires() + "\n" + style.dim("(without --brief: one neuron's three avenues, and the desires for the layer before added up)")
        } else if avenuesOnly {
            text = avenues()
        } else if sumOnly {
            text = summed()
        } else {
            text = [desires(), avenues(), summed()].joined(separator: "\n\n")
        }
        return text + (session.signColourLegend().map { "\n" + $0 } ?? "")
    }

    /// An arrow and a bar for a desire, its length in proportion to |value| / scale.
    func desireBar(_ value: Double, scale: Double, width: Int = 16) -> String {
        guard value != 0, scale > 0 else { return "  " + style.dim("·") }
        let bar = fractionBar(abs(value) / scale, width: width)
        return style.signed((value > 0 ? "↑ " : "↓ ") + (bar.isEmpty ? "▏" : bar), value)
    }

    private func desires() -> String {
        let n = nudges, l = n.layer
        var lines = [style.bold("nudges: what \(exampleName) wants, read from its backprop trace") + style.dim("   (\(n.cost.rawValue) cost)")]
        if let y = n.targets {
            let how: String = switch n.cost {
            case .sumOfSquares: "2(yⱼ − aⱼ)"
            case .quadratic: "yⱼ − aⱼ"
            case .crossEntropy: "(yⱼ − aⱼ) / (aⱼ(1 − aⱼ))"
            case .logLikelihood: "yⱼ / aⱼ"
            }
            lines.append("each output's desired change is −∂C/∂\(a(l, 0).dropLast())ⱼ = \(how):")
            lines.append("its sign says which way, its size how far it is from its target" + (n.cost == .crossEntropy ? " (scaled by 1/(a(1 − a)))" : ""))
            var table = Table(["neuron", "a", "y", "−∂C/∂a", "wants"], rightAligned: [1, 2, 3])
            let scale = n.desiredActivationChanges.map(abs).max() ?? 0
            for j in n.activations.indices {
                table.add([a(l, j), f(n.activations[j]), NumberFormat.significant(y[j]), NumberFormat.signed(n.desiredActivationChanges[j], 4),
                           desireBar(n.desiredActivationChanges[j], scale: scale)])
            }
            lines.append(table.render(style: style))
        } else {
            lines.append("a hidden neuron has no target: its desired change −∂C/∂\(a(l, 0).dropLast())ⱼ is the sum of the next layer's")
            lines.append("desires for it" + style.dim(" (`nudges --layer \(notation.layer(l + 1))` adds them up)"))
            lines.append(rankedTable(values: n.desiredActivationChanges, headers: ["neuron", "a", "−∂C/∂a", "wants"]) { j in
                [a(l, j), f(n.activations[j]), NumberFormat.signed(n.desiredActivationChanges[j], 4)]
            })
        }
        return lines.joined(separator: "\n")
    }

    private func avenues() -> String {
        let n = nudges, l = n.layer, j = n.neuron
        let want = n.desiredActivationChanges[j], slope = n.activationSlopes[j], dz = n.desiredWeightedInputChanges[j]
        let z = notation.name("z", layer: l, neuron: j), d = notation.name("δ", layer: l, neuron: j)
        let b = notation.name(of: .bias(layer: l - 1, j: j))
        let g = network.activation(layer: l).symbol
        let prev = notation.name("a", layer: l - 1) + "k"
        var lines = [style.bold("\(a(l, j)): three ways to \(want >= 0 ? "raise" : "lower") it")
                     + style.dim("   (`nudges N` picks another neuron)")]
        lines.append("\(a(l, j)) wants to change by −∂C/∂\(a(l, j)) = \(NumberFormat.signed(want, 4)),")
        if network.activation(layer: l) == .softmax {
            // Every softmax output moves with every z, so −δ is not this neuron's slope times its desire.
            lines.append("so \(z) by −\(d) = yⱼ − aⱼ = " + style.result(NumberFormat.signed(dz, 4))
                         + style.dim("   (softmax: each z moves every a; with the log-likelihood the sum is y − a)"))
        } else {
            lines.append("so \(z) by −\(d) = −∂C/∂\(a(l, j))·\(g)′(\(z))"
                         + " = \(NumberFormat.factor(want, 4))·\(f(slope)) = " + style.result(NumberFormat.signed(dz, 4)))
        }
        if n.cost == .crossEntropy && n.targets != nil {
            lines.append(style.dim("  (cross-entropy: backprop takes −\(d) = y − a directly; the product above equals it to rounding)"))
        }
        lines.append(style.dim("\(z) = \(b) + Σₖ \(w(l, "\(notation.neuron(j))", "k"))·\(prev), so there are three avenues:"))
        lines.append("  1. its bias:     −∂C/∂\(b) = −\(d) = " + style.result(NumberFormat.signed(n.biasNudge, 4)))
        lines.append("  2. its weights:  −∂C/∂\(w(l, "\(notation.neuron(j))", "k")) = \(prev)·(−\(d)): largest where \(prev) is brightest")
        lines.append(style.dim("                   (\"fire together, wire together\")"))
        lines.append(rankedRows(values: n.weightNudges, headers: ["weight", "a", "nudge"]) { k in
            [w(l, "\(notation.neuron(j))", "\(notation.neuron(k))") + (l == 1 ? session.pixelPlace(k) : ""), f(n.previousActivations[k]),
             NumberFormat.signed(n.weightNudges[k], 4)]
        })
        lines.append("  3. the activations \(notation.name("a", layer: l - 1)): this neuron's desire \(w(l, "\(notation.neuron(j))", "k"))·(−\(d)), in proportion to the weight")
        lines.append(rankedRows(values: n.previousActivationNudges, headers: ["activation", "w", "desire"]) { k in
            [a(l - 1, k), f(n.weights[k]), NumberFormat.signed(n.previousActivationNudges[k], 4)]
        })
        if n.backprop == nil {
            lines.append(style.dim("       (these are input pixels: the desire is there, but only the weights and biases can change)"))
        }
        return lines.joined(separator: "\n")
    }

    private func summed() -> String {
        let n = nudges, l = n.layer
        let layerName = notation.name("a", layer: l - 1)
        guard let bp = n.backprop else {
            return style.dim("\(layerName) is the input: its pixels are data, not parameters, so the desires stop here (backprop needs no δ for the input).")
        }
        var lines = [style.bold("every neuron of layer \(notation.layer(l)) has a desire for each \(layerName)k; added up:")]
        let sumName = "Σⱼ " + w(l, "j", "k") + "·(−δⱼ)"
        var table = Table(["neuron", sumName, "−∂C/∂a (backprop)", "σ′(z)", "sum·σ′(z)", "−δ (backprop)"], rightAligned: [1, 2, 3, 4, 5])
        let g = network.activation(layer: l - 1)
        if g != .sigmoid {
            table.headers[3] = "\(g.symbol)′(z)"
            table.headers[4] = "sum·\(g.symbol)′(z)"
        }
        var largestA = 0.0, largestDelta = 0.0
        let sums = n.summedPreviousActivationNudges
        for k in sums.indices {
            largestA = max(largestA, abs(sums[k] - bp.desiredActivationChanges[k]))
            largestDelta = max(largestDelta, abs(sums[k] * bp.activationSlopes[k] - bp.desiredWeightedInputChanges[k]))
        }
        let rows = sums.count <= fullListLimit ? Array(sums.indices) : top(sums, count: fullListLimit)
        for k in rows {
            table.add([a(l - 1, k), NumberFormat.signed(sums[k], 6), NumberFormat.signed(bp.desiredActivationChanges[k], 6),
                       NumberFormat.significant(bp.activationSlopes[k], 4), NumberFormat.signed(sums[k] * bp.activationSlopes[k], 6),
                       NumberFormat.signed(bp.desiredWeightedInputChanges[k], 6)])
        }
        lines.append(table.render(style: style))
        if rows.count < sums.count { lines.append(style.dim("  (the \(rows.count) largest of \(sums.count))")) }
        let same = largestA == 0 && largestDelta == 0
        lines.append("largest difference: sum vs −∂C/∂a \(NumberFormat.significant(largestA, 2)), sum·σ′ vs −δ \(NumberFormat.significant(largestDelta, 2))"
                     + (same ? " — " + style.success("the same numbers") : ""))
        lines.append("the summed desires are backprop's −∂C/∂\(layerName), and times σ′(z) its −δ:")
        lines.append("backpropagation is this bookkeeping")
        lines.append(style.dim("`nudges --layer \(notation.layer(l - 1))` goes one layer further back; `nudges --average N` averages N images"))
        return lines.joined(separator: "\n")
    }

    /// The indices of the `count` largest |values|, largest first (ties: lower index first).
    private func top(_ values: [Double], count: Int) -> [Int] {
        Array(values.indices.sorted { abs(values[$0]) != abs(values[$1]) ? abs(values[$0]) > abs(values[$1]) : $0 < $1 }.prefix(count))
    }

    /// A table of the largest |values| (all of them when few), with a desire bar.
    private func rankedTable(values: [Double], headers: [String], cells: (Int) -> [String]) -> String {
        let rows = values.count <= fullListLimit ? Array(values.indices) : top(values, count: fullListLimit)
        let scale = values.map(abs).max() ?? 0
        var table = Table(headers, rightAligned: Set(1..<(headers.count - 1)))
        for k in rows { table.add(cells(k) + [desireBar(values[k], scale: scale)]) }
        var text = table.render(style: style)
        if rows.count < values.count { text += "\n" + style.dim("  (the \(rows.count) largest of \(values.count))") }
        return text
    }

    /// The `shownRows` largest |values|, indented under an avenue.
    private func rankedRows(values: [Double], headers: [String], cells: (Int) -> [String]) -> String {
        let rows = top(values, count: shownRows)
        let scale = values.map(abs).max() ?? 0
        var table = Table(headers + [""], rightAligned: [1, 2])
        for k in rows { table.add(cells(k) + [desireBar(values[k], scale: scale, width: 10)]) }
        var text = table.render(style: style, indent: "       ")
        if rows.count < values.count {
            let zeros = values.filter { $0 == 0 }.count
            text += "\n" + style.dim("       (the \(rows.count) largest of \(values.count)" + (zeros > 0 ? "; \(zeros) are 0" : "") + ")")
        }
        return text
    }
}
