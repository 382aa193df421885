// Fuzz target `expression`: the names learners give `print`, `explain` and `watch` (z(2)1, Θ(1)1,0,
// ∂C/∂w(2)0,1, weights[0][1][0], …). Each input is parsed for several networks, notations and
// cursor positions, and, when it is a single command argument, shown with `print` (also with --all)
// and `explain` in those sessions (reused between inputs: both only read the session).
import BackpropCore
import BackpropDebugger
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// Tests/Fuzz/Sandbox (read only here).
let sandbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sandbox").path

/// Sessions in different states: built-in networks, both notations, before, during and after a pass,
/// MNIST on a sandbox image, and bugs planted (which change what `explain` shows for δs and gradients).
nonisolated(unsafe) let sessions: [Session] = [
    "notation ng",
    "step 7",
    "notation 3b1b; forward; backward",
    "load mnist; forward",
    "load mnist; notation ng; step 20",
    "bug wrong-layer-activation; forward; backward",
    "load mnist --untrained; data \(sandbox)/mnist; image 2; bug transposed-weights; backward",
    "load mnist; notation ng; bug missing-derivative; forward; step 8",
].map { setup in
    let session = Session()
    precondition(session.execute(setup).succeeded, "setting up a session failed: \(setup)")
    return session
}

/// One input: libFuzzer calls this with each input it tries.
func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for session in sessions {
        _ = try? ExpressionParser(network: session.network, notation: session.notation).parse(text)
    }
    // As an argument: one line, no command separator, no quotes (which the REPL would strip).
    guard !text.contains(where: { "\n\r;\"'#".contains($0) }) else { return 0 }
    for session in sessions {
        _ = session.execute("print " + text)
        _ = session.execute("explain " + text)
        // Every value of MNIST's 784-wide layers takes a third of a second to lay out: small only.
        if session.network.parameterCount < 100 { _ = session.execute("print " + text + " --all") }
    }
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzExpression(data, size) })
    }
}
