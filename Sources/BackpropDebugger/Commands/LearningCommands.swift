import BackpropCore

/// `set`, `descend` and `train` on the session's own examples: the commands that change the
/// network's parameters. Each goes on the undo history (`change(to:_:)`), so `back` undoes it.
extension Session {
    /// The examples a gradient step on this session learns from: the batch being stepped.
    var learningExamples: [Example] { batch.examples }

    /// `set PARAM VALUE` (also `set PARAM = VALUE`): one weight or bias set by hand.
    func setCommand(_ args: Arguments) throws(CommandError) -> String {
        var words = args.positional
        if words.count == 1, let eq = words[0].firstIndex(of: "=") {
            words = [String(words[0][..<eq]), String(words[0][words[0].index(after: eq)...])]
        }
        words.removeAll { $0 == "=" }
        if words.count == 2, words[0].hasSuffix("=") { words[0].removeLast() }
        guard words.count == 2, !words[0].isEmpty else {
            throw CommandError("set takes one weight or bias and its new value", showUsage: true)
        }
        let parameter = try singleParameter(words[0], for: "set")
        let value = try Arguments.number(words[1], name: "the value")
        let old = network.value(of: parameter)
        var changed = network
        changed.set(parameter, to: value)
        change(to: changed, .set(parameter, from: old, to: value))
        let name = parameterLabel(parameter)
        return "\(name) = \(NumberFormat.significant(value, 9)) (it was \(NumberFormat.significant(old, 9))); the pass starts again\n"
            + style.dim("`back` puts it back; `where` lists what was changed in the network")
    }

    /// The one weight or bias a word names, or an error saying what it names instead.
    func singleParameter(_ text: String, for command: String) throws(CommandError) -> Parameter {
        let ref = try parseExpression(text)
        switch ref {
        case let .weight(l?, j?, k?): return .weight(layer: l, j: j, k: k)
        case let .bias(l?, j?): return .bias(layer: l, j: j)
        case .weightGradient, .biasGradient:
            throw CommandError("\(text) is a gradient, computed by the pass; \(command) changes a weight or a bias, like "
                               + example(parameter: .bias(layer: 0, j: 0)), showUsage: true)
        default:
            throw CommandError("\(text) is not one weight or bias; \(command) changes one, like "
                               + example(parameter: .weight(layer: 0, j: 0, k: 0)), showUsage: true)
        }
    }

    private func example(parameter: Parameter) -> String { notation.name(of: parameter) }

    /// The learning rate given with `--eta`, or the trainer's default for the cost. Refuses 0 and
    /// negative values (the parser has already refused what is not a finite number).
    func learningRate(_ args: Arguments) throws(CommandError) -> Double {
        guard let eta = try args.number("eta") else { return Session.defaultLearningRate(for: network.cost) }
        guard eta > 0 else {
            throw CommandError("--eta \(NumberFormat.significant(eta)) must be above 0: "
                               + (eta == 0 ? "a step of size 0 changes nothing" : "a negative step climbs the cost instead of descending it"),
                               showUsage: true)
        }
        return eta
    }

    /// `descend [--eta E]`: one gradient-descent step on the example, θ ← θ − η·∂C/∂θ for every
    /// weight and bias, through the trainer (a one-epoch `train` on the example), with every
    /// parameter's old value, gradient and new value, and the cost before and after beside the
    /// first-order prediction −η‖∇C‖².
    func descendCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.isEmpty else { throw CommandError("descend takes only --eta", showUsage: true) }
        let eta = try learningRate(args)
        let examples = learningExamples, reduction = self.batch.reduction
        let batch: BatchTrace
        do { batch = try network.batch(self.batch) } catch { throw CommandError(error.description) }
        guard batch.cost.isFinite else {
            throw CommandError("the cost is \(NumberFormat.significant(batch.cost)) before the step, so there is no slope to descend;\n"
                               + "the network is unchanged" + (undoHistory.isEmpty ? "" : " (`back` undoes the change that made it so)"))
        }
        var after = network
        let options = TrainingOptions(epochs: 1, batchSize: examples.count, learningRate: eta, reduction: reduction)
        do {
            try after.train(on: examples, options: options)
        } catch {
            guard case .diverged = error else { throw CommandError(error.description) }
            throw CommandError("a step with η = \(NumberFormat.significant(eta)) overflows: a weight or bias would stop being "
                               + "a finite number;\nthe network is unchanged (try a smaller --eta)")
        }
        let before = network
        let costAfter = after.cost(of: examples, reduction)
        change(to: after, .descend(eta: eta, examples: examples.count))
        return DescentReport(session: self, before: before, after: after, gradient: batch.gradient, eta: eta,
                             examples: examples.count, reduction: reduction, costBefore: batch.cost, costAfter: costAfter).render()
    }

    /// `train` on a network that does not take MNIST's images: gradient descent on the session's
    /// own examples, one update per epoch, through the same trainer MNIST uses.
    func trainOnExamples(_ args: Arguments) throws(CommandError) -> String {
        let examples = learningExamples
        if args.value("images") != nil {
            let sizes = network.sizes.map(String.init).joined(separator: "-")
            throw CommandError("--images picks MNIST training images of 784 pixels, and \(networkName) (\(sizes)) takes "
                               + "\(network.sizes[0]) input\(network.sizes[0] == 1 ? "" : "s");\non it, train learns from its example "
                               + "(`load mnist` for the images)", showUsage: true)
        }
        for (i, e) in examples.enumerated() {
            do { try network.validate(e) } catch {
                throw CommandError("train: example \(i + 1) does not fit \(networkName): \(error.description)")
            }
        }
        let reduction = batch.reduction
        var options = TrainingOptions(epochs: 1, batchSize: examples.count, learningRate: try learningRate(args),
                                      reduction: reduction)
        if let epochs = try args.count("epochs", in: 1...100_000) { options.epochs = epochs }
        if let batch = try args.count("batch", in: 1...examples.count) { options.batchSize = batch }
        try readCommonTrainingOptions(args, into: &options)
        let costBefore = network.cost(of: examples, reduction)
        guard costBefore.isFinite else {
            throw CommandError("the cost is \(NumberFormat.significant(costBefore)) before training, so there is no slope to descend;\n"
                               + "the network is unchanged")
        }
        var trained = network
        var history: TrainingHistory
        var failure: CommandError?
        do {
            history = try trained.train(on: examples, options: options, onBatch: { _ in !self.isInterrupted() })
        } catch {
            guard case let .diverged(_, _, partial) = error else { throw CommandError(error.description) }
            history = partial
            failure = CommandError(error.description)
        }
        let before = network
        let batches = (examples.count + options.batchSize - 1) / options.batchSize
        let updates = history.batchCosts.count
        if updates > 0 {
            change(to: trained, .train(eta: options.learningRate, epochs: options.epochs, steps: updates))
            trainingHistory = history
            trainingOptions = (options, examples.count)
        }
        if let failure { throw failure }
        return ExampleTrainingReport(session: self, before: before, history: history, options: options, batches: batches,
                                     examples: examples.count, costBefore: costBefore,
                                     costAfter: network.cost(of: examples, reduction)).render()
    }

    /// --lambda, --decay, --seed and --only (η is read by `learningRate`), read the same way for MNIST and for the session's examples.
    func readCommonTrainingOptions(_ args: Arguments, into options: inout TrainingOptions) throws(CommandError) {
        if let lambda = try args.number("lambda") {
            guard lambda >= 0 else { throw CommandError("--lambda must be 0 or more", showUsage: true) }
            options.regularization = lambda
        }
        if let decay = try args.number("decay") {
            guard decay > 0 else { throw CommandError("--decay must be above 0", showUsage: true) }
            options.learningRateDecay = decay
        }
        if let seed = try args.count("seed", in: 0...Int.max) { options.seed = UInt64(seed) }
        if let shown = try args.count("only", in: notation.layer(1)...notation.layer(network.outputLayer)) {
            // Layer L (as shown) receives the weights of engine weight layer L − 1 (input shown as layer 0 or 1).
            options.trainedLayers = [shown - notation.layer(0) - 1]
        }
    }
}
