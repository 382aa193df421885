// Fuzz target `repl`: what a learner types. The input is split into lines (at most 32), which run
// one after another through `Session.execute` on a fresh session, as the REPL runs them.
//
// Safety: the process works in a private temporary folder holding a copy of Tests/Fuzz/Sandbox
// (network files, a trace, a small MNIST folder and broken ones; see its README), so `load`,
// `compare` and `data` have something to read. Only the commands in `allowed` run (a line naming
// any other command is skipped), and `isSafe` keeps every file they name in that folder: `save`
// writes only out.json, `export` only out.json or standard output, and no file or folder named to
// `load`, `compare` or `data` may hold a "/", start with "~" or be "..". Add new commands to
// `allowed` once they cannot touch files outside the folder or run for long.
// Long computations stop as they do on Ctrl-C: `isInterrupted` turns true 0.5 s after the input
// started (gradcheck, train, nudges --average poll it).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import BackpropCore
// `words`, the REPL's own word splitting, is internal (run.sh builds with -enable-testing).
@testable import BackpropDebugger
import FuzzDriver

/// Commands that touch no file outside the sandbox (given `isSafe`) and run for at most about
/// 0.5 s (beyond what `isInterrupted` stops).
let allowed: Set<String> = [
    "load", "save", "export", "compare", "input", "target", "forward", "backward", "cost", "activation", "batch", "step", "next",
    "continue", "break", "delete", "back", "reset", "where", "watch", "unwatch", "print", "explain", "draw",
    "notation", "gradcheck", "grads", "bug", "data", "image", "digit", "accuracy", "nudges", "train",
    "lessons", "lesson", "hint", "show", "skip", "help", "quit",
]

/// Tests/Fuzz/Sandbox in the repository (copied, never written).
let sandboxSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sandbox").path

/// The sandbox folder, made once per process, filled with a copy of Tests/Fuzz/Sandbox and made the
/// working directory.
let sandbox: String = {
    var template = Array("/tmp/backprop-fuzz-repl-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("cannot make the sandbox folder") }
    let folder = String(cString: made) + "/files"
    do { try FileManager.default.copyItem(atPath: sandboxSource, toPath: folder) } catch {
        fatalError("cannot copy \(sandboxSource) to \(folder): \(error)")
    }
    guard chdir(folder) == 0 else { fatalError("cannot enter \(folder)") }
    return folder
}()

/// Whether every command on the line is safe to run here.
func isSafe(_ line: String, session: Session) -> Bool {
    for part in session.splitCommands(line) {
        let w = words(part)
        guard let first = w.first, let command = Commands.find(first) else { continue }
        guard allowed.contains(command.name) else { return false }
        let arguments = w.dropFirst()
        switch command.name {
        case "save":
            if Array(arguments) != ["out.json"] { return false }
        case "export":
            if !arguments.allSatisfy({ ["out.json", "-", "--no-weights"].contains($0) }) { return false }
        case "load", "compare", "data":
            if arguments.contains(where: { $0.contains("/") || $0.hasPrefix("~") || $0 == ".." }) { return false }
        default:
            break
        }
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
