#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropDebugger
import LineEditing

let welcome = """
    backprop — step through backpropagation, one number at a time.
    Loaded: small, Ng's 2-2-2-1 network, with x = (0.05, 0.10) and y = 1.
    Type `step` to compute the first value, `help` for every command, `lesson 1` for a lesson.
    """

/// The folder for history and lesson progress: $BACKPROP_HOME, else ~/.backprop; nil without a home.
func stateDirectory() -> String? {
    if let custom = TerminalInfo.environment("BACKPROP_HOME"), !custom.isEmpty { return custom }
    guard let home = TerminalInfo.environment("HOME"), !home.isEmpty else { return nil }
    return home + "/.backprop"
}

/// Draws progress lines for long computations on standard error, on one line, only on a terminal.
final class ProgressLine {
    private var drawn = false
    private let enabled = isatty(2) == 1
    private var lastDraw: timespec = timespec()

    func draw(_ text: String) {
        guard enabled else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let elapsed = Double(now.tv_sec - lastDraw.tv_sec) + Double(now.tv_nsec - lastDraw.tv_nsec) / 1e9
        guard !drawn || elapsed > 0.05 else { return }
        lastDraw = now
        let width = max(20, TerminalInfo.width() - 1)
        fputs("\r\u{1B}[K" + String(text.prefix(width)), stderr)
        fflush(stderr)
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        fputs("\r\u{1B}[K", stderr)
        fflush(stderr)
        drawn = false
    }
}

/// The read-eval-print loop; `notice` (such as what `--data` read) is shown after the welcome.
func runInteractive(session: Session, notice: String? = nil) {
    Interrupt.install()
    let directory = stateDirectory()
    if let directory { _ = mkdir(directory, 0o755) }
    let editor = LineEditor(historyFile: directory.map { $0 + "/history" })
    let progressStore = directory.map { FileProgressStore(path: $0 + "/lessons") }
    if let progressStore { session.progressStore = progressStore }
    /// Says once why history or lesson progress is not kept between sessions.
    func tellFileProblems() {
        for problem in [editor.takeHistoryProblem(), progressStore?.takeProblem()].compactMap({ $0 }) {
            writeNote(problem, style: session.style)
        }
    }
    editor.completer = { line, cursor in session.completions(for: String(line.prefix(cursor))) }
    let progress = ProgressLine()
    session.isInterrupted = { Interrupt.requested }
    session.progress = { progress.draw($0) }
    if !session.quiet {
        writeOut(session.style.bold(welcome))
        if let notice { writeOut(notice) }
    }
    tellFileProblems()
    while !session.wantsToQuit {
        let prompt = session.style.bold("(backprop") + session.promptNote + session.style.bold(") ")
        switch editor.readLine(prompt: prompt) {
        case .endOfInput:
            _ = StandardStreams.write("\n", to: STDOUT_FILENO)
            session.wantsToQuit = true
        case .interrupted:
            continue
        case let .line(line):
            Interrupt.reset()
            let commands = session.splitCommands(line)
            for command in commands.isEmpty ? [line] : commands {
                let reply = session.execute(command)
                progress.clear()
                if Interrupt.requested { _ = StandardStreams.write("\n", to: STDOUT_FILENO) }
                writeOut(reply.text)
                if let error = reply.error { writeError(error, style: session.style) }
                if session.wantsToQuit { break }
            }
            tellFileProblems()
        }
    }
    editor.restore()
}
