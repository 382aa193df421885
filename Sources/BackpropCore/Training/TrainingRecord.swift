/// How a network was trained and how well it did, stored beside it under the key "training" of its
/// network file (readers of the format ignore keys they do not know, so the file stays a plain
/// network file). The shipped MNIST network carries one; `load mnist` reads its figures from it.
public struct TrainingRecord: Equatable, Sendable {
    /// What it was trained on, e.g. "MNIST training set", and how many examples that is.
    public var data: String
    public var trainingCount: Int
    /// How the starting weights were drawn, and the seed.
    public var initialization: Initialization
    public var initializationSeed: UInt64
    /// The cost it was trained with.
    public var cost: Cost
    /// Epochs, mini-batch size, η, λ, decay and the shuffling seed.
    public var options: TrainingOptions
    /// Right answers on the test set, and its size.
    public var testCorrect: Int
    public var testCount: Int
    /// Right answers on the shipped sample, and its size.
    public var sampleCorrect: Int
    public var sampleCount: Int
    /// The command that made the files.
    public var command: String

    public init(data: String, trainingCount: Int, initialization: Initialization, initializationSeed: UInt64, cost: Cost,
                options: TrainingOptions, testCorrect: Int, testCount: Int, sampleCorrect: Int, sampleCount: Int,
                command: String) {
        self.data = data
        self.trainingCount = trainingCount
        self.initialization = initialization
        self.initializationSeed = initializationSeed
        self.cost = cost
        self.options = options
        self.testCorrect = testCorrect
        self.testCount = testCount
        self.sampleCorrect = sampleCorrect
        self.sampleCount = sampleCount
        self.command = command
    }

    /// The record as a JSON object (keys in the order of the properties).
    public var json: JSON {
        .object([
            (key: "data", value: .string(data)),
            (key: "trainingCount", value: .number(Double(trainingCount))),
            (key: "initialization", value: .string(initialization.rawValue)),
            (key: "initializationSeed", value: .number(Double(initializationSeed))),
            (key: "cost", value: .string(cost.rawValue)),
            (key: "epochs", value: .number(Double(options.epochs))),
            (key: "batchSize", value: .number(Double(options.batchSize))),
            (key: "learningRate", value: .number(options.learningRate)),
            (key: "regularization", value: .number(options.regularization)),
            (key: "learningRateDecay", value: .number(options.learningRateDecay)),
            (key: "seed", value: .number(Double(options.seed))),
            (key: "testCorrect", value: .number(Double(testCorrect))),
            (key: "testCount", value: .number(Double(testCount))),
            (key: "sampleCorrect", value: .number(Double(sampleCorrect))),
            (key: "sampleCount", value: .number(Double(sampleCount))),
            (key: "command", value: .string(command)),
        ])
    }

    /// The record in `json`, or nil when a key is missing or has the wrong kind of value.
    public init?(json: JSON) {
        func int(_ key: String) -> Int? { json[key]?.int }
        guard let data = json["data"]?.string, let trainingCount = int("trainingCount"),
              let initialization = json["initialization"]?.string.flatMap(Initialization.init(rawValue:)),
              let initializationSeed = int("initializationSeed"), initializationSeed >= 0,
              let cost = json["cost"]?.string.flatMap(Cost.init(rawValue:)),
              let epochs = int("epochs"), let batchSize = int("batchSize"),
              let learningRate = json["learningRate"]?.double, let regularization = json["regularization"]?.double,
              let decay = json["learningRateDecay"]?.double, let seed = int("seed"), seed >= 0,
              let testCorrect = int("testCorrect"), let testCount = int("testCount"),
              let sampleCorrect = int("sampleCorrect"), let sampleCount = int("sampleCount"),
              let command = json["command"]?.string
        else { return nil }
        self.init(data: data, trainingCount: trainingCount, initialization: initialization, initializationSeed: UInt64(initializationSeed),
                  cost: cost,
                  options: TrainingOptions(epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                                           regularization: regularization, learningRateDecay: decay,
                                           seed: UInt64(seed)),
                  testCorrect: testCorrect, testCount: testCount, sampleCorrect: sampleCorrect,
                  sampleCount: sampleCount, command: command)
    }
}

extension NetworkFile {
    /// The network file's bytes with a training record under the key "training", after the
    /// network's own keys. `decode` reads the network back unchanged and ignores the record.
    public static func encode(_ network: Network, record: TrainingRecord) -> [UInt8] {
        guard case var .object(members) = json(network) else { return encode(network) }
        members.append((key: "training", value: record.json))
        return JSON.object(members).serialized(.pretty)
    }
}
