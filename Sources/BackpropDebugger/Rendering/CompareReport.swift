import BackpropCore

/// The text of `compare`: where the network and example came from, the tolerance, then either a
/// clean match or the first differing value (ours with its arithmetic, theirs beside it) and a
/// table of how many values differ in each array of the file.
struct CompareReport {
    let comparison: TraceComparison
    let network: Network
    /// The complete pass this program computed.
    let trace: Trace
    let file: String
    /// "network  from …" and "example  …" lines.
    let sources: [String]
    let notation: Notation
    let style: Style
    /// For a batch: its complete passes and reduced values, and whether the file stated the reduction.
    var batch: (pass: BatchTrace, stated: Bool)? = nil

    /// The pass the value's arithmetic is shown from: its example's, in a batch.
    func trace(for d: TraceComparison.Difference) -> Trace {
        guard let batch, let e = d.example else { return trace }
        return batch.pass.traces[e]
    }

    private func renderer(_ trace: Trace) -> StepRenderer {
        StepRenderer(network: network, trace: trace, notation: notation, style: style)
    }

    func render() -> String {
        let t = comparison.tolerance
        var lines = [style.bold("compare \(file)") + style.dim("   with this program's pass over the same network and example")]
        lines += sources.map { "  " + $0 }
        lines.append("  agree    when |ours − yours| ≤ atol + rtol·|ours|, atol = \(NumberFormat.exact(t.absolute)), rtol = \(NumberFormat.exact(t.relative))")
        lines.append("")
        guard let first = comparison.first else {
            let groups = comparison.groups
            let first = groups.first?.path ?? "", last = groups.last?.path ?? ""
            let span = groups.count == 1 ? first : "\(groups.count) arrays, \(first) to \(last)"
            lines.append(style.success("match") + ": all \(comparison.compared) value\(comparison.compared == 1 ? "" : "s") compared agree"
                         + style.dim("   (\(span))"))
            return lines.joined(separator: "\n")
        }
        let before = comparison.agreeingBeforeFirst
        lines.append(style.error("first difference") + ", in stepping order: " + style.bold(name(first.quantity))
                     + (first.example.map { " of example \($0 + 1)" } ?? (batch != nil ? " (batch)" : ""))
                     + "   (\(first.path) in the file)")
        lines.append("  ours   \(exact(first.ours))")
        lines.append("  yours  \(exact(first.theirs))")
        lines.append("  |ours − yours| = \(NumberFormat.significant(first.absoluteError, 4))"
                     + (first.ours != 0 && first.ours.isFinite ? ", \(NumberFormat.significant(first.absoluteError / abs(first.ours), 4)) of |ours|" : ""))
        lines.append(style.dim("  the \(before) value\(before == 1 ? "" : "s") compared before it agree\(before == 1 ? "s" : "")"))
        lines += CompareHints(report: self, first: first).lines().map { style.warning("  " + $0) }
        lines.append("")
        lines.append("our arithmetic:")
        lines.append(arithmetic(first))
        lines.append("")
        let n = comparison.differences.count
        lines.append("\(n) of \(comparison.compared) values compared differ:")
        var table = Table(["in the file", "value", "compared", "differ", "largest |ours − yours|"], rightAligned: [2, 3, 4])
        for g in comparison.groups {
            table.add([g.path, groupName(g.first), "\(g.compared)", g.differing == 0 ? "0" : style.error("\(g.differing)"),
                       g.differing == 0 ? "" : NumberFormat.significant(g.largestError, 4)])
        }
        lines.append(table.render(style: style))
        if let note = roundOffNote() { lines.append(style.dim(note)) }
        return lines.joined(separator: "\n")
    }

    /// Our formula with its numbers for one value: a batch's cost and gradients as their reduction
    /// over the examples.
    private func arithmetic(_ d: TraceComparison.Difference) -> String {
        let q = d.quantity, trace = trace(for: d), renderer = renderer(trace)
        if let batch, d.example == nil { return batchArithmetic(q, batch.pass) }
        return switch q {
        case let .a(0, j):
            "\(notation.name("a", layer: 0, neuron: j)) is the input x\(notation.neuron(j)) = \(NumberFormat.significant(trace.a[0][j])): given, not computed"
                + style.dim("   (your trace was made with a different input)")
        case let .z(l, j), let .a(l, j): renderer.forward(layer: l, neuron: j)
        case .cost: renderer.cost()
        case let .delta(l, j): renderer.delta(layer: l, neuron: j)
        case let .biasGradient(l, j): renderer.biasGradient(layer: l, j: j)
        case let .weightGradient(l, j, k): renderer.weightGradient(layer: l, j: j, k: k)
        }
    }

    /// "∂C/∂w(3)1,2 = (1/4)·Σₓ ∂Cₓ/∂w(3)1,2 = (1/4)·(a + b + c + d) = v": a batch value from its examples'.
    private func batchArithmetic(_ q: TraceComparison.Quantity, _ pass: BatchTrace) -> String {
        let m = pass.traces.count
        let each = pass.traces.map { q.value(in: $0) }
        let shown = each.prefix(6).map { NumberFormat.factor($0) }.joined(separator: " + ") + (m > 6 ? " + … (\(m - 6) more)" : "")
        let over = pass.reduction == .mean ? "(1/\(m))·" : ""
        let whole: Double = switch q {
        case .cost: pass.cost
        case let .biasGradient(l, j): pass.gradient.biases[l][j]
        case let .weightGradient(l, j, k): pass.gradient.weights[l][j, k]
        default: q.value(in: pass.traces[0])
        }
        return "\(name(q)) = \(over)Σₓ (each example's) = \(over)(\(shown))\n"
            + "  = " + style.result(NumberFormat.significant(whole))
            + style.dim("   (\(pass.reduction.describe(count: m)); `batch` lists them, `grads` shows the batch's gradient)")
    }

    /// The value's name in the current notation: z(2)1, δ(3)1, ∂C/∂Θ(1)2,1, C.
    func name(_ q: TraceComparison.Quantity) -> String {
        switch q {
        case let .z(l, j): notation.name("z", layer: l, neuron: j)
        case let .a(l, j): notation.name("a", layer: l, neuron: j)
        case .cost: notation.costSymbol
        case let .delta(l, j): notation.name("δ", layer: l, neuron: j)
        case let .biasGradient(l, j): notation.gradientName(of: .bias(layer: l, j: j))
        case let .weightGradient(l, j, k): notation.gradientName(of: .weight(layer: l, j: j, k: k))
        }
    }

    /// The name of a whole array: z(2), δ(3), ∂C/∂Θ(2) or ∂C/∂w(2), ∂C/∂Θ(2)j,0 or ∂C/∂b(2).
    private func groupName(_ q: TraceComparison.Quantity) -> String {
        switch q {
        case let .z(l, _): notation.name("z", layer: l)
        case let .a(l, _): notation.name("a", layer: l)
        case .cost: notation.costSymbol
        case let .delta(l, _): notation.name("δ", layer: l)
        case let .weightGradient(l, _, _): "∂C/∂" + notation.weightMatrixName(l)
        case let .biasGradient(l, _): notation == .ng ? "∂C/∂Θ(\(l + 1))j,0" : "∂C/∂b(\(l + 1))"
        }
    }

    /// The number as a trace file holds it: the shortest text that reads back as the same double
    /// (NaN and ∞ as words).
    private func exact(_ x: Double) -> String {
        x.isFinite ? JSON.number(x).text(.compact) : NumberFormat.significant(x)
    }

    /// A hint when every difference is at the level of single-precision round-off.
    private func roundOffNote() -> String? {
        // NaN compares false, so a NaN anywhere keeps the note away.
        guard comparison.differences.allSatisfy({ $0.absoluteError <= 1e-4 * abs($0.ours) }) else { return nil }
        return "  every difference is under 1e-4 of |ours|: round-off of a float32 implementation? try --rtol 1e-4"
    }
}
