import BackpropCore

/// One parameter's gradient check written out as arithmetic: θ, J(θ + ε), J(θ − ε), their difference
/// over 2ε with the numbers in it, backprop's value and how it was computed, the errors, the
/// tolerance and the verdict. Every number is read from the check and the trace it was given.
struct ParameterCheckReport {
    /// A check with one row.
    let check: GradientCheck
    let network: Network
    /// The example's full pass, as the analytic side computed it (with the bug, if one is planted).
    let trace: Trace
    /// How many examples the check's J is over (its summary's), and how they combine.
    private var batchSize: Int { check.summary.exampleCount }
    let notation: Notation
    let style: Style
    let bug: BackpropBug?

    private func number(_ x: Double, _ digits: Int = 6) -> String { NumberFormat.significant(x, digits) }
    private func factor(_ x: Double, _ digits: Int = 6) -> String { NumberFormat.factor(x, digits) }

    func render() -> String {
        guard let r = check.rows.first else { return "nothing was checked" }
        let s = check.summary
        let name = notation.name(of: r.parameter)
        let theta = network.value(of: r.parameter)
        let eps = s.epsilon
        let label = 11
        func row(_ title: String, _ text: String) -> String { "  " + pad(title, label) + text }
        var lines = [
            style.bold("gradient check of \(name)") + style.dim("   (\(r.parameter.description); \(role(r.parameter)))"),
            row("θ", "= \(name) = \(number(theta, 12))"),
            row("ε", "= \(NumberFormat.exact(eps))"),
            row("J(θ + ε)", "= J(\(number(theta + eps, 12))) = \(number(r.costPlus, 15))"),
            row("J(θ − ε)", "= J(\(number(theta - eps, 12))) = \(number(r.costMinus, 15))"),
            style.dim("  " + pad("", label) + "  (forward passes with only \(name) nudged: no bug ever reaches them)"),
            row("numeric", "= (J(θ + ε) − J(θ − ε)) / 2ε"),
            row("", "= (\(number(r.costPlus, 15)) − \(number(r.costMinus, 15))) / \(number(2 * eps))"),
            row("", "= \(factor(r.costPlus - r.costMinus, 9)) / \(number(2 * eps))"),
            row("", "= " + style.result(number(r.numeric, 10))),
            row("backprop", "\(notation.gradientName(of: r.parameter)) = " + backpropArithmetic(r) + style.result(number(r.analytic, 10))),
        ]
        if let bug {
            lines.append(style.warning("  bug planted: \(bug.rawValue)") + style.dim(" — backprop's value comes from the buggy backward pass"))
        }
        let largest = max(abs(r.analytic), abs(r.numeric))
        let atolPart = s.absoluteTolerance * max(1, abs(s.cost))
        lines += [
            row("|a − n|", "= |\(number(r.analytic, 10)) − \(factor(r.numeric, 10))| = \(number(r.absoluteError, 4))"),
            row("relative", "= |a − n| / max(|a|, |n|) = \(number(r.absoluteError, 4)) / \(number(largest)) = \(number(r.relativeError, 4))"),
            row("tolerance", "= atol·max(1, |J|) + rtol·max(|a|, |n|) = \(NumberFormat.exact(s.absoluteTolerance))·\(number(max(1, abs(s.cost)))) + \(NumberFormat.exact(s.relativeTolerance))·\(number(largest))"),
            row("", "= \(number(atolPart, 4)) + \(number(s.relativeTolerance * largest, 4)) = \(number(r.tolerance, 4))"),
        ]
        if r.passed {
            var verdict = style.success("PASS") + ": |a − n| = \(number(r.absoluteError, 4)) ≤ \(number(r.tolerance, 4))"
            if r.isTinyGradient(relativeTolerance: s.relativeTolerance) {
                verdict += style.dim(" — on the absolute part: the gradient is so tiny that rounding in J(θ ± ε) is a large share of it")
            }
            lines.append(row("verdict", verdict))
        } else {
            // Far from ε ≈ 1e-4 the finite difference is the less trustworthy side (see `EpsilonSweep`).
            var blame: String?
            if eps > 1e-3 {
                blame = "or ε is too large: the difference is off by about ε² (`gradcheck --sweep \(name)`)"
            } else if eps < 1e-6 {
                blame = "or ε is too small: rounding in J(θ ± ε) swamps it (`gradcheck --sweep \(name)`)"
            }
            lines.append(row("verdict", style.error("FAIL") + ": |a − n| = \(number(r.absoluteError, 4)) > \(number(r.tolerance, 4)) — backprop's value is wrong"
                             + (blame == nil ? "" : ",")))
            if let blame { lines.append(row("", blame)) }
        }
        return lines.joined(separator: "\n")
    }

    /// "weights from a(2)2 to z(3)1" — what the parameter connects.
    private func role(_ parameter: Parameter) -> String {
        switch parameter {
        case let .weight(0, j, k) where ImageShape.of(network) != nil:
            "from \(notation.inputName(k, image: ImageShape.of(network))) to \(notation.name("z", layer: 1, neuron: j))"
        case let .weight(l, j, k): "the weight from \(notation.name("a", layer: l, neuron: k)) to \(notation.name("z", layer: l + 1, neuron: j))"
        case let .bias(l, j): "the bias of \(notation.name("z", layer: l + 1, neuron: j))"
        }
    }

    /// "a(2)2·δ(3)1 = 0.59·(−0.06) = " — how backprop got its value, as the analytic pass computed it.
    private func backpropArithmetic(_ r: GradientCheck.Row) -> String {
        let renderer = StepRenderer(network: network, trace: trace, notation: notation, style: style, bug: bug)
        let over = check.summary.reduction == .mean ? "(1/\(batchSize))·Σₓ " : "Σₓ "
        switch r.parameter {
        case let .weight(l, j, k):
            let factors = renderer.weightGradientFactors(layer: l, j: j, k: k)
            if batchSize > 1 { return "\(over)\(factors.aName)·\(factors.dName) over the batch = " }
            return "\(factors.aName)·\(factors.dName) = \(factor(factors.a))·\(factor(factors.d)) = "
        case let .bias(l, j):
            if bug == .noBiasGradient { return "" }
            if batchSize > 1 { return "\(over)\(notation.name("δ", layer: l + 1, neuron: j)) over the batch = " }
            return "\(notation.name("δ", layer: l + 1, neuron: j)) = "
        }
    }
}
