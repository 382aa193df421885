import BackpropCore

/// The page `export FILE.html` writes: one file that opens from disk, offline, in any current
/// browser. Everything is inside it — style, script, the diagram (SVG), and the data as two
/// `<script type="application/json">` elements: the trace (exactly what `backward; export
/// FILE.json` writes) and the texts the debugger rendered in both notations. The markup is written
/// in the state of the opening step, so the page reads right before its script runs; the script
/// (`PageScript`) only moves between steps and notations.
struct HTMLPage {
    let content: PageContent

    private var network: Network { content.network }

    /// Text in both notations, each in an element the style shows only in its notation.
    private func both(_ text: (NotationTexts) -> String) -> String {
        bothHTML { HTMLText.escape(text($0)) }
    }

    /// HTML in both notations, as `both`.
    private func bothHTML(_ html: (NotationTexts) -> String) -> String {
        let ng = html(content.text(.ng)), b3 = html(content.text(.threeBlueOneBrown))
        if ng == b3 { return ng }
        return "<span class=\"n-ng\">\(ng)</span><span class=\"n-3b1b\">\(b3)</span>"
    }

    /// How many steps the page has: one pass's for each example.
    private var stepCount: Int { content.exampleCount * network.schedule.count }

    func render() -> String {
        let timeline = StepTimeline(network: network)
        let wide = network.sizes.contains { $0 > FullDiagramSVG.largestLayer }
        var html = head(wide: wide) + header() + "<main>\n" + stage(timeline: timeline, wide: wide)
        html += BatchSection(content: content, timeline: timeline).render()
        html += stepList() + extras() + "</main>\n" + footer()
        return html
    }

    private func head(wide: Bool) -> String {
        let title = "backprop · \(content.networkName): the pass, step by step"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="backprop export FILE.html">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(PageStyle.css)
        </style>
        </head>
        <body class="notation-\(content.notation.rawValue)\(wide ? " wide" : "")">

        """
    }

    /// The title, what is shown (the network, the example or the batch), a planted bug, and the tools.
    private func header() -> String {
        var html = """
        <header>
        <div>
        <h1>Backpropagation, step by step: \(HTMLText.escape(content.networkName))</h1>
        <p class="subtitle">\(both { $0.network })</p>

        """
        html += content.exampleCount == 1
            ? "<p class=\"subtitle\">\(both { $0.examples.first ?? "" })\(guess(0).map { " · " + $0 } ?? "")</p>\n"
            : batchSubtitles()
        if let bug = content.bug {
            html += "<p class=\"bug\"><strong>bug planted: \(HTMLText.escape(bug.rawValue))</strong> — the δs and gradients on this page come from the buggy backward pass.</p>\n"
        }
        return html + """
        </div>
        <div class="tools no-print">
        <fieldset><legend>notation (N)</legend>
        <label><input type="radio" name="notation" value="ng"\(content.notation == .ng ? " checked" : "")> Ng: Θ, layers from 1</label>
        <label><input type="radio" name="notation" value="3b1b"\(content.notation == .threeBlueOneBrown ? " checked" : "")> 3Blue1Brown: w and b, layers from 0</label>
        </fieldset>
        <button type="button" id="projector" aria-pressed="false" aria-keyshortcuts="P">Projector view (P)</button>
        </div>
        </header>

        """
    }

    /// Example e's guess in both notations, for a labelled example.
    private func guess(_ e: Int) -> String? {
        guard (content.text(.ng).guesses[safe: e] ?? nil) != nil else { return nil }
        return both { ($0.guesses[safe: e] ?? nil) ?? "" }
    }

    /// A batch: its size and reduction, then each example on a line shown while its steps are.
    private func batchSubtitles() -> String {
        let m = content.exampleCount
        let reduction = content.batchTrace?.reduction ?? .mean
        var html = "<p class=\"subtitle\">a batch of \(m) examples, stepped one after another; the batch's C and ∇C are "
            + "\(reduction.describe(count: m))</p>\n<p class=\"subtitle\">"
        let opening = content.example(ofStep: content.opening)
        for e in 0..<m {
            html += "<span class=\"example-line\(e == opening ? "" : " elsewhere")\" data-example=\"\(e)\"><strong>example \(e + 1) of \(m)</strong>: "
                + both { $0.examples[safe: e] ?? "" } + (guess(e).map { " · " + $0 } ?? "") + "</span>"
        }
        return html + "</p>\n"
    }

    /// The diagram beside (or above) the step panel: the part a projector shows.
    private func stage(timeline: StepTimeline, wide: Bool) -> String {
        let parts = DiagramParts(network: network, traces: content.traces, timeline: timeline, opening: content.opening)
        let svgBody: String, svgSize: (Double, Double)
        if wide {
            let diagram = WideDiagramSVG(parts: parts)
            (svgBody, svgSize) = (diagram.render(), (diagram.width, diagram.height))
        } else {
            let diagram = FullDiagramSVG(parts: parts)
            (svgBody, svgSize) = (diagram.render(), (1000, diagram.height))
        }
        let opening = content.opening
        let phase = opening > 0 ? network.schedule[(opening - 1) % network.schedule.count].phase.rawValue : "start"
        return """
        <div class="stage" id="stage">
        <figure class="diagram-figure">
        <svg id="diagram" class="\(opening > 0 ? "active" : "")" data-phase="\(phase)" viewBox="0 0 \(svgNumber(svgSize.0)) \(svgNumber(svgSize.1))" role="img" aria-labelledby="diagram-label">
        \(svgBody)
        </svg>
        <figcaption class="legend">\(legend(wide: wide))</figcaption>
        <p id="diagram-label" class="visually-hidden">\(both { $0.diagramDescription })</p>
        </figure>
        \(stepPanel(strip: BatchSection(content: content, timeline: timeline).strip()))
        </div>

        """
    }

    /// The controls and the step's header and text, as the opening step shows them.
    private func stepPanel(strip: String) -> String {
        let (opening, count) = (content.opening, stepCount)
        return """
        <section class="step-panel" aria-labelledby="step-title">
        <div class="controls no-print" role="group" aria-label="step through the pass">
        <button type="button" id="prev" aria-keyshortcuts="ArrowLeft"\(opening == 0 ? " disabled" : "")>◀ Previous</button>
        <button type="button" id="play" aria-pressed="false" aria-keyshortcuts="Space">▶ Play</button>
        <button type="button" id="next" aria-keyshortcuts="ArrowRight"\(opening == count ? " disabled" : "")>Next ▶</button>
        <input type="range" id="slider" min="0" max="\(count)" step="1" value="\(opening)" aria-label="step">
        <output id="position" for="slider">\(opening) / \(count)</output>
        </div>
        <div class="step-body">
        <h2 id="step-title">\(both { $0.titles[safe: opening] ?? "" })</h2>
        <pre id="step-text">\(bothHTML { $0.texts[safe: opening]?.html ?? "" })</pre>
        \(strip)<p id="status" class="visually-hidden" aria-live="polite"></p>
        <p class="keys no-print desk-only"><kbd>←</kbd> <kbd>→</kbd> step · <kbd>Home</kbd> <kbd>End</kbd> first and last · <kbd>Space</kbd> play or pause · <kbd>N</kbd> notation · <kbd>P</kbd> projector view, <kbd>Esc</kbd> leaves it</p>
        <p class="keys no-print projector-only">← → step · Space play · N notation · Esc leaves the projector view</p>
        </div>
        </section>
        """
    }

    /// Every step, as a link to it; the opening one marked.
    private func stepList() -> String {
        var html = "<details class=\"desk-only no-print\" id=\"steps\"><summary>All \(stepCount) steps</summary>\n<ol id=\"step-list\" start=\"0\">\n"
        for i in 0...stepCount {
            let current = i == content.opening ? " aria-current=\"step\"" : ""
            html += "<li><a href=\"#step=\(i)\"\(current)>\(both { "\($0.titles[safe: i] ?? "")  \($0.briefs[safe: i] ?? "")" })</a></li>\n"
        }
        return html + "</ol>\n</details>\n"
    }

    private func footer() -> String {
        let pass = content.exampleCount == 1 ? "<code>backward; export FILE.json</code> writes it"
            : "<code>export FILE.json</code> writes it once every example's pass is done (<code>continue</code>)"
        return """
        <footer class="desk-only">
        <p>Made by <code>backprop</code> (<code>export FILE.html</code>). Every number is the engine's, in the debugger's own words.
        The trace this page shows is inside it, exactly as \(pass):
        <button type="button" id="save-trace" class="no-print">Save the trace as JSON</button></p>
        </footer>
        <script type="application/json" id="trace">\(HTMLText.scriptJSON(content.document))</script>
        <script type="application/json" id="page-data">\(HTMLText.scriptJSON(pageData()))</script>
        <script>
        \(PageScript.js)
        </script>
        </body>
        </html>

        """
    }

    /// The diagram's key, one line: each mark drawn as it is in the diagram (print shows the same).
    private func legend(wide: Bool) -> String {
        let weight = "<span class=\"n-ng\">Θ</span><span class=\"n-3b1b\">w</span>"
        var parts = [
            "<span class=\"key-unit\" style=\"background: \(DiagramParts.shade(0))\"></span><span class=\"key-unit\" style=\"background: \(DiagramParts.shade(0.5))\"></span>"
                + "<span class=\"key-unit\" style=\"background: \(DiagramParts.shade(1))\"></span> activation a from 0 to 1",
            "<span class=\"key-unit pending\"></span> not computed yet",
            "<span class=\"key-line pos\"></span> positive weight \(weight)",
            "<span class=\"key-line neg\"></span> negative weight \(weight), thicker when |\(weight)| is larger",
            "<span class=\"key-unit ring\"></span> the unit this step computes",
        ]
        parts.append(wide ? "bold lines: its strongest weights in" : "<span class=\"n-ng\">+1: bias unit</span><span class=\"n-3b1b\">b: the unit's bias</span>")
        return parts.map { "<span class=\"key\">\($0)</span>" }.joined(separator: " ")
    }

    /// The texts the script shows per step, in both notations, and where the page opens.
    /// `steps` is every step of the page (each example's pass in turn); `perExample` one pass's.
    private func pageData() -> JSON {
        func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }
        return .object([
            (key: "opening", value: .number(Double(content.opening))),
            (key: "notation", value: .string(content.notation.rawValue)),
            (key: "steps", value: .number(Double(stepCount))),
            (key: "perExample", value: .number(Double(network.schedule.count))),
            (key: "examples", value: .number(Double(content.exampleCount))),
            (key: "notations", value: .object(Notation.allCases.map { n in
                let t = content.text(n)
                return (key: n.rawValue, value: .object([
                    (key: "titles", value: strings(t.titles)),
                    (key: "texts", value: .array(t.texts.map(\.json))),
                    (key: "briefs", value: strings(t.briefs)),
                ]))
            })),
        ])
    }

    /// The gradient check, the nudges and the training record, when the session has them.
    private func extras() -> String {
        var html = ""
        func reports(_ id: String, _ heading: String, _ pick: (NotationTexts) -> [(title: String, text: StyledText)]) {
            let ng = pick(content.text(.ng)), b3 = pick(content.text(.threeBlueOneBrown))
            guard !ng.isEmpty else { return }
            html += "<section class=\"extra desk-only\" id=\"\(id)\" aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">\(heading)</h2>\n"
            for (i, report) in ng.enumerated() {
                let other = i < b3.count ? b3[i] : report
                let sameTitle = report.title == other.title
                html += "<h3>" + (sameTitle ? HTMLText.escape(report.title)
                    : "<span class=\"n-ng\">\(HTMLText.escape(report.title))</span><span class=\"n-3b1b\">\(HTMLText.escape(other.title))</span>") + "</h3>\n"
                if report.text == other.text {
                    html += "<pre>\(report.text.html)</pre>\n"
                } else {
                    html += "<pre class=\"n-ng\">\(report.text.html)</pre>\n<pre class=\"n-3b1b\">\(other.text.html)</pre>\n"
                }
            }
            html += "</section>\n"
        }
        reports("gradcheck", "Gradient check: backprop against finite differences") { $0.gradcheck }
        reports("nudges", "Nudges: what this example wants changed") { $0.nudges }
        if let history = content.training {
            html += "<section class=\"extra desk-only\" id=\"training\" aria-labelledby=\"training-heading\"><h2 id=\"training-heading\">Training</h2>\n"
            html += TrainingSection(history: history, options: content.trainingOptions, cost: network.cost).render()
            html += "</section>\n"
        }
        return html
    }
}

extension Array {
    /// The element at `index`, or nil when it is out of range.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
