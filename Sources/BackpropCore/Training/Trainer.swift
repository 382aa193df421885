/// Settings for mini-batch stochastic gradient descent.
public struct TrainingOptions: Equatable, Sendable {
    /// Passes over the whole training set.
    public var epochs: Int = 1
    /// Examples per mini-batch (the last one of an epoch may be smaller).
    public var batchSize: Int = 100
    /// η, the step size.
    public var learningRate: Double = 3.0
    /// λ, L2 regularisation (weight decay): each update scales weights by (1 − ηλ/n), n the set size.
    public var regularization: Double = 0
    /// η is multiplied by this after every epoch (1 keeps it fixed).
    public var learningRateDecay: Double = 1
    /// Seeds the shuffling: the same seed gives the same run.
    public var seed: UInt64 = 1
    /// The weight layers the updates change, as indices into `weights` and `biases` (l carries
    /// layer l into l + 1); nil changes every layer. The other layers keep their values exactly;
    /// backprop still runs through them, since the δs of the trained layers need them.
    public var trainedLayers: [Int]? = nil
    /// How a mini-batch's gradients combine into the step: the mean (Nielsen's (η/m)·Σ, the
    /// default) or the sum (η·Σ).
    public var reduction: Reduction = .mean

    public init(epochs: Int = 1, batchSize: Int = 100, learningRate: Double = 3.0, regularization: Double = 0,
                learningRateDecay: Double = 1, seed: UInt64 = 1, trainedLayers: [Int]? = nil,
                reduction: Reduction = .mean) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.regularization = regularization
        self.learningRateDecay = learningRateDecay
        self.seed = seed
        self.trainedLayers = trainedLayers
        self.reduction = reduction
    }
}

/// What the trainer reports after each mini-batch.
public struct BatchReport: Equatable, Sendable {
    public let epoch: Int
    /// The mini-batch's number within the epoch, from 1.
    public let batch: Int
    public let batchesPerEpoch: Int
    /// The mini-batch's cost (its examples' mean, or their sum with `TrainingOptions.reduction`),
    /// measured before the update.
    public let cost: Double
    public let learningRate: Double
}

/// What the trainer reports after each epoch.
public struct EpochReport: Equatable, Sendable {
    /// The epoch's number, from 1.
    public let epoch: Int
    /// The mean of the epoch's mini-batch costs.
    public let trainingCost: Double
    /// Cost and accuracy on the evaluation set, when one was given.
    public let evaluationCost: Double?
    public let accuracy: Double?
}

/// Everything a training run measured.
public struct TrainingHistory: Equatable, Sendable {
    public internal(set) var batchCosts: [Double] = []
    public internal(set) var epochs: [EpochReport] = []
    /// True when the progress callback asked to stop before the end.
    public internal(set) var stoppedEarly = false
}

extension TrainingOptions {
    /// Throws `.invalidOption` naming the first option out of its range, for a network with
    /// `weightLayers` layers of weights.
    func validate(weightLayers: Int) throws(TrainingError) {
        guard epochs >= 1 else {
            throw .invalidOption(name: "epochs", value: "\(epochs)", expected: "at least 1")
        }
        guard batchSize >= 1 else {
            throw .invalidOption(name: "batch size", value: "\(batchSize)", expected: "at least 1")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw .invalidOption(name: "learning rate", value: "\(learningRate)", expected: "a positive number")
        }
        guard regularization.isFinite, regularization >= 0 else {
            throw .invalidOption(name: "lambda", value: "\(regularization)", expected: "0 or more")
        }
        guard learningRateDecay.isFinite, learningRateDecay > 0 else {
            throw .invalidOption(name: "decay", value: "\(learningRateDecay)", expected: "a positive number")
        }
        if let layers = trainedLayers {
            guard !layers.isEmpty, layers.allSatisfy((0..<weightLayers).contains) else {
                throw .invalidOption(name: "trained layers", value: "\(layers)",
                                     expected: "weight layers from 0 to \(weightLayers - 1), at least one")
            }
        }
    }
}

/// Why a training run could not start or had to stop.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(name: String, value: String, expected: String)
    case emptySet
    case shape(NetworkError)
    /// A parameter or the cost stopped being finite; the network is left as it was before that update.
    case diverged(epoch: Int, batch: Int, history: TrainingHistory)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            "\(name) is \(value); expected \(expected)"
        case .emptySet:
            "the training set is empty"
        case let .shape(error):
            error.description
        case let .diverged(epoch, batch, _):
            "training diverged at epoch \(epoch), mini-batch \(batch): the cost or a weight stopped being finite; "
                + "the network is kept as it was before that update (try a smaller learning rate)"
        }
    }
}

/// The fraction of a labelled set whose highest output is its label, and the mean cost.
public struct Evaluation: Equatable, Sendable {
    public let cost: Double
    public let correct: Int
    public let count: Int
    /// confusion[label][guess]: how many images of each digit went to each guess.
    public let confusion: [[Int]]
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }
}

extension Network {
    /// Mean cost, accuracy and confusion matrix over a labelled set.
    public func evaluate(_ data: some ExampleSource) -> Evaluation {
        var work = Workspace(sizes: sizes)
        let packed = PackedNetwork(self)
        let classes = sizes[outputLayer]
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        var correct = 0, total = 0.0
        for i in 0..<data.count {
            work.load(data, at: i)
            total += work.forward(packed)
            guard let label = data.label(at: i), label >= 0, label < classes else { continue }
            let guess = Network.argmax(work.output)
            confusion[label][guess] += 1
            if guess == label { correct += 1 }
        }
        return Evaluation(cost: data.count == 0 ? 0 : total / Double(data.count), correct: correct,
                          count: data.count, confusion: confusion)
    }

    /// The index of the largest value (the first one on a tie).
    public static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }

    /// Trains in place by mini-batch SGD (Nielsen's `network2.py` update):
    /// w ← (1 − ηλ/n)·w − (η/m)·Σ ∂C/∂w and b ← b − (η/m)·Σ ∂C/∂b over each mini-batch of m examples
    /// (η·Σ, without the 1/m, with `options.reduction` `.sum`), in every layer or only in
    /// `options.trainedLayers`.
    ///
    /// `onBatch` is called after every update and may return false to stop (the network keeps the
    /// updates made so far); `onEpoch` after every epoch. A run that diverges throws `.diverged` and
    /// leaves the network as it was before the update that broke it.
    @discardableResult
    public mutating func train(on data: some ExampleSource, options: TrainingOptions,
                               evaluation: (any ExampleSource)? = nil,
                               onBatch: (BatchReport) -> Bool = { _ in true },
                               onEpoch: (EpochReport) -> Void = { _ in }) throws(TrainingError) -> TrainingHistory {
        try options.validate(weightLayers: weights.count)
        guard data.count > 0 else { throw .emptySet }

        var rng = SeededGenerator(seed: options.seed)
        var order = Array(0..<data.count)
        var work = Workspace(sizes: sizes)
        // The parameters live in `packed` while training and are written back to `self` after
        // every epoch and whenever training stops. Each update leaves the gradient sums at zero.
        var packed = PackedNetwork(self)
        var history = TrainingHistory()
        var eta = options.learningRate
        let n = Double(data.count)
        let batches = (data.count + options.batchSize - 1) / options.batchSize
        for epoch in 1...options.epochs {
            rng.shuffle(&order)
            var epochCost = 0.0
            for b in 0..<batches {
                let start = b * options.batchSize
                let end = min(start + options.batchSize, data.count)
                var cost = 0.0
                for i in start..<end {
                    if i + 1 < order.count { data.prefetch(at: order[i + 1]) }
                    work.load(data, at: order[i])
                    cost += work.accumulate(packed)
                }
                cost = options.reduction.reduce(cost, count: end - start)
                let step = options.reduction.reduce(eta, count: end - start)
                guard cost.isFinite,
                      packed.descend(with: &work, step: step, decay: 1 - eta * options.regularization / n,
                                     layers: options.trainedLayers)
                else {
                    packed.store(into: &self)
                    throw .diverged(epoch: epoch, batch: b + 1, history: history)
                }
                history.batchCosts.append(cost)
                epochCost += cost
                let report = BatchReport(epoch: epoch, batch: b + 1, batchesPerEpoch: batches, cost: cost,
                                         learningRate: eta)
                if !onBatch(report) {
                    packed.store(into: &self)
                    history.stoppedEarly = true
                    return history
                }
            }
            packed.store(into: &self)
            let evaluated = evaluation.map { evaluate($0) }
            let report = EpochReport(epoch: epoch, trainingCost: epochCost / Double(batches),
                                     evaluationCost: evaluated?.cost, accuracy: evaluated?.accuracy)
            history.epochs.append(report)
            onEpoch(report)
            eta *= options.learningRateDecay
        }
        return history
    }
}
