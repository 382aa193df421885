import BackpropCore
import Foundation

/// The text of an ε sweep: one row per ε with both differences and their relative errors, a small
/// log-scale plot of the errors, the best ε of each, and why the errors fall and then rise.
struct SweepReport {
    let sweep: EpsilonSweep
    let notation: Notation
    let style: Style
    /// Why this parameter was swept, when the session chose it ("" when the learner named it).
    var chosen = ""
    var bug: BackpropBug? = nil
    /// The input's image shape, to place a pixel's weight (nil when the input is not an image).
    var image: ImageShape? = nil

    /// The plot runs from relative error 1 (left) to 1e-16 (right), `cellsPerDecade` cells a decade.
    static let decades = 16
    static let cellsPerDecade = 2

    private func f(_ x: Double, _ digits: Int = 4) -> String { NumberFormat.significant(x, digits) }

    /// "1e-5" for a power of ten, else its significant digits.
    static func epsilon(_ x: Double) -> String {
        let exponent = log10(x).rounded()
        if x > 0, x == Double("1e\(Int(exponent))") { return "1e\(Int(exponent))" }
        return NumberFormat.significant(x, 4)
    }

    func render() -> String {
        var lines = [
            style.bold("ε sweep for \(notation.label(of: sweep.parameter, image: image)) = \(f(sweep.value, 6))") + (chosen.isEmpty ? "" : "\n" + style.dim("  \(chosen)")),
            "  g = \(notation.gradientName(of: sweep.parameter)) = \(f(sweep.gradient, 10)) from backprop"
                + style.dim(bug == nil ? "" : " (its correct pass, not the planted bug)") + ", J = \(f(sweep.cost, 10))",
            style.dim("  one-sided n = (J(θ+ε) − J(θ)) / ε, central n = (J(θ+ε) − J(θ−ε)) / 2ε;"),
            style.dim("  each column is the relative error |n − g| / max(|n|, |g|)"),
            "",
        ]
        var table = Table(["ε", "one-sided", "central", SweepReport.axis()], rightAligned: [0, 1, 2])
        for r in sweep.rows {
            table.add([SweepReport.epsilon(r.epsilon), f(r.oneSidedError, 2), f(r.centralError, 2), plot(r)])
        }
        lines.append(table.render(style: style))
        lines.append(style.dim("  plot: o one-sided, c central, * both; the further right, the more accurate"))
        lines.append("")
        if let one = sweep.bestOneSided, let central = sweep.bestCentral {
            lines.append("  best one-sided: ε = \(SweepReport.epsilon(one.epsilon)), error \(f(one.oneSidedError, 2))")
            var centralLine = "  best central:   ε = \(SweepReport.epsilon(central.epsilon)), error \(f(central.centralError, 2))"
            if central.centralError > 0, central.centralError < one.oneSidedError {
                centralLine += " — \(NumberFormat.ratio(one.oneSidedError / central.centralError)) times more accurate"
            } else if central.centralError == 0 {
                centralLine += " — exact to the last digit"
            }
            lines.append(centralLine)
            lines.append(style.dim("""
              why: as ε shrinks, truncation error (the curvature of J that a secant's slope misses)
              falls, in proportion to ε for the one-sided difference and to ε² for the central one,
              whose even Taylor terms cancel. Rounding error rises: J(θ ± ε) each carry about
              |J|·1e-16, and their difference is divided by ε. Each is best where the two meet; the
              central difference meets it at a larger ε with far less error, which is why gradient
              checks use it (Ng suggests ε = 1e-4).
            """))
        }
        return lines.joined(separator: "\n")
    }

    /// "1       1e-4    1e-8    1e-12   1e-16": labels over the plot's columns.
    static func axis() -> String {
        let width = decades * cellsPerDecade + 1
        var cells = Array(repeating: Character(" "), count: width + 4)
        for d in stride(from: 0, through: decades, by: 4) {
            let label = d == 0 ? "1" : "1e-\(d)"
            for (i, c) in label.enumerated() where d * cellsPerDecade + i < cells.count { cells[d * cellsPerDecade + i] = c }
        }
        var text = String(cells)
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// One row of the plot: a dot every 4 decades, `o` and `c` at their errors.
    private func plot(_ r: EpsilonSweep.Row) -> String {
        let width = SweepReport.decades * SweepReport.cellsPerDecade + 1
        var cells = Array(repeating: Character(" "), count: width)
        for d in stride(from: 0, through: SweepReport.decades, by: 4) { cells[d * SweepReport.cellsPerDecade] = "·" }
        let o = SweepReport.column(r.oneSidedError), c = SweepReport.column(r.centralError)
        cells[o] = "o"
        cells[c] = o == c ? "*" : "c"
        return String(cells)
    }

    /// The plot column of a relative error: −log₁₀(error) decades from the left, clamped to the axis.
    static func column(_ error: Double) -> Int {
        let last = decades * cellsPerDecade
        guard error > 0 else { return last }
        guard error.isFinite else { return 0 }
        let position = (-log10(error) * Double(cellsPerDecade)).rounded()
        return Int(min(Double(last), max(0, position)))
    }
}
