import BackpropCore

extension Session {
    func gradcheckCommand(_ words: [String]) throws(CommandError) -> String {
        let args = try Arguments(words, valued: ["eps", "atol", "rtol", "sample", "seed"])
        guard args.positional.isEmpty else {
            throw CommandError("gradcheck takes only options", showUsage: true)
        }
        var options = GradientCheck.Options()
        if let e = args.option("eps") {
            let eps = try Arguments.number(e, name: "--eps")
            guard GradientCheck.Options.epsilonRange.contains(eps) else {
                throw CommandError("--eps \(e) is out of range; ε must be from 1e-12 to 1", showUsage: true)
            }
            options.epsilon = eps
        }
        if let a = args.option("atol") {
            options.absoluteTolerance = try Arguments.number(a, name: "--atol")
            guard options.absoluteTolerance >= 0 else { throw CommandError("--atol must be 0 or more", showUsage: true) }
        }
        if let r = args.option("rtol") {
            options.relativeTolerance = try Arguments.number(r, name: "--rtol")
            guard options.relativeTolerance >= 0 else { throw CommandError("--rtol must be 0 or more", showUsage: true) }
        }
        let seed = try args.option("seed").map { s throws(CommandError) in UInt64(try Arguments.count(s, name: "--seed", in: 0...Int.max)) } ?? 1
        if let s = args.option("sample") {
            let n = try Arguments.count(s, name: "--sample", in: 1...network.parameterCount)
            var rng = SeededGenerator(seed: seed)
            var indices = Array(0..<network.parameterCount)
            rng.shuffle(&indices)
            options.parameters = indices.prefix(n).sorted().compactMap { network.parameter(at: $0) }
        }
        let check: GradientCheck
        do {
            check = try GradientCheck.run(network: network, examples: [example], options: options) { done, total in
                self.progress("gradient check \(done)/\(total)")
                return !self.isInterrupted()
            }
        } catch {
            throw CommandError(error.description)
        }
        lastCheck = check
        return GradientCheckReport(check: check, notation: notation, style: style).render()
    }
}

/// The text of a gradient check: the worst parameters, the summary, and the verdict.
struct GradientCheckReport {
    let check: GradientCheck
    let notation: Notation
    let style: Style
    var rowsShown = 8

    func render() -> String {
        let s = check.summary
        func f(_ x: Double) -> String { NumberFormat.significant(x, 4) }
        var table = Table(["parameter", "backprop", "numeric", "|a − n|", "relative", ""], rightAligned: [1, 2, 3, 4])
        for r in s.worst.prefix(rowsShown) {
            let verdict = r.passed ? (r.isTinyGradient(relativeTolerance: s.relativeTolerance) ? style.warning("ok (tiny)") : style.success("ok")) : style.error("FAIL")
            table.add([notation.name(of: r.parameter), NumberFormat.significant(r.analytic, 8), NumberFormat.significant(r.numeric, 8),
                       f(r.absoluteError), f(r.relativeError), verdict])
        }
        var lines = [
            style.bold("gradient check") + style.dim("   central differences (J(θ+ε) − J(θ−ε)) / 2ε on the current example"),
            "  ε = \(NumberFormat.exact(s.epsilon)), atol = \(NumberFormat.exact(s.absoluteTolerance))·max(1, |J|), rtol = \(NumberFormat.exact(s.relativeTolerance)); J = \(NumberFormat.significant(s.cost))",
            "",
            style.dim("  worst \(min(rowsShown, s.worst.count)) of \(s.parameters) by error relative to tolerance:"),
            table.render(style: style),
            "",
            "  parameters checked  \(s.parameters)",
            "  failed              \(s.failed)",
            "  ‖n − a‖ / ‖n + a‖   \(f(s.normDifference))" + style.dim("   (Ng: below 1e-7 is what a correct backprop gives)"),
            "  max relative error  \(f(s.maxRelativeError))",
        ]
        if s.tinyGradients > 0 {
            lines.append(style.warning("  note: \(s.tinyGradients) parameter\(s.tinyGradients == 1 ? " has" : "s have") a relative error above rtol only because the gradient is tiny;")
                         + "\n" + style.dim("        there round-off in J(θ ± ε) (about |J|·1e-16/ε) is as large as the gradient itself, so they pass on the absolute tolerance."))
        }
        if s.passed {
            lines.append(style.success("  verdict: PASS") + " — backprop agrees with brute force on every parameter checked")
        } else {
            lines.append(style.error("  verdict: FAIL") + " — \(s.failed) parameter\(s.failed == 1 ? "" : "s") disagree; the gradients are wrong")
        }
        return lines.joined(separator: "\n")
    }
}
