/// A problem found while reading a trace file for `compare`. Each case carries the source (the
/// file's name) and the place, as a path in the file's own keys counting from 0
/// (`layers[2].z`, `gradients.weights[1][0]`); `description` starts with the source:
/// `mine.json: layers[2].z has 3 values, expected 2 (one per neuron of layer 2)`.
public enum TraceFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not acceptable JSON.
    case json(source: String, JSONError)
    /// A value has the wrong JSON type; `found` and `expected` are kinds with their article.
    case wrongType(source: String, path: String, found: String, expected: String)
    /// A `format` that is not a backprop trace.
    case unknownFormat(source: String, found: String)
    /// A trace `version` other than `TraceFile.version`.
    case unsupportedVersion(source: String, found: Double)
    /// The file's `network` could not be read.
    case network(NetworkFileError)
    /// An array has the wrong length: "has 3 values, expected 2 (one per neuron of layer 2)".
    case count(source: String, path: String, found: Int, expected: Int, noun: String, reason: String)
    /// A value the input layer does not have (its `z` or `delta`) is given.
    case inputLayerValue(source: String, path: String)
    /// An example value that is not a finite number.
    case notFinite(source: String, path: String)
    /// The example does not fit the network it is used with.
    case example(source: String, NetworkError)
    /// A network without weights whose shape differs from the network it would be compared on.
    case shapeMismatch(source: String, found: [Int], expected: [Int])
    /// Nothing in the file can be compared: no number in `layers`, `gradients` or `cost`.
    case nothingToCompare(source: String)
    /// The file is a network file (`sizes` and `weights`, or the network format), not a trace.
    case networkFile(source: String)
    /// An array longer than anything it could hold: more values than a layer can have neurons.
    case tooLong(source: String, path: String, found: Int, limit: Int)
    /// An `example.reduction` other than mean or sum.
    case unknownReduction(source: String, found: String)
    /// A batch of more examples than a trace may hold.
    case tooManyExamples(source: String, path: String, found: Int, limit: Int)

    public var description: String {
        switch self {
        case let .json(source, error):
            "\(source): \(error)"
        case let .wrongType(source, path, found, expected):
            "\(source): \(path) is \(found), expected \(expected)"
        case let .unknownFormat(source, found):
            "\(source): format \(JSONWriter.quotedForMessage(found)) is not \(TraceFile.formatName)"
        case let .unsupportedVersion(source, found):
            "\(source): version \(JSON.number(found).text(.compact)) is not supported; "
                + "this program reads \(TraceFile.formatName) versions 1 and 2"
        case let .network(error):
            error.description
        case let .count(source, path, found, expected, noun, reason):
            "\(source): \(path) has \(found) \(found == 1 ? TraceFileError.singular(noun) : noun), expected \(expected) (\(reason))"
        case let .inputLayerValue(source, path):
            "\(source): \(path) must be null (or left out): the input layer has no \(path.hasSuffix(".z") ? "z" : "δ")"
        case let .notFinite(source, path):
            "\(source): \(path) is not a finite number; an example holds only finite numbers"
        case let .example(source, error):
            "\(source): example: \(error)"
        case let .shapeMismatch(source, found, expected):
            "\(source): network: sizes \(found.map(String.init).joined(separator: "-")) differ from the session's network "
                + "(\(expected.map(String.init).joined(separator: "-"))), and the file has no weights to use instead"
        case let .nothingToCompare(source):
            "\(source): nothing to compare: the file has no numbers in \"layers\", \"gradients\" or \"cost\""
        case let .networkFile(source):
            "\(source) is a network file, not a trace: compare reads a trace's layers, gradients and cost "
                + "(`load \(source)` opens a network file)"
        case let .tooLong(source, path, found, limit):
            "\(source): \(path) has \(found) values; a layer has at most \(limit) neurons"
        case let .unknownReduction(source, found):
            "\(source): example.reduction \(JSONWriter.quotedForMessage(found)) is not mean or sum (how the batch's costs and gradients combine)"
        case let .tooManyExamples(source, path, found, limit):
            "\(source): \(path) has \(found) examples; a trace holds at most \(limit)"
        }
    }

    /// "value" for "values", "entry" for "entries".
    static func singular(_ noun: String) -> String {
        if noun.hasSuffix("ies") { return String(noun.dropLast(3)) + "y" }
        return noun.hasSuffix("s") ? String(noun.dropLast()) : noun
    }
}
