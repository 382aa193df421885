/// A fully connected feed-forward network: layer sizes, weights, biases, an activation per layer,
/// one cost.
///
/// Layers are numbered from 0 (the input layer) to `sizes.count − 1` (the output layer).
/// `weights[l]` connects layer `l` to layer `l + 1`: its entry (j, k) is the weight from neuron k
/// of layer l to neuron j of layer l + 1, and `biases[l][j]` is the bias of that neuron j.
/// (Nielsen writes this weight w^(l+1)_jk and 3Blue1Brown w^(L)_jk with L = l + 1; Ng writes it
/// Θ^(l+1)_(j+1)(k+1) with layers and units counted from 1 and the bias as Θ^(l+1)_(j+1)0.)
///
/// Every value a network holds is finite, and every shape matches `sizes`: the initialisers check.
public struct Network: Equatable, Sendable {
    /// The largest number of neurons in one layer.
    public static let maximumLayerSize = 100_000
    /// The largest number of layers, input and output included.
    public static let maximumLayerCount = 64
    /// The largest number of weights and biases together: a million (784-1000-200-10 has 987,010),
    /// low enough that reading any file that holds such a network, however tightly its numbers
    /// are written (`0,`), stays within the reading budget of `NetworkFile.maximumFileSize`
    /// (at most 3 × the file's size + 50 MB: a loaded network costs 16 bytes a parameter,
    /// its own values and the stepper's gradient).
    public static let maximumParameterCount = 1_000_000

    /// Neurons per layer, input layer first.
    public let sizes: [Int]
    /// `weights[l]` is a `sizes[l+1] × sizes[l]` matrix (receiving neuron × sending neuron).
    public internal(set) var weights: [Matrix]
    /// `biases[l][j]` is the bias of neuron j of layer l + 1.
    public internal(set) var biases: [[Double]]
    /// `activations[l − 1]` is the activation g of layer l ≥ 1: one per weight layer.
    public private(set) var activations: [Activation]
    /// The cost of one example.
    public private(set) var cost: Cost

    /// A network from its parts, validated: shapes must match `sizes`, every number must be finite,
    /// and the activations must suit the cost (`validate(sizes:activations:cost:)`).
    public init(sizes: [Int], weights: [[[Double]]], biases: [[Double]],
                activation: Activation = .sigmoid, cost: Cost = .crossEntropy) throws(NetworkError) {
        try self.init(sizes: sizes, weights: weights, biases: biases,
                      activations: Array(repeating: activation, count: max(0, sizes.count - 1)), cost: cost)
    }

    /// A network with an activation per weight layer (`activations[l − 1]` for layer l), validated.
    public init(sizes: [Int], weights: [[[Double]]], biases: [[Double]],
                activations: [Activation], cost: Cost) throws(NetworkError) {
        try Network.validate(sizes: sizes, activations: activations, cost: cost)
        let layers = sizes.count - 1
        guard weights.count == layers else {
            throw .layerCount(key: "weights", expected: layers, found: weights.count)
        }
        guard biases.count == layers else {
            throw .layerCount(key: "biases", expected: layers, found: biases.count)
        }
        var matrices: [Matrix] = []
        for l in 0..<layers {
            let rows = weights[l]
            guard rows.count == sizes[l + 1] else {
                throw .rowCount(layer: l, expected: sizes[l + 1], found: rows.count)
            }
            for (j, row) in rows.enumerated() {
                guard row.count == sizes[l] else {
                    throw .rowLength(layer: l, row: j, expected: sizes[l], found: row.count)
                }
                for (k, w) in row.enumerated() where !w.isFinite {
                    throw .notFinite(path: "weights[\(l)][\(j)][\(k)]", value: w)
                }
            }
            guard biases[l].count == sizes[l + 1] else {
                throw .biasCount(layer: l, expected: sizes[l + 1], found: biases[l].count)
            }
            for (j, b) in biases[l].enumerated() where !b.isFinite {
                throw .notFinite(path: "biases[\(l)][\(j)]", value: b)
            }
            matrices.append(Matrix(rows))
        }
        self.sizes = sizes
        self.weights = matrices
        self.biases = biases
        self.activations = activations
        self.cost = cost
    }

    /// A network from weight matrices already in shape (validated the same way).
    public init(sizes: [Int], weights: [Matrix], biases: [[Double]],
                activation: Activation = .sigmoid, cost: Cost = .crossEntropy) throws(NetworkError) {
        try self.init(sizes: sizes, weights: weights.map(\.nested), biases: biases,
                      activation: activation, cost: cost)
    }

    /// A network from parts a reader has already checked against `validate(sizes:activations:cost:)`,
    /// with matrices and bias vectors of exactly the shapes `sizes` gives and only finite numbers
    /// (JSON numbers are finite); nothing is copied.
    init(checkedSizes sizes: [Int], weights: [Matrix], biases: [[Double]], activations: [Activation], cost: Cost) {
        precondition(weights.count == sizes.count - 1 && biases.count == sizes.count - 1
                     && weights.indices.allSatisfy { l in
                         weights[l].rows == sizes[l + 1] && weights[l].columns == sizes[l]
                             && biases[l].count == sizes[l + 1]
                     }, "shapes are checked by the reader")
        self.sizes = sizes
        self.weights = weights
        self.biases = biases
        self.activations = activations
        self.cost = cost
    }

    /// A network from weight matrices already in shape, an activation per weight layer.
    public init(sizes: [Int], weights: [Matrix], biases: [[Double]],
                activations: [Activation], cost: Cost) throws(NetworkError) {
        try self.init(sizes: sizes, weights: weights.map(\.nested), biases: biases,
                      activations: activations, cost: cost)
    }

    /// Checks layer sizes and settings before anything is allocated, so an absurd size is refused
    /// with its name instead of exhausting memory. One activation for every layer.
    public static func validate(sizes: [Int], activation: Activation, cost: Cost) throws(NetworkError) {
        try validate(sizes: sizes, activations: Array(repeating: activation, count: max(0, sizes.count - 1)), cost: cost)
    }

    /// Checks layer sizes and settings: one activation per weight layer; softmax only on the output
    /// layer and only with log-likelihood; log-likelihood only with a softmax output; cross-entropy
    /// only with a sigmoid output.
    public static func validate(sizes: [Int], activations: [Activation], cost: Cost) throws(NetworkError) {
        guard sizes.count >= 2 else { throw .tooFewLayers(found: sizes.count) }
        guard sizes.count <= maximumLayerCount else {
            throw .tooManyLayers(found: sizes.count, limit: maximumLayerCount)
        }
        for (l, n) in sizes.enumerated() where n < 1 || n > maximumLayerSize {
            throw .layerSize(layer: l, found: n, limit: maximumLayerSize)
        }
        // Each layer is at most 1e5 × 1e5 + 1e5, and there are at most 63 of them: no overflow in Int.
        var count = 0
        for l in 0..<(sizes.count - 1) { count += sizes[l + 1] * sizes[l] + sizes[l + 1] }
        guard count <= maximumParameterCount else {
            throw .tooManyParameters(found: count, limit: maximumParameterCount)
        }
        try validate(activations: activations, layers: sizes.count - 1, cost: cost)
    }

    /// The activation rules of `validate(sizes:activations:cost:)`, for `layers` weight layers.
    static func validate(activations: [Activation], layers: Int, cost: Cost) throws(NetworkError) {
        guard activations.count == layers else {
            throw .activationCount(expected: layers, found: activations.count)
        }
        if let hidden = activations.dropLast().firstIndex(of: .softmax) {
            throw .softmaxNotOutput(layer: hidden + 1, outputLayer: layers)
        }
        let output = activations[layers - 1]
        if output == .softmax && cost != .logLikelihood { throw .softmaxNeedsLogLikelihood(cost: cost) }
        if let needed = cost.requiredOutputActivation, output != needed {
            throw .costNeedsActivation(cost: cost, needed: needed, found: output)
        }
    }
    /// Number of layers, input and output included.
    public var layerCount: Int { sizes.count }
    /// Index of the output layer.
    public var outputLayer: Int { sizes.count - 1 }
    /// Number of weights and biases.
    public var parameterCount: Int {
        (0..<(sizes.count - 1)).reduce(0) { $0 + sizes[$1 + 1] * sizes[$1] + sizes[$1 + 1] }
    }

    /// The activation g of layer `l` (1…L).
    public func activation(layer l: Int) -> Activation { activations[l - 1] }
    /// The activation of the output layer.
    public var outputActivation: Activation { activations[activations.count - 1] }
    /// The activation every layer shares, or nil when they differ.
    public var sharedActivation: Activation? {
        activations.allSatisfy { $0 == activations[0] } ? activations[0] : nil
    }

    /// The same weights and biases evaluated with another cost (refused if the pairing is invalid).
    public func with(cost: Cost) throws(NetworkError) -> Network {
        try Network.validate(activations: activations, layers: weights.count, cost: cost)
        var copy = self
        copy.cost = cost
        return copy
    }

    /// The same weights and biases with other activations, one per weight layer (refused if they
    /// do not suit the cost).
    public func with(activations: [Activation]) throws(NetworkError) -> Network {
        try Network.validate(activations: activations, layers: weights.count, cost: cost)
        var copy = self
        copy.activations = activations
        return copy
    }

    /// The same weights and biases with other activations and another cost at once (for changes,
    /// such as a softmax output with log-likelihood, that neither half allows alone).
    public func with(activations: [Activation], cost: Cost) throws(NetworkError) -> Network {
        try Network.validate(activations: activations, layers: weights.count, cost: cost)
        var copy = self
        copy.activations = activations
        copy.cost = cost
        return copy
    }

    /// Changes one parameter. The value must be finite (callers validate user input).
    public mutating func set(_ parameter: Parameter, to value: Double) {
        precondition(value.isFinite, "parameter values are validated by the caller")
        switch parameter {
        case let .weight(l, j, k): weights[l][j, k] = value
        case let .bias(l, j): biases[l][j] = value
        }
    }

    /// The value of one parameter.
    public func value(of parameter: Parameter) -> Double {
        switch parameter {
        case let .weight(l, j, k): weights[l][j, k]
        case let .bias(l, j): biases[l][j]
        }
    }

    /// Checks that an example fits this network: input and target sizes, finite values.
    public func validate(_ example: Example) throws(NetworkError) {
        guard example.input.count == sizes[0] else {
            throw .exampleSize(what: "input", expected: sizes[0], found: example.input.count)
        }
        guard example.target.count == sizes[outputLayer] else {
            throw .exampleSize(what: "target", expected: sizes[outputLayer], found: example.target.count)
        }
        for (i, x) in example.input.enumerated() where !x.isFinite {
            throw .notFinite(path: "input[\(i)]", value: x)
        }
        for (i, y) in example.target.enumerated() where !y.isFinite {
            throw .notFinite(path: "target[\(i)]", value: y)
        }
        if cost == .logLikelihood {
            let ones = example.target.filter { $0 == 1 }.count
            if ones != 1 || example.target.contains(where: { $0 != 0 && $0 != 1 }) {
                throw .targetNotOneHot(target: example.target)
            }
        }
    }
}
