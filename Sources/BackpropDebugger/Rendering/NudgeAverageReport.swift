import BackpropCore

/// `nudges --average N`: each example's nudges to one neuron's bias and weights, their average,
/// and the trainer's −(mean gradient) beside it — the same numbers.
struct NudgeAverageReport {
    let average: NudgeAverage
    let session: Session
    let setName: String
    /// What one example is called: "image" for MNIST's test images, "example" for a batch's (then
    /// numbered from 1, as `batch` lists them).
    var exampleNoun = "image"
    /// `--brief`: the bias's row alone, without the explanation.
    var brief = false
    var shownWeights: Int { brief ? 0 : 8 }

    func render() -> String {
        let avg = average, l = avg.layer, j = avg.neuron
        let notation = session.notation, style = session.style
        let neuron = notation.name("a", layer: l, neuron: j)
        let shift = exampleNoun == "image" ? 0 : 1
        let first = (avg.examples.first ?? 0) + shift, last = (avg.examples.last ?? 0) + shift
        let range = avg.examples.count == 1 ? "\(exampleNoun) \(first)" : "\(exampleNoun)s \(first) to \(last)"
        var lines = [
            style.bold("nudges to \(neuron)'s bias and weights, averaged over \(NumberFormat.grouped(avg.examples.count)) examples"),
            style.dim("(\(range) of \(setName))"),
        ]
        if !brief {
            lines += ["each example wants its own nudge −∂C/∂θ for every weight and bias; the average of those",
                      "wishes is −∇C of the average cost: one step of gradient descent moves the parameters η times it"]
        }
        // Row 0 is the bias; rows 1… the weights, of which the largest averages are shown.
        let weights = Array(avg.average.indices.dropFirst())
            .sorted { abs(avg.average[$0]) != abs(avg.average[$1]) ? abs(avg.average[$0]) > abs(avg.average[$1]) : $0 < $1 }
        let rows = [0] + weights.prefix(shownWeights)
        let shown = avg.perExample.count
        var headers = ["parameter"] + avg.examples.prefix(shown).map { "\(exampleNoun) \($0 + shift)" }
        if avg.examples.count > shown { headers.append("…") }
        headers += ["average", "−mean ∂C/∂θ (trainer)"]
        var table = Table(headers, rightAligned: Set(1..<headers.count))
        for r in rows {
            let parameter: Parameter = r == 0 ? .bias(layer: l - 1, j: j) : .weight(layer: l - 1, j: j, k: r - 1)
            var cells = [session.parameterLabel(parameter)]
            cells += avg.perExample.map { NumberFormat.signed($0[r], 4) }
            if avg.examples.count > shown { cells.append("") }
            cells += [NumberFormat.signed(avg.average[r], 6), NumberFormat.signed(avg.negativeMeanGradient[r], 6)]
            table.add(cells)
        }
        lines.append("")
        lines.append(table.render(style: style))
        lines.append(style.dim(brief ? "  (the bias alone: without --brief, its \(weights.count) weights too)"
                                     : "  (the bias and the \(min(shownWeights, weights.count)) weights with the largest average nudge, of \(weights.count))"))
        let same = avg.largestDifference == 0
        lines.append("largest |average nudge − (−mean ∂C/∂θ)| over all \(NumberFormat.grouped(avg.parameterCount)) parameters: "
                     + NumberFormat.significant(avg.largestDifference, 2) + (same ? " — " + style.success("the same numbers") : ""))
        if !brief {
            lines.append(style.dim("the average comes from each example's own trace; the mean gradient from the trainer's batch code"))
        }
        return lines.joined(separator: "\n")
    }
}
