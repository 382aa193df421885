import Foundation
import BackpropCore

extension Session {
    /// The learning rate `train` uses unless told: 0.5 for cross-entropy and 3 for the quadratic cost
    /// (Nielsen's choices), 1.5 for sum-of-squares (twice the quadratic's gradient, so half the step),
    /// 0.1 for log-likelihood (a softmax output, often over ReLU layers, which a larger step can kill).
    static func defaultLearningRate(for cost: Cost) -> Double {
        switch cost {
        case .logLikelihood: 0.1
        case .crossEntropy: 0.5
        case .quadratic: 3
        case .sumOfSquares: 1.5
        }
    }

    func trainCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.isEmpty else { throw CommandError("train takes only options", showUsage: true) }
        guard network.sizes[0] == 784 && network.sizes[network.outputLayer] == 10 else { return try trainOnExamples(args) }
        let digits = try currentDigits()
        var set = digits.trainingSet
        var options = TrainingOptions(epochs: 1, batchSize: 100, learningRate: try learningRate(args))
        if let n = try args.count("images", in: 1...set.count) {
            set = set.subset(Array(0..<n))
        }
        if let epochs = try args.count("epochs", in: 1...10_000) { options.epochs = epochs }
        if let batch = try args.count("batch", in: 1...set.count) { options.batchSize = batch }
        try readCommonTrainingOptions(args, into: &options)

        var trained = network
        let start = ProcessInfo.processInfo.systemUptime
        let batches = (set.count + options.batchSize - 1) / options.batchSize
        let line = TrainingProgress(options: options, batches: batches, start: start, draw: progress, isInterrupted: isInterrupted)
        var history: TrainingHistory
        var failure: CommandError?
        do {
            history = try trained.train(on: set, options: options, evaluation: digits.test, onBatch: line.batch, onEpoch: line.epoch)
        } catch {
            guard case let .diverged(_, _, partial) = error else { throw CommandError(error.description) }
            history = partial
            failure = CommandError(error.description)
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        if !history.batchCosts.isEmpty {
            change(to: trained, .train(eta: options.learningRate, epochs: options.epochs, steps: history.batchCosts.count))
        }
        trainingHistory = history
        trainingOptions = (options, set.count)
        if let failure { throw failure }
        let report = TrainingReport(history: history, options: options, batches: batches, trainingSize: set.count,
                                    digits: digits, networkName: networkName, cost: network.cost, notation: notation, style: style)
        return report.render() + "\n" + style.dim("took \(NumberFormat.significant(seconds, 2)) s")
    }
}

/// `train`'s progress line, drawn from the trainer's reports ("epoch 1/3 ▕███▏ 120/600 ·
/// 41,000 images/s · 2 s left · epoch 1: 91.2% right"), and Ctrl-C's way to stop.
private final class TrainingProgress {
    let options: TrainingOptions
    let batches: Int
    let start: Double
    let draw: (String) -> Void
    let isInterrupted: () -> Bool
    private var lastEpoch = ""

    init(options: TrainingOptions, batches: Int, start: Double, draw: @escaping (String) -> Void,
         isInterrupted: @escaping () -> Bool) {
        self.options = options
        self.batches = batches
        self.start = start
        self.draw = draw
        self.isInterrupted = isInterrupted
    }

    /// After each mini-batch: the bar, the speed and the time left; false stops training.
    func batch(_ report: BatchReport) -> Bool {
        let done = (report.epoch - 1) * batches + report.batch
        let elapsed = ProcessInfo.processInfo.systemUptime - start
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(batches * options.epochs - done) / rate : 0
        draw("epoch \(report.epoch)/\(options.epochs) ▕" + pad(fractionBar(Double(report.batch) / Double(batches), width: 12), 12)
             + "▏ \(report.batch)/\(batches) · \(NumberFormat.grouped(Int(rate * Double(options.batchSize)))) images/s · "
             + "\(Int(left.rounded(.up))) s left" + lastEpoch)
        return !isInterrupted()
    }

    /// After each epoch: its accuracy joins the line.
    func epoch(_ report: EpochReport) {
        lastEpoch = " · epoch \(report.epoch): \(NumberFormat.percent(report.accuracy ?? 0)) right"
    }
}
