/// Compares the values another implementation reported (`ReportedValues`) with this program's
/// pass over the same network and example, value by value in stepping order: the input a, then
/// z and a of each neuron layer by layer forward, the cost, δ from the output layer back, and the
/// gradients into each neuron (∂C/∂b, then ∂C/∂w for k ascending) from the output layer back.
///
/// Two values agree when they are equal (so ∞ agrees with ∞), both NaN, or both finite with
/// |ours − theirs| ≤ atol + rtol·|ours| (NumPy's `isclose` with ours as the reference).
public struct TraceComparison: Sendable {
    /// How close a reported value must be to ours.
    public struct Tolerance: Equatable, Sendable {
        /// The absolute part.
        public var absolute: Double
        /// The relative part, multiplied by |ours|.
        public var relative: Double

        public init(absolute: Double = 1e-9, relative: Double = 1e-6) {
            self.absolute = absolute
            self.relative = relative
        }

        /// Whether `theirs` is close enough to `ours`.
        public func accepts(ours: Double, theirs: Double) -> Bool {
            if ours == theirs || (ours.isNaN && theirs.isNaN) { return true }
            // ∞ is close only to itself (the bound below would be ∞ too).
            guard ours.isFinite && theirs.isFinite else { return false }
            return abs(ours - theirs) <= absolute + relative * abs(ours)
        }
    }

    /// Which number of the pass a value is, in engine indices.
    public enum Quantity: Hashable, Sendable {
        /// z of neuron j of layer l ≥ 1.
        case z(layer: Int, neuron: Int)
        /// a of neuron j of layer l (layer 0 is the input).
        case a(layer: Int, neuron: Int)
        /// The cost of the example.
        case cost
        /// δ of neuron j of layer l ≥ 1.
        case delta(layer: Int, neuron: Int)
        /// ∂C/∂b for `biases[l][j]`.
        case biasGradient(layer: Int, j: Int)
        /// ∂C/∂w for `weights[l][j][k]`.
        case weightGradient(layer: Int, j: Int, k: Int)

        /// The value's path in a trace file: `layers[2].delta[0]`, `gradients.weights[1][0][1]`, `cost`.
        public var path: String {
            switch self {
            case let .z(l, j): "layers[\(l)].z[\(j)]"
            case let .a(l, j): "layers[\(l)].a[\(j)]"
            case .cost: "cost"
            case let .delta(l, j): "layers[\(l)].delta[\(j)]"
            case let .biasGradient(l, j): "gradients.biases[\(l)][\(j)]"
            case let .weightGradient(l, j, k): "gradients.weights[\(l)][\(j)][\(k)]"
            }
        }

        /// The array it belongs to, which the per-group counts use: `layers[2].delta`, `gradients.weights[1]`.
        public var group: String {
            switch self {
            case let .z(l, _): "layers[\(l)].z"
            case let .a(l, _): "layers[\(l)].a"
            case .cost: "cost"
            case let .delta(l, _): "layers[\(l)].delta"
            case let .biasGradient(l, _): "gradients.biases[\(l)]"
            case let .weightGradient(l, _, _): "gradients.weights[\(l)]"
            }
        }

        /// The step that computes it; nil for the input.
        public var step: Step? {
            switch self {
            case let .z(l, j): .forward(layer: l, neuron: j)
            case let .a(l, j): l == 0 ? nil : .forward(layer: l, neuron: j)
            case .cost: .cost
            case let .delta(l, j): .delta(layer: l, neuron: j)
            case let .biasGradient(l, j), let .weightGradient(l, j, _): .gradient(layer: l + 1, neuron: j)
            }
        }

        /// This program's value in a complete trace.
        public func value(in trace: Trace) -> Double {
            switch self {
            case let .z(l, j): trace.z[l][j]
            case let .a(l, j): trace.a[l][j]
            case .cost: trace.cost
            case let .delta(l, j): trace.delta[l][j]
            case let .biasGradient(l, j): trace.gradient.biases[l][j]
            case let .weightGradient(l, j, k): trace.gradient.weights[l][j, k]
            }
        }
    }

    /// One value that differs beyond the tolerance.
    public struct Difference: Equatable, Sendable {
        public let quantity: Quantity
        public let ours: Double
        public let theirs: Double
        /// |ours − theirs| (NaN when either is NaN).
        public var absoluteError: Double { abs(ours - theirs) }
    }

    /// How many values of one array were compared and how many differ.
    public struct Group: Equatable, Sendable {
        /// The array's path in the file (`Quantity.group`).
        public let path: String
        /// Its first value, which names the layer and the kind of quantity.
        public let first: Quantity
        public internal(set) var compared: Int
        public internal(set) var differing: Int
        /// The largest |ours − theirs| among the differing values (NaN wins).
        public internal(set) var largestError: Double
    }

    /// The tolerance used.
    public let tolerance: Tolerance
    /// Every value that differs, in stepping order.
    public let differences: [Difference]
    /// Every array with at least one value compared, in stepping order of its first value.
    public let groups: [Group]
    /// How many values were compared (reported values that are not `null`).
    public let compared: Int
    /// How many values compared agree before the first difference (all of them on a clean match).
    public let agreeingBeforeFirst: Int

    /// The first value, in stepping order, that differs; nil on a clean match.
    public var first: Difference? { differences.first }

    /// Compares `reported` with `trace`, a complete pass (every step taken) of the network the
    /// values were checked against (`TraceFile.reportedValues` checked every shape).
    public init(trace: Trace, reported: ReportedValues, tolerance: Tolerance) {
        var differences: [Difference] = []
        var groups: [Group] = []
        var index: [String: Int] = [:]
        var compared = 0
        var before: Int?
        func check(_ q: Quantity, _ theirs: Double?) {
            guard let theirs else { return }
            let ours = q.value(in: trace)
            compared += 1
            let g: Int
            if let i = index[q.group] {
                g = i
            } else {
                g = groups.count
                index[q.group] = g
                groups.append(Group(path: q.group, first: q, compared: 0, differing: 0, largestError: 0))
            }
            groups[g].compared += 1
            guard !tolerance.accepts(ours: ours, theirs: theirs) else { return }
            let d = Difference(quantity: q, ours: ours, theirs: theirs)
            if differences.isEmpty { before = compared - 1 }
            differences.append(d)
            groups[g].differing += 1
            if !(groups[g].largestError >= d.absoluteError) { groups[g].largestError = d.absoluteError }
        }
        let layers = reported.layers
        let last = trace.a.count - 1
        if let a = layers?.first?.a { for j in a.indices { check(.a(layer: 0, neuron: j), a[j]) } }
        for l in 1..<(last + 1) {
            let z = layers?[l].z, a = layers?[l].a
            for j in trace.z[l].indices {
                check(.z(layer: l, neuron: j), z?[j] ?? nil)
                check(.a(layer: l, neuron: j), a?[j] ?? nil)
            }
        }
        check(.cost, reported.cost)
        for l in stride(from: last, through: 1, by: -1) {
            guard let delta = layers?[l].delta else { continue }
            for j in delta.indices { check(.delta(layer: l, neuron: j), delta[j]) }
        }
        for l in stride(from: last - 1, through: 0, by: -1) {
            let b = reported.biasGradients?[l], w = reported.weightGradients?[l]
            for j in trace.gradient.biases[l].indices {
                check(.biasGradient(layer: l, j: j), b?[j] ?? nil)
                guard let row = w?[j] else { continue }
                for k in row.indices { check(.weightGradient(layer: l, j: j, k: k), row[k]) }
            }
        }
        self.tolerance = tolerance
        self.differences = differences
        self.groups = groups
        self.compared = compared
        self.agreeingBeforeFirst = before ?? compared
    }
}
