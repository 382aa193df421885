import BackpropCore

/// What `train` shows on a network trained on the session's own examples (`small`): the settings,
/// the cost before and after, the cost of each update as a plot, and every weight and bias before
/// and after, so the parameters can be watched learning.
struct ExampleTrainingReport {
    let session: Session
    let before: Network
    let history: TrainingHistory
    let options: TrainingOptions
    let batches: Int
    let examples: Int
    let costBefore: Double
    let costAfter: Double
    private var style: Style { session.style }
    private var network: Network { session.network }
    private func f(_ x: Double, _ digits: Int = 6) -> String { NumberFormat.significant(x, digits) }

    func render() -> String {
        let o = options, updates = history.batchCosts.count
        let on = examples == 1 ? "its example" : "its \(examples) examples"
        var lines = [style.bold("trained \(session.networkName) on \(on): \(updates) update\(updates == 1 ? "" : "s") of gradient descent")]
        let per = batches == 1 ? "one update per epoch" : "\(batches) mini-batches of \(o.batchSize) per epoch"
        lines.append("\(o.epochs) epoch\(o.epochs == 1 ? "" : "s"), \(per), η = \(f(o.learningRate)), \(network.cost.rawValue) cost"
                     + (o.regularization > 0 ? ", λ = \(f(o.regularization))" : "")
                     + (o.learningRateDecay != 1 ? ", η × \(f(o.learningRateDecay)) after each epoch" : ""))
        lines.append(style.dim(o.reduction == .mean
            ? "each update: θ ← θ − (η/m)·Σ ∂C/∂θ over its m examples, the mean (the same trainer as MNIST's)"
            : "each update: θ ← θ − η·Σ ∂C/∂θ over its m examples, the sum (the same trainer as MNIST's)"))
        if let layers = o.trainedLayers {
            let names = layers.map { session.notation.weightMatrixName($0) }.joined(separator: ", ")
            lines.append(style.warning("only \(names) learn\(layers.count == 1 ? "s" : ""); every other layer keeps its values"))
        }
        lines.append("")
        lines.append("cost before  C = \(f(costBefore))")
        lines.append("cost after   C = \(f(costAfter))   ΔC = " + style.result(NumberFormat.signed(costAfter - costBefore, 4)))
        if history.batchCosts.count >= 2 {
            var plot = CostPlot(values: history.batchCosts)
            plot.unit = "update"
            plot.units = "updates"
            lines.append("")
            lines.append("cost before each update:")
            lines.append(plot.render())
        }
        lines.append("")
        lines.append(parameterTable())
        if history.stoppedEarly {
            lines.append(style.warning("stopped by Ctrl-C after \(updates) update\(updates == 1 ? "" : "s"); the network keeps them"))
        }
        lines.append(style.dim("`back` undoes the whole run, bit for bit; `descend` takes one more step and shows its arithmetic"))
        return lines.joined(separator: "\n")
    }

    private func parameterTable() -> String {
        let changes = ParameterChangeTable(before: before, after: network)
        var table = Table(["parameter", "before", "after", "change"], rightAligned: [1, 2, 3])
        for p in changes.rows {
            let old = before.value(of: p), new = network.value(of: p)
            table.add([session.parameterLabel(p), f(old, 9), f(new, 9), ParameterChangeTable.change(new - old, style: style)])
        }
        var text = table.render(style: style)
        if let note = changes.omittedNote() { text += "\n" + style.dim(note) }
        return text
    }
}
