import BackpropCore

/// The last `train` run on the page: its settings, each epoch's results as a table, and the cost
/// of every mini-batch as a line (SVG) with a dashed line where each epoch ends. Numbers are
/// written as the terminal writes them; the plot's columns are `CostPlot`'s, so the page and the
/// terminal average the same mini-batches together.
struct TrainingSection {
    let history: TrainingHistory
    let options: (options: TrainingOptions, images: Int)?
    let cost: Cost

    private let width = 900.0, height = 280.0
    private let left = 80.0, right = 880.0, top = 20.0, bottom = 230.0

    /// The section's HTML (without its heading).
    func render() -> String {
        var out = ""
        if let (o, images) = options {
            out += "<p>mini-batch gradient descent on \(NumberFormat.grouped(images)) images: \(o.epochs) epoch\(o.epochs == 1 ? "" : "s") "
                + "of mini-batches of \(o.batchSize), η = \(NumberFormat.significant(o.learningRate)), λ = \(NumberFormat.significant(o.regularization)), "
                + "\(cost.rawValue) cost, seed \(o.seed)" + (history.stoppedEarly ? " — stopped early (Ctrl-C)" : "") + "</p>\n"
        }
        if !history.epochs.isEmpty {
            out += "<table><thead><tr><th scope=\"col\">epoch</th><th scope=\"col\">training cost</th><th scope=\"col\">test cost</th><th scope=\"col\">accuracy</th></tr></thead><tbody>\n"
            for e in history.epochs {
                out += "<tr><td>\(e.epoch)</td><td>\(NumberFormat.significant(e.trainingCost, 4))</td>"
                    + "<td>\(e.evaluationCost.map { NumberFormat.significant($0, 4) } ?? "–")</td>"
                    + "<td>\(e.accuracy.map { NumberFormat.percent($0, decimals: 2) } ?? "–")</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if history.batchCosts.count >= 2 { out += plot() }
        return out
    }

    /// The cost of each mini-batch before its update, as a line.
    func plot() -> String {
        let plot = CostPlot(values: history.batchCosts, width: 800)
        let columns = plot.columns
        guard columns.count >= 2, let low = columns.min(), let high = columns.max() else { return "" }
        let span = high - low
        func y(_ v: Double) -> Double {
            span > 0 && span.isFinite ? bottom - (v - low) / span * (bottom - top) : (top + bottom) / 2
        }
        func x(_ i: Double, of n: Int) -> Double { left + (right - left) * i / Double(max(1, n - 1)) }
        let points = columns.enumerated().map { i, v in "\(svgNumber(x(Double(i), of: columns.count))),\(svgNumber(y(v)))" }
        let n = history.batchCosts.count
        let first = NumberFormat.significant(history.batchCosts.first ?? 0, 3)
        let last = NumberFormat.significant(history.batchCosts.last ?? 0, 3)
        let summary = "The cost of each of \(NumberFormat.grouped(n)) mini-batches, from \(first) at the first to \(last) at the last"
            + "; the axis runs from \(NumberFormat.significant(low, 3)) to \(NumberFormat.significant(high, 3))"
            + (n > columns.count ? ", each point the mean of about \(n / columns.count) mini-batches." : ".")
        var out = "<figure><svg class=\"cost-plot\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(summary))\">"
        out += "<line class=\"axis\" x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(left))\" y2=\"\(svgNumber(bottom))\"/>"
        out += "<line class=\"axis\" x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(bottom))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(bottom))\"/>"
        if let o = options?.options, let images = options?.images, history.epochs.count > 1 {
            let batches = (images + o.batchSize - 1) / o.batchSize
            for e in 1..<history.epochs.count where e * batches < n {
                let ex = svgNumber(left + (right - left) * Double(e * batches) / Double(n))
                out += "<line class=\"epoch\" x1=\"\(ex)\" y1=\"\(svgNumber(top))\" x2=\"\(ex)\" y2=\"\(svgNumber(bottom))\"/>"
            }
        }
        out += "<polyline class=\"cost-line\" points=\"\(points.joined(separator: " "))\"/>"
        out += "<text class=\"tick\" x=\"\(svgNumber(left - 8))\" y=\"\(svgNumber(top + 5))\">\(NumberFormat.significant(high, 3))</text>"
        out += "<text class=\"tick\" x=\"\(svgNumber(left - 8))\" y=\"\(svgNumber(bottom + 5))\">\(NumberFormat.significant(low, 3))</text>"
        out += "<text class=\"axis-label\" x=\"\(svgNumber(left))\" y=\"\(svgNumber(bottom + 24))\">1</text>"
        out += "<text class=\"axis-label\" x=\"\(svgNumber(right))\" y=\"\(svgNumber(bottom + 24))\">\(NumberFormat.grouped(n))</text>"
        out += "<text class=\"axis-label\" x=\"\(svgNumber((left + right) / 2))\" y=\"\(svgNumber(bottom + 44))\">mini-batch</text>"
        out += "</svg><figcaption>\(HTMLText.escape(summary))</figcaption></figure>\n"
        return out
    }
}
