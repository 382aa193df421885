import BackpropCore

/// What `train` shows when it ends: the settings, each epoch's cost and accuracy, a plot of the
/// mini-batch costs, and whether Ctrl-C stopped it.
struct TrainingReport {
    let history: TrainingHistory
    let options: TrainingOptions
    let batches: Int
    let trainingSize: Int
    let digits: DigitData
    let networkName: String
    let cost: Cost
    let notation: Notation
    let style: Style

    func render() -> String {
        let o = options
        var source = digits.trainingDescription
        if trainingSize < digits.trainingSet.count { source = "the first \(NumberFormat.grouped(trainingSize)) of " + source }
        var lines = [style.bold("trained \(networkName) on \(source)")]
        if digits.training == nil {
            let measured = trainingSize < digits.test.count
                ? "on all \(NumberFormat.grouped(digits.test.count)) of them, \(NumberFormat.grouped(digits.test.count - trainingSize)) of which it never learned from"
                : "on the same sample it learned from"
            lines.append(style.dim("(no training set loaded — `data DIR` reads MNIST's 60,000 — so the accuracy below is measured"))
            lines.append(style.dim(" \(measured))"))
        }
        lines.append("mini-batch gradient descent: \(o.epochs) epoch\(o.epochs == 1 ? "" : "s") of \(batches) mini-batch\(batches == 1 ? "" : "es") of \(o.batchSize), \(cost.rawValue) cost")
        lines.append("η = \(NumberFormat.significant(o.learningRate)), λ = \(NumberFormat.significant(o.regularization)), η × \(NumberFormat.significant(o.learningRateDecay)) after each epoch, "
                     + "seed \(o.seed)")
        lines.append(style.dim("each mini-batch of m: w ← (1 − ηλ/n)·w − (η/m)·Σ ∂C/∂w and b ← b − (η/m)·Σ ∂C/∂b, n = \(trainingSize)"))
        if let layers = o.trainedLayers {
            let names = layers.map { l in notation == .ng ? notation.weightMatrixName(l) : "\(notation.weightMatrixName(l)) and b(\(l + 1))" }
            let into = layers.map { "\(notation.layer($0 + 1))" }.joined(separator: ", ")
            let verb = notation == .ng && layers.count == 1 ? "learns" : "learn"
            lines.append(style.warning("only \(names.joined(separator: ", ")) \(verb) (the weights and biases into layer \(into)); every other layer keeps its values"))
        }
        if !history.epochs.isEmpty {
            var table = Table(["epoch", "training cost", "test cost", "accuracy"], rightAligned: [0, 1, 2, 3])
            for e in history.epochs {
                table.add(["\(e.epoch)", NumberFormat.significant(e.trainingCost, 4), e.evaluationCost.map { NumberFormat.significant($0, 4) } ?? "–",
                           e.accuracy.map { NumberFormat.percent($0, decimals: 2) } ?? "–"])
            }
            lines.append("")
            lines.append(table.render(style: style))
            lines.append(style.dim("  training cost: the mean of the epoch's mini-batch costs"))
            lines.append(style.dim("  test cost and accuracy: on \(digits.testDescription)"))
        }
        if history.batchCosts.count >= 2 {
            lines.append("")
            lines.append("cost of each mini-batch, before its update:")
            lines.append(CostPlot(values: history.batchCosts).render())
        }
        if history.stoppedEarly {
            let done = history.batchCosts.count
            let epoch = (done - 1) / batches + 1, batch = (done - 1) % batches + 1
            lines.append(style.warning("stopped by Ctrl-C after mini-batch \(batch) of \(batches) in epoch \(epoch); the network keeps every update made so far"))
        }
        lines.append(style.dim("the session's network is the trained one now: `accuracy` measures it, `save FILE` keeps it"))
        return lines.joined(separator: "\n")
    }
}
