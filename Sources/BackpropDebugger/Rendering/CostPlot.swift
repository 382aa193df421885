/// A small plot of a cost curve for the terminal: one column per value (or per group of values,
/// averaged, when there are more values than columns), a bar from the bottom in eighths of a cell.
struct CostPlot {
    let values: [Double]
    var width = 60
    var height = 8
    /// What one value is, for the x axis ("mini-batch").
    var unit = "mini-batch"
    /// The plural of `unit`.
    var units = "mini-batches"

    /// The averaged columns, each over consecutive values, in order.
    var columns: [Double] {
        let finite = values.filter(\.isFinite)
        guard finite.count > width else { return finite }
        return (0..<width).map { c in
            let start = c * finite.count / width, end = (c + 1) * finite.count / width
            return finite[start..<end].reduce(0, +) / Double(end - start)
        }
    }

    func render() -> String {
        let cols = columns
        guard let low = cols.min(), let high = cols.max() else { return "" }
        let levels = height * 8
        // Level 1 … levels: the lowest value still shows as "▁".
        // A column averaged from costs near the largest double can overflow to ∞; then the span is no
        // scale (∞/∞ is NaN, which no Int holds) and every column is drawn at mid-height.
        let span = high - low
        let level = cols.map { v in span > 0 && span.isFinite ? 1 + Int(((v - low) / span * Double(levels - 1)).rounded()) : levels / 2 }
        let glyphs = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = NumberFormat.significant(high, 3), bottom = NumberFormat.significant(low, 3)
        let labelWidth = max(top.count, bottom.count)
        var lines: [String] = []
        for r in 0..<height {
            let floor = (height - 1 - r) * 8
            var line = ""
            for l in level { line += glyphs[min(8, max(0, l - floor))] }
            let label = r == 0 ? top : (r == height - 1 ? bottom : "")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(pad(label, labelWidth, right: true) + (label.isEmpty ? " │" : " ┤") + line)
        }
        lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: cols.count))
        let last = "\(values.count)"
        let axis = "1" + String(repeating: " ", count: max(1, cols.count - 1 - last.count)) + last
        let margin = String(repeating: " ", count: labelWidth + 2)
        lines.append(margin + axis + "  " + (values.count == 1 ? unit : units))
        if values.count > cols.count {
            // Columns average ⌊n / w⌋ or ⌈n / w⌉ consecutive values.
            let fewest = values.count / cols.count, most = (values.count + cols.count - 1) / cols.count
            lines.append(margin + "(each column averages \(fewest == most ? "\(fewest)" : "\(fewest) or \(most)") \(units))")
        }
        return lines.joined(separator: "\n")
    }
}
