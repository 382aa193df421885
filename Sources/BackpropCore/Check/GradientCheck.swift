/// Checks backprop's gradient against brute force: nudge each parameter θ by ±ε, re-run the
/// forward pass, and take the central difference (J(θ + ε) − J(θ − ε)) / 2ε.
///
/// J is the batch cost over the examples given: their mean (the default) or their sum. A parameter fails only when
/// |a − n| > atol·max(1, |J|) + rtol·max(|a|, |n|): the absolute part is there because a correct
/// backprop can have a relative error above 1 where a gradient is tiny (round-off in J(θ ± ε),
/// about |J|·10⁻¹⁶/ε, swamps a component near 10⁻¹⁴).
public struct GradientCheck: Sendable {
    /// What to check and how strictly.
    public struct Options: Equatable, Sendable {
        /// The nudge ε (Ng's course uses 10⁻⁴).
        public var epsilon: Double = 1e-4
        /// The absolute tolerance, multiplied by max(1, |J|).
        public var absoluteTolerance: Double = 1e-9
        /// The relative tolerance, multiplied by max(|analytic|, |numeric|).
        public var relativeTolerance: Double = 1e-6
        /// The parameters to check; nil checks every one.
        public var parameters: [Parameter]? = nil
        /// How many of the worst parameters the summary keeps.
        public var worstCount: Int = 10

        public init(epsilon: Double = 1e-4, absoluteTolerance: Double = 1e-9,
                    relativeTolerance: Double = 1e-6, parameters: [Parameter]? = nil, worstCount: Int = 10) {
            self.epsilon = epsilon
            self.absoluteTolerance = absoluteTolerance
            self.relativeTolerance = relativeTolerance
            self.parameters = parameters
            self.worstCount = worstCount
        }

        /// The range of ε accepted: below 10⁻¹² round-off leaves no digits; above 1 it is no longer a nudge.
        public static let epsilonRange: ClosedRange<Double> = 1e-12...1
    }

    /// One parameter's check.
    public struct Row: Equatable, Sendable {
        public let parameter: Parameter
        /// Backprop's ∂J/∂θ.
        public let analytic: Double
        /// (J(θ + ε) − J(θ − ε)) / 2ε.
        public let numeric: Double
        /// J(θ + ε) and J(θ − ε), kept so the arithmetic can be shown.
        public let costPlus: Double
        public let costMinus: Double
        /// |analytic − numeric|.
        public let absoluteError: Double
        /// |a − n| / max(|a|, |n|), and 0 when both are 0.
        public let relativeError: Double
        /// The tolerance this parameter was held to: atol·max(1, |J|) + rtol·max(|a|, |n|).
        public let tolerance: Double
        /// Whether |a − n| is within the tolerance.
        public var passed: Bool { absoluteError <= tolerance }
        /// How far past (above 1) or within (below 1) its tolerance this parameter is.
        public var severity: Double { tolerance > 0 ? absoluteError / tolerance : (absoluteError > 0 ? .infinity : 0) }
        /// True when the relative error is large only because the gradient is tiny: the parameter
        /// passes on its absolute error while its relative error exceeds the relative tolerance.
        public func isTinyGradient(relativeTolerance: Double) -> Bool {
            passed && relativeError > relativeTolerance
        }
    }

    /// The whole check's figures and verdict.
    public struct Summary: Equatable, Sendable {
        public let epsilon: Double
        public let absoluteTolerance: Double
        public let relativeTolerance: Double
        /// J at the unperturbed parameters.
        public let cost: Double
        /// How many parameters were checked.
        public let parameters: Int
        /// How many were outside their tolerance.
        public let failed: Int
        /// The largest relative error among them.
        public let maxRelativeError: Double
        /// The largest absolute error among them.
        public let maxAbsoluteError: Double
        /// Ng's whole-vector measure ‖n − a‖ / ‖n + a‖ (0 when both vectors are 0).
        public let normDifference: Double
        /// The rows with the largest error relative to their tolerance, worst first.
        public let worst: [Row]
        /// How many passing rows have a relative error above rtol only because their gradient is tiny.
        public let tinyGradients: Int
        /// The bug planted in the analytic pass that was checked, or nil for the correct pass.
        public let bug: BackpropBug?
        /// How many examples J is taken over, and how their costs combine.
        public var exampleCount: Int = 1
        public var reduction: Reduction = .mean
        /// True when no parameter failed.
        public var passed: Bool { failed == 0 }
    }

    /// The rows, in the order checked, and the summary.
    public let rows: [Row]
    public let summary: Summary

    /// Runs the check on `network` over `examples` (at least one).
    ///
    /// The analytic side is backprop's batch gradient, reduced like J: `analytic` when given (to
    /// check any other backward pass), else `Network.batch(_:bug:)` with `bug` planted (nil: the
    /// correct pass). The
    /// numeric side never has a bug: each J(θ ± ε) comes from a `CostProbe`, which re-evaluates only
    /// what follows the nudged parameter and gives exactly the numbers of `Network.meanCost`.
    /// `progress(done, total)` is called now and then and may return false to stop early;
    /// the rows then cover only the parameters checked so far.
    public static func run(network: Network, examples: [Example], reduction: Reduction = .mean,
                           options: Options = Options(), bug: BackpropBug? = nil, analytic: Gradient? = nil,
                           progress: ((Int, Int) -> Bool)? = nil) throws(NetworkError) -> GradientCheck {
        guard !examples.isEmpty else { throw .exampleSize(what: "example set", expected: 1, found: 0) }
        for example in examples { try network.validate(example) }
        for p in options.parameters ?? [] where !network.contains(p) {
            throw .noSuchParameter(path: p.description, sizes: network.sizes)
        }
        let gradient: Gradient
        if let analytic {
            gradient = analytic
        } else {
            gradient = try network.batch(Batch(examples, reduction: reduction), bug: bug).gradient
        }
        let parameters = options.parameters ?? network.parameters
        let eps = options.epsilon
        var probe = CostProbe(network: network, examples: examples, reduction: reduction)
        let j0 = probe.baseCost
        let scale = max(1, abs(j0))
        var rows: [Row] = []
        rows.reserveCapacity(parameters.count)
        for (i, p) in parameters.enumerated() {
            if let progress, i % 64 == 0, !progress(i, parameters.count) { break }
            let theta = network.value(of: p)
            let plus = probe.cost(with: p, at: theta + eps)
            let minus = probe.cost(with: p, at: theta - eps)
            let numeric = (plus - minus) / (2 * eps)
            rows.append(makeRow(p, analytic: gradient[p], numeric: numeric, plus: plus, minus: minus,
                                scale: scale, options: options))
        }
        _ = progress?(rows.count, parameters.count)
        var summary = summarize(rows, cost: j0, options: options, bug: analytic == nil ? bug : nil)
        (summary.exampleCount, summary.reduction) = (examples.count, reduction)
        return GradientCheck(rows: rows, summary: summary)
    }

    static func makeRow(_ p: Parameter, analytic a: Double, numeric n: Double, plus: Double, minus: Double,
                        scale: Double, options: Options) -> Row {
        let absolute = abs(a - n)
        let largest = max(abs(a), abs(n))
        let relative = largest == 0 ? 0 : absolute / largest
        let tolerance = options.absoluteTolerance * scale + options.relativeTolerance * largest
        return Row(parameter: p, analytic: a, numeric: n, costPlus: plus, costMinus: minus,
                   absoluteError: absolute, relativeError: relative, tolerance: tolerance)
    }

    static func summarize(_ rows: [Row], cost: Double, options: Options, bug: BackpropBug? = nil) -> Summary {
        var difference = 0.0, total = 0.0, maxRelative = 0.0, maxAbsolute = 0.0
        var failed = 0, tiny = 0
        for r in rows {
            difference += (r.numeric - r.analytic) * (r.numeric - r.analytic)
            total += (r.numeric + r.analytic) * (r.numeric + r.analytic)
            maxRelative = max(maxRelative, r.relativeError)
            maxAbsolute = max(maxAbsolute, r.absoluteError)
            if !r.passed { failed += 1 }
            if r.isTinyGradient(relativeTolerance: options.relativeTolerance) { tiny += 1 }
        }
        let norm = total == 0 ? (difference == 0 ? 0 : .infinity) : (difference / total).squareRoot()
        let worst = rows.sorted { $0.severity > $1.severity }.prefix(max(0, options.worstCount))
        return Summary(epsilon: options.epsilon, absoluteTolerance: options.absoluteTolerance,
                       relativeTolerance: options.relativeTolerance, cost: cost, parameters: rows.count,
                       failed: failed, maxRelativeError: maxRelative, maxAbsoluteError: maxAbsolute,
                       normDifference: norm, worst: Array(worst), tinyGradients: tiny, bug: bug)
    }
}
