/// The values a trace file reports for one example's pass — written by this program or by
/// someone else's implementation — shaped like the network they are compared on. A `nil` array
/// means the file leaves that quantity out; a `nil` element means the file has `null` there.
public struct ReportedValues: Equatable, Sendable {
    /// One layer's reported `z`, `a` and `delta`.
    public struct Layer: Equatable, Sendable {
        public var z: [Double?]?
        public var a: [Double?]?
        public var delta: [Double?]?

        public init(z: [Double?]? = nil, a: [Double?]? = nil, delta: [Double?]? = nil) {
            self.z = z
            self.a = a
            self.delta = delta
        }
    }

    /// One entry per layer, input layer first, or nil when the file has no `layers`. For a batch,
    /// nil: see `batchLayers`.
    public var layers: [Layer]?
    /// For a batch, `batchLayers[e][l]` is example e's layer l (`layers[l].z[e]` … in the file), or
    /// nil when the file has no `layers`.
    public var batchLayers: [[Layer]]?
    /// The cost, or nil when the file has none (or `null`).
    public var cost: Double?
    /// `gradients.weights[l][j][k]`, or nil when the file has none.
    public var weightGradients: [[[Double?]]]?
    /// `gradients.biases[l][j]`, or nil when the file has none.
    public var biasGradients: [[Double?]]?

    public init(layers: [Layer]? = nil, batchLayers: [[Layer]]? = nil, cost: Double? = nil,
                weightGradients: [[[Double?]]]? = nil, biasGradients: [[Double?]]? = nil) {
        self.layers = layers
        self.batchLayers = batchLayers
        self.cost = cost
        self.weightGradients = weightGradients
        self.biasGradients = biasGradients
    }

    /// Whether the file reports anything at all to compare.
    public var isEmpty: Bool {
        layers == nil && batchLayers == nil && cost == nil && weightGradients == nil && biasGradients == nil
    }
}

extension TraceFile {
    /// A trace file's header: the checked document and the network and example it states, if any.
    public struct Document: Sendable {
        /// The whole document, read only where asked (see `JSONSlice`).
        public let json: JSONSlice
        /// The file's network, when it has one with weights and biases.
        public let network: Network?
        /// The layer sizes of a network stored without weights (`export --no-weights`).
        public let sizesWithoutWeights: [Int]?
        /// The file's example, when it has one (its sizes are checked by the caller against the network used).
        public let example: Example?
        /// The file's examples when it is a batch (`example.input` holds one array per example),
        /// with the reduction it states (the mean when it states none).
        public var batch: Batch? = nil
        /// The reduction the file states (`example.reduction`), or nil when it states none.
        public var statedReduction: Reduction? = nil
    }

    /// The largest trace file read: the same limit as a network file.
    public static let maximumFileSize = NetworkFile.maximumFileSize

    /// The top-level keys a trace reader reads; any other key is never built.
    static let keys = ["format", "version", "network", "example", "layers", "gradients", "cost", "steps",
                       "gradcheck", "nudges", "training", "sizes", "weights"]

    /// Checks a trace file and reads its `format`, `network` and `example`. Every key is optional
    /// (a file with only `layers` is a trace); a `format` present must name a backprop-trace of
    /// version 1, written either as `{"name": …, "version": …}` or as a string beside `version`.
    /// The sections `export` writes and `compare` does not read (`steps`, `gradcheck`, `nudges`,
    /// `training`) must still be of their kind. A network file is refused as one.
    public static func document(_ bytes: [UInt8], source: String) throws(TraceFileError) -> Document {
        let json: JSONSlice
        do throws(JSONError) { json = try JSON.document(bytes, limit: maximumFileSize) } catch {
            throw .json(source: source, error)
        }
        return try document(json, source: source)
    }

    /// The same for a document already checked (`JSON.document`).
    public static func document(_ json: JSONSlice, source: String) throws(TraceFileError) -> Document {
        let members: JSONSlice.Members?
        do throws(JSONError) { members = try json.members(keys) } catch {
            throw .json(source: source, error)
        }
        let reader = TraceFileReader(source: source)
        guard let members else { throw reader.wrongType("the document", json, expected: "an object") }
        try reader.checkFormat(members)
        try reader.checkSections(members)
        let (network, sizes) = try reader.network(members["network"])
        let examples = try members["example"].map { e throws(TraceFileError) in try reader.examples(e) }
        var document = Document(json: json, network: network, sizesWithoutWeights: sizes,
                                example: examples?.batch == nil ? examples?.examples.first : nil)
        document.batch = examples?.batch
        document.statedReduction = examples?.reduction
        return document
    }

    /// The values the document reports, checked against a network of `sizes` (and, for a batch,
    /// `batchSize` examples: each layer's `z`, `a` and `delta` hold one array per example). Every
    /// problem of type and shape is returned with its path, not just the first; the values are
    /// usable only when `problems` is empty. Each array is counted before it is read.
    public static func reportedValues(in json: JSONSlice, sizes: [Int], batchSize: Int? = nil,
                                      source: String) -> (values: ReportedValues, problems: [TraceFileError]) {
        var reader = TraceFileReader(source: source)
        let values = reader.values(json, sizes: sizes, batchSize: batchSize)
        return (values, reader.problems)
    }
}

/// Reads the parts of a trace file, naming each problem's place with the file's own paths.
struct TraceFileReader {
    let source: String
    /// Problems of shape and type found by `values`, in document order.
    var problems: [TraceFileError] = []

    init(source: String) {
        self.source = source
    }

    // MARK: Header

    func checkFormat(_ json: JSONSlice.Members) throws(TraceFileError) {
        var version = json["version"]
        if let format = json["format"] {
            let name: JSONSlice?
            if format.isObject {
                let members: JSONSlice.Members?
                do throws(JSONError) { members = try format.members(["name", "version"]) } catch {
                    throw .json(source: source, error)
                }
                name = members?["name"]
                version = members?["version"]
            } else {
                name = format
            }
            guard let name else { throw .wrongType(source: source, path: "format.name", found: "missing", expected: "a string") }
            guard let text = name.string else {
                throw wrongType(format.isObject ? "format.name" : "format", name, expected: "a string")
            }
            if text == NetworkFile.formatName { throw .networkFile(source: source) }
            guard text == TraceFile.formatName else { throw .unknownFormat(source: source, found: text) }
        } else if json["sizes"] != nil && json["weights"] != nil && json["layers"] == nil && json["gradients"] == nil {
            // Our network file without its format line, or network2.py's.
            throw .networkFile(source: source)
        }
        if let version {
            guard let v = version.double else { throw wrongType("version", version, expected: "a number") }
            guard TraceFile.versions.contains(where: { Double($0) == v }) else { throw .unsupportedVersion(source: source, found: v) }
        }
    }

    /// The sections `compare` does not read are still checked for their kind, so a file that says
    /// it is a trace and is not one is not taken for one.
    func checkSections(_ json: JSONSlice.Members) throws(TraceFileError) {
        for (key, wantsArray) in [("steps", true), ("gradcheck", false), ("nudges", false), ("training", false)] {
            guard let value = json[key], !value.isNull else { continue }
            if wantsArray ? !value.isArray : !value.isObject {
                throw wrongType(key, value, expected: wantsArray ? "an array (or null)" : "an object (or null)")
            }
        }
    }

    /// The network with its weights, or only its sizes when it was exported without them.
    func network(_ json: JSONSlice?) throws(TraceFileError) -> (Network?, [Int]?) {
        guard let json else { return (nil, nil) }
        guard json.isObject else { throw wrongType("network", json, expected: "an object") }
        let reader = NetworkFileReader(source: "\(source): network")
        // The network's members, found in one walk over it and used by both readers.
        let members: JSONSlice.Members?
        do throws(JSONError) { members = try json.members(NetworkFileReader.keys) } catch {
            throw .network(.json(source: reader.source, error))
        }
        if let members, members["weights"] == nil && members["biases"] == nil {
            guard let sizes = members["sizes"] else { return (nil, nil) }
            guard let count = sizes.count, sizes.isArray else { throw wrongType("network.sizes", sizes, expected: "an array") }
            guard count <= Network.maximumLayerCount else {
                throw .network(.network(source: "\(source): network",
                                        .tooManyLayers(found: count, limit: Network.maximumLayerCount)))
            }
            var result: [Int] = []
            for (l, element) in (sizes.array ?? []).enumerated() {
                guard let n = element.int else {
                    throw wrongType("network.sizes[\(l)]", element, expected: "a whole number")
                }
                result.append(n)
            }
            return (nil, result)
        }
        do throws(NetworkFileError) {
            return (try reader.network(from: json, members: members, allowTrace: false), nil)
        } catch {
            throw .network(error)
        }
    }

    /// The file's example, or its examples when `example.input` holds one array per example (a
    /// batch), with the reduction it states.
    func examples(_ json: JSONSlice) throws(TraceFileError) -> (examples: [Example], batch: Batch?, reduction: Reduction?) {
        let members: JSONSlice.Members?
        do throws(JSONError) { members = try json.members(["input", "target", "label", "reduction"]) } catch {
            throw .json(source: source, error)
        }
        guard let members else { throw wrongType("example", json, expected: "an object") }
        var reduction: Reduction?
        if let r = members["reduction"], !r.isNull {
            guard let name = r.string else { throw wrongType("example.reduction", r, expected: "\"mean\" or \"sum\"") }
            guard let found = Reduction(rawValue: name) else { throw .unknownReduction(source: source, found: name) }
            reduction = found
        }
        let isBatch = members["input"]?.array?.first?.isArray == true
        guard isBatch else {
            return ([try example(members)], nil, reduction)
        }
        let inputs = try rows("input", members)
        let targets = try rows("target", members)
        guard targets.count == inputs.count else {
            throw .count(source: source, path: "example.target", found: targets.count, expected: inputs.count, noun: "rows",
                         reason: "one per example of example.input")
        }
        let labels = try batchLabels(members, count: inputs.count)
        let examples = inputs.indices.map { Example(input: inputs[$0], target: targets[$0], label: labels[$0]) }
        do {
            return (examples, try Batch(examples, reduction: reduction ?? .mean), reduction)
        } catch {
            throw .example(source: source, error)
        }
    }

    private func example(_ members: JSONSlice.Members) throws(TraceFileError) -> Example {
        var label: Int?
        if let l = members["label"], !l.isNull {
            guard let n = l.int else { throw wrongType("example.label", l, expected: "a whole number or null") }
            label = n
        }
        return Example(input: try finite(members["input"], path: "example.input"),
                       target: try finite(members["target"], path: "example.target"), label: label)
    }

    /// A batch's `example.input` or `example.target`: one array of finite numbers per example.
    private func rows(_ key: String, _ members: JSONSlice.Members) throws(TraceFileError) -> [[Double]] {
        let path = "example.\(key)"
        guard let value = members[key] else {
            throw .wrongType(source: source, path: path, found: "missing", expected: "an array of arrays of numbers")
        }
        guard let count = value.count, value.isArray else { throw wrongType(path, value, expected: "an array") }
        guard count <= TraceFile.maximumBatchSize else {
            throw .tooManyExamples(source: source, path: path, found: count, limit: TraceFile.maximumBatchSize)
        }
        var rows: [[Double]] = []
        for (e, row) in (value.array ?? []).enumerated() { rows.append(try finite(row, path: "\(path)[\(e)]")) }
        return rows
    }

    /// A batch's labels: absent, or one whole number (or null) per example.
    private func batchLabels(_ members: JSONSlice.Members, count: Int) throws(TraceFileError) -> [Int?] {
        guard let value = members["label"], !value.isNull else { return Array(repeating: nil, count: count) }
        guard let n = value.count, value.isArray else { throw wrongType("example.label", value, expected: "an array (one per example)") }
        guard n == count else {
            throw .count(source: source, path: "example.label", found: n, expected: count, noun: "values", reason: "one per example")
        }
        var labels: [Int?] = []
        for (e, element) in (value.array ?? []).enumerated() {
            if element.isNull { labels.append(nil); continue }
            guard let label = element.int else { throw wrongType("example.label[\(e)]", element, expected: "a whole number or null") }
            labels.append(label)
        }
        return labels
    }

    /// An array of finite numbers, at most as long as a layer.
    private func finite(_ value: JSONSlice?, path: String) throws(TraceFileError) -> [Double] {
        guard let value else {
            throw .wrongType(source: source, path: path, found: "missing", expected: "an array of numbers")
        }
        guard let count = value.count, value.isArray else { throw wrongType(path, value, expected: "an array") }
        // More values than a layer can have neurons: refused before they are read.
        guard count <= Network.maximumLayerSize else {
            throw .tooLong(source: source, path: path, found: count, limit: Network.maximumLayerSize)
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(count)
        if let (i, element) = value.appendNumbers(to: &numbers) {
            if element.doubleAllowingNonFinite != nil { throw .notFinite(source: source, path: "\(path)[\(i)]") }
            throw wrongType("\(path)[\(i)]", element, expected: "a number")
        }
        return numbers
    }

    // MARK: Values

    mutating func values(_ json: JSONSlice, sizes: [Int], batchSize: Int? = nil) -> ReportedValues {
        var values = ReportedValues()
        let members: JSONSlice.Members?
        do throws(JSONError) { members = try json.members(["layers", "cost", "gradients"]) } catch {
            problem(.json(source: source, error))
            return values
        }
        guard let members else { return values }
        if let layers = present(members["layers"]) {
            if let m = batchSize {
                values.batchLayers = batchLayers(layers, sizes: sizes, examples: m)
            } else {
                values.layers = self.layers(layers, sizes: sizes)
            }
        }
        if let cost = present(members["cost"]) {
            if let x = cost.doubleAllowingNonFinite { values.cost = x } else { problem(wrongType("cost", cost, expected: "a number or null")) }
        }
        if let gradients = present(members["gradients"]) {
            let inner: JSONSlice.Members?
            do throws(JSONError) { inner = try gradients.members(["weights", "biases"]) } catch {
                problem(.json(source: source, error))
                return values
            }
            if let inner {
                if let w = present(inner["weights"]) { values.weightGradients = weightGradients(w, sizes: sizes) }
                if let b = present(inner["biases"]) { values.biasGradients = biasGradients(b, sizes: sizes) }
            } else {
                problem(wrongType("gradients", gradients, expected: "an object"))
            }
        }
        return values
    }

    private mutating func layers(_ json: JSONSlice, sizes: [Int]) -> [ReportedValues.Layer]? {
        guard let elements = array(json, path: "layers", expected: sizes.count, noun: "entries",
                                   reason: "one per layer, the input layer first") else { return nil }
        var layers: [ReportedValues.Layer] = []
        for (l, element) in elements.enumerated() {
            let path = "layers[\(l)]"
            if element.isNull {
                layers.append(ReportedValues.Layer())   // a layer not reported
                continue
            }
            let found: JSONSlice.Members?
            do throws(JSONError) { found = try element.members(["z", "a", "delta"]) } catch {
                problem(.json(source: source, error))
                layers.append(ReportedValues.Layer())
                continue
            }
            guard let members = found else {
                problem(wrongType(path, element, expected: "an object with z, a and delta, or null"))
                layers.append(ReportedValues.Layer())
                continue
            }
            var layer = ReportedValues.Layer()
            let reason = "one per neuron of layer \(l)"
            layer.a = present(members["a"]).flatMap { numbers($0, path: "\(path).a", expected: sizes[l], reason: reason) }
            if l == 0 {
                for key in ["z", "delta"] {
                    if let value = present(members[key]), value.count != 0 || !value.isArray {
                        problem(.inputLayerValue(source: source, path: "\(path).\(key)"))
                    }
                }
            } else {
                layer.z = present(members["z"]).flatMap { numbers($0, path: "\(path).z", expected: sizes[l], reason: reason) }
                layer.delta = present(members["delta"]).flatMap { numbers($0, path: "\(path).delta", expected: sizes[l], reason: reason) }
            }
            layers.append(layer)
        }
        return layers
    }

    /// A batch's layers: each layer's `z`, `a` and `delta` hold one array per example (or null);
    /// returned example by example, `[e][l]`.
    private mutating func batchLayers(_ json: JSONSlice, sizes: [Int], examples m: Int) -> [[ReportedValues.Layer]]? {
        guard let elements = array(json, path: "layers", expected: sizes.count, noun: "entries",
                                   reason: "one per layer, the input layer first") else { return nil }
        var result = Array(repeating: Array(repeating: ReportedValues.Layer(), count: sizes.count), count: m)
        for (l, element) in elements.enumerated() where !element.isNull {
            let path = "layers[\(l)]"
            let found: JSONSlice.Members?
            do throws(JSONError) { found = try element.members(["z", "a", "delta"]) } catch {
                problem(.json(source: source, error))
                continue
            }
            guard let members = found else {
                problem(wrongType(path, element, expected: "an object with z, a and delta, or null"))
                continue
            }
            for key in l == 0 ? ["a"] : ["z", "a", "delta"] {
                guard let value = present(members[key]),
                      let rows = array(value, path: "\(path).\(key)", expected: m, noun: "rows", reason: "one per example")
                else { continue }
                for (e, row) in rows.enumerated() where !row.isNull {
                    let values = numbers(row, path: "\(path).\(key)[\(e)]", expected: sizes[l], reason: "one per neuron of layer \(l)")
                    switch key {
                    case "z": result[e][l].z = values
                    case "a": result[e][l].a = values
                    default: result[e][l].delta = values
                    }
                }
            }
            if l == 0 {
                for key in ["z", "delta"] {
                    if let value = present(members[key]), value.count != 0 || !value.isArray {
                        problem(.inputLayerValue(source: source, path: "\(path).\(key)"))
                    }
                }
            }
        }
        return result
    }

    private mutating func weightGradients(_ json: JSONSlice, sizes: [Int]) -> [[[Double?]]]? {
        let path = "gradients.weights"
        guard let layers = array(json, path: path, expected: sizes.count - 1, noun: "entries",
                                 reason: "one per weight layer: one fewer than the layers") else { return nil }
        var result: [[[Double?]]] = []
        var complete = true
        for (l, layer) in layers.enumerated() {
            let missingRow = [Double?](repeating: nil, count: sizes[l])
            guard !layer.isNull else {   // a weight layer not reported
                result.append(Array(repeating: missingRow, count: sizes[l + 1]))
                continue
            }
            guard let rows = array(layer, path: "\(path)[\(l)]", expected: sizes[l + 1], noun: "rows",
                                   reason: "one per neuron of layer \(l + 1)") else {
                complete = false
                continue
            }
            var matrix: [[Double?]] = []
            matrix.reserveCapacity(rows.count)
            for (j, row) in rows.enumerated() {
                if row.isNull {
                    matrix.append(missingRow)
                } else if let values = numbers(row, path: "\(path)[\(l)][\(j)]", expected: sizes[l],
                                                reason: "one per neuron of layer \(l)") {
                    matrix.append(values)
                } else {
                    complete = false
                }
            }
            result.append(matrix)
        }
        return complete ? result : nil
    }

    private mutating func biasGradients(_ json: JSONSlice, sizes: [Int]) -> [[Double?]]? {
        let path = "gradients.biases"
        guard let layers = array(json, path: path, expected: sizes.count - 1, noun: "entries",
                                 reason: "one per weight layer: one fewer than the layers") else { return nil }
        var result: [[Double?]] = []
        var complete = true
        for (l, layer) in layers.enumerated() {
            if layer.isNull {   // a layer not reported
                result.append(Array(repeating: nil, count: sizes[l + 1]))
            } else if let values = numbers(layer, path: "\(path)[\(l)]", expected: sizes[l + 1],
                                           reason: "one per neuron of layer \(l + 1)") {
                result.append(values)
            } else {
                complete = false
            }
        }
        return complete ? result : nil
    }

    /// An array of exactly `expected` elements (counted before any is read), or nil with a problem recorded.
    private mutating func array(_ json: JSONSlice, path: String, expected: Int, noun: String, reason: String) -> [JSONSlice]? {
        guard let (count, elements) = json.elements(limit: expected) else {
            problem(wrongType(path, json, expected: "an array"))
            return nil
        }
        guard count == expected else {
            problem(.count(source: source, path: path, found: count, expected: expected, noun: noun, reason: reason))
            return nil
        }
        return elements
    }

    /// Numbers, `null`s and the non-finite strings, exactly `expected` of them.
    private mutating func numbers(_ json: JSONSlice, path: String, expected: Int, reason: String) -> [Double?]? {
        guard json.isArray else {
            problem(wrongType(path, json, expected: "an array"))
            return nil
        }
        var values: [Double?] = []
        values.reserveCapacity(expected)
        var found: [TraceFileError] = []
        // One walk over the bytes, reading at most `expected` values: every element that is none
        // of these is named, once the count is known to be right.
        let count = json.appendOptionalNumbers(to: &values, limit: expected) { i, element in
            found.append(wrongType("\(path)[\(i)]", element,
                                   expected: "a number, null, or one of \"NaN\", \"Infinity\", \"-Infinity\""))
        }
        guard count == expected else {
            problem(.count(source: source, path: path, found: count, expected: expected, noun: "values", reason: reason))
            return nil
        }
        found.forEach { problem($0) }
        return found.isEmpty ? values : nil
    }

    /// The value unless it is absent or `null` (both mean "not reported").
    private func present(_ json: JSONSlice?) -> JSONSlice? {
        guard let json, !json.isNull else { return nil }
        return json
    }

    private mutating func problem(_ error: TraceFileError) {
        problems.append(error)
    }

    func wrongType(_ path: String, _ json: JSONSlice, expected: String) -> TraceFileError {
        .wrongType(source: source, path: path, found: json.kind, expected: expected)
    }
}
