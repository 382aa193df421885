/// What the failing rows of a gradient check have in common: a fingerprint of the mistake behind
/// them, cheap to read off the table. Layers are the engine's neuron layers (1…L).
public enum FailurePattern: Hashable, Sendable {
    /// numeric / backprop = −1 on every failing row: backprop has the sign wrong.
    case signFlipped
    /// numeric / backprop the same on every failing row (not −1): backprop is off by a constant factor.
    case constantRatio(Double)
    /// Only biases fail.
    case onlyBiases
    /// The weights and biases into layers 1…`layer` fail and every one after passes: δ is first
    /// wrong at `layer`, and everything before it inherits it.
    case layerAndBefore(layer: Int)
    /// Only weights fail, in these layers (their biases pass): the a or δ ∂C/∂w takes is wrong.
    case onlyWeights(layers: [Int])
    /// In a batch, checked one by one, only this example (from 0) fails.
    case onlyExample(Int)
    /// In a batch, every example passes checked alone: the batch's own arithmetic (its reduction,
    /// or sums carried from one example to the next) is wrong.
    case onlyTheBatch
    /// Every failure passes at this smaller ε, its |a − n| having fallen about as ε²: the failures
    /// were a central difference's truncation error (J curves sharply there), not backprop's.
    case truncation(epsilon: Double)

    /// The bugs `bug NAME` can plant that leave this fingerprint (to see it happen here).
    public var plantable: [BackpropBug] {
        switch self {
        case .signFlipped: [.outputSign]
        case .constantRatio: [.sumForMean]
        case .onlyBiases: [.noBiasGradient]
        case .layerAndBefore: [.missingDerivative, .transposedWeights]
        case .onlyWeights: [.wrongLayerActivation, .wrongLayerDelta]
        case .onlyExample: [.missingDerivative]
        case .onlyTheBatch: [.gradientsNotCleared, .sumForMean]
        case .truncation: []
        }
    }
}

extension GradientCheck {
    /// The fingerprints of this check's failures (none when it passed). `exampleVerdicts`, when
    /// given for a batch, says whether each example passes checked alone. The most specific
    /// fingerprint wins: a batch-only failure, or a constant ratio, says more than which layers fail.
    public func failurePatterns(exampleVerdicts: [Bool]? = nil, network: Network) -> [FailurePattern] {
        let failing = rows.filter { !$0.passed }
        guard !failing.isEmpty else { return [] }
        var patterns: [FailurePattern] = []
        if let verdicts = exampleVerdicts, verdicts.count > 1 {
            let failed = verdicts.indices.filter { !verdicts[$0] }
            if failed.isEmpty { patterns.append(.onlyTheBatch) }
            if failed.count == 1 { patterns.append(.onlyExample(failed[0])) }
        }
        if let ratio = commonRatio(failing) {
            patterns.append(abs(ratio + 1) <= 1e-3 ? .signFlipped : .constantRatio(ratio))
        }
        guard !patterns.contains(.onlyTheBatch), !patterns.contains(where: \.isRatio) else { return patterns }
        patterns += layerPattern(failing, network: network)
        return patterns
    }

    /// numeric / backprop when every failing row has the same one (to 1 part in 10³: finite
    /// differences carry their own error), else nil. A ratio within 10⁻³ of 1 is no factor: the
    /// two agree to that much, and what is left is finite differences' own error.
    private func commonRatio(_ failing: [Row]) -> Double? {
        guard failing.allSatisfy({ $0.analytic != 0 }) else { return nil }
        let ratio = failing[0].numeric / failing[0].analytic
        guard ratio.isFinite, abs(ratio - 1) > 1e-3,
              failing.allSatisfy({ abs($0.numeric / $0.analytic - ratio) <= 1e-3 * abs(ratio) }) else { return nil }
        return ratio
    }

    /// Which parameters fail: only biases, only some layers' weights, or every layer up to one.
    private func layerPattern(_ failing: [Row], network: Network) -> [FailurePattern] {
        let failingBiases = failing.filter { if case .bias = $0.parameter { true } else { false } }
        if failingBiases.count == failing.count { return [.onlyBiases] }
        let layers = Set(failing.map { $0.parameter.layer + 1 })
        if failingBiases.isEmpty { return [.onlyWeights(layers: layers.sorted())] }
        guard let top = layers.max(), Set(1...top) == layers else { return [] }
        // Every checked parameter into a layer after `top` passes.
        return [.layerAndBefore(layer: top)]
    }
}

extension FailurePattern {
    var isRatio: Bool {
        switch self {
        case .signFlipped, .constantRatio: true
        default: false
        }
    }
}

extension GradientCheck {
    /// For a batch whose check failed: whether each example passes when checked alone — with the
    /// same bug and tolerances, over the parameters that failed (at most `limit` of them).
    public static func exampleVerdicts(network: Network, examples: [Example], options: Options,
                                       bug: BackpropBug?, failing: [Parameter], limit: Int = 200) throws(NetworkError) -> [Bool] {
        var alone = options
        alone.parameters = Array(failing.prefix(limit))
        var verdicts: [Bool] = []
        for example in examples {
            verdicts.append(try GradientCheck.run(network: network, examples: [example], options: alone, bug: bug).summary.passed)
        }
        return verdicts
    }

    /// For a check whose failures may be finite differences' own: the smaller ε (ε/10, else ε/100)
    /// at which every failing row passes, provided each one's |a − n| fell at least 25-fold from ε
    /// to ε/10. A central difference's truncation error falls as ε² (100-fold); a wrong gradient's
    /// error does not fall at all, it tends to the mistake. nil when that is not so, or when more
    /// than `limit` rows fail. Same examples, reduction, bug and tolerances as the check.
    public static func truncationEpsilon(network: Network, examples: [Example], reduction: Reduction = .mean,
                                         options: Options, bug: BackpropBug?, failing: [Row],
                                         limit: Int = 200) throws(NetworkError) -> Double? {
        guard !failing.isEmpty, failing.count <= limit else { return nil }
        var smaller = options
        smaller.parameters = failing.map(\.parameter)
        for divisor in [10.0, 100.0] {
            smaller.epsilon = options.epsilon / divisor
            guard Options.epsilonRange.contains(smaller.epsilon) else { return nil }
            let check = try run(network: network, examples: examples, reduction: reduction, options: smaller, bug: bug)
            if divisor == 10, !zip(failing, check.rows).allSatisfy({ $0.absoluteError >= 25 * $1.absoluteError }) {
                return nil
            }
            if check.summary.passed { return smaller.epsilon }
        }
        return nil
    }
}
