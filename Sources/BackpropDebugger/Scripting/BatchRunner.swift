#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Runs commands without a prompt, from `-c`, `--script` and piped standard input, in the order
/// given, and turns what happens into an exit status.
///
/// The policy, as gdb's command files and `make` have it:
/// - An error stops the rest of its line (`load broken.json; export out.json` never exports the
///   network that was there before), whatever the source.
/// - In `-c` and scripts, the first failed command — an error, or a check that failed (`compare`
///   found a difference, `gradcheck` said FAIL) — stops the whole run, after saying which line
///   and command it was; with `keepGoing` the run goes on with the next line.
/// - Standard input never stops at a failure (a program may be driving it, line by line).
/// - `quit` ends the run. The exit status is 1 when anything failed, else 0.
///
/// Lines come from `LineReader` (as they arrive, at most `LineReader.maximumLength` characters;
/// a longer line or a read error ends its source and is a failure). Nothing here prints: text
/// goes to `write.output`, errors (without "error: ") and notes to `write.error` and `write.note`.
public final class BatchRunner {
    /// Where the runner's words go.
    public struct Writer {
        public var output: (String) -> Void
        public var error: (String) -> Void
        public var note: (String) -> Void

        public init(output: @escaping (String) -> Void, error: @escaping (String) -> Void, note: @escaping (String) -> Void) {
            self.output = output
            self.error = error
            self.note = note
        }
    }

    private let session: Session
    private let keepGoing: Bool
    private let write: Writer
    /// How many commands (or lines that could not be run) failed so far.
    public private(set) var failures = 0
    /// The longest line read, in characters (the fuzz harness makes it short to reach the limit).
    var lineLimit = LineReader.maximumLength

    public init(session: Session, keepGoing: Bool, write: Writer) {
        self.session = session
        self.keepGoing = keepGoing
        self.write = write
    }

    /// Runs every source in order, until the end, `quit`, or a failure that stops the run; returns
    /// the exit status.
    public func run(_ sources: [CommandSource]) -> Int32 {
        let optionCount = sources.filter { if case .commands = $0 { true } else { false } }.count
        var optionNumber = 0
        for (index, source) in sources.enumerated() {
            isLastSource = index == sources.count - 1
            let name: String
            var lines: CommandLines
            var opened: Int32 = -1
            switch source {
            case let .commands(text):
                optionNumber += 1
                name = optionCount > 1 ? "-c number \(optionNumber)" : "-c"
                lines = OptionCommands(text, maximumLength: lineLimit)
            case let .script(path) where path == "-":
                name = "standard input"
                lines = LineReader(descriptor: STDIN_FILENO, maximumLength: lineLimit)
            case let .script(path):
                name = path
                if let problem = source.check() {
                    report(problem)
                    guard keepGoing else { return stop() }
                    continue
                }
                opened = open(path, O_RDONLY | O_CLOEXEC)
                guard opened >= 0 else {
                    report("cannot run the script \(path): \(String(cString: strerror(errno)))")
                    guard keepGoing else { return stop() }
                    continue
                }
                lines = LineReader(descriptor: opened, maximumLength: lineLimit)
            case .standardInput:
                name = "standard input"
                lines = LineReader(descriptor: STDIN_FILENO, maximumLength: lineLimit)
            }
            let outcome = run(&lines, from: source, named: name)
            if opened >= 0 { close(opened) }
            switch outcome {
            case .finished: continue
            case .quit: return status
            case .stopped: return status
            }
        }
        return status
    }

    /// 1 once anything failed, else 0.
    public var status: Int32 { failures > 0 ? 1 : 0 }

    private enum Outcome { case finished, quit, stopped }

    private func run(_ lines: inout CommandLines, from source: CommandSource, named name: String) -> Outcome {
        let stops = source.stopsAtFailure(keepGoing: keepGoing)
        // -c is named by its commands ("command 2 of -c"), a script by its lines.
        let byCommand: Bool
        if case .commands = source { byCommand = true } else { byCommand = false }
        let unit = byCommand ? "command" : "line"
        var commandsBefore = 0
        while true {
            switch lines.next() {
            case .end:
                return .finished
            case let .failed(reason):
                report("cannot read \(name) after \(unit) \(lastNumber): \(reason); the rest of it was not run")
                return stops ? .stopped : .finished
            case let .tooLong(number, excerpt):
                report("\(unit) \(number) of \(name) is longer than \(lineLimit) characters; it and the rest were not run"
                       + "\n(it starts \"\(excerpt)\")")
                return stops ? .stopped : .finished
            case let .line(number, .containsNUL(column, excerpt)):
                lastNumber = number
                report("\(unit) \(number) of \(name) holds a NUL byte (at column \(column)): it was not run"
                       + (excerpt.isEmpty ? "" : "\n(it starts \"\(excerpt)\")"))
                if stops { return stopped(at: number, of: name, unit: unit, command: nil, checkFailed: false, more: lines.hasMore) }
            case let .line(number, .text(line)):
                lastNumber = number
                let outcome = runLine(line, stopAtFailedCheck: stops)
                switch outcome {
                case .ran:
                    break
                case let .failed(index, command, checkFailed, last):
                    if stops {
                        return stopped(at: byCommand ? commandsBefore + index + 1 : number, of: name, unit: unit,
                                       command: command, checkFailed: checkFailed, more: last ? lines.hasMore : true)
                    }
                }
                commandsBefore += session.splitCommands(line).count
                if session.wantsToQuit { return .quit }
            }
        }
    }

    private var lastNumber = 0
    private var isLastSource = true

    private enum LineOutcome {
        case ran
        /// The command at `index` (from 0) in the line failed; `last` when it was the line's last.
        case failed(index: Int, command: String, checkFailed: Bool, last: Bool)
    }

    /// Runs one line's commands in order: an error stops the line; a failed check stops it too
    /// when the run stops at failures.
    private func runLine(_ line: String, stopAtFailedCheck: Bool) -> LineOutcome {
        // An empty line turns a lesson's page; otherwise blank lines do nothing.
        let split = session.splitCommands(line)
        let commands = split.isEmpty && session.isInLesson ? [""] : split
        var firstFailure: LineOutcome?
        for (index, command) in commands.enumerated() {
            let reply = session.execute(command)
            if !reply.text.isEmpty { write.output(reply.text) }
            if let error = reply.error { write.error(error) }
            let last = index == commands.count - 1
            switch reply.status {
            case .success:
                break
            case .failure:
                failures += 1
                let failure = LineOutcome.failed(index: index, command: command, checkFailed: true, last: last)
                if stopAtFailedCheck { return failure }
                if firstFailure == nil { firstFailure = failure }
            case .error:
                failures += 1
                return firstFailure ?? .failed(index: index, command: command, checkFailed: false, last: last)
            }
            if session.wantsToQuit { break }
        }
        return firstFailure ?? .ran
    }

    private func report(_ message: String) {
        failures += 1
        write.error(message)
    }

    private func stop() -> Int32 {
        write.note("stopped; --keep-going runs on after a failure")
        return status
    }

    /// Says where the run stopped, unless it is known that nothing was left to run anyway (the
    /// last command of the last `-c`).
    private func stopped(at number: Int, of name: String, unit: String, command: String?, checkFailed: Bool,
                         more: Bool?) -> Outcome {
        guard more != false || !isLastSource else { return .stopped }
        let what = command.map { " (\(Excerpt.of($0)))" } ?? ""
        write.note("stopped: \(unit) \(number) of \(name) failed\(checkFailed ? " its check" : "")\(what); "
                   + "--keep-going runs on")
        return .stopped
    }
}
