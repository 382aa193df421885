import Foundation
import Testing
@testable import BackpropCore
@testable import BackpropDebugger
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `export FILE.html` without a browser: the page is one self-contained file, its embedded trace is
/// the JSON export's, its texts are the debugger's own, its diagram reads back to the engine's
/// values, text from files cannot end a script, and the write is atomic and bounded.
struct HTMLExportTests {
    /// Runs `export FOLDER/page.html` in `s` and returns the file's text.
    static func exportedPage(_ s: Session) throws -> String {
        try inTemporaryDirectory { folder throws in
            let path = folder + "/page.html"
            let reply = s.execute("export \(path)")
            #expect(reply.error == nil, "\(reply.error ?? "")")
            return String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        }
    }

    /// The text inside `<script type="application/json" id="ID">…</script>`.
    static func embedded(_ id: String, in page: String) throws -> String {
        let open = "<script type=\"application/json\" id=\"\(id)\">"
        let start = try #require(page.range(of: open)).upperBound
        let end = try #require(page.range(of: "</script>", range: start..<page.endIndex)).lowerBound
        return String(page[start..<end])
    }

    /// Whether the page holds `text`, reported without printing the whole page.
    static func expect(_ page: String, contains text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = page.contains(text)
        #expect(found, "the page lacks \(text)", sourceLocation: sourceLocation)
    }

    static func expect(_ page: String, lacks text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = page.contains(text)
        #expect(!found, "the page holds \(text)", sourceLocation: sourceLocation)
    }

    static func session(_ commands: String...) -> Session {
        let s = Session()
        for c in commands { #expect(s.execute(c).error == nil, "\(c)") }
        return s
    }

    // MARK: One file, offline

    @Test func thePageReferencesNothingOutsideItself() throws {
        let page = try Self.exportedPage(Self.session("gradcheck"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.hasSuffix("</body>\n</html>\n"))
        for forbidden in ["http:", "https:", "ftp:", "src=", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(",
                          "fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "import(", "sendBeacon", "srcset"] {
            Self.expect(page, lacks: forbidden)
        }
        // Every link is to a place in the page itself.
        var rest = page[...]
        var links = 0
        while let r = rest.range(of: "href=\"") {
            #expect(rest[r.upperBound...].hasPrefix("#"), "a link leaves the page: \(rest[r.upperBound...].prefix(30))")
            links += 1
            rest = rest[r.upperBound...]
        }
        #expect(links == 17, "the 17 entries of the step list (0 to 16)")
        // Style and script are inline, once each; the only other scripts are the two JSON documents.
        #expect(page.components(separatedBy: "<style>").count == 2)
        #expect(page.components(separatedBy: "<script").count == 4)
        #expect(page.components(separatedBy: "<script type=\"application/json\"").count == 3)
    }

    @Test func theScriptAndStyleCannotEndTheirElements() {
        for source in [PageScript.js, PageStyle.css] {
            #expect(!source.contains("</"), "a literal </ would end the element")
            #expect(!source.contains("<!--"))
        }
    }

    // MARK: The trace

    /// The embedded trace against `backward; export -` in a twin session that took the same commands.
    func expectTraceMatchesBackwardExport(_ commands: [String]) throws {
        let s = Session(), twin = Session()
        for c in commands {
            #expect(s.execute(c).error == nil, "\(c)")
            #expect(twin.execute(c).error == nil, "\(c)")
        }
        let before = (position: s.stepper.position, records: s.records.map(\.shown), notation: s.notation)
        let page = try Self.exportedPage(s)
        let embedded = try JSON.parse(try Self.embedded("trace", in: page), limit: 64 << 20)
        #expect(twin.execute("backward").error == nil)
        let exported = try JSON.parse(twin.execute("export -").text, limit: 64 << 20)
        #expect(embedded == exported, "the page's trace is what `backward; export FILE.json` writes after \(commands)")
        // The session itself is where it was: the page's pass was taken and put back.
        #expect(s.stepper.position == before.position && s.records.map(\.shown) == before.records && s.notation == before.notation)
    }

    @Test func theEmbeddedTraceIsTheOneBackwardThenExportWrites() throws {
        try expectTraceMatchesBackwardExport([])
        try expectTraceMatchesBackwardExport(["step 3"])
        try expectTraceMatchesBackwardExport(["step 5", "notation 3b1b", "step 2", "gradcheck", "gradcheck Θ(2)1,2"])
        try expectTraceMatchesBackwardExport(["bug missing-derivative", "gradcheck", "gradcheck --sweep Θ(1)1,1"])
        try expectTraceMatchesBackwardExport(["backward"])
        try expectTraceMatchesBackwardExport(["set Θ(1)1,0 0.4", "descend", "step 2"])
        try expectTraceMatchesBackwardExport(["load mnist", "step 2", "nudges"])
    }

    @Test func aSoftmaxNetworksPageHoldsItsPass() throws {
        try inTemporaryDirectory { folder throws in
            // 2-3-3, ReLU then a softmax output with the log-likelihood (an activation per layer).
            let network = try Network(sizes: [2, 3, 3],
                                      weights: [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.7, -0.1, 0.2], [-0.3, 0.5, 0.1], [0.2, 0.2, -0.4]]],
                                      biases: [[0.1, 0, -0.1], [0.05, -0.05, 0]], activations: [.relu, .softmax], cost: .logLikelihood)
            try NetworkFile.save(network, to: folder + "/softmax.json")
            try expectTraceMatchesBackwardExport(["load \(folder)/softmax.json", "step 4"])
            let page = try Self.exportedPage(Self.session("load \(folder)/softmax.json"))
            Self.expect(page, contains: "(2-3-3, relu/softmax, log-likelihood cost)")
            // The start, then 6 forward steps, the cost, 6 δs and 6 gradient steps.
            #expect(try Self.stepTexts(page, "ng").count == 1 + 6 + 1 + 6 + 6)
        }
    }

    @Test func anExportLeavesTheSessionWhereItWas() throws {
        let s = Self.session("step 7", "break backward 2", "watch a(3)")
        let stepper = s.stepper, records = s.records.map(\.shown), style = s.style
        _ = try Self.exportedPage(s)
        #expect(s.stepper == stepper && s.records.map(\.shown) == records && s.style == style)
        // The next step is the one that was next before the export.
        #expect(s.execute("step").text.contains("[8/16] backward · δ of layer 3, neuron 1"))
    }

    // MARK: The texts are the debugger's

    /// The page data's step texts in one notation, as plain text.
    static func stepTexts(_ page: String, _ notation: String) throws -> [String] {
        let data = try JSON.parse(try embedded("page-data", in: page), limit: 64 << 20)
        let texts = try #require(data["notations"]?[notation]?["texts"]?.array)
        return texts.map { runs in (runs.array ?? []).map { $0[1]?.string ?? "" }.joined() }
    }

    @Test func eachStepShowsWhatTheTerminalShowsInBothNotations() throws {
        for notation in ["ng", "3b1b"] {
            let s = Self.session("notation \(notation)")
            let page = try Self.exportedPage(s)
            #expect(s.execute("backward").error == nil)
            let texts = try Self.stepTexts(page, notation)
            #expect(texts.count == 17)
            #expect(Array(texts.dropFirst()) == s.records.map(\.shown), "the page's \(notation) texts are the records the REPL shows")
            #expect(texts[0] == "only the input is known: x = (0.05, 0.1), y = (1)\nnext: "
                    + (notation == "ng" ? "z(2)1 and a(2)1" : "z(1)0 and a(1)0"))
        }
        // Step 3 of the small network, z(3)1 in Ng's notation (its value is NumPy's, SmallNetworkTests).
        let texts = try Self.stepTexts(try Self.exportedPage(Session()), "ng")
        #expect(texts[3].hasPrefix("z(3)1 = Θ(2)1,0·1 + Θ(2)1,1·a(2)1 + Θ(2)1,2·a(2)2"))
        #expect(texts[3].contains("= 1.10591\na(3)1 = σ(z(3)1)"))
        #expect(texts[4].contains("= 0.568349"))
    }

    @Test func theTerminalsEmphasisBecomesRuns() throws {
        // Style writes ESC[1;36m for a result and ESC[2m for a note (Style.swift).
        let coloured = "z = \u{1B}[1;36m0.3775\u{1B}[0m\u{1B}[2m   (a note)\u{1B}[0m\nnext"
        let runs = StyledText(coloured)
        #expect(runs.runs.map(\.style) == ["", "result", "dim", ""])
        #expect(runs.plain == "z = 0.3775   (a note)\nnext")
        #expect(runs.html == "z = <span class=\"result\">0.3775</span><span class=\"dim\">   (a note)</span>\nnext")
        let data = try JSON.parse(try Self.embedded("page-data", in: try Self.exportedPage(Session())), limit: 1 << 24)
        let first = try #require(data["notations"]?["ng"]?["texts"]?[1]?.array)
        #expect(first.contains { $0[0]?.string == "result" && $0[1]?.string == "0.3775" }, "z(2)1's result is marked")
    }

    // MARK: The diagram reads back

    /// The opening tags of elements with `class="…"` containing `name`.
    static func elements(_ page: String, tag: String, class name: String) -> [Substring] {
        page.components(separatedBy: "<\(tag) ").dropFirst().map { Substring($0.prefix { $0 != ">" }) }
            .filter { attributes in
                guard let r = attributes.range(of: "class=\"") else { return false }
                return attributes[r.upperBound...].prefix { $0 != "\"" }.split(separator: " ").contains(Substring(name))
            }
    }

    @Test func theSmallDiagramDrawsEveryWeightBySignAndSize() throws {
        let page = try Self.exportedPage(Session())
        let edges = Self.elements(page, tag: "line", class: "edge")
        // 2·2 + 2·2 + 2·1 weights and 2 + 2 + 1 bias weights from Ng's +1 units.
        #expect(edges.count == 15)
        #expect(edges.filter { $0.contains("n-ng") }.count == 5)
        // Negative weights: Θ(2)2,2 = −0.55 and Θ(3)1,2 = −0.6 (Network.small); drawn dashed by class.
        #expect(Self.elements(page, tag: "line", class: "neg").count == 2)
        // The thickest line is the largest |w|, 0.7: 1.5 + 7.5·0.7/0.7 = 9.
        #expect(edges.filter { $0.contains("stroke-width=\"9\"") }.count == 1)
        Self.expect(page, contains: "<title>Θ(3)1,1 (Ng), w(3)0,0 (3Blue1Brown) = 0.7</title>")
    }

    @Test func everyLabelOnALineWearsAHaloInThePagesColour() throws {
        let page = try Self.exportedPage(Self.session("load small", "batch add 0.3 0.9 -> 0"))
        // 15 weights' labels, and 15 ∂C/∂w labels for each of the 2 examples.
        #expect(Self.elements(page, tag: "text", class: "w").count == 15)
        #expect(Self.elements(page, tag: "text", class: "w").allSatisfy { $0.contains("class=\"w halo") })
        #expect(Self.elements(page, tag: "text", class: "grad").count == 30)
        #expect(Self.elements(page, tag: "text", class: "grad").allSatisfy { $0.contains("halo") })
        Self.expect(page, contains: "svg .halo { paint-order: stroke; stroke: var(--paper); stroke-width: 7px;")
        // −0.55 (Θ(2)2,2, the level line a(2)2 → a(3)2 at y = 380) is written above its line:
        // its baseline clears the line's upper edge (1.5 + 7.5·0.55/0.7 = 7.39 units wide) by the
        // 4-unit gap at least.
        let label = try #require(page.range(of: ">−0.55</text>"))
        let tag = try #require(page.range(of: "<text", options: .backwards, range: page.startIndex..<label.lowerBound))
        let y = try #require(Double(page[tag.upperBound..<label.lowerBound].components(separatedBy: "y=\"")[1].prefix { $0 != "\"" }))
        #expect(y <= 380 - 7.39 / 2 - 4 + 0.01, "baseline at \(y)")
    }

    @Test func unitsShowOnlyValuesComputedByTheOpeningStep() throws {
        // After 3 steps, a(2)1, a(2)2 and a(3)1 are known; a(3)2 and a(4)1 are not.
        let page = try Self.exportedPage(Self.session("step 3"))
        func value(_ l: Int, _ j: Int) throws -> Substring {
            let start = try #require(page.range(of: "id=\"u-\(l)-\(j)\">")).upperBound
            return page[start...].prefix { $0 != "/" }
        }
        #expect(try value(2, 0).contains("class=\"unit-c current\" data-at=\"3\""))
        #expect(try value(2, 0).contains("fill=\"#"))
        #expect(try value(1, 1).contains("class=\"unit-c\" data-at=\"2\""))
        #expect(try value(2, 1).contains("class=\"unit-c pending\" data-at=\"4\""))
        Self.expect(page, contains: ">0.7514</text>")
        Self.expect(page, contains: "<output id=\"position\" for=\"slider\">3 / 16</output>")
        Self.expect(page, contains: "<a href=\"#step=3\" aria-current=\"step\">")
    }

    @Test func theMNISTPageShowsTheDigitTheLabelAndTheGuessUnderThreeMegabytes() throws {
        let s = Self.session("load mnist")
        let page = try Self.exportedPage(s)
        #expect(page.utf8.count < 3_000_000, "\(page.utf8.count) bytes")
        Self.expect(page, contains: "label 7 · <span class=\"n-ng\">guess 7 (a(4)8 = 0.999 is the largest output) — right</span>"
                    + "<span class=\"n-3b1b\">guess 7 (a(3)7 = 0.999 is the largest output) — right</span>")
        // The 28 × 28 image: one square per pixel with ink (116 of image 0's pixels are not 0, as
        // step 1 of the pass says: "784 terms, 116 with a ≠ 0").
        let image = try #require(page.range(of: "<g class=\"image\" id=\"input-image\">"))
        let imageEnd = try #require(page.range(of: "</g>", range: image.upperBound..<page.endIndex))
        #expect(page[image.upperBound..<imageEnd.lowerBound].components(separatedBy: "<rect x=").count - 1 == 116)
        // 16 + 16 + 10 units, 16·16 + 16·10 faint lines, 8 bold lines into each of the 42 units.
        #expect(Self.elements(page, tag: "g", class: "unit").count == 42 + 2, "and Ng's +1 units of the two hidden layers")
        #expect(Self.elements(page, tag: "line", class: "faint").count == 416)
        #expect(Self.elements(page, tag: "g", class: "strong").count == 42)
        #expect(try Self.stepTexts(page, "3b1b")[1].contains("(784 terms, 116 with a ≠ 0)"))
        // The image lies under the lines, so the bold lines start at their pixels, on it.
        #expect(image.lowerBound < (page.range(of: "<g class=\"edges\">")?.lowerBound ?? page.startIndex))
        // The label mark moves right in the projector view, where the values beside it are larger.
        Self.expect(page, contains: "<text class=\"mark\" x=\"")
        Self.expect(page, contains: "body.projector svg text.mark { transform: translateX(var(--projector-shift, 0px)); }")
        #expect(Self.elements(page, tag: "text", class: "mark").allSatisfy { $0.contains("style=\"--projector-shift: ") })
    }

    @Test func gradcheckNudgesAndTrainingAppearWhenTheSessionHasThem() throws {
        let plain = try Self.exportedPage(Self.session("load mnist"))
        for id in ["gradcheck", "nudges", "training"] { Self.expect(plain, lacks: "id=\"\(id)\"") }
        // Training makes a new network, which forgets checks and nudges of the old one: it comes first.
        let s = Self.session("load mnist", "train --images 200 --batch 20", "gradcheck --sample 30", "nudges")
        let page = try Self.exportedPage(s)
        Self.expect(page, contains: "<section class=\"extra desk-only\" id=\"gradcheck\"")
        Self.expect(page, contains: "verdict: PASS")
        Self.expect(page, contains: "<section class=\"extra desk-only\" id=\"nudges\"")
        Self.expect(page, contains: "<section class=\"extra desk-only\" id=\"training\"")
        Self.expect(page, contains: "<polyline class=\"cost-line\" points=\"")
        Self.expect(page, contains: "<td>1</td>")
        let trained = try #require(s.trainingHistory)
        Self.expect(page, contains: "The cost of each of 10 mini-batches, from \(NumberFormat.significant(trained.batchCosts[0], 3))")
    }

    // MARK: A batch

    /// The opening tag and text of the first `<text>` inside the element with id `id`.
    static func firstText(in page: String, id: String) throws -> (tag: Substring, text: Substring) {
        let start = try #require(page.range(of: "id=\"\(id)\">"), "no element \(id)").upperBound
        let open = try #require(page.range(of: "<text ", range: start..<page.endIndex))
        let close = try #require(page.range(of: ">", range: open.upperBound..<page.endIndex))
        let end = try #require(page.range(of: "<", range: close.upperBound..<page.endIndex))
        return (page[open.upperBound..<close.lowerBound], page[close.upperBound..<end.lowerBound])
    }

    /// The cells of the batch table's row headed `name` (Ng's notation): each `data-at` and text.
    static func batchRow(_ page: String, _ name: String) throws -> [(at: Int, text: Substring)] {
        let head = name.hasPrefix("∂") ? "<th scope=\"row\"><span class=\"n-ng\">\(name)</span>" : "<th scope=\"row\">\(name)</th>"
        let start = try #require(page.range(of: head), "no row \(name)").upperBound
        let end = try #require(page.range(of: "</tr>", range: start..<page.endIndex)).lowerBound
        return page[start..<end].components(separatedBy: "<td ").dropFirst().compactMap { cell in
            guard let at = cell.range(of: "data-at=\""), let close = cell.range(of: "\">"), let stop = cell.range(of: "</td>") else { return nil }
            return (Int(cell[at.upperBound...].prefix { $0 != "\"" }) ?? -1, Substring(cell[close.upperBound..<stop.lowerBound]))
        }
    }

    @Test func aBatchPageHoldsEveryExamplesPassAndTheTraceContinueWrites() throws {
        for commands in [[], ["step 20"], ["break δ(3)1", "continue", "notation 3b1b"], ["batch --sum", "gradcheck"]] {
            let s = BatchCommandTests.session(), twin = BatchCommandTests.session()
            for c in commands {
                #expect(s.execute(c).succeeded && twin.execute(c).succeeded, "\(c)")
            }
            let (stepper, records) = (s.stepper, s.records.map(\.shown))
            let page = try Self.exportedPage(s)
            let embedded = try JSON.parse(try Self.embedded("trace", in: page), limit: 64 << 20)
            #expect(twin.execute("delete all; continue").succeeded && twin.stepper.isFinished)
            #expect(embedded == (try twin.exportedJSON()), "the page's trace is the one written once every pass is done, after \(commands)")
            #expect(s.stepper == stepper && s.records.map(\.shown) == records, "the session is where it was")
        }
        // One example's page has none of a batch's parts.
        let one = try Self.exportedPage(Session())
        for part in ["data-example=\"0", "data-marks=\"0", "id=\"batch-strip\"", "id=\"batch\"", "example 1 of"] { Self.expect(one, lacks: part) }
    }

    @Test func aBatchPagesStepsReadAsTheTerminalPrintsThem() throws {
        for notation in ["ng", "3b1b"] {
            let s = BatchCommandTests.session()
            #expect(s.execute("notation \(notation)").succeeded)
            let page = try Self.exportedPage(s)
            let data = try JSON.parse(try Self.embedded("page-data", in: page), limit: 64 << 20)
            let titles = try #require(data["notations"]?[notation]?["titles"]?.array).map { $0.string ?? "" }
            let texts = try Self.stepTexts(page, notation)
            #expect(titles.count == 49 && texts.count == 49 && data["steps"] == .number(48) && data["perExample"] == .number(16))
            // Each step as `step` prints it in the terminal: its header (which example of how many)
            // and its arithmetic, and under the last step of each example that its pass is done.
            for i in 1...48 {
                #expect(titles[i] + "\n" + texts[i] == s.execute("step").text, "step \(i) in \(notation)")
            }
            #expect(titles[0] == "[0/48] start of the batch: 3 examples, one pass each")
            #expect(texts[0].hasPrefix("only the inputs are known; example 1 of 3 first: x = (0.05, 0.1), y = (1)\nnext: "))
        }
        let titles = try JSON.parse(try Self.embedded("page-data", in: try Self.exportedPage(BatchCommandTests.session())), limit: 1 << 24)
        #expect(titles["notations"]?["ng"]?["titles"]?[17]?.string == "[17/48] example 2 of 3 · forward · layer 2, neuron 1")
    }

    @Test func aBatchPagesNumbersReadBackAsTheSessionsValues() throws {
        let s = BatchCommandTests.session()
        let page = try Self.exportedPage(s)
        #expect(s.execute("continue").succeeded)
        let batch = try #require(s.stepper.batchTrace)
        // Each example's units, in its own group: a(l)j with 4 digits, shown from its forward step
        // (steps 1–2 layer 2, 3–4 layer 3, 5 the output; the example's steps start at 16·e).
        for e in 0..<3 {
            let suffix = e == 0 ? "" : "-x\(e + 1)"
            Self.expect(page, contains: "<g class=\"example\(e == 0 ? "" : " elsewhere")\" data-example=\"\(e)\">")
            for l in 0...3 {
                for j in 0..<s.network.sizes[l] {
                    let (tag, text) = try Self.firstText(in: page, id: "u-\(l)-\(j)\(suffix)")
                    #expect(text == NumberFormat.significant(s.stepper.traces[e].a[l][j], 4), "a of unit \(l),\(j) of example \(e + 1)")
                    if l > 0 { #expect(tag.contains("data-at=\"\(16 * e + [0, 1 + j, 3 + j, 5][l])\"")) }
                }
            }
        }
        // The costs: each example's at its step 6, the batch's at step 48, when every pass is done.
        // NumPy: C₁ = 0.6013293895985543, C₂ = 0.7957787062270965, C₃ = 0.5984969994482645, mean 0.6652016984246384.
        let costs = try Self.batchRow(page, "cost C")
        #expect(costs.map(\.at) == [6, 22, 38, 48])
        #expect(costs.map(\.text) == ["0.601329", "0.795779", "0.598497", "0.665202"])
        Self.expect(page, contains: "C₂ = <span class=\"v pending\" data-at=\"22\">0.7958</span>")
        Self.expect(page, contains: "→ C = <span class=\"v pending\" data-at=\"48\">0.6652</span>")
        // Every parameter's row: each example's ∂Cₓ/∂θ from its gradient step, the batch's mean at 48.
        // The gradient steps: 12 into the output, 13–14 into layer 3, 15–16 into layer 2.
        for p in s.network.parameters {
            let (l, j) = BatchSection.unit(of: p)
            let cells = try Self.batchRow(page, Notation.ng.gradientName(of: p))
            let step = [0, 15 + j, 13 + j, 12][l]
            #expect(cells.map(\.at) == [step, 16 + step, 32 + step, 48])
            #expect(cells.map(\.text) == (s.stepper.traces.map { $0.gradient[p] } + [batch.gradient[p]]).map { Substring(NumberFormat.significant($0)) })
        }
        // NumPy's mean ∂C/∂Θ(3)1,0 = −0.11783668861707375 and ∂C/∂Θ(3)1,1 = −0.08906019372550066.
        #expect(try Self.batchRow(page, "∂C/∂Θ(3)1,0").last?.text == "−0.117837")
        #expect(try Self.batchRow(page, "∂C/∂Θ(3)1,1").last?.text == "−0.0890602")
        Self.expect(page, contains: "The batch's cost is C = (1/3)·Σₓ Cₓ and its gradient ∂C/∂θ = (1/3)·Σₓ ∂Cₓ/∂θ: the mean over 3 examples")
    }

    @Test func aSummedBatchSaysSoAndSumsOnThePage() throws {
        let s = BatchCommandTests.session("--sum")
        let page = try Self.exportedPage(s)
        Self.expect(page, contains: "the batch's C and ∇C are the sum over 3 examples")
        Self.expect(page, contains: "The batch's cost is C = Σₓ Cₓ and its gradient ∂C/∂θ = Σₓ ∂Cₓ/∂θ")
        // NumPy: C₁ + C₂ + C₃ = 1.9956050952739153.
        #expect(try Self.batchRow(page, "cost C").last?.text == "1.99561")
        #expect(page.contains("batch (sum)") && !page.contains("batch (mean)"))
    }

    @Test func anMNISTBatchPageShowsEachDigitAndTheLargestGradients() throws {
        let s = Self.session("load mnist", "batch images 1-3")
        let page = try Self.exportedPage(s)
        #expect(page.utf8.count < 3_000_000, "\(page.utf8.count) bytes")
        // Test images 1, 2 and 3 are a 2, a 1 and a 0: each example's image, label and guess.
        for (e, label) in [2, 1, 0].enumerated() {
            let id = "input-image" + (e == 0 ? "" : "-x\(e + 1)")
            let start = try #require(page.range(of: "<g class=\"image\" id=\"\(id)\">")).upperBound
            let end = try #require(page.range(of: "</g>", range: start..<page.endIndex)).lowerBound
            let ink = s.batch.examples[e].input.filter { $0 > 0 }.count
            #expect(page[start..<end].components(separatedBy: "<rect x=").count - 1 == ink)
            #expect(page[start..<end].contains("input x · label \(label)"))
            Self.expect(page, contains: "<strong>example \(e + 1) of 3</strong>: x = 784 values")
        }
        #expect(Self.elements(page, tag: "g", class: "unit").count == 3 * 42 + 2)
        #expect(Self.elements(page, tag: "line", class: "faint").count == 416, "the weights are drawn once")
        Self.expect(page, contains: "The 10 of 13,002 parameters with the largest |∂C/∂θ| for the batch")
        #expect(page.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 11)
    }

    @Test func aBatchTooLongForAPageGetsAMessageAndNoFile() throws {
        let s = Self.session("load mnist", "batch images 0-10")
        try inTemporaryDirectory { folder throws in
            let reply = s.execute("export \(folder)/big.html")
            #expect(reply.error == "a batch of 11 takes 1,397 steps; a page is made for at most 1,300\n"
                    + "(10 MNIST images, 4.4 MB): a smaller batch makes one; `export FILE.json` writes the trace")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            #expect(s.execute("batch images 0-9; export \(folder)/ten.html").text.contains("every example's pass, 10 × 127 = 1,270 steps"))
        }
    }

    // MARK: Escaping

    @Test func embeddedJSONCannotEndItsScriptOrOpenAComment() throws {
        let nasty = "</script><script>alert(1)</script> <!-- x --> & \u{2028}\u{2029} </SCRIPT"
        let json = JSON.object([(key: "text", value: .string(nasty)), (key: "n", value: .number(0.1))])
        let written = HTMLText.scriptJSON(json)
        for raw in ["</", "<!--", "<", ">", "&", "\u{2028}", "\u{2029}"] { #expect(!written.contains(raw), "\(raw) written raw") }
        #expect(written.contains("\\u003c/script\\u003e") && written.contains("\\u2028\\u2029"))
        #expect(try JSON.parse(written, limit: 1 << 20) == json)
        #expect(HTMLText.escape("<b> & \"q\" 'a'") == "&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;")
    }

    @Test func aNetworksPathIsShownAsTextNeverAsMarkup() throws {
        try inTemporaryDirectory { folder throws in
            // A folder named "<" makes the path hold "</script>": ".../</script><!--x.json".
            try FileManager.default.createDirectory(atPath: folder + "/<", withIntermediateDirectories: false)
            let path = folder + "/</script><!--x\u{2028}.json"
            #expect(Session().execute("save \(Self.quoted(path))").error == nil)
            let s = Self.session("load \(Self.quoted(path))")
            let page = try Self.exportedPage(s)
            #expect(page.components(separatedBy: "</script>").count == 4, "only the page's own three scripts end")
            Self.expect(page, lacks: "<!--")
            Self.expect(page, contains: "&lt;/script&gt;&lt;!--x")
        }
    }

    static func quoted(_ path: String) -> String { "\"" + path + "\"" }

    // MARK: Files and limits

    @Test func aPageThatFailsBeforeTheRenameLeavesTheOldFile() throws {
        try inTemporaryDirectory { folder throws in
            let path = folder + "/page.html"
            try Data("old page".utf8).write(to: URL(fileURLWithPath: path))
            let s = Session()
            s.writeFile = { bytes, path, options throws(FileWriteError) in
                try AtomicFile.write(bytes, to: path, options: options, failBeforeRename: EIO)
            }
            let reply = s.execute("export \(path)")
            #expect(reply.error?.contains(path) == true, "\(reply.error ?? "")")
            #expect(String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self) == "old page")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["page.html"], "no temporary file is left")
        }
    }

    @Test func aNetworkAboveTheLimitGetsAMessageNamingItAndNoFile() throws {
        // 784-128-10: 100,352 + 1,280 weights and 138 biases = 101,770.
        let s = Session()
        let sizes = [784, 128, 10]
        let big = try Network(sizes: sizes, weights: (0..<2).map { l in Array(repeating: Array(repeating: 0.01, count: sizes[l]), count: sizes[l + 1]) },
                              biases: [Array(repeating: 0, count: 128), Array(repeating: 0, count: 10)], activation: .sigmoid, cost: .quadratic)
        try s.replace(network: big, name: "big", example: Example(input: Array(repeating: 0.5, count: 784), target: Array(repeating: 0, count: 10)))
        try inTemporaryDirectory { folder throws in
            let reply = s.execute("export \(folder)/big.html")
            #expect(reply.error == "big has 101,770 weights and biases; a page is made for at most 100,000\n"
                    + "(it would be tens of megabytes): `export FILE.json` writes the trace")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test func noWeightsIsRefusedForAPage() {
        let reply = Session().execute("export page.html --no-weights")
        #expect(reply.error?.hasPrefix("--no-weights is for JSON traces: a page draws every weight") == true)
    }

    @Test func theReplySaysWhatWasWritten() throws {
        try inTemporaryDirectory { folder throws in
            let reply = Session().execute("export \(folder)/small.HTML")
            let size = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/small.HTML")[.size] as? Int)
            #expect(reply.text.hasPrefix("exported the page to \(folder)/small.HTML: the whole pass, 16 steps, \(NumberFormat.grouped(size)) bytes\n"))
        }
    }
}
