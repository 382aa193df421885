/// A problem found while reading a network file. Each case carries the source (a file name or
/// path) and says what is wrong where; `description` starts with the source:
/// `net.json: weights[1] row 3 has 15 values, expected 16 (one per neuron of layer 1)`.
/// Paths use the file's own keys, counting layers, rows and columns from 0.
public enum NetworkFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not acceptable JSON (or is larger than `NetworkFile.maximumFileSize`).
    case json(source: String, JSONError)
    /// The shapes, numbers or settings do not make a valid network.
    case network(source: String, NetworkError)
    /// A required key is absent.
    case missingKey(source: String, key: String)
    /// A value has the wrong JSON type; `found` and `expected` are kinds with their article.
    case wrongType(source: String, path: String, found: String, expected: String)
    /// A stand-in string for a non-finite number (`"NaN"`, `"Infinity"`, `"-Infinity"`).
    case notFinite(source: String, path: String, text: String)
    /// A layer size that is not a whole number of neurons.
    case notWholeNumber(source: String, path: String, value: Double)
    /// A layer size that is a whole number too large for `Int` (such as 1e300), above or below.
    case layerSizeOutOfRange(source: String, path: String, value: Double)
    /// A bias in network2.py's layout that is not a one-element list.
    case notColumnVector(source: String, path: String, found: Int)
    /// An activation or cost name this program does not know; `valid` lists the ones it does.
    case unknownName(source: String, key: String, found: String, valid: [String])
    /// A `version` other than `NetworkFile.version`.
    case unsupportedVersion(source: String, found: Double)
    /// A `format` other than "backprop-network" or "backprop-trace".
    case unknownFormat(source: String, found: String)
    /// A trace whose network was exported without weights and biases (`export --no-weights`).
    case traceWithoutWeights(source: String)
    /// Both `activation` and `activations`.
    case bothActivationKeys(source: String)
    /// A file in network2.py's layout (no activation, biases as one-element lists) without its cost.
    case missingNielsenCost(source: String)

    public var description: String {
        switch self {
        case let .json(source, error):
            "\(source): \(error)"
        case let .network(source, error):
            "\(source): \(error)"
        case let .missingKey(source, key):
            "\(source): the key \"\(key)\" is missing"
        case let .wrongType(source, path, found, expected):
            "\(source): \(path) is \(found), expected \(expected)"
        case let .notFinite(source, path, text):
            "\(source): \(path) is the string \"\(text)\"; a network file holds only finite numbers"
        case let .notWholeNumber(source, path, value):
            "\(source): \(path) is \(JSON.number(value).text(.compact)); a layer size is a whole number of neurons"
        case let .layerSizeOutOfRange(source, path, value):
            value < 1
                ? "\(source): \(path) is \(JSON.number(value).text(.compact)); every layer needs at least 1 neuron"
                : "\(source): \(path) is \(JSON.number(value).text(.compact)) neurons; the limit is \(Network.maximumLayerSize) per layer"
        case let .notColumnVector(source, path, found):
            "\(source): \(path) has \(found) values, expected 1 (network2.py writes each bias as a one-element list)"
        case let .unknownName(source, key, found, valid):
            "\(source): \(key) \(JSONWriter.quotedForMessage(found)) is not one of \(valid.joined(separator: ", "))"
        case let .unsupportedVersion(source, found):
            "\(source): version \(JSON.number(found).text(.compact)) is not supported; "
                + "this program reads \(NetworkFile.formatName) version \(NetworkFile.version)"
        case let .unknownFormat(source, found):
            "\(source): format \(JSONWriter.quotedForMessage(found)) is not "
                + "\(NetworkFile.formatName) or \(NetworkFile.traceFormatName)"
        case let .missingNielsenCost(source):
            "\(source): the key \"cost\" is missing (network2.py's save() writes \"QuadraticCost\" or \"CrossEntropyCost\")"
        case let .traceWithoutWeights(source):
            "\(source): this trace was exported with --no-weights: its network has layer sizes "
                + "but no weights or biases, so there is no network to load"
        case let .bothActivationKeys(source):
            "\(source): both \"activation\" and \"activations\" are given; use one (activations: one per layer after the input)"
        }
    }
}
