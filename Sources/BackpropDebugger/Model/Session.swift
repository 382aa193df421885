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
    /// The last gradient check run on the current network and example.
    public internal(set) var lastCheck: GradientCheck?
    /// Returns true when the user asked to stop a long computation (Ctrl-C).
    public var isInterrupted: @Sendable () -> Bool = { false }
    /// Receives progress lines for long computations (a progress bar on a terminal).
    public var progress: (String) -> Void = { _ in }
    /// The last command that an empty line repeats (step, next, back).
    var repeatable: String?
    /// Set by `quit` (or by the executable at end of input).
    public var wantsToQuit = false

    /// Whether a lesson is running (an empty line then turns its page).
    public var isInLesson: Bool { lessonPosition != nil }

    /// Extra words for the prompt, such as a planted bug or a running lesson ("" when none).
    public var promptNote: String {
        var notes: [String] = []
        if let p = lessonPosition { notes.append("lesson \(p.lesson.number)") }
        return notes.isEmpty ? "" : " " + style.warning(notes.joined(separator: " "))
    }
    /// The guided lessons, read once from the shipped files.
    let lessons: [Lesson]
    /// Lesson files that could not be read (shown by `lessons`).
    let lessonErrors: [LessonError]
    /// Where the learner is in a lesson, if one is running.
    var lessonPosition: LessonPosition?
    /// Commands run by lessons that failed (a lesson that drifted from the code); tests check it stays empty.
    var lessonFailures: [String] = []
    /// Where lesson progress is kept between sessions (the executable gives a file-backed store).
    public var progressStore: LessonProgressStore = MemoryProgressStore()

    /// A session on the built-in `small` network and its example, in Ng's notation.
    public init(style: Style = .plain) {
        networkName = "small"
        network = .small
        notation = .ng
        self.style = style
        (lessons, lessonErrors) = Session.shipped
        // The built-in example fits the built-in network by construction.
        stepper = Session.makeStepper(network: .small, example: Network.smallExample)
    }

    static func makeStepper(network: Network, example: Example) -> Stepper {
        do {
            return try Stepper(network: network, example: example)
        } catch {
            preconditionFailure("examples are validated before a stepper is made: \(error)")
        }
    }

    /// The example being stepped through.
    public var example: Example { stepper.trace.example }
    /// The values computed so far.
    public var trace: Trace { stepper.trace }

    /// Replaces the network (and, if given, the example); the cursor goes back to the start.
    func replace(network: Network, name: String, example: Example) throws(NetworkError) {
        let stepper = try Stepper(network: network, example: example)
        self.network = network
        self.networkName = name
        self.stepper = stepper
        breakpoints.removeAll { $0.layer > network.outputLayer }
        records = []
        lastCheck = nil
    }

    /// Starts the pass again on a new example for the same network.
    func replace(example: Example) throws(NetworkError) {
        stepper = try Stepper(network: network, example: example)
        records = []
        lastCheck = nil
    }

    /// Back to the start of the pass (only the input known), same example.
    func rewind() {
        while stepper.back() != nil {}
        records = []
    }

    /// Takes one step and returns what it computed, as text.
    func takeStep() -> String? {
        guard let step = stepper.step() else { return nil }
        var text = renderer.render(step)
        if notation == .ng, case let .delta(l, k) = step, l < network.outputLayer, l >= 1, k == network.sizes[l] - 1 {
            text += "\n" + renderer.biasUnitDelta(layer: l)
        }
        records.append(StepRecord(step: step, shown: Session.stripEscapes(text)))
        return text
    }

    /// Undoes one step.
    func undoStep() -> Step? {
        guard let step = stepper.back() else { return nil }
        if !records.isEmpty { records.removeLast() }
        return step
    }

    var renderer: StepRenderer {
        StepRenderer(network: network, trace: stepper.trace, notation: notation, style: style)
    }

    var parser: ExpressionParser { ExpressionParser(network: network, notation: notation) }

    static func stripEscapes(_ s: String) -> String {
        var out = ""
        var inEscape = false
        for c in s.unicodeScalars {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
