import BackpropCore

/// The lines a failed gradient check ends with: each fingerprint its failures leave
/// (`GradientCheck.failurePatterns`), the mistakes it points to, and how to confirm one.
struct GradcheckHints {
    let patterns: [FailurePattern]
    let network: Network
    let notation: Notation
    /// The batch's size (1 for one example).
    let batchSize: Int

    func lines() -> [String] {
        patterns.flatMap { pattern in
            // A `command` is kept on one line: its spaces are non-breaking while the text is wrapped.
            var kept = "", inCode = false
            for c in "hint: " + text(for: pattern) {
                if c == "`" { inCode.toggle() }
                kept.append(inCode && c == " " ? "\u{00A0}" : c)
            }
            return Session.wrapped(kept, offset: 2, indent: "    ", width: 98).split(separator: "\n")
                .map { "  " + $0.replacingOccurrences(of: "\u{00A0}", with: " ") }
        }
    }

    /// One hint per fingerprint, for `gradcheck --json`: its id, its words, the bugs that leave it.
    func hints() -> [Hint] {
        patterns.map { Hint(id: $0.id, lines: [text(for: $0)], bugs: $0.plantable) }
    }

    private func text(for pattern: FailurePattern) -> String {
        let m = batchSize
        switch pattern {
        case .signFlipped:
            return "numeric/backprop = −1 on every failure: backprop has the sign wrong — the output δ as y − a "
                + "(as Ng's slide writes it) where a − y belongs? `bug output-sign` shows this table; "
                + "`compare FILE` with your trace finds the first value."
        case let .constantRatio(r):
            return "numeric/backprop = \(NumberFormat.significant(r, 4)) on every failure: backprop is "
                + "\(NumberFormat.significant(1 / r, 4)) times what it should be — \(reasons(ratio: r, m: m)). "
                + "`compare FILE` with your trace says which."
        case .onlyBiases:
            return "only biases fail: ∂C/∂b is left out, or reduced otherwise than ∂C/∂w (biases averaged while "
                + "weights are summed?). `bug no-bias-gradient` shows the first; `compare FILE` names either."
        case let .layerAndBefore(l):
            let name = notation.name("δ", layer: l)
            if l == network.outputLayer {
                return "every layer fails, from the output back: the output δ \(name) is wrong — its factor g′(z) "
                    + "missing, or the cost's ½? `bug missing-derivative` shows one; `compare FILE` finds the first value."
            }
            return "the weights and biases into layers up to \(notation.layer(l)) fail, the later ones pass: \(name) is "
                + "the first wrong value — g′(z) missing, W used for Wᵀ, or g′ of the wrong layer? `bug missing-derivative` "
                + "or `bug transposed-weights` shows one; `compare FILE` names it."
        case let .onlyWeights(layers):
            let names = layers.map { "∂C/∂" + notation.weightMatrixName($0 - 1) }.joined(separator: ", ")
            return "only weights fail (\(names)), every bias passes: ∂C/∂w = a·δ takes the wrong a or δ — a of "
                + "the wrong layer, δ one layer off, or the gradient transposed? `bug wrong-layer-activation` shows one; "
                + "`compare FILE` names it."
        case let .onlyExample(e):
            return "checked one by one, only example \(e + 1) of \(m) fails: the mistake shows only on what it has "
                + "and the others lack — a ReLU at z ≤ 0 (ReLU′ missing?), a rare target. `batch` lists them; "
                + "`compare FILE` with your trace of that example finds the first value."
        case .onlyTheBatch:
            return "every example passes checked alone, yet the batch fails: the batch's own arithmetic — the sum "
                + "where the mean was meant, or gradient sums never cleared between examples? "
                + "`bug sum-for-mean` or `bug gradients-not-cleared` shows one; `compare FILE` names it."
        case let .truncation(epsilon):
            let e = NumberFormat.significant(epsilon)
            return "at ε = \(e) every failing parameter passes, its |a − n| at least 25 times smaller: a central "
                + "difference's truncation error falls as ε², a wrong gradient's error does not. J curves sharply "
                + "in these parameters, too sharply for this ε: backprop is right here. `gradcheck --eps \(e)` "
                + "checks at that ε; `gradcheck --sweep` shows the error against ε."
        }
    }

    /// What a constant factor is likely to come from: the cost's ½, or the batch's size.
    private func reasons(ratio r: Double, m: Int) -> String {
        func close(_ x: Double) -> Bool { abs(r - x) <= 1e-3 * x }
        var found: [String] = []
        if close(0.5) { found.append("the cost's ½ forgotten") }
        if close(2) { found.append("a ½ where the cost has none") }
        if m > 1 && close(1 / Double(m)) { found.append("the sum over the \(m) examples where the mean was meant") }
        if m > 1 && close(Double(m)) { found.append("the mean where the sum was meant") }
        return found.isEmpty ? "a constant factor in the output δ or the gradients" : found.joined(separator: ", or ")
    }
}

extension FailurePattern {
    /// The hint's stable name in `gradcheck --json`.
    var id: String {
        switch self {
        case .signFlipped: "sign-flipped"
        case .constantRatio: "constant-ratio"
        case .onlyBiases: "only-biases"
        case .layerAndBefore: "layer-and-before"
        case .onlyWeights: "only-weights"
        case .onlyExample: "only-example"
        case .onlyTheBatch: "only-the-batch"
        case .truncation: "truncation"
        }
    }
}
