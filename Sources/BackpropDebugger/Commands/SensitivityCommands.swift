import BackpropCore

extension Session {
    /// `grads [PARAM [PARAM]] [--top N]`: rank the parameters by |∂C/∂θ|, or show one, or compare two.
    func gradsCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.count <= 2 else {
            throw CommandError("grads takes at most two parameters to compare", showUsage: true)
        }
        var parameters: [Parameter] = []
        for word in args.positional { parameters.append(try parseParameter(word)) }
        if !parameters.isEmpty, args.value("top") != nil {
            throw CommandError("--top ranks every parameter; with parameters named, grads shows or compares those", showUsage: true)
        }
        let top = try args.count("top", in: 1...network.parameterCount) ?? 10
        let ran = completePass()
        var text = ran > 0 ? style.dim("(computed the rest of the pass first: \(ran) step\(ran == 1 ? "" : "s"))\n") : ""
        if batch.count > 1 {
            text += style.dim("the batch's gradient: each ∂C/∂θ is \(batch.reduction.describe(count: batch.count))' ∂Cₓ/∂θ\n")
        }
        switch parameters.count {
        case 0: text += ranking(top: top)
        case 1: text += single(parameters[0])
        default: text += compare(parameters[0], parameters[1])
        }
        if let marker = bugTableMarker { text += "\n" + marker }
        return text
    }

    /// The gradient of the pass: the example's, or for a batch its examples' reduced (once every
    /// example's pass is done; until then the current example's).
    var passGradient: Gradient { stepper.batchTrace?.gradient ?? trace.gradient }

    /// The cost of the pass: the example's, or the batch's reduced (once every pass is done).
    var passCost: Double { stepper.batchTrace?.cost ?? trace.cost }

    /// Takes every remaining step of the pass; returns how many.
    func completePass() -> Int {
        var ran = 0
        while takeStep() != nil { ran += 1 }
        return ran
    }

    /// "increasing Θ(3)1,1 lowers the cost" — what the sign of a gradient component means.
    private func effect(of parameter: Parameter, gradient g: Double) -> String {
        let name = notation.name(of: parameter)
        if g == 0 { return "changing \(name) a little does not change the cost (to first order)" }
        return "increasing \(name) \(g > 0 ? "raises" : "lowers") the cost"
    }

    /// Every parameter in order of |∂C/∂θ|, largest first (the parameters' own order on a tie).
    private func ranked() -> [(parameter: Parameter, gradient: Double)] {
        let g = passGradient
        let all = network.parameters.enumerated().map { (index: $0.offset, parameter: $0.element, gradient: g[$0.element]) }
        return all.sorted { abs($0.gradient) != abs($1.gradient) ? abs($0.gradient) > abs($1.gradient) : $0.index < $1.index }
            .map { ($0.parameter, $0.gradient) }
    }

    private func ranking(top: Int) -> String {
        let all = ranked()
        let shown = all.prefix(top)
        var table = Table(["rank", "parameter", "∂C/∂θ", "|∂C/∂θ|", "nudging it"], rightAligned: [0, 2, 3])
        for (i, entry) in shown.enumerated() {
            let g = entry.gradient
            let meaning = g == 0 ? "no first-order effect" : (g > 0 ? "increase raises C" : "increase lowers C")
            table.add(["\(i + 1)", parameterLabel(entry.parameter), style.signed(NumberFormat.significant(g), g),
                       NumberFormat.significant(abs(g)), meaning])
        }
        let norm = all.reduce(0) { $0 + $1.gradient * $1.gradient }.squareRoot()
        let zeros = all.filter { $0.gradient == 0 }.count
        var lines = [
            style.bold("sensitivity") + style.dim("   the \(shown.count) of \(all.count) parameters the cost is most sensitive to, by |∂C/∂θ|"),
            table.render(style: style),
            "",
            "  ‖∇C‖ = \(NumberFormat.significant(norm)); \(zeros) of \(all.count) components are exactly 0",
        ]
        if zeros > 0 && network.sizes[0] > 20 {
            lines.append(style.dim("  (a weight from an input that is 0 gets ∂C/∂w = a·δ = 0: this example says nothing about it)"))
        }
        lines.append(style.dim("  A small nudge Δ to θ changes C by about ∂C/∂θ·Δ, so |∂C/∂θ| is how sensitive the cost is to θ;\n  gradient descent moves each θ by −η·∂C/∂θ, most where the cost is most sensitive."))
        if let legend = signColourLegend() { lines.append(legend) }
        return lines.joined(separator: "\n")
    }

    /// "∂C/∂Θ(3)1,1 = −0.339555   (increasing Θ(3)1,1 lowers the cost)", the note on a line of its
    /// own when both do not fit 100 columns (a pixel's weight is named with its row and column).
    private func gradientLine(_ parameter: Parameter, _ g: Double) -> String {
        let value = notation.gradientLabel(of: parameter, image: imageShape) + " = " + NumberFormat.significant(g)
        let note = "(" + effect(of: parameter, gradient: g) + ")"
        return visibleWidth(value + "   " + note) <= 100 ? value + "   " + note : value + "\n  " + note
    }

    private func single(_ parameter: Parameter) -> String {
        let g = passGradient[parameter]
        let rank = ranked().firstIndex { $0.parameter == parameter }.map { $0 + 1 } ?? 0
        return gradientLine(parameter, g) + "\n"
            + style.dim("  rank \(rank) of \(network.parameterCount) by |∂C/∂θ|; `grads --top N` ranks them all, `grads P1 P2` compares two")
    }

    private func compare(_ first: Parameter, _ second: Parameter) -> String {
        let g1 = passGradient[first], g2 = passGradient[second]
        let n1 = notation.name(of: first), n2 = notation.name(of: second)
        func f(_ x: Double) -> String { NumberFormat.significant(x) }
        var lines = [
            gradientLine(first, g1),
            gradientLine(second, g2),
        ]
        let (a, b) = (abs(g1), abs(g2))
        if a == 0 && b == 0 {
            lines.append("both are exactly 0: to first order the cost does not change with either")
        } else if a == 0 || b == 0 {
            let (zero, other) = a == 0 ? (n1, n2) : (n2, n1)
            lines.append("∂C/∂\(zero) is exactly 0: to first order the cost does not change with \(zero) at all,")
            lines.append("so only \(other) matters here")
        } else if a == b {
            lines.append("|∂C/∂\(n1)| = |∂C/∂\(n2)|: the cost is equally sensitive to both")
        } else {
            let (big, small, bigName, smallName) = a > b ? (a, b, n1, n2) : (b, a, n2, n1)
            let ratio = NumberFormat.ratio(big / small)
            lines.append("|∂C/∂\(bigName)| / |∂C/∂\(smallName)| = \(f(big)) / \(f(small)) = \(ratio)")
            lines.append(style.bold("the cost is \(ratio) times more sensitive to \(bigName) than to \(smallName)"))
            lines.append(style.dim("  (the same small nudge to each changes C \(ratio) times as much through \(bigName))"))
        }
        return lines.joined(separator: "\n")
    }
}
