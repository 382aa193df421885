import BackpropCore

/// A debugging session: the network, the example, the stepper's cursor, breakpoints, watches and
/// everything computed so far. It never touches a terminal: commands go in as text and come back
/// as `Reply` values, so tests drive it exactly as a user does.
public final class Session {
    /// What the loaded network is called ("small", "mnist" or a file path).
    public internal(set) var networkName: String
    /// The network being debugged.
    public internal(set) var network: Network
    /// The stepper: the example, the cursor, and every value computed so far.
    public internal(set) var stepper: Stepper
    /// How names are shown.
    public var notation: Notation
    /// Colour, decided by the executable.
    public var style: Style
    /// Where `continue` stops.
    public internal(set) var breakpoints: [Breakpoint] = []
    /// Expressions shown after every step.
    public internal(set) var watches: [String] = []
    /// The steps taken, with what was shown for each (cleared by `reset` and when the example changes).
    public internal(set) var records: [StepRecord] = []
    /// The last whole gradient check (`gradcheck`) run on the current network and example.
    public internal(set) var lastCheck: GradientCheck?
    /// The last one-parameter check (`gradcheck PARAM`): a check with one row.
    public internal(set) var lastParameterCheck: GradientCheck?
    /// The last ε sweep (`gradcheck --sweep`).
    public internal(set) var lastSweep: EpsilonSweep?
    /// The bug planted in the debugger's backward pass (`bug NAME`), or nil. It lives in `stepper`
    /// (and the analytic side of `gradcheck`); training and the cost evaluations never see it.
    /// It stays planted when another network is loaded.
    public var bug: BackpropBug? { stepper.bug }
    /// The MNIST images in use: the shipped sample (read on first use) or a folder given to `data`.
    public internal(set) var digits: DigitData?
    /// The position of the current example among `digits`' test images, when it is one of them.
    public internal(set) var imageIndex: Int?
    /// The last `train` run: every mini-batch's cost and every epoch's results (kept after Ctrl-C).
    public internal(set) var trainingHistory: TrainingHistory?
    /// The settings of the last `train` run and how many images it learnt from.
    public internal(set) var trainingOptions: (options: TrainingOptions, images: Int)?
    /// The last nudges `nudges` showed (for the current network and example).
    public internal(set) var lastNudges: Nudges?
    /// The last average `nudges --average N` showed (for the current network).
    public internal(set) var lastNudgeAverage: NudgeAverage?
    /// The changes `set`, `descend` and `train` made to the network since it was loaded, in order
    /// (shown by `where` and written to exports; `back` takes the latest off again).
    var networkChanges: [NetworkChange.Kind] = []
    /// The changes to the network `back` can undo (steps are undone by the stepper itself).
    var undoHistory = UndoHistory()
    /// The legends already shown in this session (each picture explains its colours once).
    var legendsShown: Set<String> = []
    /// Returns true when the user asked to stop a long computation (Ctrl-C).
    public var isInterrupted: @Sendable () -> Bool = { false }
    /// Receives progress lines for long computations (a progress bar on a terminal).
    public var progress: (String) -> Void = { _ in }
    /// Writes a whole file for `export` and `save`: atomically, through `AtomicFile` (tests put a
    /// failure in between).
    var writeFile: ([UInt8], String, AtomicFile.Options) throws(FileWriteError) -> AtomicFile.Outcome = {
        bytes, path, options throws(FileWriteError) in
        try AtomicFile.write(bytes, to: path, options: options)
    }
    /// The last command that an empty line repeats (step, next, back).
    var repeatable: String?
    /// Set by `quit` (or by the executable at end of input).
    public var wantsToQuit = false
    /// Only data in replies (`backprop -q`): `execute` keeps the text of `export -`, `print` and
    /// `--json` and leaves out every report, so a script's standard output holds nothing but data.
    public var quiet = false

    /// Whether a lesson is running (an empty line then turns its page).
    public var isInLesson: Bool { lessonPosition != nil }

    /// Extra words for the prompt, such as a planted bug or a running lesson ("" when none).
    public var promptNote: String {
        var notes: [String] = []
        if let bug { notes.append("bug: \(bug.rawValue)") }
        if let p = lessonPosition { notes.append("lesson \(p.lesson.number)") }
        return notes.isEmpty ? "" : " " + style.warning(notes.joined(separator: " "))
    }
    /// The guided lessons, read and parsed from the shipped files the first time a lesson command
    /// needs them (not at launch: it would double the startup time), once per process.
    var lessons: [Lesson] { Session.shipped.lessons }
    /// Lesson files that could not be read (shown by `lessons`).
    var lessonErrors: [LessonError] { Session.shipped.errors }
    /// Where the learner is in a lesson, if one is running.
    var lessonPosition: LessonPosition?
    /// The state the running lesson built, kept when it paused; put back when it goes on.
    var lessonSnapshot: LessonSnapshot?
    /// Every command a lesson ran and what it showed, in order (tests compare the pass a lesson shows).
    var lessonRunLog: [String] = []
    /// Commands run by lessons that failed (a lesson that drifted from the code); tests check it stays empty.
    var lessonFailures: [String] = []
    /// Every `average(…)` lesson expressions computed on this network with this bug, by the average and
    /// the images it is over (a check and the next answer often ask for the same mean over a hundred
    /// traces; and an average inside an average is computed once, not once per image).
    var lessonAverages: (network: Network, bug: BackpropBug?, values: [String: Double])?
    /// Where lesson progress is kept between sessions (the executable gives a file-backed store).
    public var progressStore: LessonProgressStore = MemoryProgressStore()

    /// A session on the built-in `small` network and its example, in Ng's notation.
    public init(style: Style = .plain) {
        networkName = "small"
        network = .small
        notation = .ng
        self.style = style
        // The built-in example fits the built-in network by construction.
        stepper = Session.makeStepper(network: .small, example: Network.smallExample)
    }

    static func makeStepper(network: Network, example: Example, bug: BackpropBug? = nil) -> Stepper {
        makeStepper(network: network, batch: Batch(example), bug: bug)
    }

    static func makeStepper(network: Network, batch: Batch, bug: BackpropBug? = nil) -> Stepper {
        do {
            return try Stepper(network: network, batch: batch, bug: bug)
        } catch {
            preconditionFailure("examples are validated before a stepper is made: \(error)")
        }
    }

    /// The examples stepped through, one whole pass each, and how their gradients combine (one
    /// example is a batch of one).
    public var batch: Batch { stepper.batch }
    /// The example being stepped through (in a batch, the one the cursor is in).
    public var example: Example { stepper.trace.example }
    /// The values computed so far.
    public var trace: Trace { stepper.trace }

    /// Replaces the network (and, if given, the example); the cursor goes back to the start.
    /// What was computed on the old network goes (steps, checks, nudges), and what `back` could
    /// undo. The list of changes made to the network starts again unless `keepingChanges` (a
    /// switch of cost keeps it). The training record stays (`train` and `cost NAME` keep the
    /// weights it made); `replace(loading:…)` drops it too.
    func replace(network: Network, name: String, example: Example, keepingChanges: Bool = false) throws(NetworkError) {
        try replace(network: network, name: name, batch: Batch(example), keepingChanges: keepingChanges)
    }

    /// The same, with a batch of examples.
    func replace(network: Network, name: String, batch: Batch, keepingChanges: Bool = false) throws(NetworkError) {
        let stepper = try Stepper(network: network, batch: batch, bug: bug)
        self.network = network
        self.networkName = name
        self.stepper = stepper
        breakpoints.removeAll { $0.layer > network.outputLayer || ($0.neuron ?? 0) >= network.sizes[$0.layer] }
        records = []
        forgetChecks()
        imageIndex = nil
        lastNudges = nil
        lastNudgeAverage = nil
        undoHistory.clear()
        if !keepingChanges { networkChanges = [] }
    }

    /// Makes a network that was loaded (`load`) the session's: everything that belonged to the one
    /// before goes — its steps, checks, nudges, changes and its training record. The user's own
    /// settings stay: the planted bug, watches, breakpoints that still fit, the notation, the MNIST images.
    func replace(loading network: Network, name: String, batch: Batch) throws(NetworkError) {
        try replace(network: network, name: name, batch: batch)
        trainingHistory = nil
        trainingOptions = nil
    }

    /// Starts the pass again on a new example for the same network. The changes `back` could
    /// undo are forgotten: each was made on the old example's pass.
    func replace(example: Example) throws(NetworkError) {
        try replace(batch: Batch(example))
    }

    /// Starts the pass again on a batch of examples for the same network.
    func replace(batch: Batch) throws(NetworkError) {
        stepper = try Stepper(network: network, batch: batch, bug: bug)
        records = []
        forgetChecks()
        imageIndex = nil
        lastNudges = nil
        undoHistory.clear()
    }

    /// Drops the checks made on a network or example that is no longer current.
    func forgetChecks() {
        lastCheck = nil
        lastParameterCheck = nil
        lastSweep = nil
    }

    /// Plants a bug in the backward pass (or removes it with nil), then recomputes the pass up to
    /// where the cursor was, so every value shown comes from the pass now in force.
    func plant(_ newBug: BackpropBug?) {
        let position = stepper.position
        stepper = Session.makeStepper(network: network, batch: batch, bug: newBug)
        records = []
        for _ in 0..<position { _ = takeStep() }
    }

    /// Back to the start of the pass (only the input known), same example.
    func rewind() {
        while stepper.back() != nil {}
        records = []
    }

    /// Takes one step and returns what it computed, as text.
    func takeStep() -> String? {
        guard let step = stepper.step() else { return nil }
        let text = stepText(step)
        records.append(StepRecord(step: step, shown: Session.stripEscapes(text), example: stepper.exampleIndex))
        return text
    }

    /// What a step shows once taken: its arithmetic, and in Ng's notation after a hidden layer's
    /// last δ the bias unit's δ, computed and discarded. The page export writes every step with it
    /// in both notations, so the page shows what the terminal does.
    func stepText(_ step: Step) -> String {
        var text = renderer.render(step)
        if let l = StepRenderer.biasUnitLayer(after: step, network: network, notation: notation) {
            text += "\n" + renderer.biasUnitDelta(layer: l)
        }
        return text
    }

    /// Undoes one step.
    func undoStep() -> Step? {
        guard let step = stepper.back() else { return nil }
        if !records.isEmpty { records.removeLast() }
        return step
    }

    var renderer: StepRenderer {
        StepRenderer(network: network, trace: stepper.trace, notation: notation, style: style, bug: stepper.bug)
    }

    /// The line shown with any table or list of backward values while a bug is planted
    /// (nil when none is): those δs and gradients come from the buggy pass.
    var bugTableMarker: String? {
        guard let bug else { return nil }
        return style.warning("bug planted: \(bug.rawValue)") + style.dim(" — δs and gradients from the buggy pass (`bug off` removes it)")
    }

    var parser: ExpressionParser { ExpressionParser(network: network, notation: notation) }

    /// `text` as a dim line the first time a legend called `key` is asked for in this session, nil after.
    func legendOnce(_ key: String, _ text: String) -> String? {
        guard !legendsShown.contains(key) else { return nil }
        legendsShown.insert(key)
        return style.dim(text)
    }

    /// The one-line legend of the colours of signs, the first time colour shows them in a session
    /// (without colour the arrows and signs say it; nil then, and after the first time).
    func signColourLegend() -> String? {
        guard style.enabled else { return nil }
        return legendOnce("signs", "colours: " + style.positive("blue") + style.dim(" is positive (↑ raise it), ")
                          + style.negative("red") + style.dim(" is negative (↓ lower it)"))
    }

    /// The text without its colour escapes (ESC … m), as stored in `records`. Works on the UTF-8
    /// bytes: ESC and "m" are ASCII, so no multi-byte character is ever split.
    static func stripEscapes(_ s: String) -> String {
        let bytes = s.utf8
        guard bytes.contains(0x1B) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inEscape = false
        for b in bytes {
            if inEscape { if b == UInt8(ascii: "m") { inEscape = false }; continue }
            if b == 0x1B { inEscape = true; continue }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
