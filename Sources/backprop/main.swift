#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropDebugger

let version = "backprop 0.1.0"

func writeOut(_ s: String) {
    guard !s.isEmpty else { return }
    print(s)
    fflush(stdout)
}

func writeError(_ s: String, style: Style) {
    let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
    var text = style.error("error:") + " " + (lines.first.map(String.init) ?? "")
    if lines.count > 1 { text += "\n" + lines.dropFirst().joined(separator: "\n") }
    fputs(text + "\n", stderr)
    fflush(stderr)
}

let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fputs("backprop: \(error.message)\n\(Options.usage)\n", stderr)
    exit(2)
}
if options.showHelp { print(Options.usage); exit(0) }
if options.showVersion { print(version); exit(0) }

let interactive = options.commands == nil && options.script == nil && isatty(0) == 1
let colorPolicy = TerminalInfo.colorPolicy()
let session = Session(style: Style(enabled: colorPolicy.isEnabled && !options.noColor))
var startupNotice: String?
if let folder = options.data {
    let reply = session.useData(folder: folder)
    if let error = reply.error {
        writeError(error + "\n(from --data \(folder))", style: session.style)
        exit(2)
    }
    startupNotice = reply.text
}

/// Runs lines non-interactively; returns the exit status.
func runBatch(_ lines: [String]) -> Int32 {
    var status: Int32 = 0
    for line in lines {
        // Each command of a line runs even when an earlier one failed; the status remembers the failure.
        // An empty line turns a lesson's page; otherwise blank lines in scripts do nothing.
        let commands = session.splitCommands(line)
        for command in commands.isEmpty && session.isInLesson ? [""] : commands {
            let reply = session.execute(command)
            writeOut(reply.text)
            if let error = reply.error { writeError(error, style: session.style) }
            // A failed check (compare found a difference, gradcheck said FAIL) fails the run too.
            status = max(status, reply.status.exitStatus)
            if session.wantsToQuit { return status }
        }
    }
    return status
}

if let commands = options.commands {
    exit(runBatch([commands]))
}
if let script = options.script {
    guard let file = fopen(script, "r") else {
        fputs("backprop: cannot open script \(script): \(String(cString: strerror(errno)))\n", stderr)
        exit(2)
    }
    var lines: [String] = []
    while let line = readLineFrom(file) { lines.append(line) }
    fclose(file)
    exit(runBatch(lines))
}
if !interactive {
    var lines: [String] = []
    while let line = readLine() { lines.append(line) }
    exit(runBatch(lines))
}

runInteractive(session: session, notice: startupNotice)
