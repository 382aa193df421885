import BackpropCore

/// Everything one page shows, gathered from a session: the whole pass, the trace document the
/// page embeds, and every text in both notations, rendered by the debugger's own renderers.
struct PageContent {
    let networkName: String
    let network: Network
    /// The whole pass (every step taken).
    let trace: Trace
    /// The trace document, exactly as `backward; export FILE.json` writes it.
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

    func text(_ notation: Notation) -> NotationTexts {
        texts[notation] ?? NotationTexts()
    }
}

/// The page's texts in one notation.
struct NotationTexts {
    /// Per step, 0 (the start) to the last: the header the debugger prints over a step
    /// ("[3/16] forward · layer 2, neuron 1"), its arithmetic, and its results in one line.
    var titles: [String] = []
    var texts: [StyledText] = []
    var briefs: [String] = []
    /// "small (2-2-2-1, sigmoid, cross-entropy cost)" and the example as `where` says it.
    var network = ""
    var example = ""
    /// For a labelled example: the network's guess and whether it is right.
    var guess: String?
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

    /// The page's content, computed on the session's own state and then put back exactly: the rest
    /// of the pass is taken as `backward` takes it, so the embedded trace is the one
    /// `backward; export FILE.json` writes, and the session's cursor, steps, notation, style and the
    /// legends it has shown are unchanged.
    func pageContent() throws(CommandError) -> PageContent {
        let count = network.parameterCount
        guard count <= Session.pageParameterLimit else {
            throw CommandError("\(networkName) has \(NumberFormat.grouped(count)) weights and biases; a page is made for at most "
                               + "\(NumberFormat.grouped(Session.pageParameterLimit)) (it would be tens of megabytes). `export FILE.json` writes the trace")
        }
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
        // Colour on, to read the terminal's emphasis back (`StyledText`); plain where it is not wanted.
        style = Style(enabled: true)
        var texts: [Notation: NotationTexts] = [:]
        for n in Notation.allCases {
            notation = n
            texts[n] = notationTexts()
        }
        return PageContent(networkName: networkName, network: network, trace: trace, document: document,
                           opening: saved.stepper.position, notation: saved.notation, texts: texts, bug: bug,
                           training: trainingHistory, trainingOptions: trainingOptions)
    }

    /// Every text of the page in the current notation (the session's colour is on meanwhile).
    private func notationTexts() -> NotationTexts {
        var t = NotationTexts()
        let schedule = stepper.schedule
        let plain = Session.stripEscapes
        t.titles = ["[0/\(schedule.count)] start of the pass"]
            + schedule.enumerated().map { plain(header(for: $1, position: $0 + 1)) }
        t.texts = [StyledText(startText())] + schedule.map { StyledText(stepText($0)) }
        t.briefs = ["only the input is known"] + schedule.map { step in
            let cells = brief(step).map(plain)
            return stride(from: 0, to: cells.count, by: 2).map { i in
                i + 1 < cells.count ? cells[i] + " " + cells[i + 1] : cells[i]
            }.joined(separator: ", ")
        }
        t.network = "\(networkName) (\(network.shapeDescription))"
        t.example = plain(exampleDescription())
        if let label = example.label {
            let L = network.outputLayer
            let guess = Network.argmax(trace.output)
            t.guess = "guess \(guess) (\(notation.name("a", layer: L, neuron: guess)) = \(NumberFormat.significant(trace.output[guess], 3)) is the largest output) — "
                + (guess == label ? "right" : "wrong, the label is \(label)")
        }
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
        t.diagramDescription = diagramDescription()
        return t
    }

    /// Step 0: what is known before the first step.
    private func startText() -> String {
        var lines = ["only the input is known: " + exampleDescription()]
        if let next = stepper.schedule.first { lines.append("next: " + nextDescription(next)) }
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
        return text
    }
}
