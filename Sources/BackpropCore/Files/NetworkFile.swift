/// The network file: format "backprop-network", version 1, a JSON object.
///
/// ```json
/// {
///   "format": "backprop-network",
///   "version": 1,
///   "sizes": [2, 2, 1],
///   "activation": "sigmoid",
///   "cost": "cross-entropy",
///   "weights": [
///     [
///       [0.15, 0.2],
///       [0.25, 0.3]
///     ],
///     [
///       [0.7, -0.6]
///     ]
///   ],
///   "biases": [
///     [0.35, 0.35],
///     [0.05]
///   ]
/// }
/// ```
///
/// - `sizes`: neurons per layer, input layer first; at least 2 layers (limits in `Network`).
/// - `activation`: `sigmoid`, `tanh` or `relu`, the activation of every layer after the input; or
///   instead `activations`, one per layer after the input (`["relu", "relu", "softmax"]`), written
///   when the layers differ. Exactly one of the two. `softmax` only on the output layer.
/// - `cost`: `sum-of-squares`, `quadratic`, `cross-entropy` (only with a sigmoid output) or
///   `log-likelihood` (only with a softmax output, and a softmax output only with it). Required.
/// - `weights[l][j][k]`: from neuron k of layer l to neuron j of layer l + 1 (one row per
///   receiving neuron, Nielsen's convention). `biases[l][j]`: bias of neuron j of layer l + 1.
/// - `format` and `version` may be left out (version 1 is then meant); any other version is
///   refused. Keys not listed here are ignored. Every number must be finite: the strings
///   "NaN", "Infinity" and "-Infinity" that traces use are refused here.
///
/// Also read:
/// - Michael Nielsen's `network2.py` `save()` output: keys `sizes`, `weights`, `biases` with each
///   bias a one-element list (`[[0.1], [0.2]]`), and `cost` "QuadraticCost" or "CrossEntropyCost"
///   (read as `quadratic` and `cross-entropy`, activation sigmoid). Recognised by that cost name.
/// - A trace file (`"format": {"name": "backprop-trace", …}` as `export` writes it, `"format":
///   "backprop-trace"`, or any object with a `network` object and no `sizes`): the network stored
///   under its `network` key. A trace exported with `--no-weights` is refused with its own message.
///
/// Numbers are written in shortest round-trip form and read with correct rounding, so
/// `decode(encode(n))` is `n` with every weight and bias bit for bit the same.
public enum NetworkFile {
    /// The value of the `format` key.
    public static let formatName = "backprop-network"
    /// The `format` of a trace file, whose `network` key holds a network.
    public static let traceFormatName = "backprop-trace"
    /// The version this program writes and the only one it reads.
    public static let version = 1
    /// The largest file `decode` (and `compare`'s trace reading) accepts: 1 GiB (2³⁰ bytes), larger
    /// than any trace `export` writes for a network within `Network.maximumParameterCount` (see the
    /// README's limits). A larger file is refused from its size alone, before it is read.
    ///
    /// Reading costs the file's bytes plus what is read from them: keys this program does not know
    /// are checked for JSON grammar and never built, and numbers go straight into the network.
    public static let maximumFileSize = 1 << 30

    /// Reads a network from the bytes of a file. `source` names the file in error messages.
    /// Refuses more than `maximumFileSize` bytes before looking at any of them.
    public static func decode(_ bytes: [UInt8], source: String) throws(NetworkFileError) -> Network {
        let document: JSONSlice
        do throws(JSONError) {
            document = try JSON.document(bytes, limit: maximumFileSize)
        } catch {
            throw .json(source: source, error)
        }
        return try network(from: document, path: source)
    }

    /// Reads a network from a checked document (`JSON.document`) in any of the accepted layouts.
    /// `path` names where the JSON came from; every error's description starts with it. Layer
    /// sizes and settings are checked before any weight is read, and every array is counted before
    /// it is read, so an absurd size or a file of the wrong shape costs no memory.
    public static func network(from json: JSONSlice, path: String) throws(NetworkFileError) -> Network {
        try NetworkFileReader(source: path).network(from: json, allowTrace: true)
    }

    /// Reads a network from a parsed document (written out and read as a file is).
    public static func network(from json: JSON, path: String) throws(NetworkFileError) -> Network {
        try decode(json.serialized(.compact), source: path)
    }

    /// The network as a JSON document in this format (keys in the order shown above).
    public static func json(_ network: Network) -> JSON {
        let sizes = network.sizes.map { JSON.number(Double($0)) }
        let weights = network.weights.map { matrix in
            JSON.array((0..<matrix.rows).map { j in JSON.array(matrix.row(j).map(JSON.number)) })
        }
        let biases = network.biases.map { JSON.array($0.map(JSON.number)) }
        return .object([
            (key: "format", value: .string(formatName)),
            (key: "version", value: .number(Double(version))),
            (key: "sizes", value: .array(sizes)),
            network.sharedActivation.map { (key: "activation", value: JSON.string($0.rawValue)) }
                ?? (key: "activations", value: .array(network.activations.map { .string($0.rawValue) })),
            (key: "cost", value: .string(network.cost.rawValue)),
            (key: "weights", value: .array(weights)),
            (key: "biases", value: .array(biases)),
        ])
    }

    /// The file's bytes: pretty JSON, one weight row per line, ending with a newline.
    /// Deterministic, and `decode` gives back an identical network.
    public static func encode(_ network: Network) -> [UInt8] {
        json(network).serialized(.pretty)
    }

    /// Writes the network to `path` atomically: an existing file is replaced whole or not at all.
    public static func save(_ network: Network, to path: String) throws(FileWriteError) {
        try AtomicFile.write(encode(network), to: path)
    }
}
