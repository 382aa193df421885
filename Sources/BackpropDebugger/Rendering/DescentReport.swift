import BackpropCore

/// `descend`: one gradient-descent step written out — every parameter's old value, its gradient and
/// its new value θ − η·∂C/∂θ (the largest changes only, on a large network), then the cost before
/// and after beside the first-order prediction ΔC ≈ −η‖∇C‖².
struct DescentReport {
    let session: Session
    let before: Network
    let after: Network
    /// ∂C/∂θ at `before` (the mean over the examples when there are several): the step's direction.
    let gradient: Gradient
    let eta: Double
    let examples: Int
    /// How the examples' gradients combine.
    var reduction: Reduction = .mean
    let costBefore: Double
    let costAfter: Double
    private var style: Style { session.style }
    private func f(_ x: Double, _ digits: Int = 6) -> String { NumberFormat.significant(x, digits) }

    func render() -> String {
        let parameters = before.parametersRowByRow
        let on = examples == 1 ? "the example" : "the batch of \(examples) (\(reduction.rawValue))"
        var lines = [style.bold("descend: one step of gradient descent on \(on)")
                     + style.dim("   θ ← θ − η·∂C/∂θ, η = \(f(eta))")]
        let changes = ParameterChangeTable(before: before, after: after)
        var table = Table(["parameter", "old θ", "∂C/∂θ", "new θ − η·∂C/∂θ", "change"], rightAligned: [1, 2, 3, 4])
        for p in changes.rows {
            let old = before.value(of: p), new = after.value(of: p)
            table.add([session.parameterLabel(p), f(old, 9), f(gradient[p]), f(new, 9),
                       ParameterChangeTable.change(new - old, style: style)])
        }
        lines.append(table.render(style: style))
        if let note = changes.omittedNote("; each moved by η·|∂C/∂θ|") { lines.append(style.dim(note)) }
        let squared = parameters.reduce(0.0) { $0 + gradient[$1] * gradient[$1] }
        let predicted = -eta * squared
        let real = costAfter - costBefore
        lines.append("")
        lines.append("cost before  C = \(f(costBefore))")
        lines.append("cost after   C = \(f(costAfter))   ΔC = " + style.result(NumberFormat.signed(real, 4)))
        lines.append("predicted    ΔC ≈ −η‖∇C‖² = −\(f(eta))·\(f(squared, 4)) = \(NumberFormat.signed(predicted, 4))"
                     + style.dim("   (first order: exact only for a small step)"))
        if !costAfter.isFinite {
            lines.append(style.warning("the cost after the step is \(f(costAfter)): the step was so large it overshot into saturation")
                         + style.dim(" (`back` undoes it)"))
        } else if real > 0 {
            lines.append(style.warning("the cost went up: η = \(f(eta)) overshoots here") + style.dim(" (`back` undoes it; try a smaller --eta)"))
        } else if predicted != 0 && (real / predicted > 2 || real / predicted < 0.5) {
            lines.append(style.warning("the real change is far from the prediction: η = \(f(eta)) is too large a step for the "
                                       + "first-order picture"))
        }
        if let bug = session.bug {
            lines.append(style.dim("the step used the true gradient: the planted bug (\(bug.rawValue)) lives only in the debugger's pass"))
        }
        lines.append(style.dim("the pass starts again with the new values; `back` undoes the step, bit for bit"))
        return lines.joined(separator: "\n")
    }
}
