import BackpropCore

/// `accuracy`: the fraction of images whose largest output is their label, the mean cost, and the
/// confusion matrix (one row per label, one column per guess; the diagonal holds the right answers).
struct AccuracyReport {
    let evaluation: Evaluation
    /// "the 1,000 shipped MNIST test images".
    let setName: String
    let networkName: String
    let cost: Cost
    let style: Style

    func render() -> String {
        let e = evaluation
        let classes = e.confusion.count
        var lines = [
            style.bold("accuracy of \(networkName) on \(setName): \(NumberFormat.percent(e.accuracy, decimals: 2))")
                + " (\(NumberFormat.grouped(e.correct)) right, \(NumberFormat.grouped(e.count - e.correct)) wrong)",
            "mean cost \(NumberFormat.significant(e.cost)) (\(cost.rawValue))",
            "",
            style.dim("confusion matrix: one row per label, one column per guess; the diagonal is right"),
        ]
        var table = Table(["label"] + (0..<classes).map { "\($0)" } + ["images", "right"],
                          rightAligned: Set(1...(classes + 2)))
        for label in 0..<classes {
            let row = e.confusion[label]
            let total = row.reduce(0, +)
            var cells = ["\(label)"]
            for guess in 0..<classes {
                let n = row[guess]
                let text = n == 0 ? style.dim("·") : "\(n)"
                cells.append(guess == label && n > 0 ? style.success(text) : text)
            }
            cells.append(NumberFormat.grouped(total))
            cells.append(total == 0 ? "–" : NumberFormat.percent(Double(row[label]) / Double(total)))
            table.add(cells)
        }
        lines.append(table.render(style: style))
        return lines.joined(separator: "\n")
    }
}
