import BackpropCore

/// The lines `compare` adds under the first difference: each classic mistake the differences fit
/// (`TraceComparison.likelyMistakes`), said with the values and names of this pass.
struct CompareHints {
    let report: CompareReport
    let first: TraceComparison.Difference

    private var notation: Notation { report.notation }
    private var network: Network { report.network }
    private func number(_ x: Double) -> String { NumberFormat.significant(x) }

    func lines() -> [String] {
        let mistakes = report.comparison.likelyMistakes
        guard mistakes.count > 1 else { return mistakes.flatMap(lines(for:)) }
        return ["\(mistakes.count) classic mistakes give these very numbers here:"]
            + mistakes.flatMap { m in lines(for: m).enumerated().map { ($0.offset == 0 ? "• " : "  ") + $0.element } }
    }

    /// One hint per mistake, for `compare --json`: its id, its lines, and the first difference's path.
    func hints() -> [Hint] {
        report.comparison.likelyMistakes.map { Hint(id: $0.id, lines: lines(for: $0), path: first.path, bugs: $0.plantable) }
    }

    private func lines(for mistake: LikelyMistake) -> [String] {
        let trace = report.trace(for: first)
        switch mistake {
        case let .missingDerivative(l):
            let k = first.quantity.neuron ?? 0
            return ["yours equals our ∂C/∂\(notation.name("a", layer: l, neuron: k)) = \(number(trace.activationGradient[l][k])): "
                    + "is the factor \(network.activation(layer: l).symbol)′(\(notation.name("z", layer: l, neuron: k))) missing?"]
        case let .transposedWeights(l):
            let w = notation.weightMatrixName(l)
            return ["yours is δ sent back through \(w) where its transpose belongs: W used for Wᵀ"
                    + " (\(w) is square, so NumPy runs it)?"]
        case let .wrongLayerDerivative(l, used):
            let k = first.quantity.neuron ?? 0, g = network.activation(layer: used).symbol
            return ["yours has \(g)′(\(notation.name("z", layer: used, neuron: k))) where \(g)′(\(notation.name("z", layer: l, neuron: k))) "
                    + "belongs: the slope of the wrong layer?"]
        case let .wrongLayerActivation(l, used):
            return ["yours takes \(notation.name("a", layer: used))k where \(notation.name("a", layer: l))k belongs in "
                    + "∂C/∂\(notation.weightMatrixName(l)): the activation of the wrong layer?"]
        case let .wrongLayerDelta(l):
            return ["yours takes \(notation.name("δ", layer: l + 2))j where \(notation.name("δ", layer: l + 1))j belongs in "
                    + "∂C/∂\(notation.weightMatrixName(l)): the δ one layer too far toward the output?"]
        case let .transposedGradient(l):
            return ["yours is our ∂C/∂\(notation.weightMatrixName(l)) transposed: outer(a, δ) where outer(δ, a) belongs?"]
        case .outputSign:
            return ["yours is minus ours: the output δ as y − a (as Ng's slide writes it) where a − y belongs?"]
        case .noBiasGradient:
            return ["yours is 0: is the bias gradient left out?"]
        case let .costHalf(factor):
            return factor > 1
                ? ["yours is 2 times ours from here on: the cost's ½ forgotten (½Σ(a − y)² taken as Σ(a − y)²)?"]
                : ["yours is ½ of ours from here on: the cost's ½ where there is none (Σ(a − y)² taken as ½Σ(a − y)²)?"]
        case let .batchFactor(factor):
            return batchFactorLines(factor)
        case .biasesAveragedWeightsSummed, .weightsAveragedBiasesSummed:
            let m = report.batch?.pass.traces.count ?? 1
            let (summed, averaged) = mistake == .biasesAveragedWeightsSummed ? ("weight", "bias") : ("bias", "weight")
            return ["your \(summed) gradients are the sum over the \(m) examples, your \(averaged) gradients the mean:",
                    "\(averaged == "bias" ? "biases" : "weights") averaged while \(summed == "bias" ? "biases" : "weights") are summed?"]
        case let .costReduction(r):
            let m = report.batch?.pass.traces.count ?? 1
            return ["your cost is the \(r.rawValue) over the \(m) examples, not the "
                    + "\(r == .sum ? "mean" : "sum") (your gradients agree)"]
        case .gradientsNotCleared:
            return ["your gradients are Σᵢ (m − i)·∇Cᵢ: are the gradient sums never cleared between examples,",
                    "so each example's includes every one before it?"]
        }
    }

    private func batchFactorLines(_ factor: Double) -> [String] {
        guard let batch = report.batch else { return [] }
        let ours = batch.pass.reduction, m = batch.pass.traces.count
        let other: Reduction = factor > 1 ? .sum : .mean
        let said = batch.stated ? "the file says \(ours.rawValue)" : "the file states none, so the mean was assumed"
        return ["your cost and gradients are the \(other.rawValue) over the \(m) examples, not the \(ours.rawValue)",
                "(\(said)): \(factor > 1 ? "\(m) times" : "1/\(m) of") ours"]
    }
}

extension LikelyMistake {
    /// The hint's stable name in `compare --json`: the name of the bug that plants it where there
    /// is one (`missing-derivative`), else the mistake's own (`cost-half`).
    var id: String {
        switch self {
        case .missingDerivative: "missing-derivative"
        case .transposedWeights: "transposed-weights"
        case .wrongLayerDerivative: "wrong-layer-derivative"
        case .wrongLayerActivation: "wrong-layer-activation"
        case .wrongLayerDelta: "wrong-layer-delta"
        case .transposedGradient: "transposed-gradient"
        case .outputSign: "output-sign"
        case .noBiasGradient: "no-bias-gradient"
        case .costHalf: "cost-half"
        case .batchFactor: "batch-factor"
        case .biasesAveragedWeightsSummed: "biases-averaged-weights-summed"
        case .weightsAveragedBiasesSummed: "weights-averaged-biases-summed"
        case .gradientsNotCleared: "gradients-not-cleared"
        case .costReduction: "cost-reduction"
        }
    }

    /// The bugs `bug NAME` can plant that make this very mistake (to see it happen here).
    var plantable: [BackpropBug] {
        switch self {
        case .missingDerivative: [.missingDerivative]
        case .transposedWeights: [.transposedWeights]
        case .wrongLayerActivation: [.wrongLayerActivation]
        case .wrongLayerDelta: [.wrongLayerDelta]
        case .outputSign: [.outputSign]
        case .noBiasGradient: [.noBiasGradient]
        case .gradientsNotCleared: [.gradientsNotCleared]
        case let .batchFactor(factor): factor > 1 ? [.sumForMean] : []
        case .wrongLayerDerivative, .transposedGradient, .costHalf, .biasesAveragedWeightsSummed,
             .weightsAveragedBiasesSummed, .costReduction: []
        }
    }
}

extension TraceComparison.Quantity {
    /// The neuron a z, a or δ belongs to; nil for the cost and the gradients.
    var neuron: Int? {
        switch self {
        case let .z(_, j), let .a(_, j), let .delta(_, j): j
        default: nil
        }
    }
}
