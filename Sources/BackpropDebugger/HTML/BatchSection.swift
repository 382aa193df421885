import BackpropCore

/// What a page adds for a batch of more than one example (nothing for one example): a strip under
/// the step with each example's cost Cₓ and the batch's C, and a table of each example's cost and
/// gradient beside the batch's, reduced as the session reduces them. Each example's values appear
/// from the step that computes them; the batch's only once every example's pass is done, so no
/// value of one example ever stands for the batch's.
struct BatchSection {
    let content: PageContent
    let timeline: StepTimeline

    /// A batch table lists every parameter up to this many; past it, those with the largest
    /// |∂C/∂θ| for the batch.
    static let mostRows = 24
    static let rankedRows = 10

    private var network: Network { content.network }
    private var m: Int { content.exampleCount }
    /// One pass's steps, and the last step of all (every example's pass done).
    private var perExample: Int { timeline.count }
    private var lastStep: Int { m * perExample }
    private var openingExample: Int { content.example(ofStep: content.opening) }

    /// `data-at` for a value computed at page step `step`, "pending" before it (as the diagram's).
    private func at(_ step: Int, classes: String) -> String {
        let state = step > content.opening ? " pending" : (step == content.opening ? " current" : "")
        return "class=\"\(classes)\(state)\" data-at=\"\(step)\""
    }

    /// `data-marks`: the element is marked ("here") while the page is at example e's steps.
    private func marks(_ e: Int, classes: String) -> String {
        "class=\"\(classes)\(e == openingExample ? " here" : "")\" data-marks=\"\(e)\""
    }

    /// "Cₓ" with x a subscript number: C₁, C₁₂.
    static func subscripted(_ symbol: String, _ n: Int) -> String {
        let digits = Array("₀₁₂₃₄₅₆₇₈₉")
        return symbol + String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    /// The reduction in words and as a formula: "the mean", "C = (1/3)·Σₓ Cₓ".
    private var reduction: Reduction { content.batchTrace?.reduction ?? .mean }

    private func formula(_ symbol: String) -> String {
        reduction == .mean ? "(1/\(m))·Σₓ \(symbol)" : "Σₓ \(symbol)"
    }

    /// The strip under the step: each example's cost, the current example's marked, and the
    /// batch's C once every pass is done. Four significant digits, as the diagram writes values.
    func strip() -> String {
        guard m > 1, let batch = content.batchTrace else { return "" }
        func value(_ x: Double, at step: Int) -> String {
            "<span \(at(step, classes: "v"))>\(HTMLText.escape(NumberFormat.significant(x, 4)))</span>"
        }
        var items = ["<span class=\"strip-title\">batch, C = \(reduction.rawValue) of the Cₓ:</span>"]
        for (e, trace) in content.traces.enumerated() {
            items.append("<span \(marks(e, classes: "strip-item"))>\(Self.subscripted("C", e + 1)) = "
                         + value(trace.cost, at: e * perExample + timeline.cost) + "</span>")
        }
        items.append("<span class=\"strip-total\">→ C = " + value(batch.cost, at: lastStep) + "</span>")
        return "<p class=\"batch-strip\" id=\"batch-strip\">" + items.joined(separator: " ") + "</p>\n"
    }

    /// The table of each example's cost and gradient and the batch's, under the stage.
    func render() -> String {
        guard m > 1, let batch = content.batchTrace else { return "" }
        let parameters = rows(batch.gradient)
        var html = "<section class=\"extra batch desk-only\" id=\"batch\" aria-labelledby=\"batch-heading\">"
            + "<h2 id=\"batch-heading\">The batch: each example's cost and gradient, and the batch's (\(reduction.rawValue))</h2>\n"
        html += "<p>The batch's cost is C = \(formula("Cₓ")) and its gradient ∂C/∂θ = \(formula("∂Cₓ/∂θ")): "
            + "\(reduction.describe(count: m)), x running over them. Each example's column fills in at its own steps; "
            + "the batch's once every example's pass is done (step \(lastStep)).</p>\n"
        if parameters.count < network.parameterCount {
            html += "<p>The \(parameters.count) of \(NumberFormat.grouped(network.parameterCount)) parameters with the largest "
                + "|∂C/∂θ| for the batch (<code>grads</code> ranks them all).</p>\n"
        }
        html += "<div class=\"table-scroll\"><table class=\"batch-table\">\n<thead><tr><th scope=\"col\">value</th>"
        for e in 0..<m { html += "<th scope=\"col\" \(marks(e, classes: "num"))>example \(e + 1)</th>" }
        html += "<th scope=\"col\" class=\"num\">batch (\(reduction.rawValue))</th></tr></thead>\n<tbody>\n"
        html += row(name: "cost C", values: content.traces.map(\.cost), steps: (0..<m).map { $0 * perExample + timeline.cost }, batch: batch.cost)
        for p in parameters {
            let (l, j) = Self.unit(of: p)
            html += row(name: names { $0.gradientName(of: p) }, values: content.traces.map { $0.gradient[p] },
                        steps: (0..<m).map { $0 * perExample + timeline.gradient[l][j] }, batch: batch.gradient[p])
        }
        return html + "</tbody></table></div>\n</section>\n"
    }

    /// One row: the name, each example's value from its step, the batch's from the last step.
    private func row(name: String, values: [Double], steps: [Int], batch: Double) -> String {
        var html = "<tr><th scope=\"row\">\(name)</th>"
        for (e, x) in values.enumerated() {
            html += "<td \(at(steps[e], classes: "num"))>\(HTMLText.escape(NumberFormat.significant(x)))</td>"
        }
        return html + "<td \(at(lastStep, classes: "num total"))>\(HTMLText.escape(NumberFormat.significant(batch)))</td></tr>\n"
    }

    /// A name in both notations, each in a span the page's style shows only in its notation.
    private func names(_ name: (Notation) -> String) -> String {
        let ng = HTMLText.escape(name(.ng)), b3 = HTMLText.escape(name(.threeBlueOneBrown))
        return ng == b3 ? ng : "<span class=\"n-ng\">\(ng)</span><span class=\"n-3b1b\">\(b3)</span>"
    }

    /// The unit (engine layer, neuron) whose gradient step computes ∂C/∂θ.
    static func unit(of p: Parameter) -> (layer: Int, neuron: Int) {
        switch p {
        case let .weight(l, j, _), let .bias(l, j): (l + 1, j)
        }
    }

    /// The parameters the table lists: every one, in the order the pass computes their gradients
    /// (a unit's bias, then its weights, as its gradient step shows them), for a small network;
    /// else the `rankedRows` with the largest |∂C/∂θ| for the batch, largest first (the
    /// parameters' own order on a tie, as `grads` ranks them).
    func rows(_ gradient: Gradient) -> [Parameter] {
        let all = network.parameters
        guard all.count > Self.mostRows else {
            func key(_ p: Parameter) -> (Int, Int) {
                if case let .weight(_, _, k) = p { return (step(of: p), k + 1) }
                return (step(of: p), 0)
            }
            return all.sorted { key($0) < key($1) }
        }
        return all.enumerated().sorted { a, b in
            let (ga, gb) = (abs(gradient[a.element]), abs(gradient[b.element]))
            return ga != gb ? ga > gb : a.offset < b.offset
        }.prefix(Self.rankedRows).map(\.element)
    }

    private func step(of p: Parameter) -> Int {
        let (l, j) = Self.unit(of: p)
        return timeline.gradient[l][j]
    }
}
