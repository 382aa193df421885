import BackpropCore

/// Writes out how one value was computed: the formula, the same formula with the engine's numbers
/// substituted, then the result. Every number shown is read from the trace the engine filled.
struct StepRenderer {
    let network: Network
    let trace: Trace
    let notation: Notation
    let style: Style
    /// The bug planted in the backward pass, if any: its formulas are written as computed.
    var bug: BackpropBug? = nil
    /// How many terms of a sum are written out before the rest are summarised.
    var maximumTerms = 8

    /// A value as shown: six significant digits.
    private func number(_ x: Double) -> String { NumberFormat.significant(x) }
    /// A value as a factor of a product: in parentheses when negative.
    private func factor(_ x: Double) -> String { NumberFormat.factor(x) }
    /// The symbol of layer `l`'s activation: σ, tanh, ReLU or softmax.
    private func g(_ l: Int) -> String { network.activation(layer: l).symbol }

    /// The arithmetic of one step, several lines.
    func render(_ step: Step) -> String {
        switch step {
        case let .forward(l, j): return forward(layer: l, neuron: j)
        case .cost: return cost()
        case let .delta(l, j): return delta(layer: l, neuron: j)
        case let .gradient(l, j): return gradient(layer: l, neuron: j)
        }
    }

    /// "z(2)1 = … / = … / = 0.3775" and "a(2)1 = σ(0.3775) = 0.59327".
    func forward(layer l: Int, neuron j: Int) -> String {
        let zName = notation.name("z", layer: l, neuron: j)
        let aName = notation.name("a", layer: l, neuron: j)
        let w = network.weights[l - 1], b = network.biases[l - 1][j]
        let previous = trace.a[l - 1]
        let z = trace.z[l][j], a = trace.a[l][j]
        let biasName = notation.name(of: .bias(layer: l - 1, j: j))
        let biasTerm = notation == .ng ? "\(biasName)·1" : biasName
        var lines: [String] = []
        let n = previous.count
        if n <= maximumTerms {
            let symbolic = (0..<n).map { k in
                "\(notation.name(of: .weight(layer: l - 1, j: j, k: k)))·\(notation.name("a", layer: l - 1, neuron: k))"
            }
            let numeric = (0..<n).map { k in "\(factor(w[j, k]))·\(factor(previous[k]))" }
            let biasNumber = notation == .ng ? "\(factor(b))·1" : number(b)
            lines.append("\(zName) = " + ([biasTerm] + symbolic).joined(separator: " + "))
            lines.append(pad("", zName.count) + " = " + ([biasNumber] + numeric).joined(separator: " + "))
        } else {
            let live = (0..<n).filter { previous[$0] != 0 }
            lines.append("\(zName) = \(biasTerm) + Σₖ \(notation.name(of: .weight(layer: l - 1, j: j, k: 0)).replacingLastIndex("k"))·\(notation.name("a", layer: l - 1))k"
                         + style.dim("   (\(n) terms, \(live.count) with a ≠ 0)"))
            let sum = network.weightedSum(layer: l, neuron: j, previous: previous, from: 0)
            let shown = live.prefix(3).map { k in "\(factor(w[j, k]))·\(factor(previous[k]))" }
            let more = live.count > 3 ? " + … (\(live.count - 3) more)" : ""
            lines.append(pad("", zName.count) + " = " + number(b) + (shown.isEmpty ? "" : " + " + shown.joined(separator: " + ")) + more)
            lines.append(pad("", zName.count) + " = " + number(b) + " + " + factor(sum) + style.dim("   (bias + the weighted sum)"))
        }
        lines.append(pad("", zName.count) + " = " + style.result(number(z)))
        if network.activation(layer: l) == .softmax {
            lines += softmax(layer: l, neuron: j)
        } else {
            lines.append("\(aName) = \(g(l))(\(zName)) = " + activationArithmetic(layer: l, z) + " = " + style.result(number(a)))
        }
        return lines.joined(separator: "\n")
    }

    private func activationArithmetic(layer l: Int, _ z: Double) -> String {
        switch network.activation(layer: l) {
        case .sigmoid: "1 / (1 + e^(−\(factor(z))))"
        case .tanh: "tanh(\(number(z)))"
        case .relu: "max(0, \(number(z)))"
        case .softmax: "softmax(\(number(z)))"
        }
    }

    /// a(l)j of a softmax layer: e^(zj − m) over the layer's sum of exponentials, m = max z, which
    /// needs every z of the layer (the plain pass's; those not stepped yet are computed for it).
    private func softmax(layer l: Int, neuron j: Int) -> [String] {
        let aName = notation.name("a", layer: l, neuron: j), zName = notation.name("z", layer: l, neuron: j)
        let zl = notation.name("z", layer: l)
        let z = (0..<network.sizes[l]).map { network.weightedInput(layer: l, neuron: $0, previous: trace.a[l - 1]) }
        let (m, e, sum) = Activation.softmaxTerms(z)
        let shown = min(z.count, maximumTerms)
        let more = z.count > shown ? " + … (\(z.count - shown) more)" : ""
        let indent = pad("", aName.count)
        return [
            "\(aName) = e^(\(zName) − m) / Σₖ e^(\(zl)k − m)" + style.dim("   (softmax, m = max \(zl)k = \(number(m)): no e^z overflows)"),
            indent + " = e^(\(number(z[j] - m))) / (" + (0..<shown).map { "e^(\(number(z[$0] - m)))" }.joined(separator: " + ") + more + ")",
            indent + " = \(number(e[j])) / \(number(sum))" + style.dim("   (the layer's sum of exponentials)"),
            indent + " = " + style.result(number(trace.a[l][j])),
        ]
    }

    /// The cost of the example, term by term.
    func cost() -> String {
        let last = network.outputLayer
        let a = trace.a[last], y = trace.example.target
        let n = a.count
        let shown = min(n, maximumTerms + 2)
        var symbolic: String, numeric: String
        switch network.cost {
        case .logLikelihood:
            let target = y.firstIndex(of: 1) ?? 0
            let aY = notation.name("a", layer: last, neuron: target)
            symbolic = "C = −ln(\(aY))" + style.dim("   (log-likelihood: the target y is class \(notation.neuron(target)))")
            numeric = "  = −ln(\(number(a[target])))" + style.dim("   (computed from z as ln Σₖ e^(zₖ − m) − (z_y − m))")
        case .sumOfSquares, .quadratic:
            let half = network.cost == .quadratic ? "½·" : ""
            symbolic = "C = \(half)Σⱼ (\(notation.name("a", layer: last))ⱼ − yⱼ)²"
            let terms = (0..<shown).map { j in "(\(number(a[j])) − \(factor(y[j])))²" }
            numeric = packed("  = \(half)" + (network.cost == .quadratic ? "[" : ""), terms,
                             (n > shown ? " + … (\(n - shown) more)" : "") + (network.cost == .quadratic ? "]" : ""), indent: "    ")
        case .crossEntropy:
            symbolic = "C = −Σⱼ [yⱼ·ln(\(notation.name("a", layer: last))ⱼ) + (1 − yⱼ)·ln(1 − \(notation.name("a", layer: last))ⱼ)]"
            let terms = (0..<shown).map { j in "\(number(y[j]))·ln(\(number(a[j]))) + \(number(1 - y[j]))·ln(\(number(1 - a[j])))" }
            numeric = packed("  = −[", terms, (n > shown ? " + … (\(n - shown) more)" : "") + "]", indent: "    ")
        }
        return [symbolic, numeric, "  = " + style.result(number(trace.cost))].joined(separator: "\n")
    }

    /// The widest line a formula takes (house rule: every line printed for people fits 100 columns).
    static let width = 100

    /// `head`, the terms joined with " + ", then `tail` — broken before a " + " wherever a line would
    /// pass `width` columns, each later line starting with `indent` and "+ " (ten outputs' terms, or
    /// a hidden δ's sum over ten neurons, do not fit one line of a terminal).
    func packed(_ head: String, _ terms: [String], _ tail: String, indent: String, width: Int = StepRenderer.width) -> String {
        var lines: [String] = []
        var line = head
        for (i, term) in terms.enumerated() {
            let joined = i == 0 ? line + term : line + " + " + term
            if i > 0 && visibleWidth(joined) > width {
                lines.append(line)
                line = indent + "+ " + term
            } else {
                line = joined
            }
        }
        if visibleWidth(line + tail) > width, let last = terms.last, line.hasSuffix(last), lines.count > 0 || line != head + last {
            // The tail ("… (2 more))·σ′(z)") goes on a line of its own rather than past the edge.
            lines.append(line)
            line = indent + tail.drop { $0 == " " }
        }
        lines.append(line + tail)
        return lines.joined(separator: "\n")
    }

    /// `formula` with `note` after it on the same line when both fit, else the note on the next
    /// line under `indent`.
    func noted(_ formula: String, _ note: String, indent: String) -> String {
        let last = formula.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? formula
        if visibleWidth(last + note) <= StepRenderer.width { return formula + note }
        return formula + "\n" + indent + note.drop { $0 == " " }
    }

    /// δ of one neuron: the output layer's from the cost, a hidden layer's sent back from the next.
    /// With a bug planted, the buggy formula is the one written, marked as the bug.
    func delta(layer l: Int, neuron k: Int) -> String {
        let buggy = bug.flatMap { $0.changesDeltas(layer: l, in: network) ? $0 : nil }
        var lines = l == network.outputLayer ? outputDelta(neuron: k, buggy: buggy) : hiddenDelta(layer: l, neuron: k, buggy: buggy)
        if let marker = bugMarker(formulaIsTheBug: buggy != nil) { lines.append(marker) }
        return lines.joined(separator: "\n")
    }

    /// The output layer's δ from the cost: a − y for cross-entropy and log-likelihood, else
    /// (2·)(a − y)·g′(z).
    private func outputDelta(neuron k: Int, buggy: BackpropBug?) -> [String] {
        let l = network.outputLayer, g = self.g(l)
        let dName = notation.name("δ", layer: l, neuron: k)
        let z = trace.z[l][k], a = trace.a[l][k], y = trace.example.target[k]
        let aName = notation.name("a", layer: l, neuron: k)
        let zName = notation.name("z", layer: l, neuron: k)
        let yName = "y\(notation.neuron(k))"
        let indent = pad("", dName.count)
        let slope = "\(factor(trace.activationGradient[l][k]))·\(factor(network.activation(layer: l).derivative(z)))"
        var lines: [String]
        switch (network.cost, buggy) {
        case (.crossEntropy, .outputSign?), (.logLikelihood, .outputSign?):
            lines = ["\(dName) = \(yName) − \(aName)" + bugNote("the sign is wrong: δ is \(aName) − \(yName)"),
                     indent + " = \(number(y)) − \(factor(a))"]
        case (.crossEntropy, _):
            lines = ["\(dName) = \(aName) − \(yName)"
                        + style.dim("   (logistic cost with a sigmoid output: σ′(z) cancels the 1/(a(1 − a)) of ∂C/∂a)"),
                     indent + " = \(number(a)) − \(factor(y))"]
        case (.logLikelihood, _):
            return ["\(dName) = \(aName) − \(yName)" + style.dim("   (log-likelihood with a softmax output)"),
                    indent + " = \(number(a)) − \(factor(y))",
                    indent + " = " + style.result(number(trace.delta[l][k]))] + whyAMinusY()
        case (_, .outputSign?):
            let two = network.cost == .sumOfSquares ? "2·" : ""
            lines = ["\(dName) = \(two)(\(yName) − \(aName))·\(g)′(\(zName))"
                        + bugNote("the sign is wrong: δ is \(two)(\(aName) − \(yName))·\(g)′(\(zName))"),
                     indent + " = \(two)(\(number(y)) − \(factor(a)))·\(derivativeArithmetic(layer: l, z: z, a: a))",
                     indent + " = " + slope]
        case (_, .missingDerivative?):
            let two = network.cost == .sumOfSquares ? "2·" : ""
            lines = ["\(dName) = \(two)(\(aName) − \(yName))" + bugNote("the factor \(g)′(\(zName)) is left out"),
                     indent + " = \(two)(\(number(a)) − \(factor(y)))" + style.dim("   (∂C/∂a alone)")]
        default:
            let two = network.cost == .sumOfSquares ? "2·" : ""
            lines = ["\(dName) = \(two)(\(aName) − \(yName))·\(g)′(\(zName))" + style.dim("   (∂C/∂a times the slope of the activation)"),
                     indent + " = \(two)(\(number(a)) − \(factor(y)))·\(derivativeArithmetic(layer: l, z: z, a: a))",
                     indent + " = " + slope]
        }
        return lines + [indent + " = " + style.result(number(trace.delta[l][k]))]
    }

    /// A hidden layer's δ: the next layer's δs sent back through the weights, times g′(z).
    private func hiddenDelta(layer l: Int, neuron k: Int, buggy: BackpropBug?) -> [String] {
        let g = self.g(l)
        let dName = notation.name("δ", layer: l, neuron: k)
        let z = trace.z[l][k], a = trace.a[l][k], d = trace.delta[l][k]
        let indent = pad("", dName.count)
        let next = trace.delta[l + 1]
        let w = network.weights[l]
        let daName = "∂C/∂" + notation.name("a", layer: l, neuron: k)
        let zName = notation.name("z", layer: l, neuron: k)
        let count = next.count
        let shown = min(count, maximumTerms)
        let transposed = buggy == .transposedWeights
        // The transposed bug reads w(l+1)k,j where w(l+1)j,k belongs (the matrix is square).
        let symbolic = (0..<shown).map { j in
            "\(notation.name(of: transposed ? .weight(layer: l, j: k, k: j) : .weight(layer: l, j: j, k: k)))·\(notation.name("δ", layer: l + 1, neuron: j))"
        }
        let numeric = (0..<shown).map { j in "\(factor(transposed ? w[k, j] : w[j, k]))·\(factor(next[j]))" }
        let more = count > shown ? " + … (\(count - shown) more)" : ""
        let continued = indent + "   "
        if buggy == .missingDerivative {
            return [noted(packed("\(dName) = (", symbolic, more + ")", indent: continued),
                          bugNote("the factor \(g)′(\(zName)) is left out"), indent: continued),
                    packed(indent + " = (", numeric, more + ")", indent: continued),
                    indent + " = " + style.result(number(d)) + style.dim("   (\(daName) alone, not multiplied by \(g)′)")]
        }
        let why = transposed
            ? bugNote("W instead of Wᵀ: this sums row \(notation.neuron(k)) of \(notation.weightMatrixName(l)); the weights out of this neuron are column \(notation.neuron(k))")
            : style.dim("   (next layer's δs sent back through the weights)")
        return [noted(packed("\(dName) = (", symbolic, more + ")·\(g)′(\(zName))", indent: continued), why, indent: continued),
                packed(indent + " = (", numeric, more + ")·\(derivativeArithmetic(layer: l, z: z, a: a))", indent: continued),
                indent + " = \(factor(trace.activationGradient[l][k]))·\(factor(network.activation(layer: l).derivative(z)))"
                    + style.dim("   (\(daName) times \(g)′)"),
                indent + " = " + style.result(number(d))]
    }

    /// "   ← bug NAME: why" after a line whose formula is the planted bug.
    func bugNote(_ why: String) -> String {
        style.error("   ← bug \(bug?.rawValue ?? ""): \(why)")
    }

    /// The line every backward output ends with while a bug is planted; nil when none is.
    func bugMarker(formulaIsTheBug: Bool) -> String? {
        guard let bug else { return nil }
        let detail = formulaIsTheBug ? "this formula is the bug (`bug off` removes it)" : "this formula is right; values it uses may carry the bug"
        return style.warning("bug planted: \(bug.rawValue)") + style.dim(" — \(detail)")
    }

    private func derivativeArithmetic(layer l: Int, z: Double, a: Double) -> String {
        switch network.activation(layer: l) {
        case .sigmoid, .softmax: "\(number(a))·(1 − \(number(a)))"
        case .tanh: "(1 − \(factor(a))²)"
        case .relu: z > 0 ? "1" : "0"
        }
    }

    /// Why a softmax output's δ under the log-likelihood is simply a − y.
    private func whyAMinusY() -> [String] {
        [
            style.dim("  why a − y: ∂C/∂aₖ = −yₖ/aₖ, and softmax moves every aₖ with zⱼ: ∂aₖ/∂zⱼ = aₖ(1[k = j] − aⱼ);"),
            style.dim("  so δⱼ = Σₖ (−yₖ/aₖ)·aₖ(1[k = j] − aⱼ) = −yⱼ + aⱼ·Σₖ yₖ = aⱼ − yⱼ, since y sums to 1."),
        ]
    }

    /// The two factors of ∂C/∂w(l)jk as this pass computes them: a(l−1)k and δ(l)j, or the wrong
    /// layer's when a bug planted here takes them from there. Names and values, engine weight layer `l`.
    func weightGradientFactors(layer l: Int, j: Int, k: Int) -> (aName: String, a: Double, dName: String, d: Double) {
        let buggy = bug.flatMap { $0.changesGradients(layer: l + 1, in: network) ? $0 : nil }
        let aLayer = buggy == .wrongLayerActivation ? l + 1 : l
        let dLayer = buggy == .wrongLayerDelta ? l + 2 : l + 1
        return (notation.name("a", layer: aLayer, neuron: k), trace.a[aLayer][k],
                notation.name("δ", layer: dLayer, neuron: j), trace.delta[dLayer][j])
    }

    /// Why a weight gradient's formula is the bug, or nil when it is not.
    func weightGradientBugNote(layer l: Int, j: Int) -> String? {
        guard let bug, bug.changesGradients(layer: l + 1, in: network) else { return nil }
        switch bug {
        case .wrongLayerDelta:
            return bugNote("δ of the wrong layer: ∂C/∂w takes \(notation.name("δ", layer: l + 1, neuron: j))")
        case .wrongLayerActivation:
            return bugNote("a of the wrong layer: ∂C/∂w takes \(notation.name("a", layer: l))k, the layer the weight comes from")
        default:
            return nil
        }
    }

    /// "∂C/∂b = δ = value" (or the bug's 0) for the bias of neuron j of layer l ≥ 1.
    func biasGradientLine(layer l: Int, neuron j: Int) -> String {
        let bias = Parameter.bias(layer: l - 1, j: j)
        let dName = notation.name("δ", layer: l, neuron: j)
        if let bug, bug == .noBiasGradient {
            return "\(notation.gradientName(of: bias)) = " + style.result(number(trace.gradient[bias])) + bugNote("left out; it is \(dName) = \(number(trace.delta[l][j]))")
        }
        return "\(notation.gradientName(of: bias)) = \(dName) = " + style.result(number(trace.gradient[bias]))
    }

    /// ∂C/∂b and each ∂C/∂w into one neuron.
    func gradient(layer l: Int, neuron j: Int) -> String {
        let previous = trace.a[l - 1]
        var lines = [biasGradientLine(layer: l, neuron: j)
                     + (bug == .noBiasGradient ? "" : style.dim(notation == .ng ? "   (the bias unit's activation is 1)" : "   (∂z/∂b = 1)"))]
        let n = previous.count
        let weightName = notation.gradientName(of: .weight(layer: l - 1, j: j, k: 0))
        let note = weightGradientBugNote(layer: l - 1, j: j)
        if n <= maximumTerms {
            for k in 0..<n {
                let param = Parameter.weight(layer: l - 1, j: j, k: k)
                let factors = weightGradientFactors(layer: l - 1, j: j, k: k)
                lines.append("\(notation.gradientName(of: param)) = \(factors.aName)·\(factors.dName) = \(factor(factors.a))·\(factor(factors.d)) = "
                             + style.result(number(trace.gradient.weights[l - 1][j, k])) + (k == 0 ? note ?? "" : ""))
            }
        } else {
            let row = trace.gradient.weights[l - 1].row(j)
            var largest = 0
            for k in row.indices where abs(row[k]) > abs(row[largest]) { largest = k }
            let zeros = row.filter { $0 == 0 }.count
            let first = weightGradientFactors(layer: l - 1, j: j, k: largest)
            let aVector = String(first.aName.prefix { $0 != ")" }) + ")"
            lines.append("\(weightName.replacingLastIndex("k")) = \(aVector)k·\(first.dName)   for all \(n) k"
                         + (note ?? style.dim("   (fire together, wire together: largest where a is largest)")))
            let param = Parameter.weight(layer: l - 1, j: j, k: largest)
            lines.append("  largest: \(notation.gradientName(of: param)) = \(factor(first.a))·\(factor(first.d)) = " + style.result(number(row[largest])))
            lines.append("  \(zeros) of \(n) are 0 because their a is 0")
        }
        let changed = bug.map { $0.changesGradients(layer: l, in: network) } ?? false
        if let marker = bugMarker(formulaIsTheBug: changed) { lines.append(marker) }
        return lines.joined(separator: "\n")
    }
}

extension StepRenderer {
    /// ∂C/∂w for `weights[l][j][k]`: a(l)k·δ(l+1)j with its numbers.
    func weightGradient(layer l: Int, j: Int, k: Int) -> String {
        let p = Parameter.weight(layer: l, j: j, k: k)
        let name = notation.gradientName(of: p)
        let factors = weightGradientFactors(layer: l, j: j, k: k)
        let note = weightGradientBugNote(layer: l, j: j)
        var text = "\(name) = \(factors.aName)·\(factors.dName)"
            + (note ?? style.dim("   (z changes by a per unit of w, and C by δ per unit of z)"))
            + "\n" + pad("", name.count) + " = \(NumberFormat.factor(factors.a))·\(NumberFormat.factor(factors.d)) = "
            + style.result(NumberFormat.significant(trace.gradient[p]))
        if let marker = bugMarker(formulaIsTheBug: note != nil) { text += "\n" + marker }
        return text
    }

    /// ∂C/∂b for `biases[l][j]`: δ(l+1)j (or the planted bug's 0).
    func biasGradient(layer l: Int, j: Int) -> String {
        var text = biasGradientLine(layer: l + 1, neuron: j)
        if bug != .noBiasGradient { text += style.dim("   (z changes one for one with its bias, so ∂C/∂b = ∂C/∂z)") }
        if let marker = bugMarker(formulaIsTheBug: bug == .noBiasGradient) { text += "\n" + marker }
        return text
    }
}

extension String {
    /// Replaces the last index after a comma with `symbol`: "w(1)0,0" → "w(1)0,k".
    func replacingLastIndex(_ symbol: String) -> String {
        guard let comma = lastIndex(of: ",") else { return self }
        return String(self[...comma]) + symbol
    }
}
