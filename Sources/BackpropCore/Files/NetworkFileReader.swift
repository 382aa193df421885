/// Turns a checked document into a `Network`, checking every key, type and number, and naming
/// the place of each problem with the file's own paths (`weights[0][1][0]`).
///
/// It reads only the keys it knows (the rest of the document is never built), and it counts every
/// array before reading it: layer sizes and settings are checked first, then each weight layer's
/// rows and each row's length against them, so numbers are read only into a network of a valid
/// shape (8 bytes each), and a file of the wrong shape costs nothing but its bytes.
struct NetworkFileReader {
    /// Starts every error's description.
    let source: String

    /// network2.py's cost class names and the costs they mean.
    static let nielsenCosts = NielsenFormat.costs

    /// The keys of a network file (and of a trace, whose `network` holds one).
    static let keys = ["format", "version", "sizes", "activation", "activations", "cost", "weights", "biases", "network"]

    func network(from json: JSONSlice, allowTrace: Bool) throws(NetworkFileError) -> Network {
        let members: JSONSlice.Members?
        do throws(JSONError) { members = try json.members(NetworkFileReader.keys) } catch {
            throw .json(source: source, error)
        }
        return try network(from: json, members: members, allowTrace: allowTrace)
    }

    /// The same, with the object's members already found (they are found in one walk over it).
    func network(from json: JSONSlice, members: JSONSlice.Members?, allowTrace: Bool) throws(NetworkFileError) -> Network {
        guard let object = members else { throw wrongType("the document", json, expected: "an object") }
        let format = try formatName(object)
        let looksLikeTrace = format == nil && object["sizes"] == nil && object["network"]?.isObject == true
        if allowTrace && (format == NetworkFile.traceFormatName || looksLikeTrace) {
            guard let inner = object["network"] else { throw .missingKey(source: source, key: "network") }
            let reader = NetworkFileReader(source: "\(source): network")
            let innerMembers: JSONSlice.Members?
            do throws(JSONError) { innerMembers = try inner.members(NetworkFileReader.keys) } catch {
                throw .json(source: reader.source, error)
            }
            if let innerMembers, innerMembers["weights"] == nil && innerMembers["biases"] == nil {
                throw .traceWithoutWeights(source: source)
            }
            return try reader.network(from: inner, members: innerMembers, allowTrace: false)
        }
        if let format, format != NetworkFile.formatName {
            throw .unknownFormat(source: source, found: format)
        }
        if let version = object["version"] {
            guard let v = version.double else { throw wrongType("version", version, expected: "a number") }
            guard v == Double(NetworkFile.version) else { throw .unsupportedVersion(source: source, found: v) }
        }

        // network2.py's save() writes no activation (its neurons are all sigmoid), its cost class's
        // name, and each bias as a one-element list. A module path before the class name is allowed.
        let costName = object["cost"]?.string.map { name in String(name.split(separator: ".").last ?? Substring(name)) }
        let nielsenCost = costName.flatMap { name in NetworkFileReader.nielsenCosts.first { $0.name == name }?.cost }
        let columnBiases = object["biases"]?.array?.first?.array?.first?.isArray == true
        let looksLikeNielsen = format == nil && object["activation"] == nil && object["activations"] == nil
            && (nielsenCost != nil || columnBiases || costName?.hasSuffix("Cost") == true)
        let sizes = try layerSizes(try required(object, key: "sizes"))
        // network2.py's layout: `activations` below gives its neurons sigmoid.
        let activations = try self.activations(object, layers: max(0, sizes.count - 1),
                                               nielsen: looksLikeNielsen && object["activations"] == nil)
        let cost: Cost
        if let nielsenCost {
            cost = nielsenCost
        } else if looksLikeNielsen {
            guard let value = object["cost"] else { throw .missingNielsenCost(source: source) }
            cost = try setting(value, key: "cost", alsoValid: NetworkFileReader.nielsenCosts.map(\.name))
        } else {
            cost = try setting(try required(object, key: "cost"), key: "cost",
                               alsoValid: NetworkFileReader.nielsenCosts.map(\.name))
        }
        do throws(NetworkError) {
            try Network.validate(sizes: sizes, activations: activations, cost: cost)
        } catch {
            throw .network(source: source, error)
        }

        let weights = try weightLayers(try required(object, key: "weights"), sizes: sizes)
        let biases = try biasLayers(try required(object, key: "biases"), sizes: sizes, columnVectors: looksLikeNielsen)
        return Network(checkedSizes: sizes, weights: weights, biases: biases, activations: activations, cost: cost)
    }

    // MARK: Keys

    private func required(_ object: JSONSlice.Members, key: String) throws(NetworkFileError) -> JSONSlice {
        guard let value = object[key] else { throw .missingKey(source: source, key: key) }
        return value
    }

    /// One activation per weight layer: `activation` for all of them, or an `activations` list of
    /// the right length (not both). network2.py's files have neither: sigmoid throughout.
    private func activations(_ object: JSONSlice.Members, layers: Int, nielsen: Bool) throws(NetworkFileError) -> [Activation] {
        switch (object["activation"], object["activations"]) {
        case let (one?, nil):
            let g: Activation = try setting(one, key: "activation")
            return Array(repeating: g, count: layers)
        case let (nil, list?):
            guard list.isArray, let count = list.count else { throw wrongType("activations", list, expected: "an array") }
            guard count == layers, let elements = list.array else {
                throw .network(source: source, .activationCount(expected: layers, found: count))
            }
            var result: [Activation] = []
            for (l, element) in elements.enumerated() {
                result.append(try setting(element, key: "activations[\(l)]"))
            }
            return result
        case (nil, nil):
            guard nielsen else { throw .missingKey(source: source, key: "activation") }
            return Array(repeating: .sigmoid, count: layers)  // network2.py has only sigmoid neurons
        case (_?, _?):
            throw .bothActivationKeys(source: source)
        }
    }

    /// The `format` key's name: a string in a network file, `{"name": …, "version": …}` in a trace.
    private func formatName(_ object: JSONSlice.Members) throws(NetworkFileError) -> String? {
        guard let value = object["format"] else { return nil }
        if let s = value.string { return s }
        if value.isObject, let name = value["name"] {
            guard let s = name.string else { throw wrongType("format.name", name, expected: "a string") }
            return s
        }
        throw wrongType("format", value, expected: "a string or an object with a name")
    }

    /// The activation or cost named by a string; an unknown name is refused with the list of
    /// known ones (plus `alsoValid`, names the caller handled before asking).
    private func setting<T: RawRepresentable & CaseIterable>(
        _ json: JSONSlice, key: String, alsoValid: [String] = []
    ) throws(NetworkFileError) -> T where T.RawValue == String {
        guard let s = json.string else { throw wrongType(key, json, expected: "a string") }
        guard let value = T(rawValue: s) else {
            throw .unknownName(source: source, key: key, found: s,
                               valid: T.allCases.map(\.rawValue) + alsoValid)
        }
        return value
    }

    // MARK: Shapes

    private func layerSizes(_ json: JSONSlice) throws(NetworkFileError) -> [Int] {
        guard let count = json.count, json.isArray else { throw wrongType("sizes", json, expected: "an array") }
        // More layers than any network may have: refused before a single one is read.
        guard count <= Network.maximumLayerCount else {
            throw .network(source: source, .tooManyLayers(found: count, limit: Network.maximumLayerCount))
        }
        var sizes: [Int] = []
        sizes.reserveCapacity(count)
        for (l, element) in (json.array ?? []).enumerated() {
            let x = try number(element, path: "sizes[\(l)]")
            guard x.rounded(.towardZero) == x else {
                throw .notWholeNumber(source: source, path: "sizes[\(l)]", value: x)
            }
            // Whole, but beyond Int (1e300): refused with the limit here, as it cannot be converted.
            guard let n = Int(exactly: x) else {
                throw .layerSizeOutOfRange(source: source, path: "sizes[\(l)]", value: x)
            }
            sizes.append(n)
        }
        return sizes
    }

    /// `weights[l][j][k]` read straight into one matrix per layer, each array counted against
    /// `sizes` before it is read.
    private func weightLayers(_ json: JSONSlice, sizes: [Int]) throws(NetworkFileError) -> [Matrix] {
        guard let (count, layers) = json.elements(limit: sizes.count - 1) else {
            throw wrongType("weights", json, expected: "an array")
        }
        guard count == sizes.count - 1 else {
            throw .network(source: source, .layerCount(key: "weights", expected: sizes.count - 1, found: count))
        }
        var matrices: [Matrix] = []
        matrices.reserveCapacity(count)
        for (l, layer) in layers.enumerated() {
            // Each array is walked once: counted, and read as far as its expected length.
            guard let (rows, elements) = layer.elements(limit: Network.maximumLayerSize) else {
                throw wrongType("weights[\(l)]", layer, expected: "an array")
            }
            guard rows == sizes[l + 1] else {
                // A number where a row should be says more than the count (a missing pair of brackets).
                if let (j, row) = elements.enumerated().first(where: { !$0.element.isArray }) {
                    throw wrongType("weights[\(l)][\(j)]", row, expected: "an array")
                }
                throw .network(source: source, .rowCount(layer: l, expected: sizes[l + 1], found: rows))
            }
            var storage: [Double] = []
            storage.reserveCapacity(sizes[l + 1] * sizes[l])
            for (j, row) in elements.enumerated() {
                guard row.isArray else { throw wrongType("weights[\(l)][\(j)]", row, expected: "an array") }
                let start = storage.count
                let (length, problem) = row.appendNumbers(to: &storage, limit: sizes[l])
                // A value that is not a number is named before the count, as it is the likelier slip.
                if let (k, element) = problem { throw notANumber(element, path: "weights[\(l)][\(j)][\(k)]") }
                guard length == sizes[l] else {
                    var rest: [Double] = []
                    if length <= Network.maximumLayerSize, let (k, element) = row.appendNumbers(to: &rest) {
                        throw notANumber(element, path: "weights[\(l)][\(j)][\(k)]")
                    }
                    throw .network(source: source, .rowLength(layer: l, row: j, expected: sizes[l], found: length))
                }
                precondition(storage.count == start + sizes[l], "a row of the expected length adds that many numbers")
            }
            matrices.append(Matrix(rows: sizes[l + 1], columns: sizes[l], storage: storage))
        }
        return matrices
    }

    /// `biases[l][j]` as numbers, or in network2.py's layout as one-element lists `[b]`.
    private func biasLayers(_ json: JSONSlice, sizes: [Int], columnVectors: Bool) throws(NetworkFileError) -> [[Double]] {
        guard let count = json.count, json.isArray else { throw wrongType("biases", json, expected: "an array") }
        guard count == sizes.count - 1 else {
            throw .network(source: source, .layerCount(key: "biases", expected: sizes.count - 1, found: count))
        }
        var biases: [[Double]] = []
        biases.reserveCapacity(count)
        for (l, layer) in (json.array ?? []).enumerated() {
            guard let length = layer.count, layer.isArray else {
                throw wrongType("biases[\(l)]", layer, expected: "an array")
            }
            guard length == sizes[l + 1] else {
                throw .network(source: source, .biasCount(layer: l, expected: sizes[l + 1], found: length))
            }
            var values: [Double] = []
            values.reserveCapacity(length)
            guard columnVectors else {
                if let (j, element) = layer.appendNumbers(to: &values) {
                    throw notANumber(element, path: "biases[\(l)][\(j)]")
                }
                biases.append(values)
                continue
            }
            for (j, entry) in (layer.array ?? []).enumerated() {
                guard let one = entry.count, entry.isArray else {
                    throw wrongType("biases[\(l)][\(j)]", entry, expected: "a one-element array (network2.py's layout)")
                }
                guard one == 1, let b = entry.array?.first else {
                    throw .notColumnVector(source: source, path: "biases[\(l)][\(j)]", found: one)
                }
                values.append(try number(b, path: "biases[\(l)][\(j)][0]"))
            }
            biases.append(values)
        }
        return biases
    }

    // MARK: Numbers

    /// A finite number; the writer's stand-ins for non-finite numbers get their own message.
    private func number(_ json: JSONSlice, path: String) throws(NetworkFileError) -> Double {
        if let x = json.double { return x }
        throw notANumber(json, path: path)
    }

    /// The error for an element that is not a number (made only when one is found).
    private func notANumber(_ json: JSONSlice, path: String) -> NetworkFileError {
        if json.doubleAllowingNonFinite != nil, let text = json.string {
            return .notFinite(source: source, path: path, text: text)
        }
        return wrongType(path, json, expected: "a number")
    }

    private func wrongType(_ path: String, _ json: JSONSlice, expected: String) -> NetworkFileError {
        .wrongType(source: source, path: path, found: json.kind, expected: expected)
    }
}
