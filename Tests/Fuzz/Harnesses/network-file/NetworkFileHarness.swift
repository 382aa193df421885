// Fuzz target `network-file`: the bytes of a file given to `load FILE.json` (our format, Nielsen's
// network2.py format, or a trace holding a network).
//
// Besides "never trap", it checks two round trips that must hold for every accepted input:
// a parsed JSON document serializes and parses back equal, and a decoded network encodes and
// decodes back identical (every weight bit for bit).
import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// One input: libFuzzer calls this with each input it tries.
func fuzzNetworkFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The budgeted reader checks without building; it must accept what the parser accepts, with
    // the same error (but for keys repeated where no reader looks), and read back the same values.
    let parsed = Result { () throws(JSONError) -> JSON in try JSON.parse(bytes, limit: NetworkFile.maximumFileSize) }
    let checked = Result { () throws(JSONError) -> JSONSlice in try JSON.document(bytes, limit: NetworkFile.maximumFileSize) }
    switch (parsed, checked) {
    case let (.success(json), .success(slice)):
        precondition((try? slice.tree()) == json, "JSON.document's slice reads back other values than JSON.parse")
    case let (.failure(a), .failure(b)):
        // A repeated key the parser saw first may hide a later error the checker finds instead.
        if case let .syntax(message, _, _) = a, message.hasPrefix("duplicate key") { break }
        precondition(a == b, "JSON.document and JSON.parse refuse with different errors: \(a) / \(b)")
    case let (.failure(a), .success):
        if case let .syntax(message, _, _) = a, message.hasPrefix("duplicate key") { break }
        preconditionFailure("JSON.document accepts what JSON.parse refuses: \(a)")
    case let (.success, .failure(b)):
        preconditionFailure("JSON.document refuses what JSON.parse accepts: \(b)")
    }
    if let json = try? JSON.parse(bytes, limit: NetworkFile.maximumFileSize) {
        for style in [JSON.Style.compact, .pretty] {
            let again = try? JSON.parse(json.serialized(style), limit: Int.max)
            precondition(again == json, "JSON did not survive serialize → parse")
        }
    }
    if let network = try? NetworkFile.decode(bytes, source: "fuzz.json") {
        let again = try? NetworkFile.decode(NetworkFile.encode(network), source: "again.json")
        precondition(again == network, "a network did not survive encode → decode")
    }
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzNetworkFile(data, size) })
    }
}
