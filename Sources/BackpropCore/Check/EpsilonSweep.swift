/// How the error of a finite difference depends on ε, for one parameter: the one-sided
/// (J(θ + ε) − J(θ)) / ε and the central (J(θ + ε) − J(θ − ε)) / 2ε, each compared with backprop's
/// gradient at every ε of a sweep.
///
/// Two errors pull in opposite directions. Truncation error — what Taylor's series leaves out —
/// falls as ε shrinks: about ½·J″·ε for the one-sided difference, but only J‴·ε²/6 for the central
/// one, whose even terms cancel. Rounding error rises as ε shrinks: J(θ ± ε) are each rounded to
/// about |J|·10⁻¹⁶, and that is divided by ε. So each difference has a best ε in between, and the
/// central one's is both larger (about 10⁻⁵ against 10⁻⁸) and far more accurate.
///
/// The reference is backprop's correct gradient (never one with a bug planted): the sweep measures
/// finite differences, not backprop. Costs come from a `CostProbe`, the same numbers `Network.meanCost` gives.
public struct EpsilonSweep: Equatable, Sendable {
    /// One ε of the sweep.
    public struct Row: Equatable, Sendable {
        public let epsilon: Double
        /// J(θ + ε) and J(θ − ε).
        public let costPlus: Double
        public let costMinus: Double
        /// (J(θ + ε) − J(θ)) / ε.
        public let oneSided: Double
        /// (J(θ + ε) − J(θ − ε)) / 2ε.
        public let central: Double
        /// |oneSided − g| / max(|oneSided|, |g|) with g backprop's gradient (0 when both are 0).
        public let oneSidedError: Double
        /// |central − g| / max(|central|, |g|).
        public let centralError: Double
    }

    /// The parameter swept.
    public let parameter: Parameter
    /// θ, its value.
    public let value: Double
    /// J(θ), the mean cost at the unperturbed parameters.
    public let cost: Double
    /// Backprop's ∂J/∂θ (the correct pass), the reference every difference is compared with.
    public let gradient: Double
    /// One row per ε, in the order given (largest first by default).
    public let rows: [Row]

    /// ε = 10⁻¹, 10⁻², …, 10⁻¹², written as literals so each is the double nearest its decimal.
    public static let defaultEpsilons: [Double] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12]

    /// The row where the one-sided difference is most accurate (the largest such ε on a tie).
    public var bestOneSided: Row? { rows.min { $0.oneSidedError < $1.oneSidedError } }
    /// The row where the central difference is most accurate (the largest such ε on a tie).
    public var bestCentral: Row? { rows.min { $0.centralError < $1.centralError } }

    /// Sweeps `parameter` of `network` over `examples` (at least one) at each of `epsilons` (each
    /// positive and finite; callers validate).
    public static func run(network: Network, examples: [Example], reduction: Reduction = .mean, parameter: Parameter,
                           epsilons: [Double] = defaultEpsilons) throws(NetworkError) -> EpsilonSweep {
        guard !examples.isEmpty else { throw .exampleSize(what: "example set", expected: 1, found: 0) }
        guard network.contains(parameter) else {
            throw .noSuchParameter(path: parameter.description, sizes: network.sizes)
        }
        let g = try network.batch(Batch(examples, reduction: reduction)).gradient[parameter]
        var probe = CostProbe(network: network, examples: examples, reduction: reduction)
        let j0 = probe.baseCost
        let theta = network.value(of: parameter)
        var rows: [Row] = []
        for eps in epsilons {
            precondition(eps > 0 && eps.isFinite, "ε is validated by the caller")
            let plus = probe.cost(with: parameter, at: theta + eps)
            let minus = probe.cost(with: parameter, at: theta - eps)
            let oneSided = (plus - j0) / eps
            let central = (plus - minus) / (2 * eps)
            rows.append(Row(epsilon: eps, costPlus: plus, costMinus: minus, oneSided: oneSided, central: central,
                            oneSidedError: relativeError(oneSided, g), centralError: relativeError(central, g)))
        }
        return EpsilonSweep(parameter: parameter, value: theta, cost: j0, gradient: g, rows: rows)
    }

    /// |x − g| / max(|x|, |g|), and 0 when both are 0: 1 means no correct digit, 10⁻ⁿ about n.
    public static func relativeError(_ x: Double, _ g: Double) -> Double {
        let largest = max(abs(x), abs(g))
        return largest == 0 ? 0 : abs(x - g) / largest
    }
}
