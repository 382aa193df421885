import BackpropCore

/// Why an expression could not be read or does not fit the network.
public struct ExpressionError: Error, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Reads the names learners type: `z(2)1`, `a(3)`, `delta(4)1`, `δ`, `Θ(2)1,0`, `w(3)0,1`, `b(1)0`,
/// `dw(2)0,1`, `∂C/∂b(1)0`, `cost`, `x`, `y`, and the engine's own `z[1][0]`, `weights[0][1][0]`.
/// Where a layer's indices are all one digit, a weight's two may also be written side by side as
/// the lectures do: `Θ(1)10` is `Θ(1)1,0`, `w(2)01` is `w(2)0,1`.
///
/// Indices in parentheses are read in the current notation (Ng's count layers and neurons from 1);
/// `Θ` is always Ng's and `w`/`b` always 3Blue1Brown's, so both can be typed in either notation;
/// brackets are always the engine's (and the trace file's) 0-based indices.
public struct ExpressionParser: Sendable {
    public let network: Network
    public let notation: Notation

    public init(network: Network, notation: Notation) {
        self.network = network
        self.notation = notation
    }

    /// The value `text` names, in engine indices, or an error that quotes `text` and says what
    /// does not fit this network.
    public func parse(_ text: String) throws(ExpressionError) -> ValueReference {
        let trimmed = text.trimmingCharacters(in: " \t")
        guard !trimmed.isEmpty else { throw ExpressionError("expected a value such as z(2)1, a(3), delta, Θ(1)1,0 or cost") }
        let (s, gradient) = Self.strippingGradientPrefix(trimmed)
        let (name, indexText) = splitName(s)
        let lower = name.lowercased()
        if indexText.isEmpty && !gradient, let whole = Self.wholeValue(lower) { return whole }
        if indexText.hasPrefix("[") {
            return try engineReference(lower, try bracketIndices(indexText), gradient: gradient, text: text)
        }
        let typed = Typed(text: text, name: name, indexText: indexText,
                          numbers: try parenIndices(indexText, text: text), gradient: gradient)
        switch lower {
        case "z", "a", "delta", "δ", "d", "error": return try neuronValue(typed, lower)
        case "w", "weight", "weights": return try weight(typed)
        case "b", "bias", "biases": return try bias(typed)
        case "θ", "theta": return try theta(typed)
        default:
            throw ExpressionError("\(text): unknown value '\(name)'; try z, a, delta, w, b, Θ, dw, db, cost, x or y")
        }
    }

    /// What a learner typed, taken apart: "dΘ(2)1,0" is name "Θ", index text "(2)1,0", numbers
    /// [2, 1, 0], a gradient.
    private struct Typed {
        let text: String
        let name: String
        let indexText: String
        let numbers: [Int]
        let gradient: Bool
    }

    /// "∂C/∂w(2)", "dC/dw(2)", "grad w(2)", "grad(w(2))", "dw(2)" → ("w(2)", true). "d" alone and
    /// "delta" are not gradients: only d before w, b, Θ or theta is.
    private static func strippingGradientPrefix(_ s: String) -> (String, Bool) {
        for prefix in ["∂C/∂", "dC/d", "grad ", "grad(", "d"] where s.hasPrefix(prefix) {
            let rest = String(s.dropFirst(prefix.count))
            if prefix == "d" && !(rest.hasPrefix("w") || rest.hasPrefix("b") || rest.hasPrefix("Θ") || rest.hasPrefix("theta")) {
                continue
            }
            return (prefix == "grad(" ? String(rest.dropLast(rest.hasSuffix(")") ? 1 : 0)) : rest, true)
        }
        return (s, false)
    }

    /// The values named without indices: the cost, the input, the target.
    private static func wholeValue(_ name: String) -> ValueReference? {
        switch name {
        case "cost", "c", "j": .cost
        case "x", "input": .input
        case "y", "target": .target
        default: nil
        }
    }

    /// z, a or δ of a layer or one neuron: "z(2)1", "a(3)", "delta".
    private func neuronValue(_ t: Typed, _ lower: String) throws(ExpressionError) -> ValueReference {
        guard !t.gradient else {
            throw ExpressionError("\(t.text): gradients are taken of weights and biases (dw, db, dΘ), not of \(t.name)")
        }
        guard t.numbers.count <= 2 else { throw ExpressionError("\(t.text): \(t.name) takes a layer and a neuron, like \(t.name)(2)1") }
        var l: Int?
        if let first = t.numbers.first { l = try layer(fromShown: first, text: t.text) }
        let j = try t.numbers.count > 1 ? neuron(fromShown: t.numbers[1], layer: l ?? 0, text: t.text) : nil
        try requireNonInput(l, name: lower == "z" ? "z" : (lower == "a" ? "a" : "δ"), text: t.text)
        switch lower {
        case "z": return .z(layer: l, neuron: j)
        case "a": return .a(layer: l, neuron: j)
        default: return .delta(layer: l, neuron: j)
        }
    }

    /// 3Blue1Brown's w(L)jk, a weight matrix or one weight (or its gradient).
    private func weight(_ t: Typed) throws(ExpressionError) -> ValueReference {
        guard t.numbers.count <= 3 else { throw ExpressionError("\(t.text): w takes a layer and two neurons, like w(2)0,1") }
        var L: Int?
        if let first = t.numbers.first { L = try receivingLayer(shownAs3b1b: first, text: t.text) }
        var numbers = t.numbers
        if numbers.count == 2, let L, let (j, k) = digitsWrittenTogether(t.indexText),
           network.sizes[L + 1] <= 10, network.sizes[L] <= 10 {
            numbers = [numbers[0], j, k]
        }
        let j = try numbers.count > 1
            ? checkedIndex(numbers[1], below: network.sizes[(L ?? 0) + 1], what: "neuron of layer \(L.map { $0 + 1 } ?? 1)",
                           text: t.text, hint: commaHint(t.indexText, example: "w(\((L ?? 0) + 1))1,2"))
            : nil
        let k = try numbers.count > 2
            ? checkedIndex(numbers[2], below: network.sizes[L ?? 0], what: "neuron of layer \(L ?? 0)", text: t.text) : nil
        return t.gradient ? .weightGradient(layer: L, j: j, k: k) : .weight(layer: L, j: j, k: k)
    }

    /// 3Blue1Brown's b(L)j, a bias vector or one bias (or its gradient).
    private func bias(_ t: Typed) throws(ExpressionError) -> ValueReference {
        guard t.numbers.count <= 2 else { throw ExpressionError("\(t.text): b takes a layer and a neuron, like b(2)0") }
        var L: Int?
        if let first = t.numbers.first { L = try receivingLayer(shownAs3b1b: first, text: t.text) }
        let j = try t.numbers.count > 1
            ? checkedIndex(t.numbers[1], below: network.sizes[(L ?? 0) + 1], what: "neuron of layer \(L.map { $0 + 1 } ?? 1)", text: t.text)
            : nil
        return t.gradient ? .biasGradient(layer: L, j: j) : .bias(layer: L, j: j)
    }

    /// Ng's Θ(l)ik: a whole matrix with its bias column, a row, or one entry — column 0 is a bias.
    private func theta(_ t: Typed) throws(ExpressionError) -> ValueReference {
        guard t.numbers.count <= 3 else { throw ExpressionError("\(t.text): Θ takes a layer and two units, like Θ(2)1,0") }
        var l: Int?
        if let shown = t.numbers.first {
            guard shown >= 1 && shown <= network.outputLayer else {
                throw ExpressionError("\(t.text): Θ(\(shown)) does not exist; Θ(1) to Θ(\(network.outputLayer)) map layer l to l + 1")
            }
            l = shown - 1
        }
        var numbers = t.numbers
        if numbers.count == 2, let l, let (row, column) = digitsWrittenTogether(t.indexText),
           network.sizes[l + 1] <= 9, network.sizes[l] <= 9 {
            numbers = [numbers[0], row, column]
        }
        let i = try numbers.count > 1 ? thetaRow(numbers[1], layer: l ?? 0, t) : nil
        let k = try numbers.count > 2 ? thetaColumn(numbers[2], layer: l ?? 0, t) : nil
        if let l, let i, let k {
            if k == 0 { return t.gradient ? .biasGradient(layer: l, j: i - 1) : .bias(layer: l, j: i - 1) }
            return t.gradient ? .weightGradient(layer: l, j: i - 1, k: k - 1) : .weight(layer: l, j: i - 1, k: k - 1)
        }
        guard !t.gradient else { return .weightGradient(layer: l, j: i.map { $0 - 1 }, k: nil) }
        return .theta(layer: l, i: i, k: k)
    }

    /// Row i of Θ(l + 1), from 1: one per unit of the next layer.
    private func thetaRow(_ i: Int, layer l: Int, _ t: Typed) throws(ExpressionError) -> Int {
        let rows = network.sizes[l + 1]
        guard i >= 1 && i <= rows else {
            throw ExpressionError("\(t.text): row \(i) does not exist; Θ(\(l + 1)) has rows 1 to \(rows), one per unit of layer \(l + 2)"
                                  + commaHint(t.indexText, example: "Θ(\(l + 1))1,0"))
        }
        return i
    }

    /// Column k of Θ(l + 1), from 0, the bias unit.
    private func thetaColumn(_ k: Int, layer l: Int, _ t: Typed) throws(ExpressionError) -> Int {
        let columns = network.sizes[l]
        guard k >= 0 && k <= columns else {
            throw ExpressionError("\(t.text): column \(k) does not exist; Θ(\(l + 1)) has columns 0 (bias unit) to \(columns)")
        }
        return k
    }

    /// Splits "z(2)1" into ("z", "(2)1") and "weights[0][1]" into ("weights", "[0][1]").
    private func splitName(_ s: String) -> (String, String) {
        if let i = s.firstIndex(where: { $0 == "(" || $0 == "[" || $0 == " " || $0.isNumber }) {
            var name = String(s[..<i])
            var rest = String(s[i...]).trimmingCharacters(in: " ")
            // "∂C/∂w" prefix consumed earlier; "δ" and "Θ" are single characters.
            if name.isEmpty { name = s; rest = "" }
            return (name, rest)
        }
        return (s, "")
    }

    private func bracketIndices(_ text: String) throws(ExpressionError) -> [Int] {
        var numbers: [Int] = []
        var rest = Substring(text)
        while rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw ExpressionError("\(text): missing ]") }
            let inside = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: " ")
            guard let n = Int(inside), n >= 0 else { throw ExpressionError("\(text): '\(inside)' is not an index (0, 1, 2, …)") }
            numbers.append(n)
            rest = rest[rest.index(after: close)...]
        }
        guard rest.trimmingCharacters(in: " ").isEmpty else { throw ExpressionError("\(text): unexpected '\(rest)'") }
        return numbers
    }

    /// "(2)1,0" → [2, 1, 0]; "2 1" → [2, 1]; "(2)" → [2].
    private func parenIndices(_ indexText: String, text: String) throws(ExpressionError) -> [Int] {
        let separators: Set<Character> = ["(", ")", ",", " "]
        // A comma stands between two numbers: z(2)1,,,, or z(2)1, is a slip, not z(2)1.
        let pieces = indexText.split(separator: ",", omittingEmptySubsequences: false)
        if pieces.count > 1, pieces.contains(where: { $0.trimmingCharacters(in: " ").isEmpty }) {
            throw ExpressionError("\(text): a comma must stand between two numbers")
        }
        let parts = indexText.split(whereSeparator: { separators.contains($0) })
        var numbers: [Int] = []
        for part in parts {
            guard let n = Int(part) else { throw ExpressionError("\(text): '\(part)' is not a number") }
            numbers.append(n)
        }
        return numbers
    }

    private func engineReference(_ name: String, _ n: [Int], gradient: Bool, text: String) throws(ExpressionError) -> ValueReference {
        func at(_ i: Int) -> Int? { i < n.count ? n[i] : nil }
        // More indices than the value has: refused, not ignored (weights[0][0][0][0]).
        let most = ["z": 2, "a": 2, "delta": 2, "δ": 2, "weights": 3, "w": 3, "biases": 2, "b": 2][name]
        if let most, n.count > most {
            throw ExpressionError("\(text): \(name)[…] takes at most \(most) indices, found \(n.count)")
        }
        func layerOK(_ l: Int?, last: Int) throws(ExpressionError) {
            if let l, l > last { throw ExpressionError("\(text): index \(l) is past the last layer (\(last))") }
        }
        switch name {
        case "z", "a", "delta", "δ":
            try layerOK(at(0), last: network.outputLayer)
            if let l = at(0), let j = at(1), j >= network.sizes[l] {
                throw ExpressionError("\(text): layer \(l) has neurons 0 to \(network.sizes[l] - 1)")
            }
            try requireNonInput(at(0), name: name == "a" ? "a" : name, text: text)
            if name == "z" { return .z(layer: at(0), neuron: at(1)) }
            if name == "a" { return .a(layer: at(0), neuron: at(1)) }
            return .delta(layer: at(0), neuron: at(1))
        case "weights", "w":
            try layerOK(at(0), last: network.outputLayer - 1)
            if let l = at(0) {
                if let j = at(1), j >= network.sizes[l + 1] { throw ExpressionError("\(text): weights[\(l)] has rows 0 to \(network.sizes[l + 1] - 1)") }
                if let k = at(2), k >= network.sizes[l] { throw ExpressionError("\(text): weights[\(l)] has columns 0 to \(network.sizes[l] - 1)") }
            }
            return gradient ? .weightGradient(layer: at(0), j: at(1), k: at(2)) : .weight(layer: at(0), j: at(1), k: at(2))
        case "biases", "b":
            try layerOK(at(0), last: network.outputLayer - 1)
            if let l = at(0), let j = at(1), j >= network.sizes[l + 1] {
                throw ExpressionError("\(text): biases[\(l)] has entries 0 to \(network.sizes[l + 1] - 1)")
            }
            return gradient ? .biasGradient(layer: at(0), j: at(1)) : .bias(layer: at(0), j: at(1))
        default:
            throw ExpressionError("\(text): '\(name)[…]' is not a value; bracket forms are z, a, delta, weights, biases")
        }
    }

    // The shown number is checked against the shown range before it is converted, so any Int
    // typed (Int.min included) is an error, never an overflow.
    private func layer(fromShown shown: Int, text: String) throws(ExpressionError) -> Int {
        guard shown >= notation.layer(0) && shown <= notation.layer(network.outputLayer) else {
            throw ExpressionError("\(text): layer \(shown) does not exist; in \(notation == .ng ? "Ng's" : "3Blue1Brown's") notation the network has \(notation.layerRange(network))")
        }
        return notation == .ng ? shown - 1 : shown
    }

    private func neuron(fromShown shown: Int, layer l: Int, text: String) throws(ExpressionError) -> Int {
        guard shown >= notation.neuron(0) && shown <= notation.neuron(network.sizes[l] - 1) else {
            throw ExpressionError("\(text): layer \(notation.layer(l)) has neurons \(notation.neuron(0)) to \(notation.neuron(network.sizes[l] - 1))")
        }
        return notation == .ng ? shown - 1 : shown
    }

    private func receivingLayer(shownAs3b1b L: Int, text: String) throws(ExpressionError) -> Int {
        guard L >= 1 && L <= network.outputLayer else {
            throw ExpressionError("\(text): w(\(L)) does not exist; w(1) to w(\(network.outputLayer)) are the weights into layers 1 to \(network.outputLayer) (3Blue1Brown's numbering, input = 0)")
        }
        return L - 1
    }

    private func checkedIndex(_ n: Int, below limit: Int, what: String, text: String, hint: String = "") throws(ExpressionError) -> Int {
        guard n >= 0 && n < limit else { throw ExpressionError("\(text): \(n) is not a \(what); they run 0 to \(limit - 1)\(hint)") }
        return n
    }

    /// The digits typed straight after the layer's parenthesis, as in "(1)10"; nil if anything
    /// else (a comma, a space, a sign, a non-ASCII digit) is there.
    private func digitsAfterLayer(_ indexText: String) -> Substring? {
        guard let close = indexText.firstIndex(of: ")") else { return nil }
        let tail = indexText[indexText.index(after: close)...]
        return !tail.isEmpty && tail.allSatisfy({ $0.isASCII && $0.isNumber }) ? tail : nil
    }

    /// "(1)10" → (1, 0): two one-digit indices side by side, as the lectures write Θ(1)10 and
    /// w(L)jk. The caller reads them so only where every index of the layer is one digit (in
    /// MNIST's 16-neuron layers "12" stays row 12).
    private func digitsWrittenTogether(_ indexText: String) -> (Int, Int)? {
        guard let tail = digitsAfterLayer(indexText), tail.count == 2,
              let first = tail.first?.wholeNumberValue, let second = tail.last?.wholeNumberValue else { return nil }
        return (first, second)
    }

    /// For a row written with several digits and no comma: how to name one weight instead.
    private func commaHint(_ indexText: String, example: String) -> String {
        guard let tail = digitsAfterLayer(indexText), tail.count >= 2 else { return "" }
        return " (one weight is named with a comma between row and column, like \(example))"
    }

    private func requireNonInput(_ l: Int?, name: String, text: String) throws(ExpressionError) {
        guard l == 0, name != "a" else { return }
        throw ExpressionError("\(text): the input layer has no \(name == "z" ? "z" : "δ"); its values are the inputs, a(\(notation.layer(0)))")
    }
}
