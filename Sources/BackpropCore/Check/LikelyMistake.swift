/// A classic mistake in a hand-written backward pass that someone's reported values fit: theirs
/// equal ours computed the wrong way. Layers are the engine's (1…L for z, a and δ); weight layers
/// index `weights` (`weightLayer` l carries layer l into l + 1).
public enum LikelyMistake: Hashable, Sendable {
    /// δ(l) = ∂C/∂a(l) with the factor g′(z(l)) left out.
    case missingDerivative(layer: Int)
    /// δ(l) sent back through W(l+1) where its transpose belongs (only where it is square).
    case transposedWeights(layer: Int)
    /// δ(l) multiplied by g′ of another layer's z (`used`, of the same size).
    case wrongLayerDerivative(layer: Int, used: Int)
    /// ∂C/∂w of weight layer l taking the activations of layer `used` instead of layer l.
    case wrongLayerActivation(weightLayer: Int, used: Int)
    /// ∂C/∂w of weight layer l taking δ(l+2), one layer too far toward the output.
    case wrongLayerDelta(weightLayer: Int)
    /// ∂C/∂W of weight layer l given as its transpose (only where it is square).
    case transposedGradient(weightLayer: Int)
    /// The output δ with the wrong sign: y − a (as Ng's slide writes it) where a − y belongs.
    case outputSign
    /// ∂C/∂b left at 0.
    case noBiasGradient
    /// Everything from some point on `factor` times ours, as the cost's ½ makes it: ×2 (the ½ of
    /// the quadratic cost forgotten, or sum-of-squares where quadratic was meant) or ×½.
    case costHalf(factor: Double)
    /// The batch's cost and gradients `factor` times ours: ×m (the sum where the mean was meant) or
    /// ×1/m (the mean where the sum was meant).
    case batchFactor(factor: Double)
    /// In a batch, the bias gradients the mean and the weight gradients the sum.
    case biasesAveragedWeightsSummed
    /// In a batch, the weight gradients the mean and the bias gradients the sum.
    case weightsAveragedBiasesSummed
    /// In a batch, the gradient sums never cleared between examples: Σᵢ (m − i)·∇Cᵢ.
    case gradientsNotCleared
    /// In a batch, the cost reduced the other way (the sum for the mean, or the reverse) while the
    /// gradients agree.
    case costReduction(Reduction)
}

extension LikelyMistake {
    /// The mistakes that fit `comparison`'s differences: each is tested where it would first show —
    /// at the first differing value, with every value before it agreeing — and, for the cost and
    /// the gradients, on every differing one. More than one is named when more than one fits the
    /// same numbers (×2 and ×m when m = 2). `pass` is this program's pass the comparison was made
    /// against (one example is a batch of one).
    public static func find(in comparison: TraceComparison, network: Network, pass: BatchTrace,
                            reported: ReportedValues) -> [LikelyMistake] {
        guard let d = comparison.first else { return [] }
        let finder = Finder(comparison: comparison, network: network, pass: pass, reported: reported, first: d)
        var found: [LikelyMistake]
        switch d.quantity {
        case let .delta(l, k): found = finder.deltaMistakes(layer: l, neuron: k)
        case .biasGradient: found = finder.reducedMistakes() + (d.theirs == 0 ? [.noBiasGradient] : [])
        case let .weightGradient(l, j, k): found = finder.weightMistakes(layer: l, j: j, k: k) + finder.reducedMistakes()
        case .cost: found = finder.reducedMistakes()
        case .z, .a: found = []
        }
        var seen = Set<LikelyMistake>()
        return found.filter { seen.insert($0).inserted }
    }
}

/// The tests behind `LikelyMistake.find`.
private struct Finder {
    let comparison: TraceComparison
    let network: Network
    let pass: BatchTrace
    let reported: ReportedValues
    let first: TraceComparison.Difference

    var m: Int { pass.traces.count }
    /// The example the first difference belongs to (the first for the batch's own values).
    var trace: Trace { pass.traces[first.example ?? 0] }

    /// Whether their first differing value is `value`.
    func fits(_ value: Double) -> Bool {
        value != first.ours && comparison.tolerance.accepts(ours: value, theirs: first.theirs)
    }

    /// A δ computed wrongly: the output's sign or factor, a hidden layer's missing or wrong g′, W for Wᵀ.
    func deltaMistakes(layer l: Int, neuron k: Int) -> [LikelyMistake] {
        var found: [LikelyMistake] = []
        let s = trace.activationGradient[l][k]
        if l == network.outputLayer {
            if fits(-first.ours) { found.append(.outputSign) }
            for factor in [2.0, 0.5] where fits(first.ours * factor) { found.append(.costHalf(factor: factor)) }
            if !network.cost.cancelsDerivative, fits(s) { found.append(.missingDerivative(layer: l)) }
            return found
        }
        if fits(s) { found.append(.missingDerivative(layer: l)) }
        let w = network.weights[l], next = trace.delta[l + 1]
        if w.rows == w.columns {
            var transposed = 0.0
            for j in next.indices { transposed += w[k, j] * next[j] }
            if fits(transposed * network.activation(layer: l).derivative(trace.z[l][k])) { found.append(.transposedWeights(layer: l)) }
        }
        for used in [l + 1, l - 1] where used >= 1 && used <= network.outputLayer && network.sizes[used] == network.sizes[l] {
            if fits(s * network.activation(layer: used).derivative(trace.z[used][k])) {
                found.append(.wrongLayerDerivative(layer: l, used: used))
            }
        }
        return found
    }

    /// ∂C/∂w of weight layer l computed wrongly: the wrong layer's a or δ, or the transpose.
    func weightMistakes(layer l: Int, j: Int, k: Int) -> [LikelyMistake] {
        var found: [LikelyMistake] = []
        // Each example's a·δ with the wrong factor, reduced as the batch is.
        func reduced(_ each: (Trace) -> Double) -> Double {
            pass.reduction.reduce(pass.traces.reduce(0) { $0 + each($1) }, count: m)
        }
        for used in [l + 1, l - 1] where used >= 0 && network.sizes[used] == network.sizes[l] {
            if fits(reduced { $0.a[used][k] * $0.delta[l + 1][j] }) { found.append(.wrongLayerActivation(weightLayer: l, used: used)) }
        }
        if l + 2 <= network.outputLayer, network.sizes[l + 2] == network.sizes[l + 1],
           fits(reduced { $0.a[l][k] * $0.delta[l + 2][j] }) {
            found.append(.wrongLayerDelta(weightLayer: l))
        }
        let g = pass.gradient.weights[l]
        if g.rows == g.columns, fits(g[k, j]) { found.append(.transposedGradient(weightLayer: l)) }
        return found
    }

    /// The cost and gradients all off by one factor, a mixed reduction, or sums never cleared.
    func reducedMistakes() -> [LikelyMistake] {
        var found: [LikelyMistake] = []
        let reduced = comparison.differences.filter { $0.example == nil }
        if first.ours != 0, reduced.count == comparison.differences.count {
            let factor = first.theirs / first.ours
            if reducedValues().allSatisfy({ comparison.tolerance.accepts(ours: $0.ours * factor, theirs: $0.theirs) }) {
                for half in [2.0, 0.5] where close(factor, half) { found.append(.costHalf(factor: half)) }
                if m > 1 {
                    for batch in [Double(m), 1 / Double(m)] where close(factor, batch) { found.append(.batchFactor(factor: batch)) }
                }
            }
        }
        if let fit = comparison.reductions, let w = fit.weights, let b = fit.biases, w != b {
            found.append(w == .sum ? .biasesAveragedWeightsSummed : .weightsAveragedBiasesSummed)
        }
        if let fit = comparison.reductions, let c = fit.cost, c != pass.reduction,
           fit.weights ?? pass.reduction == pass.reduction, fit.biases ?? pass.reduction == pass.reduction {
            found.append(.costReduction(c))
        }
        if m > 1, notCleared() { found.append(.gradientsNotCleared) }
        return found
    }

    private func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-6 * abs(y) }

    /// Every reported value of the batch's own (the cost and the gradients) beside ours, agreeing or not.
    private func reducedValues() -> [(ours: Double, theirs: Double)] {
        var pairs: [(ours: Double, theirs: Double)] = reported.cost.map { [(pass.cost, $0)] } ?? []
        for l in pass.gradient.biases.indices {
            for j in pass.gradient.biases[l].indices {
                if let b = reported.biasGradients?[l][j] { pairs.append((pass.gradient.biases[l][j], b)) }
                for (k, w) in (reported.weightGradients?[l][j] ?? []).enumerated() {
                    if let w { pairs.append((pass.gradient.weights[l][j, k], w)) }
                }
            }
        }
        return pairs
    }

    /// Whether every reported gradient is Σᵢ (m − i)·∇Cᵢ, reduced as the batch is: the planted
    /// bug's own arithmetic.
    private func notCleared() -> Bool {
        let total = BackpropBug.gradientsNotCleared.reduce(pass.traces, pass.reduction, in: network).gradient
        var compared = 0
        for l in total.biases.indices {
            for j in total.biases[l].indices {
                if let b = reported.biasGradients?[l][j] {
                    guard comparison.tolerance.accepts(ours: total.biases[l][j], theirs: b) else { return false }
                    compared += 1
                }
                for (k, w) in (reported.weightGradients?[l][j] ?? []).enumerated() {
                    guard let w else { continue }
                    guard comparison.tolerance.accepts(ours: total.weights[l][j, k], theirs: w) else { return false }
                    compared += 1
                }
            }
        }
        return compared > 0
    }
}
