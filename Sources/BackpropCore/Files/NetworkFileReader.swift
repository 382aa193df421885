/// Turns a parsed document into a `Network`, checking every key, type and number, and naming
/// the place of each problem with the file's own paths (`weights[0][1][0]`).
struct NetworkFileReader {
    /// Starts every error's description.
    let source: String

    /// network2.py's cost class names and the costs they mean.
    static let nielsenCosts: [(name: String, cost: Cost)] = [
        ("QuadraticCost", .quadratic),
        ("CrossEntropyCost", .crossEntropy),
    ]

    func network(from json: JSON, allowTrace: Bool) throws(NetworkFileError) -> Network {
        guard json.object != nil else { throw wrongType("the document", json, expected: "an object") }
        let format = try formatName(json)
        let looksLikeTrace = format == nil && json["sizes"] == nil && json["network"]?.object != nil
        if allowTrace && (format == NetworkFile.traceFormatName || looksLikeTrace) {
            guard let inner = json["network"] else { throw .missingKey(source: source, key: "network") }
            if inner.object != nil && inner["weights"] == nil && inner["biases"] == nil {
                throw .traceWithoutWeights(source: source)
            }
            return try NetworkFileReader(source: "\(source): network").network(from: inner, allowTrace: false)
        }
        if let format, format != NetworkFile.formatName {
            throw .unknownFormat(source: source, found: format)
        }
        if let version = json["version"] {
            guard let v = version.double else { throw wrongType("version", version, expected: "a number") }
            guard v == Double(NetworkFile.version) else { throw .unsupportedVersion(source: source, found: v) }
        }

        let nielsenCost = json["cost"]?.string.flatMap { name in
            NetworkFileReader.nielsenCosts.first { $0.name == name }?.cost
        }
        let sizes = try layerSizes(try required(json, key: "sizes"))
        let activation: Activation = if nielsenCost != nil, json["activation"] == nil {
            .sigmoid    // network2.py has only sigmoid neurons
        } else {
            try setting(try required(json, key: "activation"), key: "activation")
        }
        let cost: Cost = if let nielsenCost {
            nielsenCost
        } else {
            try setting(try required(json, key: "cost"), key: "cost",
                        alsoValid: NetworkFileReader.nielsenCosts.map(\.name))
        }
        do throws(NetworkError) {
            try Network.validate(sizes: sizes, activation: activation, cost: cost)
        } catch {
            throw .network(source: source, error)
        }

        let weights = try weightLayers(try required(json, key: "weights"))
        let biases = try biasLayers(try required(json, key: "biases"), columnVectors: nielsenCost != nil)
        do throws(NetworkError) {
            return try Network(sizes: sizes, weights: weights, biases: biases, activation: activation, cost: cost)
        } catch {
            throw .network(source: source, error)
        }
    }

    // MARK: Keys

    private func required(_ json: JSON, key: String) throws(NetworkFileError) -> JSON {
        guard let value = json[key] else { throw .missingKey(source: source, key: key) }
        return value
    }

    /// The `format` key's name: a string in a network file, `{"name": …, "version": …}` in a trace.
    private func formatName(_ json: JSON) throws(NetworkFileError) -> String? {
        guard let value = json["format"] else { return nil }
        if let s = value.string { return s }
        if value.object != nil, let name = value["name"] {
            guard let s = name.string else { throw wrongType("format.name", name, expected: "a string") }
            return s
        }
        throw wrongType("format", value, expected: "a string or an object with a name")
    }

    /// The activation or cost named by a string; an unknown name is refused with the list of
    /// known ones (plus `alsoValid`, names the caller handled before asking).
    private func setting<T: RawRepresentable & CaseIterable>(
        _ json: JSON, key: String, alsoValid: [String] = []
    ) throws(NetworkFileError) -> T where T.RawValue == String {
        guard let s = json.string else { throw wrongType(key, json, expected: "a string") }
        guard let value = T(rawValue: s) else {
            throw .unknownName(source: source, key: key, found: s,
                               valid: T.allCases.map(\.rawValue) + alsoValid)
        }
        return value
    }

    // MARK: Shapes

    private func layerSizes(_ json: JSON) throws(NetworkFileError) -> [Int] {
        guard let elements = json.array else { throw wrongType("sizes", json, expected: "an array") }
        var sizes: [Int] = []
        sizes.reserveCapacity(min(elements.count, Network.maximumLayerCount + 1))
        for (l, element) in elements.enumerated() {
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

    /// `weights[l][j][k]` as nested arrays; shapes are checked afterwards by `Network.init`.
    private func weightLayers(_ json: JSON) throws(NetworkFileError) -> [[[Double]]] {
        guard let layers = json.array else { throw wrongType("weights", json, expected: "an array") }
        var weights: [[[Double]]] = []
        weights.reserveCapacity(layers.count)
        for (l, layer) in layers.enumerated() {
            guard let rows = layer.array else { throw wrongType("weights[\(l)]", layer, expected: "an array") }
            var matrix: [[Double]] = []
            matrix.reserveCapacity(rows.count)
            for (j, row) in rows.enumerated() {
                matrix.append(try numbers(row, path: "weights[\(l)][\(j)]"))
            }
            weights.append(matrix)
        }
        return weights
    }

    /// `biases[l][j]` as numbers, or in network2.py's layout as one-element lists `[b]`.
    private func biasLayers(_ json: JSON, columnVectors: Bool) throws(NetworkFileError) -> [[Double]] {
        guard let layers = json.array else { throw wrongType("biases", json, expected: "an array") }
        var biases: [[Double]] = []
        biases.reserveCapacity(layers.count)
        for (l, layer) in layers.enumerated() {
            guard columnVectors else {
                biases.append(try numbers(layer, path: "biases[\(l)]"))
                continue
            }
            guard let column = layer.array else { throw wrongType("biases[\(l)]", layer, expected: "an array") }
            var values: [Double] = []
            values.reserveCapacity(column.count)
            for (j, entry) in column.enumerated() {
                guard let one = entry.array else {
                    throw wrongType("biases[\(l)][\(j)]", entry, expected: "a one-element array (network2.py's layout)")
                }
                guard one.count == 1 else {
                    throw .notColumnVector(source: source, path: "biases[\(l)][\(j)]", found: one.count)
                }
                values.append(try number(one[0], path: "biases[\(l)][\(j)][0]"))
            }
            biases.append(values)
        }
        return biases
    }

    // MARK: Numbers

    // A path such as "weights[1][3][15]" is made only when it is needed for an error: made for
    // every number read, the paths took a quarter of the time of `load mnist`.

    private func numbers(_ json: JSON, path: @autoclosure () -> String) throws(NetworkFileError) -> [Double] {
        guard let elements = json.array else { throw wrongType(path(), json, expected: "an array") }
        var values: [Double] = []
        values.reserveCapacity(elements.count)
        for (k, element) in elements.enumerated() {
            if case let .number(x) = element {
                values.append(x)
            } else {
                values.append(try number(element, path: "\(path())[\(k)]"))
            }
        }
        return values
    }

    /// A finite number; the writer's stand-ins for non-finite numbers get their own message.
    private func number(_ json: JSON, path: @autoclosure () -> String) throws(NetworkFileError) -> Double {
        if case let .number(x) = json { return x }
        if let text = json.string, json.doubleAllowingNonFinite != nil {
            throw .notFinite(source: source, path: path(), text: text)
        }
        throw wrongType(path(), json, expected: "a number")
    }

    private func wrongType(_ path: String, _ json: JSON, expected: String) -> NetworkFileError {
        .wrongType(source: source, path: path, found: json.kind, expected: expected)
    }
}
