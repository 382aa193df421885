import BackpropCore

/// The text of a whole gradient check: the worst parameters, where the failures are, the summary,
/// and the verdict. Names follow the current notation.
struct GradientCheckReport {
    let check: GradientCheck
    let network: Network
    let notation: Notation
    let style: Style
    /// How many parameters the check set out to do (more than it did if it was interrupted).
    var planned: Int? = nil
    var rowsShown = 8
    /// The fingerprints of the failures (`GradientCheck.failurePatterns`), said after the verdict.
    var patterns: [FailurePattern] = []

    /// True when the check failed only by finite differences' truncation error: every failing
    /// parameter passes at a smaller ε, its error falling as ε² (`FailurePattern.truncation`).
    /// The verdict is then PASS, with the reason.
    var failuresAreTruncation: Bool {
        !check.summary.passed && patterns.contains { if case .truncation = $0 { true } else { false } }
    }

    private func f(_ x: Double) -> String { NumberFormat.significant(x, 4) }

    func render() -> String {
        let s = check.summary
        var table = Table(["parameter", "backprop", "numeric", "|a − n|", "relative", ""], rightAligned: [1, 2, 3, 4])
        for r in s.worst.prefix(rowsShown) {
            let verdict = r.passed ? (r.isTinyGradient(relativeTolerance: s.relativeTolerance) ? style.warning("ok (tiny)") : style.success("ok")) : style.error("FAIL")
            table.add([notation.label(of: r.parameter, image: ImageShape.of(network)), NumberFormat.significant(r.analytic, 8), NumberFormat.significant(r.numeric, 8),
                       f(r.absoluteError), f(r.relativeError), verdict])
        }
        var lines = [
            style.bold("gradient check") + style.dim("   central differences (J(θ+ε) − J(θ−ε)) / 2ε"
                + (check.summary.exampleCount == 1 ? " on the current example"
                   : ", J \(check.summary.reduction.describe(count: check.summary.exampleCount))' costs")),
            "  ε = \(NumberFormat.exact(s.epsilon)), atol = \(NumberFormat.exact(s.absoluteTolerance))·max(1, |J|), rtol = \(NumberFormat.exact(s.relativeTolerance)); J = \(NumberFormat.significant(s.cost))",
        ]
        if let bug = s.bug {
            lines.append(style.warning("  bug planted: \(bug.rawValue)") + style.dim(" — the backprop column has it; the numeric one never does"))
        }
        lines += [
            "",
            style.dim("  worst \(min(rowsShown, s.worst.count)) of \(s.parameters) by error relative to tolerance:"),
            table.render(style: style),
            "",
            "  parameters checked  \(s.parameters)" + (s.parameters < network.parameterCount ? style.dim(" of \(network.parameterCount)") : ""),
            "  failed              \(s.failed)",
            "  ‖n − a‖ / ‖n + a‖   \(f(s.normDifference))" + style.dim("   (Ng: below 1e-7 is what a correct backprop gives)"),
            "  max relative error  \(f(s.maxRelativeError))",
        ]
        if !s.passed { lines.append(failuresByLayer()) }
        if s.tinyGradients > 0 { lines.append(tinyGradientNote()) }
        if let planned, planned > s.parameters {
            lines.append(style.warning("  stopped early: \(s.parameters) of \(planned) parameters checked"))
            lines.append((s.passed ? "  verdict: none yet — no failure among those checked" : style.error("  verdict: FAIL") + " — \(s.failed) of those checked disagree; the gradients are wrong"))
            return lines.joined(separator: "\n")
        }
        if s.passed {
            lines.append(style.success("  verdict: PASS") + " — backprop agrees with brute force on every parameter checked")
        } else if failuresAreTruncation {
            // Every failure passes at a smaller ε, its error falling as ε²: the finite differences
            // were wrong at this ε, not backprop, so the check passes and says why.
            lines.append(style.success("  verdict: PASS") + " — backprop agrees (\(s.failed) miss\(s.failed == 1 ? "" : "es") at "
                         + "ε = \(NumberFormat.exact(s.epsilon)) \(s.failed == 1 ? "is" : "are") finite differences' error)")
            lines += GradcheckHints(patterns: patterns, network: network, notation: notation, batchSize: s.exampleCount)
                .lines().map(style.warning)
        } else {
            let failures = "\(s.failed) parameter\(s.failed == 1 ? "" : "s") disagree"
            lines.append(style.error("  verdict: FAIL") + " — \(failures); the gradients are wrong")
            if let first = s.worst.first {
                lines.append(style.dim("  (`gradcheck \(notation.name(of: first.parameter))` shows that parameter's arithmetic)"))
            }
            lines += GradcheckHints(patterns: patterns, network: network, notation: notation, batchSize: s.exampleCount)
                .lines().map(style.warning)
        }
        return lines.joined(separator: "\n")
    }

    /// Which matrices and bias vectors the failures are in: a bug shows its shape here.
    private func failuresByLayer() -> String {
        var table = Table(["layer", "weights failed", "biases failed"], rightAligned: [1, 2])
        for l in 0..<(network.sizes.count - 1) {
            let rows = check.rows.filter { $0.parameter.layer == l }
            guard !rows.isEmpty else { continue }
            func count(_ isBias: Bool) -> String {
                let kind = rows.filter { if case .bias = $0.parameter { return isBias } else { return !isBias } }
                guard !kind.isEmpty else { return style.dim("–") }
                let failed = kind.filter { !$0.passed }.count
                let text = "\(failed) of \(kind.count)"
                return failed > 0 ? style.error(text) : text
            }
            let name = notation == .ng ? "Θ(\(l + 1))" : "w(\(l + 1)), b(\(l + 1))"
            table.add([name, count(false), count(true)])
        }
        return style.dim("  where the failures are (into layer \(notation.layer(1)) first):") + "\n" + table.render(style: style, indent: "    ")
    }

    /// Why some parameters pass with a large relative error, with the first one's numbers.
    private func tinyGradientNote() -> String {
        let s = check.summary
        let n = s.tinyGradients
        var text = style.warning("  note: \(n) parameter\(n == 1 ? " has" : "s have") a relative error above rtol = \(NumberFormat.exact(s.relativeTolerance)) only because the gradient is tiny.")
        let tiny = check.rows.filter { $0.isTinyGradient(relativeTolerance: s.relativeTolerance) }
        if let r = tiny.max(by: { $0.relativeError < $1.relativeError }) {
            text += "\n" + style.dim("        e.g. \(notation.name(of: r.parameter)): backprop \(f(r.analytic)), numeric \(f(r.numeric)), relative error \(f(r.relativeError)),")
                + "\n" + style.dim("        yet |a − n| = \(f(r.absoluteError)) is within atol·max(1, |J|) = \(f(s.absoluteTolerance * max(1, abs(s.cost)))).")
        }
        text += "\n" + style.dim("        J(θ ± ε) are each rounded to about |J|·1e-16, so the numeric gradient carries an error")
            + "\n" + style.dim("        near |J|·1e-16/ε (\(f(max(1, abs(s.cost)) * 1.1e-16 / s.epsilon)) here) whatever the gradient's size;")
            + "\n" + style.dim("        next to a gradient that small it is a large share.")
            + "\n" + style.dim("        That is why the tolerance has an absolute part: these parameters pass.")
        return text
    }
}
