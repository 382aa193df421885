// Fuzz target `trace`: the bytes of a trace file (format "backprop-trace"). Every reader of trace
// files is listed in `readers` and gets every input; today the only one is `load`, which takes the
// network stored under the trace's "network" key. Add each new reader (such as `compare`'s) there.
import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// Each reader turns the file's bytes into a value or an error; a trap is a finding.
let readers: [(name: String, read: @Sendable ([UInt8]) -> Void)] = [
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
