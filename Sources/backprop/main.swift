#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import BackpropDebugger

// Before anything opens a file: a closed standard stream is held by /dev/null, unusable.
StandardStreams.secure()
StandardStreams.defaultBrokenPipe()

let version = "backprop 0.1.0"

/// Ends the program after a write to standard output failed: quietly when its reader has gone
/// (as `cat` does), else saying why (a full disk, a closed descriptor).
func outputFailed(_ code: Int32) -> Never {
    if code != EPIPE {
        _ = StandardStreams.write("backprop: cannot write standard output: \(String(cString: strerror(code)))\n",
                                  to: STDERR_FILENO)
    }
    exit(1)
}

func writeOut(_ s: String) {
    guard !s.isEmpty else { return }
    if let code = StandardStreams.write(s + "\n", to: STDOUT_FILENO) { outputFailed(code) }
}

/// "error: " and the message, each line that would pass 100 columns broken at spaces.
func writeError(_ s: String, style: Style) {
    let lines = Session.fitted(s, after: "error: ").split(separator: "\n", omittingEmptySubsequences: false)
    var text = style.error("error:") + " " + (lines.first.map(String.init) ?? "")
    if lines.count > 1 { text += "\n" + lines.dropFirst().joined(separator: "\n") }
    _ = StandardStreams.write(text + "\n", to: STDERR_FILENO)
}

/// A note on standard error ("backprop: cannot write …; history is kept for this session only"):
/// where it would pass 100 columns, what follows its last "; " goes on a line of its own.
func writeNote(_ s: String, style: Style) {
    var text = "backprop: " + s
    if text.count > 100, !text.contains("\n"), let cut = text.range(of: "; ", options: .backwards) {
        text = text[..<cut.lowerBound] + ";\n  " + text[cut.upperBound...]
    }
    _ = StandardStreams.write(style.dim(text) + "\n", to: STDERR_FILENO)
}

let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    _ = StandardStreams.write("backprop: \(error.message)\n\(Options.usage)\n", to: STDERR_FILENO)
    exit(2)
}
if options.showHelp { writeOut(Options.usage); exit(0) }
if options.showVersion { writeOut(version); exit(0) }
// A script that cannot be run is a bad argument: refused before anything runs.
for source in options.sources {
    if let problem = source.check() {
        _ = StandardStreams.write("backprop: \(problem)\n", to: STDERR_FILENO)
        exit(2)
    }
}

let interactive = options.sources.isEmpty && isatty(STDIN_FILENO) == 1
// Ctrl-C at a terminal cancels a command (Interrupt); anywhere else it ends the program, as
// SIGTERM and SIGHUP do, removing the temporary file of a write it interrupts.
EndingSignals.install(interrupt: !interactive)
let colorPolicy = TerminalInfo.colorPolicy()
let session = Session(style: Style(enabled: colorPolicy.isEnabled && !options.noColor))
session.quiet = options.quiet
var startupNotice: String?
if let folder = options.data {
    let reply = session.useData(folder: folder)
    if let error = reply.error {
        writeError(error + "\n(from --data \(folder))", style: session.style)
        exit(2)
    }
    startupNotice = reply.text
}

if !interactive {
    let runner = BatchRunner(session: session, keepGoing: options.keepGoing, write: BatchRunner.Writer(
        output: { writeOut($0) },
        error: { writeError($0, style: session.style) },
        note: { writeNote($0, style: session.style) }))
    exit(runner.run(options.sources.isEmpty ? [.standardInput] : options.sources))
}

runInteractive(session: session, notice: startupNotice)
