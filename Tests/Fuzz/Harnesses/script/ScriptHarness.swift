// Fuzz target `script`: the bytes of a script or of piped standard input, as `backprop --script`,
// `-c` and `cat … | backprop` run them: `BatchRunner` reading lines with `LineReader` (as they
// arrive, NUL bytes, CR LF, invalid UTF-8, over-long lines, a last line without its newline) and
// applying the exit-status policy.
//
// The first byte chooses how: bit 0 `--keep-going`; bits 1–2 the source (a file, a pipe through
// /dev/fd, the same bytes as `-c`, or a file then a `-c`). The line limit is 200 characters so that
// inputs of a few kilobytes reach it. Lines that would touch files outside the sandbox or run long
// (the repl harness's rule, copied) become comments before the bytes are written; a line holding a
// NUL is kept as it is (the reader refuses it whole).
//
// Checked for every input, besides "never trap": the exit status is 0 or 1, 1 exactly when
// something failed; every error and note is at most a few lines of bounded length (excerpts, never
// the input); and the session still answers a plain command afterwards.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import BackpropCore
@testable import BackpropDebugger
import FuzzDriver

let allowed: Set<String> = [
    "load", "save", "export", "compare", "input", "target", "forward", "backward", "cost", "step", "next",
    "continue", "break", "delete", "back", "reset", "where", "watch", "unwatch", "print", "explain",
    "notation", "gradcheck", "grads", "bug", "lessons", "lesson", "hint", "show", "skip", "help", "quit",
]

/// Tests/Fuzz/Sandbox in the repository (copied, never written).
let sandboxSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sandbox").path

/// The sandbox folder, made once per process and made the working directory.
let sandbox: String = {
    var template = Array("/tmp/backprop-fuzz-script-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("cannot make the sandbox folder") }
    let folder = String(cString: made) + "/files"
    do { try FileManager.default.copyItem(atPath: sandboxSource, toPath: folder) } catch {
        fatalError("cannot copy \(sandboxSource) to \(folder): \(error)")
    }
    guard chdir(folder) == 0 else { fatalError("cannot enter \(folder)") }
    return folder
}()

/// Whether every command on the line is safe to run here (see the repl harness).
func isSafe(_ line: String, session: Session) -> Bool {
    if let (_, _) = unclosedQuote(line) { return true }   // refused before it runs
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
        case "load", "compare":
            if arguments.contains(where: { $0.contains("/") || $0.hasPrefix("~") || $0 == ".." }) { return false }
        default:
            break
        }
    }
    return true
}

/// The input's lines with every unsafe one replaced by a comment, bytes otherwise unchanged.
func sanitized(_ bytes: ArraySlice<UInt8>, session: Session) -> [UInt8] {
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    return Array(lines.map { line -> [UInt8] in
        if line.contains(0) { return Array(line) }
        return isSafe(String(decoding: line, as: UTF8.self), session: session) ? Array(line) : Array("#".utf8)
    }.joined(separator: [UInt8(ascii: "\n")]))
}

/// One input: libFuzzer calls this with each input it tries.
func fuzzScript(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = sandbox
    unlink("out.json")
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = input.first else { return 0 }
    let session = Session()
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(500))
    session.isInterrupted = { ContinuousClock.now > deadline }
    let script = sanitized(input.dropFirst(), session: session)

    var messages: [String] = []
    var outputs = 0
    let runner = BatchRunner(session: session, keepGoing: mode & 1 == 1, write: BatchRunner.Writer(
        output: { _ in outputs += 1 }, error: { messages.append($0) }, note: { messages.append($0) }))
    runner.lineLimit = 200

    // The source: a file, a pipe, -c, or a file and then -c.
    var sources: [CommandSource] = []
    var pipeEnds: [Int32] = [-1, -1]
    switch (mode >> 1) & 3 {
    case 1:
        guard pipe(&pipeEnds) == 0 else { return 0 }
        // Inputs are at most a few kilobytes: the pipe holds them all, so writing cannot block.
        _ = script.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
        close(pipeEnds[1])
        sources = [.script(path: "/dev/fd/\(pipeEnds[0])")]
    case 2:
        sources = [.commands(String(decoding: script.filter { $0 != 0 }, as: UTF8.self))]
    default:
        FileManager.default.createFile(atPath: "script.txt", contents: Data(script))
        sources = [.script(path: "script.txt")]
        if (mode >> 1) & 3 == 3 { sources.append(.commands("print x")) }
    }
    let status = runner.run(sources)
    if pipeEnds[0] >= 0 { close(pipeEnds[0]) }

    precondition(status == (runner.failures > 0 ? 1 : 0), "the exit status does not say whether something failed")
    for message in messages {
        precondition(message.split(separator: "\n").allSatisfy { $0.unicodeScalars.count <= 600 },
                     "a message line longer than an excerpt allows: \(message.prefix(200))")
    }
    session.wantsToQuit = false
    precondition(session.execute("where").succeeded, "`where` failed after the script")
    _ = outputs
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzScript(data, size) })
    }
}
