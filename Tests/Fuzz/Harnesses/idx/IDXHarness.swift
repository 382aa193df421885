// Fuzz target `idx`: the bytes of an MNIST IDX file, raw or gzipped, read as images and as labels,
// and the gzip decoder on its own. Accepted files must encode back to the same (decompressed) bytes.
import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// One input: libFuzzer calls this with each input it tries.
func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var raw = bytes
    if Gzip.isGzip(bytes) {
        // A small limit as well as the reader's own, so the limit's edge is reached often.
        _ = try? Gzip.decompress(bytes, limit: 1 << 12)
        guard let unzipped = try? Gzip.decompress(bytes, limit: IDXReader.maxBytes) else {
            _ = try? IDXReader.images(from: bytes, source: "fuzz.gz")
            return 0
        }
        raw = unzipped
    }
    if let images = try? IDXReader.images(from: bytes, source: "fuzz-images") {
        precondition(IDXReader.encode(images: images) == raw, "images did not encode back to the file")
        if images.count > 0 { _ = images.image(images.count - 1) }
    }
    if let labels = try? IDXReader.labels(from: bytes, source: "fuzz-labels") {
        precondition(IDXReader.encode(labels: labels) == raw, "labels did not encode back to the file")
    }
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzIDX(data, size) })
    }
}
