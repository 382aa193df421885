import BackpropCore

/// The text of `compare`: where the network and example came from, the tolerance, then either a
/// clean match with the largest difference, or the first differing value (ours with its
/// arithmetic, theirs beside it) and a table of how many values differ in each array of the file;
/// hints where a difference looks like a known slip. `json()` is the same result for a script.
struct CompareReport {
    let comparison: TraceComparison
    /// The network and examples run, and where they came from.
    let pass: ComparedPass
    /// The complete pass this program computed (the first example's, for a batch).
    let trace: Trace
    let file: String
    let notation: Notation
    let style: Style

    var network: Network { pass.network }
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
        lines += pass.lines.map { "  " + $0 }
        lines.append("  agree    when |ours − yours| ≤ atol + rtol·|ours|, atol = \(NumberFormat.exact(t.absolute)), rtol = \(NumberFormat.exact(t.relative))")
        lines.append("")
        guard let first = comparison.first else {
            let groups = comparison.groups
            let first = groups.first?.path ?? "", last = groups.last?.path ?? ""
            let span = groups.count == 1 ? first : "\(groups.count) arrays, \(first) to \(last)"
            lines.append(style.success("match") + ": all \(comparison.compared) value\(comparison.compared == 1 ? "" : "s") compared agree"
                         + style.dim("   (\(span))"))
            if let largest = comparison.largest { lines.append(largestLine(largest)) }
            return lines.joined(separator: "\n")
        }
        let hints = self.hints
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
        lines += hints.filter { $0.path == nil }.flatMap(\.lines).map { style.dim("  " + $0) }
        return lines.joined(separator: "\n")
    }

    /// "  largest |ours − yours| = 3.058e-09, at δ(3)1 (layers[2].delta[0]), 5.2e-08 of |ours|", or
    /// that every value is ours bit for bit.
    private func largestLine(_ d: TraceComparison.Difference) -> String {
        guard d.absoluteError > 0 else { return "  largest |ours − yours| = 0: every value is ours bit for bit" }
        let relative = d.relativeError.map { ", \(NumberFormat.significant($0, 2)) of |ours|" } ?? ""
        return "  largest |ours − yours| = \(NumberFormat.significant(d.absoluteError, 4)), at \(name(d.quantity))"
            + (d.example.map { " of example \($0 + 1)" } ?? "") + " (\(d.path))" + relative
    }

    /// Every hint, in the order the report shows them: the classic mistakes the first difference
    /// fits (`CompareHints`), then what all the differences look like (round-off).
    var hints: [Hint] {
        (comparison.first.map { CompareHints(report: self, first: $0).hints() } ?? []) + [roundOffHint()].compactMap { $0 }
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
        let over = pass.reduction == .mean ? "(1/\(m))·" : ""
        let pad = String(repeating: " ", count: visibleWidth(name(q)) + 1)
        // As many of the examples' values as fit 100 columns (at most six), then how many more.
        let values = { (k: Int) in each.prefix(k).map { NumberFormat.factor($0) }.joined(separator: " + ") + (m > k ? " + … (\(m - k) more)" : "") }
        let k = (1...min(6, m)).reversed().first { visibleWidth(pad + "= \(over)(" + values($0) + ")") <= 100 } ?? 1
        let shown = values(k)
        let whole: Double = switch q {
        case .cost: pass.cost
        case let .biasGradient(l, j): pass.gradient.biases[l][j]
        case let .weightGradient(l, j, k): pass.gradient.weights[l][j, k]
        default: q.value(in: pass.traces[0])
        }
        // One line each: the definition, the examples' values, the result (and what it is, on a line
        // of its own when one would pass 100 columns).
        let head = "\(name(q)) = \(over)Σₓ (each example's)"
        let result = pad + "= " + style.result(NumberFormat.significant(whole))
        let note = "(\(pass.reduction.describe(count: m)); `batch` lists them, `grads` shows the batch's gradient)"
        return head + "\n" + pad + "= \(over)(\(shown))\n"
            + (visibleWidth(result) + 3 + visibleWidth(note) <= 100 ? result + style.dim("   " + note) : result + "\n" + style.dim(pad + note))
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
    func groupName(_ q: TraceComparison.Quantity) -> String {
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

    /// A hint when every difference is the size of round-off: of single precision (float32 keeps
    /// about 7 digits, so its values are off by 1e-8 to 1e-4 of |ours|), or of double precision
    /// (16 digits: a sum taken in another order is off by up to about 1e-12) — which is no bug.
    private func roundOffHint() -> Hint? {
        let differences = comparison.differences
        // Relative sizes of every difference; a NaN, an infinity or a difference where ours is 0
        // has none, and keeps the hints away.
        let relative = differences.compactMap(\.relativeError)
        guard !differences.isEmpty, relative.count == differences.count, let largest = relative.max() else { return nil }
        if largest <= CompareReport.doubleRoundOff {
            return Hint(id: "float64-round-off",
                        lines: ["every difference is under 1e-12 of |ours|: double round-off (sums in another order?), not a bug"])
        }
        guard largest <= CompareReport.singleRoundOff, largest >= CompareReport.singleRoundOffFloor else { return nil }
        // Values a float32 implementation wrote are float32 numbers, whatever type held them after.
        let float32 = differences.allSatisfy { Double(Float($0.theirs)) == $0.theirs }
        let most = NumberFormat.significant(largest, 2)
        return Hint(id: "float32-round-off",
                    lines: [float32 ? "at most \(most) of |ours|, yours all float32 numbers: a float32 implementation? try --rtol 1e-4"
                        : "every difference is at most \(most) of |ours|: round-off of a float32 implementation? try --rtol 1e-4"])
    }

    /// Differences up to this share of |ours| are double-precision round-off.
    static let doubleRoundOff = 1e-12
    /// Single-precision round-off: at least this share of |ours| somewhere, at most `singleRoundOff` everywhere.
    static let singleRoundOffFloor = 1e-9
    static let singleRoundOff = 1e-4
}
