import BackpropCore

/// Everything one page shows, gathered from a session: the whole pass (every example's, for a
/// batch), the trace document the page embeds, and every text in both notations, rendered by the
/// debugger's own renderers.
struct PageContent {
    let networkName: String
    let network: Network
    /// Each example's whole pass, in the batch's order (one trace for one example).
    let traces: [Trace]
    /// For a batch of more than one example: the batch's cost and gradient, reduced as the session
    /// reduces them (`Stepper.batchTrace`). Nil for one example.
    let batchTrace: BatchTrace?
    /// The trace document, exactly as `export FILE.json` writes it once every pass is done.
    let document: JSON
    /// The step the page opens at: where the session's cursor was.
    let opening: Int
    /// The session's notation, which the page starts in.
    let notation: Notation
    let texts: [Notation: NotationTexts]
    let bug: BackpropBug?
    /// The last `train` run's record and its settings, when there was one.
    let training: TrainingHistory?
    let trainingOptions: (options: TrainingOptions, images: Int)?

    /// The first example's pass (the only one, unless the page shows a batch).
    var trace: Trace { traces[0] }
    /// How many examples: 1, or the batch's size.
    var exampleCount: Int { traces.count }
    /// The example of page step `n` (0 is the start): that of the last step taken, the first at
    /// the start. Steps run through each example's pass in turn.
    func example(ofStep n: Int) -> Int { n == 0 ? 0 : (n - 1) / network.schedule.count }

    func text(_ notation: Notation) -> NotationTexts {
        texts[notation] ?? NotationTexts()
    }
}

/// The page's texts in one notation.
struct NotationTexts {
    /// Per step, 0 (the start) to the last of the last example: the header the debugger prints
    /// over a step ("[3/16] forward · layer 2, neuron 1", in a batch "[19/48] example 2 of 3 · …"),
    /// what the terminal prints for it, and its results in one line.
    var titles: [String] = []
    var texts: [StyledText] = []
    var briefs: [String] = []
    /// "small (2-2-2-1, sigmoid, cross-entropy cost)", and each example as `where` says it.
    var network = ""
    var examples: [String] = []
    /// For a labelled example: the network's guess and whether it is right (one per example).
    var guesses: [String?] = []
    /// The reports `gradcheck` and `nudges` printed, as the terminal shows them (no colour).
    var gradcheck: [(title: String, text: StyledText)] = []
    var nudges: [(title: String, text: StyledText)] = []
    /// What the diagram shows, in words, for the text alternative and the legend.
    var diagramDescription = ""
}

extension Session {
    /// The most weights and biases a page is made for: every weight is drawn or embedded, and
    /// MNIST's 13,002 make a page of about 1 MB; a hundred thousand make several.
    static let pageParameterLimit = 100_000
    /// The most steps a page is made for: every step's arithmetic is embedded in both notations, and
    /// MNIST's 127 steps take most of its 0.9 MB. A batch multiplies them by its size: a batch of 10
    /// MNIST images (1,270 steps) makes 4.4 MB, one of 81 of `small`'s examples (1,296) 2.7 MB.
    static let pageStepLimit = 1_300

    /// The page's content, computed on the session's own state and then put back exactly: the rest
    /// of the pass is taken as `backward` takes it — for a batch, every example's pass, as
    /// `continue` takes it when no breakpoint stops it — so the embedded trace is the one
    /// `export FILE.json` writes after that, and the session's cursor, steps, notation, style and
    /// the legends it has shown are unchanged.
    func pageContent() throws(CommandError) -> PageContent {
        try checkPageSize()
        let saved = (stepper: stepper, records: records, notation: notation, style: style, legends: legendsShown)
        defer {
            stepper = saved.stepper
            records = saved.records
            notation = saved.notation
            style = saved.style
            legendsShown = saved.legends
        }
        while takeStep() != nil {}
        let document = traceDocument(includeWeights: true)
        let (traces, batchTrace) = (stepper.traces, batch.count > 1 ? stepper.batchTrace : nil)
        // Colour on, to read the terminal's emphasis back (`StyledText`); plain where it is not wanted.
        style = Style(enabled: true)
        var texts: [Notation: NotationTexts] = [:]
        for n in Notation.allCases {
            notation = n
            texts[n] = notationTexts()
        }
        return PageContent(networkName: networkName, network: network, traces: traces, batchTrace: batchTrace,
                           document: document, opening: saved.stepper.position, notation: saved.notation, texts: texts,
                           bug: bug, training: trainingHistory, trainingOptions: trainingOptions)
    }

    /// Refuses a page that would be tens of megabytes: every weight is drawn and embedded, and
    /// every example of a batch adds its own pass (its values and every step's arithmetic).
    private func checkPageSize() throws(CommandError) {
        let count = network.parameterCount
        guard count <= Session.pageParameterLimit else {
            throw CommandError("\(networkName) has \(NumberFormat.grouped(count)) weights and biases; a page is made for at most "
                               + "\(NumberFormat.grouped(Session.pageParameterLimit))\n(it would be tens of megabytes): "
                               + "`export FILE.json` writes the trace")
        }
        let steps = stepper.stepCount
        guard steps <= Session.pageStepLimit else {
            throw CommandError("a batch of \(batch.count) takes \(NumberFormat.grouped(steps)) steps; a page is made for at most "
                               + "\(NumberFormat.grouped(Session.pageStepLimit))\n(10 MNIST images, 4.4 MB): a smaller batch makes one; "
                               + "`export FILE.json` writes the trace")
        }
    }

    /// Every text of the page in the current notation (the session's colour is on meanwhile): the
    /// pass is taken again from the start, step by step, so each step's text is the one the
    /// terminal prints for it, from its own example's values.
    private func notationTexts() -> NotationTexts {
        var t = NotationTexts()
        let plain = Session.stripEscapes
        let m = batch.count
        rewind()
        t.titles = [m == 1 ? "[0/\(stepper.stepCount)] start of the pass"
                    : "[0/\(stepper.stepCount)] start of the batch: \(m) examples, one pass each"]
        t.texts = [StyledText(startText())]
        t.briefs = [m == 1 ? "only the input is known" : "only the inputs are known"]
        while let text = takeStep(), let step = stepper.last {
            t.titles.append(plain(header(for: step, position: stepper.position)))
            // As `step` prints it: in a batch, the end of each example's pass is said under its last step.
            t.texts.append(StyledText(m > 1 && stepper.isExampleFinished ? text + "\n" + endOfPassNote() : text))
            t.briefs.append(briefLine(step))
        }
        t.network = "\(networkName) (\(network.shapeDescription))"
        t.examples = batch.examples.map { plain(describe($0)) }
        t.guesses = stepper.traces.map(guessLine)
        addReports(to: &t)
        t.diagramDescription = diagramDescription()
        return t
    }

    /// A step's results in one line, pairs of cells joined: "z(2)1 = 0.3775 a(2)1 = 0.59327".
    private func briefLine(_ step: Step) -> String {
        let cells = brief(step).map(Session.stripEscapes)
        return stride(from: 0, to: cells.count, by: 2).map { i in
            i + 1 < cells.count ? cells[i] + " " + cells[i + 1] : cells[i]
        }.joined(separator: ", ")
    }

    /// For a labelled example: "guess 7 (a(3)7 = 0.999 is the largest output) — right".
    private func guessLine(_ trace: Trace) -> String? {
        guard let label = trace.example.label else { return nil }
        let guess = Network.argmax(trace.output)
        let name = notation.name("a", layer: network.outputLayer, neuron: guess)
        return "guess \(guess) (\(name) = \(NumberFormat.significant(trace.output[guess], 3)) is the largest output) — "
            + (guess == label ? "right" : "wrong, the label is \(label)")
    }

    /// The gradient check and nudges reports the session has, as the terminal prints them.
    private func addReports(to t: inout NotationTexts) {
        if let check = lastCheck {
            t.gradcheck.append(("every parameter", StyledText(GradientCheckReport(check: check, network: network, notation: notation, style: style).render())))
        }
        if let check = lastParameterCheck, let traced = try? network.trace(example, bug: bug) {
            let name = check.rows.first.map { notation.name(of: $0.parameter) } ?? "one parameter"
            t.gradcheck.append((name, StyledText(ParameterCheckReport(check: check, network: network, trace: traced, notation: notation, style: style, bug: bug).render())))
        }
        if let sweep = lastSweep {
            t.gradcheck.append(("ε sweep for \(notation.name(of: sweep.parameter))", StyledText(SweepReport(sweep: sweep, notation: notation, style: style, bug: bug).render())))
        }
        if let nudges = lastNudges {
            t.nudges.append(("\(currentExampleName), neuron \(notation.name("a", layer: nudges.layer, neuron: nudges.neuron))",
                             StyledText(NudgesReport(nudges: nudges, session: self, exampleName: currentExampleName).render())))
        }
        if let average = lastNudgeAverage {
            t.nudges.append(("averaged over \(average.examples.count) images",
                             StyledText(NudgeAverageReport(average: average, session: self, setName: digits?.testDescription ?? "the test images").render())))
        }
    }

    /// Step 0: what is known before the first step.
    private func startText() -> String {
        var lines = [batch.count == 1 ? "only the input is known: " + exampleDescription()
                     : "only the inputs are known; example 1 of \(batch.count) first: " + exampleDescription()]
        if let next = stepper.schedule.first { lines.append("next: " + nextDescription(next)) }
        if batch.count > 1 {
            lines.append("each example's pass in turn, then the batch's C and ∇C: " + batch.reduction.describe(count: batch.count))
        }
        return lines.joined(separator: "\n")
    }

    /// The diagram in words: its layers, and what its shapes and lines stand for.
    private func diagramDescription() -> String {
        let L = network.outputLayer
        let wide = network.sizes.contains { $0 > FullDiagramSVG.largestLayer }
        let layers = (0...L).map { l in
            "layer \(notation.layer(l)) (\(l == 0 ? "input" : l == L ? "output" : "hidden")) with \(network.sizes[l]) unit\(network.sizes[l] == 1 ? "" : "s")"
        }
        var text = "The \(network.sizes.map(String.init).joined(separator: "-")) network, input on the left: " + layers.joined(separator: ", ") + ". "
        if wide, WideDiagramSVG.imageSide(inputs: network.sizes[0]) != nil {
            text += "The input is drawn as an image, darker where the pixel is larger. "
        }
        text += "Each circle is a unit, filled darker the larger its activation, which is written "
            + (wide ? "beside it" : "in it, with z and δ under it") + " once the step that computes it is reached. "
        let weight = notation == .ng ? "Θ" : "w"
        text += wide
            ? "Lines between the columns are weights \(weight): solid blue when positive, dashed orange when negative, thicker when larger; "
                + "the strongest weights into the unit the current step computes are drawn bold. "
            : "Each line is a weight \(weight), labelled with its value: solid blue when positive, dashed orange when negative, thicker when larger; "
                + "at a gradient step the lines into the unit are labelled with ∂C/∂\(weight) instead, in bold. "
        text += notation == .ng
            ? "The +1 circles are bias units (Ng's notation): the weights leaving them, Θ(l)i,0, are the biases. "
            : (wide ? "" : "Each unit's bias b is written after its name. ")
        text += "The unit the current step computes has a thick ring, and the lines that step uses stand out."
        if batch.count > 1 {
            text += " The batch's \(batch.count) examples share the weights; the units show the values of the example "
                + "the current step belongs to."
        }
        return text
    }
}
