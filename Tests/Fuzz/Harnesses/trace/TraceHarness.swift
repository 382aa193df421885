// Fuzz target `trace`: the bytes of a trace file (format "backprop-trace"). Every reader of trace
// files is listed in `readers` and gets every input: `load`'s (the network under "network"), and
// `compare`'s — its header (`TraceFile.document`), its values checked against several networks
// (`TraceFile.reportedValues`) and compared with this program's pass (`TraceComparison`), and the
// `compare FILE` command itself on sessions in different states, which also renders the report.
import BackpropCore
import BackpropDebugger
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// Tests/Fuzz/Sandbox: the files the fuzz harnesses share (read only here).
let sandbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sandbox").path

/// Sessions `compare` runs in: Ng's small network; the 3-2-1 tanh network of the sandbox in
/// 3Blue1Brown's notation, half stepped; the untrained MNIST network on a sandbox image, with a bug
/// planted (`compare` never uses it, but the session has it).
nonisolated(unsafe) let sessions: [Session] = [
    "notation ng",
    "load \(sandbox)/tanh.json; notation 3b1b; input 1 -2 0.5; target 0.25; step 3",
    "load mnist --untrained; data \(sandbox)/mnist; image 1; bug missing-derivative",
].map { setup in
    let session = Session()
    precondition(session.execute(setup).succeeded, "setting up a session failed: \(setup)")
    return session
}

/// The networks whose shapes every file's values are checked against, with an example each.
let networks: [(network: Network, example: Example)] = sessions.map { ($0.network, $0.example) }

/// The file `compare` reads: a private temporary folder, made once per process.
let comparedFile: String = {
    var template = Array("/tmp/backprop-fuzz-trace-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("cannot make a temporary folder") }
    return String(cString: made) + "/trace.json"
}()

/// `compare`'s steps on the core's side, as `Session.compareCommand` takes them: the file's network
/// and example when it has them, else the given ones; values checked against that network's sizes;
/// the comparison only when every shape is right.
func compareInCore(_ document: TraceFile.Document, network fallback: Network, example fallbackExample: Example) {
    if document.network == nil, let sizes = document.sizesWithoutWeights, sizes != fallback.sizes { return }
    let network = document.network ?? fallback
    precondition(network.sizes.count >= 2, "a network has at least two layers")
    if let batch = document.batch {
        guard batch.examples.allSatisfy({ (try? network.validate($0)) != nil }) else { return }
        let (values, problems) = TraceFile.reportedValues(in: document.json, sizes: network.sizes, batchSize: batch.count,
                                                          source: "trace.json")
        guard problems.isEmpty, !values.isEmpty, let pass = try? network.batch(batch) else { return }
        let comparison = TraceComparison(batch: pass, reported: values, tolerance: .init())
        precondition(comparison.agreeingBeforeFirst <= comparison.compared, "more values agree than were compared")
        precondition(comparison.groups.reduce(0) { $0 + $1.compared } == comparison.compared, "the groups miscount")
        return
    }
    let example = document.example ?? fallbackExample
    guard (try? network.validate(example)) != nil else { return }
    let (values, problems) = TraceFile.reportedValues(in: document.json, sizes: network.sizes, source: "trace.json")
    guard problems.isEmpty, !values.isEmpty, let trace = try? network.trace(example) else { return }
    let comparison = TraceComparison(trace: trace, reported: values, tolerance: .init())
    precondition(comparison.agreeingBeforeFirst <= comparison.compared, "more values agree than were compared")
    precondition(comparison.groups.reduce(0) { $0 + $1.compared } == comparison.compared, "the groups miscount")
}

/// Each reader turns the file's bytes into a value or an error; a trap is a finding.
nonisolated(unsafe) let readers: [(name: String, read: ([UInt8]) -> Void)] = [
    ("NetworkFile.decode (load TRACE.json)", { bytes in
        if let network = try? NetworkFile.decode(bytes, source: "trace.json") {
            precondition(network.sizes.count >= 2, "a decoded network has at least two layers")
        }
    }),
    ("JSON.parse", { bytes in
        if let json = try? JSON.parse(bytes, limit: NetworkFile.maximumFileSize),
           let again = try? JSON.parse(json.serialized(.compact), limit: Int.max) {
            precondition(again == json, "JSON did not survive serialize → parse")
        }
    }),
    ("TraceFile.document, reportedValues and TraceComparison (compare FILE)", { bytes in
        guard let document = try? TraceFile.document(bytes, source: "trace.json") else { return }
        // With its own network the file needs no other (its example may still be the session's).
        for (network, example) in document.network == nil ? networks : [networks[0]] {
            compareInCore(document, network: network, example: example)
        }
        // The command: only for files whose header reads (the others fail the same way in every session).
        guard (try? AtomicFile.write(bytes, to: comparedFile)) != nil else { return }
        for session in sessions {
            let before = session.network
            _ = session.execute("compare \(comparedFile)")
            _ = session.execute("compare \(comparedFile) --atol 0 --rtol 0")
            precondition(session.network == before, "compare changed the session's network")
        }
    }),
]

/// One input: libFuzzer calls this with each input it tries.
func fuzzTrace(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for reader in readers { reader.read(bytes) }
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTrace(data, size) })
    }
}
