// Fuzz target `repl`: what a learner types. The input is split into lines (at most 32), which run
// one after another through `Session.execute` on a fresh session, as the REPL runs them.
//
// Safety: the process works in a private temporary folder holding a few network files, so `load`
// has something to read. Only the commands in `allowed` run (a line naming any other command is
// skipped), `save` may write only out.json there, and no argument of `load` or `save` may hold a
// "/". Add new commands to `allowed` once they cannot write outside the folder or run for long.
// Long computations stop as they do on Ctrl-C: `isInterrupted` turns true after 0.5 s.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import BackpropDebugger
import FuzzDriver

/// Commands that neither write files nor run long (beyond what `isInterrupted` stops).
let allowed: Set<String> = [
    "load", "save", "input", "target", "forward", "backward", "cost", "step", "next", "continue",
    "break", "delete", "back", "reset", "where", "watch", "unwatch", "print", "explain", "draw",
    "notation", "gradcheck", "lessons", "lesson", "hint", "show", "skip", "help", "quit",
]

/// The sandbox folder, made once per process and made the working directory.
let sandbox: String = {
    var template = Array("/tmp/backprop-fuzz-repl-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template), chdir(made) == 0 else { fatalError("cannot make the sandbox folder") }
    let folder = String(cString: made)
    let small = NetworkFile.encode(.small)
    let nielsen = """
        {"sizes": [2, 2, 1], "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.7, -0.6]]],
         "biases": [[[0.35], [0.35]], [[0.05]]], "cost": "CrossEntropyCost"}
        """
    let trace = #"{"format": "backprop-trace", "version": 1, "network": "# + String(decoding: small, as: UTF8.self) + "}"
    for (name, bytes) in [("net.json", small), ("nielsen.json", Array(nielsen.utf8)), ("trace.json", Array(trace.utf8)),
                          ("bad.json", Array(#"{"sizes": [2, "#.utf8))] {
        try? AtomicFile.write(bytes, to: name)
    }
    return folder
}()

/// The REPL's word splitting (a copy of `words` in CommandSpec.swift): quotes keep spaces in a word.
func words(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    var quote: Character?
    var inWord = false
    for c in line {
        if let q = quote {
            if c == q { quote = nil } else { current.append(c) }
        } else if c == "\"" || c == "'" {
            quote = c
            inWord = true
        } else if c == " " || c == "\t" {
            if inWord { result.append(current); current = ""; inWord = false }
        } else {
            current.append(c)
            inWord = true
        }
    }
    if inWord { result.append(current) }
    return result
}

/// Whether every command on the line is safe to run here.
func isSafe(_ line: String, session: Session) -> Bool {
    for part in session.splitCommands(line) {
        let w = words(part)
        guard let first = w.first, let command = Commands.find(first) else { continue }
        guard allowed.contains(command.name) else { return false }
        let arguments = w.dropFirst()
        if command.name == "save" && Array(arguments) != ["out.json"] { return false }
        if command.name == "load" && arguments.contains(where: { $0.contains("/") }) { return false }
    }
    return true
}

/// One input: libFuzzer calls this with each input it tries.
func fuzzREPL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = sandbox
    unlink("out.json")
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = Session()
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(500))
    session.isInterrupted = { ContinuousClock.now > deadline }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32) {
        let line = String(line)
        guard isSafe(line, session: session) else { continue }
        _ = session.execute(line)
        session.wantsToQuit = false
    }
    // The session goes on: a plain command still works after whatever came before.
    precondition(session.execute("where").succeeded, "`where` failed after the fuzzed lines")
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzREPL(data, size) })
    }
}
