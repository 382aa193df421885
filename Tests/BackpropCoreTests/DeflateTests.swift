import Testing
@testable import BackpropCore
import GzipWriter

/// The gzip writer: whatever it compresses, our inflater (tested against zlib's files) and Python's
/// gzip module give back exactly.
struct DeflateTests {
    @Test func smallInputMatchesBytesPythonDecompresses() {
        // Checked outside the code: python3 -c "import gzip, base64;
        //   print(gzip.decompress(base64.b64decode('H4sIAAAAAAAA/8tIzcnJV0AiAYCI+eURAAAA')))"
        // prints b'hello hello hello', the input; "hello " is a literal run, the rest one match.
        let compressed = Gzip.compress(Array("hello hello hello".utf8))
        #expect(compressed == fromBase64("H4sIAAAAAAAA/8tIzcnJV0AiAYCI+eURAAAA"))
    }

    @Test func emptyInputIsAValidGzipFile() throws {
        let compressed = Gzip.compress([])
        #expect(Gzip.isGzip(compressed))
        #expect(try Gzip.decompress(compressed, limit: 10) == [])
    }

    @Test(arguments: [0, 1, 2, 3, 257, 258, 259, 1000, 70_000])
    func runsOfOneByteRoundTrip(length: Int) throws {
        let bytes = [UInt8](repeating: 0, count: length)
        #expect(try Gzip.decompress(Gzip.compress(bytes), limit: length) == bytes)
    }

    @Test func randomAndRepetitiveInputsRoundTrip() throws {
        var random = SplitMix64(seed: 1951)
        for trial in 0..<6 {
            let length = trial == 0 ? 50_000 : Int(random.next() % 20_000)
            // Mostly zeros with bursts of random bytes, like MNIST; and some repeats from far back.
            var bytes = (0..<length).map { _ in random.next() % 5 == 0 ? UInt8(truncatingIfNeeded: random.next()) : 0 }
            if trial == 0 {
                for i in 35_000..<(35_000 + 500) { bytes[i] = bytes[i - 32_768] }
            }
            #expect(try Gzip.decompress(Gzip.compress(bytes), limit: length) == bytes)
        }
    }

    @Test func imagesLikeMNISTCompressToAboutAQuarter() throws {
        // 100 "images" of 784 bytes: a centred blob of ink on a zero background.
        var bytes: [UInt8] = []
        var random = SplitMix64(seed: 784)
        for _ in 0..<100 {
            for r in 0..<28 {
                for c in 0..<28 {
                    let inside = (6..<22).contains(r) && (8..<20).contains(c) && random.next() % 3 != 0
                    bytes.append(inside ? UInt8(128 + random.next() % 128) : 0)
                }
            }
        }
        let compressed = Gzip.compress(bytes)
        #expect(try Gzip.decompress(compressed, limit: bytes.count) == bytes)
        #expect(compressed.count < bytes.count / 2)
    }
}
