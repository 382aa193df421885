import BackpropCore

/// Ng's bias-unit δ. Written with vectors, the backward pass computes (Θ(l))ᵀδ(l+1), which has a
/// row for the bias unit of layer l too; that value is thrown away. Every place that shows it —
/// a step, `next`'s list, `backward`'s tables, `print delta` — goes through here, so it is
/// explained once and worded one way. Only Ng's notation has a bias unit.
extension StepRenderer {
    /// Why the bias unit's δ is thrown away.
    static let biasUnitReason = "the bias unit is always +1 and nothing feeds it, so no gradient uses this value"

    /// The hidden layer whose bias-unit δ is shown after `step`, or nil: in Ng's notation it
    /// comes right after the last δ of a hidden layer.
    static func biasUnitLayer(after step: Step, network: Network, notation: Notation) -> Int? {
        guard notation == .ng, case let .delta(l, j) = step, l >= 1, l < network.outputLayer,
              j == network.sizes[l] - 1 else { return nil }
        return l
    }

    /// "δ(3)0 (bias unit) = −0.0225959, computed and discarded", for tables and lists.
    func biasUnitDeltaSummary(layer l: Int) -> String {
        let value = network.biasUnitDelta(layer: l, nextDelta: trace.delta[l + 1])
        return style.dim("δ(\(l + 1))0 (bias unit) = \(NumberFormat.significant(value)), computed and discarded")
    }

    /// The bias-unit δ of hidden layer `l` with its arithmetic, and why it is discarded.
    func biasUnitDelta(layer l: Int) -> String {
        let name = "δ(\(l + 1))0"
        let next = trace.delta[l + 1]
        let value = network.biasUnitDelta(layer: l, nextDelta: next)
        let symbolic = next.indices.prefix(maximumTerms).map { j in "Θ(\(l + 1))\(j + 1),0·δ(\(l + 2))\(j + 1)" }
        let numeric = next.indices.prefix(maximumTerms).map { j in
            "\(NumberFormat.factor(network.biases[l][j]))·\(NumberFormat.factor(next[j]))"
        }
        let more = next.count > maximumTerms ? " + …" : ""
        let continued = pad("", name.count) + "   "
        return [
            noted(packed("\(name) = ", symbolic, more, indent: continued), style.dim("   (bias unit)"), indent: continued),
            packed(pad("", name.count) + " = ", numeric, more + " = " + NumberFormat.significant(value), indent: continued),
            style.dim("  discarded: \(StepRenderer.biasUnitReason)."),
        ].joined(separator: "\n")
    }
}
