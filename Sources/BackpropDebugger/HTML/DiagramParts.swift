import BackpropCore

/// What both of the page's diagram layouts share: the state classes that show a value only from
/// the step that computes it, names written in both notations, and how a value becomes a shade or
/// a weight becomes a line.
///
/// In a batch the page's steps run through every example's pass in turn: the weights (lines) are
/// drawn once for all, the values (units, costs, gradients) once per example, each example's in a
/// group the page shows only while its steps are shown.
struct DiagramParts {
    let network: Network
    /// Each example's whole pass (every value computed); one for a single example.
    let traces: [Trace]
    let timeline: StepTimeline
    /// The step the page opens at: the markup is written in that step's state, so the page reads
    /// right before (or without) its script.
    let opening: Int
    /// The example whose values `trace`, `at` and `use` speak of.
    var example = 0

    init(network: Network, traces: [Trace], timeline: StepTimeline, opening: Int) {
        precondition(!traces.isEmpty, "a page shows at least one example")
        self.network = network
        self.traces = traces
        self.timeline = timeline
        self.opening = opening
    }

    /// The same parts, speaking of example `e`'s values and steps.
    func of(example e: Int) -> DiagramParts {
        var parts = self
        parts.example = e
        return parts
    }

    /// The current example's whole pass.
    var trace: Trace { traces[example] }
    var isBatch: Bool { traces.count > 1 }
    /// The page's step number of step `s` (1 … one pass's steps) of the current example's pass.
    func global(_ s: Int) -> Int { example * timeline.count + s }
    /// The example the opening step belongs to (that of the last step taken, the first at the start).
    var openingExample: Int { opening == 0 ? 0 : (opening - 1) / timeline.count }
    /// "" for the first example, "-x2" for the second …: keeps element ids apart in a batch.
    var idSuffix: String { example == 0 ? "" : "-x\(example + 1)" }

    /// `data-at="N"` (N a step of the current example's pass) and the class the element has at
    /// the opening step ("pending" before N, "current" at N).
    /// Nil for a value known from the start (the input): just the class.
    func at(_ step: Int?, classes: String) -> String {
        guard let local = step else { return "class=\"\(classes)\"" }
        let step = global(local)
        let state = step > opening ? " pending" : (step == opening ? " current" : "")
        return "class=\"\(classes)\(state)\" data-at=\"\(step)\""
    }

    /// `data-use="N M …"` (steps of the current example's pass) and the class at the opening
    /// step ("used" when it is one of them); no steps, just the class.
    func use(_ steps: [Int], classes: String) -> String {
        uses(steps.map(global), classes: classes)
    }

    /// `data-use` for what every example shares (a weight): the steps of every example's pass.
    func useInEvery(_ steps: [Int], classes: String) -> String {
        uses((0..<traces.count).flatMap { e in steps.map { e * timeline.count + $0 } }, classes: classes)
    }

    private func uses(_ steps: [Int], classes: String) -> String {
        guard !steps.isEmpty else { return "class=\"\(classes)\"" }
        let used = steps.contains(opening) ? " used" : ""
        return "class=\"\(classes)\(used)\" data-use=\"\(steps.map(String.init).joined(separator: " "))\""
    }

    /// Example `e`'s elements, for a batch in a group shown only while the page is at one of that
    /// example's steps (`data-example`; hidden as "elsewhere" otherwise). One example: as they are.
    func exampleGroup(_ body: String, classes: String = "example") -> String {
        guard isBatch else { return body }
        let elsewhere = example == openingExample ? "" : " elsewhere"
        return "<g class=\"\(classes)\(elsewhere)\" data-example=\"\(example)\">\n" + body + "\n</g>"
    }

    /// Text in each notation, each in a `tspan` the page's style shows only in its notation (one
    /// text when both notations write the same). Escaped.
    func named(_ text: (Notation) -> String) -> String {
        let ng = text(.ng), b3 = text(.threeBlueOneBrown)
        if ng == b3 { return HTMLText.escape(ng) }
        return "<tspan class=\"n-ng\">\(HTMLText.escape(ng))</tspan><tspan class=\"n-3b1b\">\(HTMLText.escape(b3))</tspan>"
    }

    /// Plain text naming something in both notations, for a `<title>` (a tooltip and what a
    /// screen reader says, which cannot switch): "Θ(3)1,1 (Ng), w(3)0,0 (3Blue1Brown)". Escaped.
    func titled(_ text: (Notation) -> String) -> String {
        let ng = text(.ng), b3 = text(.threeBlueOneBrown)
        return HTMLText.escape(ng == b3 ? ng : "\(ng) (Ng), \(b3) (3Blue1Brown)")
    }

    /// A value as the diagram writes it: four significant digits, as `draw` does.
    func number(_ x: Double) -> String { HTMLText.escape(NumberFormat.significant(x, 4)) }

    /// Where an activation lies in its layer's function's range, 0 … 1: σ and softmax from 0 to 1,
    /// ReLU from 0 up to the largest activation of its layer (or 1), tanh from −1. Inputs are taken
    /// as 0 … 1 (pixels).
    func level(layer l: Int, value a: Double) -> Double {
        guard a.isFinite else { return 0 }
        var t: Double
        if l == 0 {
            t = a
        } else {
            switch network.activation(layer: l) {
            case .sigmoid, .softmax: t = a
            case .tanh: t = (a + 1) / 2
            case .relu: t = a / max(1, trace.a[l].filter(\.isFinite).max() ?? 1)
            }
        }
        return min(1, max(0, t))
    }

    /// The fill for a unit or pixel at `level` 0 … 1: from near-white to deep blue, so the shade
    /// reads as a grey in black-and-white print too. Text on it is white from level 0.5 up.
    static func shade(_ level: Double) -> String {
        let light = (248.0, 250.0, 252.0), dark = (23.0, 37.0, 84.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * level).rounded()) }
        return hex(mix(light.0, dark.0), mix(light.1, dark.1), mix(light.2, dark.2))
    }

    /// A pixel's grey, ink dark on white paper (the page is light).
    static func grey(_ level: Double) -> String {
        let v = Int((255 * (1 - min(1, max(0, level)))).rounded())
        return hex(v, v, v)
    }

    private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { v in String([digits[(v >> 4) & 15], digits[v & 15]]) }.joined()
    }

    /// The class of a line for weight `w`: "pos" (solid) or "neg" (dashed), and "zero" for 0, so
    /// the sign reads without colour.
    static func signClass(_ w: Double) -> String { w > 0 ? "pos" : (w < 0 ? "neg" : "zero") }

    /// The largest |w| or |b| in the network (1 when all are 0 or none is finite).
    var largestParameter: Double {
        var largest = 0.0
        for m in network.weights { for w in m.storage where w.isFinite { largest = max(largest, abs(w)) } }
        for bs in network.biases { for b in bs where b.isFinite { largest = max(largest, abs(b)) } }
        return largest > 0 ? largest : 1
    }

    /// A stroke width for a weight: from `thinnest` to `thickest` in proportion to |w|.
    func width(_ w: Double, thinnest: Double, thickest: Double) -> String {
        svgNumber(strokeWidth(w, thinnest: thinnest, thickest: thickest))
    }

    /// The same stroke width as a number (to keep a label clear of its line).
    func strokeWidth(_ w: Double, thinnest: Double, thickest: Double) -> Double {
        let t = w.isFinite ? min(1, abs(w) / largestParameter) : 1
        return thinnest + (thickest - thinnest) * t
    }

    /// "Input", "hidden" or "output".
    func role(_ l: Int) -> String {
        l == 0 ? "input" : (l == network.outputLayer ? "output" : "hidden")
    }
}

/// A coordinate with at most two decimals and no trailing zeros ("12.5", "300").
func svgNumber(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    if r == r.rounded() { return String(Int(r)) }
    var text = NumberFormat.printf("%.2f", r)
    while text.hasSuffix("0") { text.removeLast() }
    return text
}
