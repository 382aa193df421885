#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropDebugger

/// Reads one line from a C file, without its newline; nil at end of file.
func readLineFrom(_ file: UnsafeMutablePointer<FILE>) -> String? {
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    let n = getline(&line, &capacity, file)
    guard n >= 0, let line else { return nil }
    var s = String(cString: line)
    while s.hasSuffix("\n") || s.hasSuffix("\r") { s.removeLast() }
    return s
}

/// Whether to colour: only on a terminal, not for TERM=dumb, not with NO_COLOR or --no-color.
struct ColorPolicy {
    let enabled: Bool

    init(noColorFlag: Bool) {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        enabled = !noColorFlag && noColor.isEmpty && term != "dumb" && isatty(1) == 1
    }
}

let welcome = """
    backprop — step through backpropagation, one number at a time.
    Loaded: small, Ng's 2-2-2-1 network, with x = (0.05, 0.10) and y = 1.
    Type `step` to compute the first value, `help` for every command, `lesson 1` to start the first lesson.
    """

func runInteractive(session: Session) {
    writeOut(session.style.bold(welcome))
    while !session.wantsToQuit {
        fputs(session.style.bold("(backprop) "), stdout)
        fflush(stdout)
        guard let line = readLine() else { print(""); break }
        let reply = session.execute(line)
        writeOut(reply.text)
        if let error = reply.error { writeError(error, style: session.style) }
    }
}
