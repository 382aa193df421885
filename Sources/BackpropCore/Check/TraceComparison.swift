/// Compares the values another implementation reported (`ReportedValues`) with this program's
/// pass over the same network and example, value by value in stepping order: the input a, then
/// z and a of each neuron layer by layer forward, the cost, δ from the output layer back, and the
/// gradients into each neuron (∂C/∂b, then ∂C/∂w for k ascending) from the output layer back.
/// For a batch: each example's a, z and δ in that order, example after example, then the batch's
/// cost and gradients (reduced by the batch's mean or sum).
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

    /// A reported value beside ours: one that differs beyond the tolerance, or the one farthest
    /// from ours (`largest`).
    public struct Difference: Equatable, Sendable {
        public let quantity: Quantity
        /// For a batch, the example (from 0) whose a, z or δ this is; nil for one example, and for
        /// the batch's cost and gradients.
        public var example: Int? = nil
        public let ours: Double
        public let theirs: Double
        /// |ours − theirs| (NaN when either is NaN).
        public var absoluteError: Double { abs(ours - theirs) }
        /// |ours − theirs| / |ours|; nil when ours is 0 or either is not finite.
        public var relativeError: Double? {
            guard ours != 0, ours.isFinite, theirs.isFinite else { return nil }
            return abs(ours - theirs) / abs(ours)
        }
        /// The value's path in the file: `layers[2].delta[0]`, or in a batch `layers[2].delta[1][0]`.
        public var path: String { TraceComparison.path(of: quantity, example: example) }

        public init(quantity: Quantity, example: Int? = nil, ours: Double, theirs: Double) {
            self.quantity = quantity
            self.example = example
            self.ours = ours
            self.theirs = theirs
        }
    }

    /// How many values of one array were compared and how many differ.
    public struct Group: Equatable, Sendable {
        /// The array's path in the file (`Quantity.group`; in a batch, every example's rows of it).
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
    /// The finite value farthest from ours, by |ours − theirs| (the first of them on a tie, so
    /// the first value compared when every one is identical); nil when no finite pair was compared.
    /// On a match it says how close the match is.
    public let largest: Difference?
    /// For a batch: which reduction the reported cost, weight gradients and bias gradients each
    /// follow — every value of the kind reported agrees with ours reduced that way — or nil for a
    /// kind not reported or following neither. nil for one example.
    public private(set) var reductions: ReductionFit? = nil

    /// The reduction each kind of batch value follows (see `reductions`).
    public struct ReductionFit: Equatable, Sendable {
        public var cost: Reduction?
        public var weights: Reduction?
        public var biases: Reduction?
    }

    /// The other reduction, when every reported kind that follows one follows it and the values
    /// differ (the file's mean is our sum, or the reverse); nil otherwise.
    public var reductionMismatch: Reduction? {
        guard let r = reductions, let ours = batchReduction else { return nil }
        let kinds = [r.cost, r.weights, r.biases].compactMap { $0 }
        guard let first = kinds.first, first != ours, kinds.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// The batch's own reduction (nil for one example).
    public private(set) var batchReduction: Reduction? = nil
    /// The classic mistakes the differences fit (`LikelyMistake.find`); filled by
    /// `init(network:pass:reported:tolerance:)`, empty on a clean match.
    public private(set) var likelyMistakes: [LikelyMistake] = []

    /// Compares `reported` with `pass` — one example's (a batch of one) or a batch's — and names
    /// the likely mistakes its differences fit.
    public init(network: Network, pass: BatchTrace, reported: ReportedValues, tolerance: Tolerance) {
        if pass.traces.count > 1 {
            self.init(batch: pass, reported: reported, tolerance: tolerance)
        } else {
            self.init(trace: pass.traces[0], reported: reported, tolerance: tolerance)
        }
        likelyMistakes = LikelyMistake.find(in: self, network: network, pass: pass, reported: reported)
    }

    /// The first value, in stepping order, that differs; nil on a clean match.
    public var first: Difference? { differences.first }

    /// A value's path in the file, with its example's row for a batch.
    public static func path(of q: Quantity, example: Int?) -> String {
        guard let e = example else { return q.path }
        switch q {
        case let .z(l, j): return "layers[\(l)].z[\(e)][\(j)]"
        case let .a(l, j): return "layers[\(l)].a[\(e)][\(j)]"
        case let .delta(l, j): return "layers[\(l)].delta[\(e)][\(j)]"
        default: return q.path
        }
    }

    /// Compares `reported` with `trace`, a complete pass (every step taken) of the network the
    /// values were checked against (`TraceFile.reportedValues` checked every shape).
    public init(trace: Trace, reported: ReportedValues, tolerance: Tolerance) {
        var tally = Tally(tolerance: tolerance)
        tally.compareForward(trace, reported.layers, example: nil)
        tally.check(.cost, example: nil, ours: trace.cost, theirs: reported.cost)
        tally.compareDeltas(trace, reported.layers, example: nil)
        tally.compareGradients(gradient: trace.gradient, reported: reported)
        (self.tolerance, differences, groups, compared) = (tolerance, tally.differences, tally.groups, tally.compared)
        agreeingBeforeFirst = tally.before ?? tally.compared
        largest = tally.largest
    }

    /// Compares `reported` with a batch's complete passes: each example's layers (from
    /// `reported.batchLayers`), then the batch's cost and gradients; when those differ, whether
    /// they agree with the other reduction (`reductionMismatch`).
    public init(batch: BatchTrace, reported: ReportedValues, tolerance: Tolerance) {
        var tally = Tally(tolerance: tolerance)
        for (e, trace) in batch.traces.enumerated() {
            tally.compareForward(trace, reported.batchLayers?[e], example: e)
            tally.compareDeltas(trace, reported.batchLayers?[e], example: e)
        }
        tally.check(.cost, example: nil, ours: batch.cost, theirs: reported.cost)
        tally.compareGradients(gradient: batch.gradient, reported: reported)
        (self.tolerance, differences, groups, compared) = (tolerance, tally.differences, tally.groups, tally.compared)
        agreeingBeforeFirst = tally.before ?? tally.compared
        largest = tally.largest
        batchReduction = batch.reduction
        reductions = TraceComparison.fit(batch, reported, tolerance)
    }

    /// Which reduction the reported cost, weight and bias gradients follow: ours, or ours rescaled
    /// by m (mean → sum) or 1/m (sum → mean). Rescaled rather than re-summed, so the test reads the
    /// same numbers whatever the order of summation.
    static func fit(_ batch: BatchTrace, _ reported: ReportedValues, _ tolerance: Tolerance) -> ReductionFit {
        let m = Double(batch.traces.count)
        let other: Reduction = batch.reduction == .mean ? .sum : .mean
        let scale = other == .sum ? m : 1 / m
        func follows(_ pairs: [(ours: Double, theirs: Double)]) -> Reduction? {
            guard !pairs.isEmpty else { return nil }
            if pairs.allSatisfy({ tolerance.accepts(ours: $0.ours, theirs: $0.theirs) }) { return batch.reduction }
            if pairs.allSatisfy({ tolerance.accepts(ours: $0.ours * scale, theirs: $0.theirs) }) { return other }
            return nil
        }
        var weights: [(Double, Double)] = [], biases: [(Double, Double)] = []
        for l in batch.gradient.biases.indices {
            for j in batch.gradient.biases[l].indices {
                if let b = reported.biasGradients?[l][j] { biases.append((batch.gradient.biases[l][j], b)) }
                guard let row = reported.weightGradients?[l][j] else { continue }
                for k in row.indices { if let w = row[k] { weights.append((batch.gradient.weights[l][j, k], w)) } }
            }
        }
        return ReductionFit(cost: follows(reported.cost.map { [(batch.cost, $0)] } ?? []),
                            weights: follows(weights.map { (ours: $0.0, theirs: $0.1) }),
                            biases: follows(biases.map { (ours: $0.0, theirs: $0.1) }))
    }

    /// The running comparison: differences and groups in stepping order.
    struct Tally {
        let tolerance: Tolerance
        var differences: [Difference] = []
        var groups: [Group] = []
        var index: [String: Int] = [:]
        var compared = 0
        var before: Int?
        var largest: Difference?

        mutating func check(_ q: Quantity, example: Int?, ours: Double, theirs: Double?) {
            guard let theirs else { return }
            compared += 1
            if ours.isFinite && theirs.isFinite, largest.map({ abs(ours - theirs) > $0.absoluteError }) ?? true {
                largest = Difference(quantity: q, example: example, ours: ours, theirs: theirs)
            }
            // A batch's arrays are counted over every example: layers[2].z holds one row per example.
            let key = q.group
            let g: Int
            if let i = index[key] {
                g = i
            } else {
                g = groups.count
                index[key] = g
                groups.append(Group(path: key, first: q, compared: 0, differing: 0, largestError: 0))
            }
            groups[g].compared += 1
            guard !tolerance.accepts(ours: ours, theirs: theirs) else { return }
            let d = Difference(quantity: q, example: example, ours: ours, theirs: theirs)
            if differences.isEmpty { before = compared - 1 }
            differences.append(d)
            groups[g].differing += 1
            if !(groups[g].largestError >= d.absoluteError) { groups[g].largestError = d.absoluteError }
        }

        /// The input a, then z and a of each neuron, layer by layer forward, of one example.
        mutating func compareForward(_ trace: Trace, _ layers: [ReportedValues.Layer]?, example e: Int?) {
            let last = trace.a.count - 1
            if let a = layers?.first?.a { for j in a.indices { check(.a(layer: 0, neuron: j), example: e, ours: trace.a[0][j], theirs: a[j]) } }
            for l in 1..<(last + 1) {
                let z = layers?[l].z, a = layers?[l].a
                for j in trace.z[l].indices {
                    check(.z(layer: l, neuron: j), example: e, ours: trace.z[l][j], theirs: z?[j] ?? nil)
                    check(.a(layer: l, neuron: j), example: e, ours: trace.a[l][j], theirs: a?[j] ?? nil)
                }
            }
        }

        /// δ from the output layer back, of one example.
        mutating func compareDeltas(_ trace: Trace, _ layers: [ReportedValues.Layer]?, example e: Int?) {
            for l in stride(from: trace.a.count - 1, through: 1, by: -1) {
                guard let delta = layers?[l].delta else { continue }
                for j in delta.indices { check(.delta(layer: l, neuron: j), example: e, ours: trace.delta[l][j], theirs: delta[j]) }
            }
        }

        /// The gradients into each neuron from the output layer back: ∂C/∂b, then ∂C/∂w for k ascending.
        mutating func compareGradients(gradient: Gradient, reported: ReportedValues) {
            for l in stride(from: gradient.biases.count - 1, through: 0, by: -1) {
                let b = reported.biasGradients?[l], w = reported.weightGradients?[l]
                for j in gradient.biases[l].indices {
                    check(.biasGradient(layer: l, j: j), example: nil, ours: gradient.biases[l][j], theirs: b?[j] ?? nil)
                    guard let row = w?[j] else { continue }
                    for k in row.indices {
                        check(.weightGradient(layer: l, j: j, k: k), example: nil, ours: gradient.weights[l][j, k], theirs: row[k])
                    }
                }
            }
        }
    }
}
