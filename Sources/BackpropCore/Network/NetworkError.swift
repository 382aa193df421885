/// A problem with a network's shape, numbers or settings. Each case says what and where;
/// paths use the network file's own keys, counting layers and rows from 0.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewLayers(found: Int)
    case tooManyLayers(found: Int, limit: Int)
    case layerSize(layer: Int, found: Int, limit: Int)
    case tooManyParameters(found: Int, limit: Int)
    case layerCount(key: String, expected: Int, found: Int)
    case rowCount(layer: Int, expected: Int, found: Int)
    case rowLength(layer: Int, row: Int, expected: Int, found: Int)
    case biasCount(layer: Int, expected: Int, found: Int)
    case notFinite(path: String, value: Double)
    /// A cost that works with one output activation only (cross-entropy: sigmoid; log-likelihood: softmax).
    case costNeedsActivation(cost: Cost, needed: Activation, found: Activation)
    /// Softmax on an output layer whose cost is not log-likelihood.
    case softmaxNeedsLogLikelihood(cost: Cost)
    /// Softmax on a hidden layer: `layer` and `outputLayer` count neuron layers from 1 (the input is
    /// 0), so `activations[layer − 1]` is the file's path; the debugger says it in its notation.
    case softmaxNotOutput(layer: Int, outputLayer: Int)
    /// An activations list of the wrong length.
    case activationCount(expected: Int, found: Int)
    /// A log-likelihood target that is not one 1 among 0s.
    case targetNotOneHot(target: [Double])
    case exampleSize(what: String, expected: Int, found: Int)
    /// A parameter whose indices do not exist in a network of these sizes.
    case noSuchParameter(path: String, sizes: [Int])

    public var description: String {
        switch self {
        case let .tooFewLayers(found):
            "sizes has \(found) layer\(found == 1 ? "" : "s"); a network needs at least 2 (input and output)"
        case let .tooManyLayers(found, limit):
            "sizes has \(found) layers; the limit is \(limit)"
        case let .layerSize(layer, found, limit):
            found < 1
                ? "sizes[\(layer)] is \(found); every layer needs at least 1 neuron"
                : "sizes[\(layer)] is \(found) neurons; the limit is \(limit) per layer"
        case let .tooManyParameters(found, limit):
            "the network would have \(found) weights and biases; the limit is \(limit)"
        case let .layerCount(key, expected, found):
            "\(key) has \(found) layers, expected \(expected) (one fewer than sizes)"
        case let .rowCount(layer, expected, found):
            "weights[\(layer)] has \(found) row\(found == 1 ? "" : "s"), expected \(expected) (sizes[\(layer + 1)]: one per neuron it feeds)"
        case let .rowLength(layer, row, expected, found):
            "weights[\(layer)] row \(row) has \(found) value\(found == 1 ? "" : "s"), expected \(expected) (sizes[\(layer)]: one per neuron it comes from)"
        case let .biasCount(layer, expected, found):
            "biases[\(layer)] has \(found) value\(found == 1 ? "" : "s"), expected \(expected) (sizes[\(layer + 1)]: one per neuron)"
        case let .notFinite(path, value):
            "\(path) is \(value), not a finite number"
        case let .costNeedsActivation(cost, needed, found):
            cost == .crossEntropy
                ? "the cross-entropy cost needs outputs strictly between 0 and 1, so it works only with sigmoid, not \(found.rawValue)"
                : "the \(cost.rawValue) cost needs a \(needed.rawValue) output layer (outputs that sum to 1), not \(found.rawValue)"
        case let .softmaxNeedsLogLikelihood(cost):
            "a softmax output layer goes with the log-likelihood cost (its δ is then a − y), not \(cost.rawValue)"
        case let .softmaxNotOutput(layer, outputLayer):
            "activations[\(layer - 1)] is softmax, which is for the output layer only (activations[\(outputLayer - 1)], the last): "
                + "it turns a layer into probabilities"
        case let .activationCount(expected, found):
            "activations has \(found) entr\(found == 1 ? "y" : "ies"), expected \(expected) (one per layer after the input)"
        case let .targetNotOneHot(target):
            "the log-likelihood cost needs a one-hot target (one 1, the rest 0), not (\(target.prefix(10).map { "\($0)" }.joined(separator: ", "))\(target.count > 10 ? ", …" : ""))"
        case let .exampleSize(what, expected, found):
            "the \(what) has \(found) value\(found == 1 ? "" : "s"), expected \(expected)"
        case let .noSuchParameter(path, sizes):
            "\(path) does not exist in a \(sizes.map(String.init).joined(separator: "-")) network"
        }
    }
}
