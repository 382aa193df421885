import Foundation
import Testing
@testable import BackpropCore

// Golden vectors come from Python 3.11's gzip and zlib (zlib 1.2.13), not from our decoder:
//   gzip.compress(data, compresslevel=level, mtime=0)               levels 0, 1, 6, 9
//   zlib.compressobj(6, zlib.DEFLATED, 31, 9, zlib.Z_FIXED)          fixed-Huffman block
//   compressobj(9, DEFLATED, -15) with Z_SYNC_FLUSH / Z_FULL_FLUSH     fixed, empty stored, dynamic blocks
//   gzip.GzipFile(filename="digits.idx", mtime=0)                    FNAME header
//   a hand-written header with FEXTRA, FNAME, FCOMMENT and FHCRC (CRC-16 = zlib.crc32(header) & 0xffff)
// The malformed streams were written bit by bit (BFINAL, BTYPE, HLIT… then Huffman codes MSB first) and
// each was checked to be rejected by zlib.decompress(raw, -15) with the matching zlib message.

/// A gzip stream and the bytes it must decompress to.
struct GzipVector: Sendable, CustomTestStringConvertible {
    let name: String
    let gzip: [UInt8]
    let expected: [UInt8]
    var testDescription: String { name }

    static let all: [GzipVector] = [
        GzipVector(name: "empty stream (one fixed block holding only end-of-block)", gzip: fromBase64(Vectors.empty), expected: []),
        GzipVector(name: "text, level 0 (stored block)", gzip: fromBase64(Vectors.text0), expected: Vectors.text),
        GzipVector(name: "text, level 1 (dynamic Huffman)", gzip: fromBase64(Vectors.text1), expected: Vectors.text),
        GzipVector(name: "text, level 6 (dynamic Huffman)", gzip: fromBase64(Vectors.text6), expected: Vectors.text),
        GzipVector(name: "text, level 9 (dynamic Huffman)", gzip: fromBase64(Vectors.text9), expected: Vectors.text),
        GzipVector(name: "text, Z_FIXED (fixed Huffman)", gzip: fromBase64(Vectors.fixed), expected: Vectors.text),
        // zlib stores incompressible data, so random bytes give stored blocks at every level.
        GzipVector(name: "random bytes, level 0", gzip: fromBase64(Vectors.random0), expected: fromBase64(Vectors.random)),
        GzipVector(name: "random bytes, level 1", gzip: fromBase64(Vectors.random1), expected: fromBase64(Vectors.random)),
        GzipVector(name: "random bytes, level 6", gzip: fromBase64(Vectors.random6), expected: fromBase64(Vectors.random)),
        GzipVector(name: "random bytes, level 9", gzip: fromBase64(Vectors.random9), expected: fromBase64(Vectors.random)),
        GzipVector(name: "random letters, level 1", gzip: fromBase64(Vectors.letters1), expected: Array(Vectors.letters.utf8)),
        GzipVector(name: "random letters, level 6", gzip: fromBase64(Vectors.letters6), expected: Array(Vectors.letters.utf8)),
        GzipVector(name: "random letters, level 9", gzip: fromBase64(Vectors.letters9), expected: Array(Vectors.letters.utf8)),
        GzipVector(name: "fixed, empty stored and dynamic blocks after flushes", gzip: fromBase64(Vectors.mixed),
                   expected: Array("sigma(z) = 1 / (1 + e^-z)".utf8) + Vectors.text + fromBase64(Vectors.random).prefix(40)),
        GzipVector(name: "three members, the second empty", gzip: fromBase64(Vectors.members),
                   expected: Array("first member, third member".utf8)),
        GzipVector(name: "match 32,200 bytes back and runs of 258", gzip: fromBase64(Vectors.longDistance),
                   expected: fromBase64(Vectors.random).prefix(200) + Array(repeating: UInt8(ascii: "a"), count: 32000)
                       + fromBase64(Vectors.random).prefix(200)),
        GzipVector(name: "11-bit literal and 10-bit distance codes (second-level tables)", gzip: fromBase64(Vectors.skewed),
                   expected: Vectors.skewedBytes(count: 4000)),
        GzipVector(name: "FNAME header", gzip: fromBase64(Vectors.fname), expected: Array("named".utf8)),
        GzipVector(name: "FEXTRA, FNAME, FCOMMENT and FHCRC header", gzip: fromBase64(Vectors.allFlags),
                   expected: Array("with extra, comment and header CRC".utf8)),
        GzipVector(name: "a megabyte of zeros", gzip: fromBase64(Vectors.megabyteOfZeros),
                   expected: Array(repeating: 0, count: 1 << 20)),
        GzipVector(name: "one-code distance tree, as zlib allows", gzip: fromHex(Malformed.singleDistanceCode),
                   expected: Array("aaaa".utf8)),
        GzipVector(name: "zero padding after the last member", gzip: fromBase64(Vectors.text6) + [0, 0, 0],
                   expected: Vectors.text),
    ]
}

/// A malformed input and the one error it must produce.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    var limit = 1 << 21
    let error: InflateError
    var testDescription: String { name }

    static let text6 = fromBase64(Vectors.text6)  // 154 bytes: header 0..<10, deflate 10..<146, CRC, ISIZE

    static let all: [MalformedCase] = [
        MalformedCase(name: "empty input", bytes: [], error: .truncated(offset: 0)),
        MalformedCase(name: "not gzip", bytes: Array("hello".utf8), error: .badMagic(offset: 0)),
        MalformedCase(name: "second magic byte wrong", bytes: [0x1f, 0x8c, 8, 0], error: .badMagic(offset: 0)),
        MalformedCase(name: "cut after 1 byte", bytes: Array(text6.prefix(1)), error: .truncated(offset: 1)),
        MalformedCase(name: "cut inside the header", bytes: Array(text6.prefix(5)), error: .truncated(offset: 5)),
        MalformedCase(name: "cut after the header", bytes: Array(text6.prefix(10)), error: .truncated(offset: 10)),
        MalformedCase(name: "cut inside deflate data", bytes: Array(text6.prefix(80)), error: .truncated(offset: 80)),
        MalformedCase(name: "cut before the trailer", bytes: Array(text6.prefix(146)), error: .truncated(offset: 146)),
        MalformedCase(name: "cut inside the trailer", bytes: Array(text6.prefix(150)), error: .truncated(offset: 150)),
        MalformedCase(name: "cut inside FNAME", bytes: Array(fromBase64(Vectors.fname).prefix(15)), error: .truncated(offset: 15)),
        MalformedCase(name: "cut inside FEXTRA", bytes: Array(fromBase64(Vectors.allFlags).prefix(12)), error: .truncated(offset: 12)),
        MalformedCase(name: "method 7", bytes: replacing(fromBase64(Vectors.empty), at: 2, with: 7),
                      error: .unsupportedMethod(method: 7, offset: 2)),
        MalformedCase(name: "reserved flag 0x20", bytes: replacing(fromBase64(Vectors.empty), at: 3, with: 0x20),
                      error: .reservedFlags(flags: 0x20, offset: 3)),
        // The header CRC-16 is at bytes 37 and 38: de 3a, that is 0x3ade.
        MalformedCase(name: "wrong header CRC", bytes: replacing(fromBase64(Vectors.allFlags), at: 37, with: 0xdf),
                      error: .headerCRCMismatch(expected: 0x3adf, found: 0x3ade, offset: 37)),
        // zlib.crc32(text) == 0xfb7a0208 and len(text) == 976, little-endian at 146 and 150.
        MalformedCase(name: "wrong CRC-32", bytes: replacing(text6, at: 146, with: 0x09),
                      error: .crcMismatch(expected: 0xfb7a_0209, found: 0xfb7a_0208, offset: 146)),
        MalformedCase(name: "wrong ISIZE", bytes: replacing(text6, at: 150, with: 0xd1),
                      error: .lengthMismatch(expected: 977, found: 976, offset: 150)),
        MalformedCase(name: "garbage after the member", bytes: text6 + Array("x".utf8), error: .badMagic(offset: 154)),
        MalformedCase(name: "output over the limit", bytes: text6, limit: 975, error: .outputTooLarge(limit: 975)),
        MalformedCase(name: "zip bomb over the limit", bytes: fromBase64(Vectors.megabyteOfZeros), limit: (1 << 20) - 1,
                      error: .outputTooLarge(limit: (1 << 20) - 1)),
        MalformedCase(name: "block type 3", bytes: fromHex(Malformed.blockType3), error: .invalidBlockType(offset: 10)),
        MalformedCase(name: "stored LEN and NLEN disagree", bytes: fromHex(Malformed.storedLengthMismatch),
                      error: .storedLengthMismatch(length: 5, complement: 0, offset: 11)),
        // Bit 29 (after 3 + 14 + 4·3 header bits) is in byte 10 + 3.
        MalformedCase(name: "over-subscribed code-length code", bytes: fromHex(Malformed.oversubscribed),
                      error: .invalidCodeLengths(offset: 13)),
        MalformedCase(name: "repeat code 16 with no previous length", bytes: fromHex(Malformed.repeatFirst),
                      error: .invalidCodeLengths(offset: 13)),
        MalformedCase(name: "287 literal/length codes", bytes: fromHex(Malformed.tooManyLiterals),
                      error: .invalidCodeLengths(offset: 12)),
        // 3 + 14 + 18·3 header bits, then 2 + 2 + 8 + 8 code-length bits = 91 bits: byte 10 + 11.
        MalformedCase(name: "no end-of-block code", bytes: fromHex(Malformed.noEndOfBlock),
                      error: .invalidCodeLengths(offset: 21)),
        MalformedCase(name: "literal/length symbol 286", bytes: fromHex(Malformed.literal286),
                      error: .invalidHuffmanCode(offset: 10)),
        // 3 + 8 ('a') + 7 (length 3) = 18 bits before the distance code: byte 10 + 2.
        MalformedCase(name: "distance symbol 30", bytes: fromHex(Malformed.distance30), error: .invalidHuffmanCode(offset: 12)),
        MalformedCase(name: "unused code of a one-code distance tree", bytes: fromHex(Malformed.unusedDistanceCode),
                      error: .invalidHuffmanCode(offset: 23)),
        MalformedCase(name: "distance 2 after 1 byte", bytes: fromHex(Malformed.distanceTooFar),
                      error: .distanceTooFar(distance: 2, available: 1, offset: 12)),
        // The second member starts at 23; its deflate data at 33; 3 + 7 + 5 bits read: byte 34.
        MalformedCase(name: "reference into the previous member", bytes: fromHex(Malformed.referenceIntoPreviousMember),
                      error: .distanceTooFar(distance: 3, available: 0, offset: 34)),
    ]
}

@Test(arguments: GzipVector.all)
func decompressesPythonMadeStreams(_ vector: GzipVector) throws {
    let output = try Gzip.decompress(vector.gzip, limit: 1 << 21)
    #expect(output.count == vector.expected.count)
    #expect(output == vector.expected)
}

@Test(arguments: MalformedCase.all)
func malformedInputThrowsItsOwnError(_ malformed: MalformedCase) {
    #expect(throws: malformed.error) {
        try Gzip.decompress(malformed.bytes, limit: malformed.limit)
    }
}

@Test func limitIsInclusiveAndNegativeCountsAsZero() throws {
    #expect(try Gzip.decompress(fromBase64(Vectors.text6), limit: 976) == Vectors.text)
    #expect(try Gzip.decompress(fromBase64(Vectors.empty), limit: 0) == [])
    #expect(throws: InflateError.outputTooLarge(limit: 0)) { try Gzip.decompress(fromBase64(Vectors.text6), limit: -5) }
}

@Test func isGzipLooksOnlyAtTheMagicBytes() {
    #expect(Gzip.isGzip([0x1f, 0x8b]))
    #expect(Gzip.isGzip(fromBase64(Vectors.text6)))
    #expect(!Gzip.isGzip([0x1f]))
    #expect(!Gzip.isGzip([0x00, 0x00, 0x08, 0x03]))
}

// Check values: the CRC-32 catalogue's "123456789" → 0xCBF43926; the others from Python's zlib.crc32.
@Test(arguments: [
    ("", 0x0000_0000), ("123456789", 0xcbf4_3926), ("The quick brown fox jumps over the lazy dog", 0x414f_a339),
] as [(String, UInt32)])
func crc32MatchesKnownValues(text: String, crc: UInt32) {
    #expect(CRC32.checksum(Array(text.utf8)) == crc)
}

@Test func crc32OfLongInputsMatchesZlib() {
    #expect(CRC32.checksum(Vectors.text) == 0xfb7a_0208)
    #expect(CRC32.checksum([UInt8](repeating: 0, count: 1 << 20)) == 0xa738_ea1c)
}

@Test func huffmanCodeLengthsMustBeCompleteAndNotOversubscribed() {
    var table: [UInt32] = []
    let leaves = Huffman.codeLengthLeaves
    #expect(Huffman.build([1, 1][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: false))
    #expect(!Huffman.build([1, 1, 1][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: true))
    #expect(!Huffman.build([1, 2][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: false))
    #expect(!Huffman.build([2, 2][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: true))
    #expect(Huffman.build([1][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: true))
    #expect(Huffman.build([0, 0][...], leaves: leaves, primaryBits: 7, into: &table, allowIncomplete: true))
    #expect(table.count == 128)
}

/// Thousands of corrupted streams (bit flips, cuts, overwritten bytes, random deflate data) from a
/// seeded generator: each must decode or throw, never trap, and never return more than the limit.
@Test func corruptedStreamsThrowInsteadOfTrapping() {
    var random = SplitMix64(seed: 1952)
    let sources = GzipVector.all.map(\.gzip).filter { $0.count > 20 && $0.count < 4000 }
    var thrown = 0
    for round in 0..<3000 {
        var bytes = sources[Int(random.next() % UInt64(sources.count))]
        switch round % 4 {
        case 0:
            for _ in 0...(random.next() % 4) {
                let bit = Int(random.next() % UInt64(bytes.count * 8))
                bytes[bit / 8] ^= 1 << (bit % 8)
            }
        case 1:
            bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        case 2:
            bytes[10 + Int(random.next() % UInt64(bytes.count - 10))] = UInt8(truncatingIfNeeded: random.next())
        default:
            bytes = Array(bytes.prefix(10)) + (0..<200).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
        do {
            let output = try Gzip.decompress(bytes, limit: 100_000)
            #expect(output.count <= 100_000)
        } catch {
            thrown += 1
        }
    }
    #expect(thrown > 2000)
}

@Test(arguments: [
    (.truncated(offset: 80), "gzip data ends early: more bytes needed at offset 80"),
    (.crcMismatch(expected: 0xfb7a_0209, found: 0xfb7a_0208, offset: 146),
     "gzip CRC-32 mismatch at offset 146: trailer says 0xfb7a0209, data gives 0xfb7a0208"),
    (.distanceTooFar(distance: 2, available: 1, offset: 12),
     "deflate data at offset 12 refers 2 bytes back, but only 1 have been decoded"),
    (.storedLengthMismatch(length: 5, complement: 0, offset: 11),
     "corrupt stored block at offset 11: length 0x0005 and its check 0x0000 are not complements"),
    (.outputTooLarge(limit: 975), "gzip data decompresses to more than the limit of 975 bytes"),
] as [(InflateError, String)])
func inflateErrorDescriptionsSayWhatAndWhere(error: InflateError, text: String) {
    #expect(error.description == text)
}

// MARK: - Helpers

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator for reproducible test inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

func fromBase64(_ text: String) -> [UInt8] {
    [UInt8](Data(base64Encoded: text, options: .ignoreUnknownCharacters) ?? Data())
}

func fromHex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8).compactMap { UInt8(String(UnicodeScalar($0)), radix: 16) }
    return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

func replacing(_ bytes: [UInt8], at index: Int, with value: UInt8) -> [UInt8] {
    var copy = bytes
    copy[index] = value
    return copy
}

/// Hand-written gzip streams (see the comment at the top), as hex.
enum Malformed {
    static let blockType3 = "1f8b08000000000000ff070000000000000000"
    static let storedLengthMismatch = "1f8b08000000000000ff010500000068656c6c6f0000000000000000"
    static let oversubscribed = "1f8b08000000000000ff05009204000000000000000000000000"
    static let repeatFirst = "1f8b08000000000000ff0500244900000000000000000000000000"
    static let tooManyLiterals = "1f8b08000000000000fff5000000000000000000000000000000000000"
    static let noEndOfBlock = "1f8b08000000000000ff05c0810800000000a0f7b706000000000000000000000000"
    static let literal286 = "1f8b08000000000000ff1b0300000000000000000000000000000000"
    static let distance30 = "1f8b08000000000000ff4b043e00000000000000000000000000000000"
    static let distanceTooFar = "1f8b08000000000000ff4b044200000000000000000000000000000000"
    static let singleDistanceCode = "1f8b08000000000000ff0dc081000000008020d6fc253e0b45e598ad04000000"
    static let unusedDistanceCode = "1f8b08000000000000ff0dc081000000008020d6fc253e0f00000000000000000000000000000000"
    /// gzip.compress(b"abc", mtime=0), then a member whose first symbol is length 3, distance 3.
    static let referenceIntoPreviousMember = "1f8b08000000000002034b4c4a0600c241243503000000"
        + "1f8b08000000000000ff032200000000000000000000000000000000"
}

/// Python-made gzip streams (see the comment at the top), as base64.
enum Vectors {
    static let text = Array(String(repeating: "Backpropagation computes the gradient of the cost with respect to every weight. "
        + "The error delta of layer l is the weighted error of layer l+1 times sigma prime of z. "
        + "Backpropagation computes the gradient of the cost with respect to every bias. ", count: 4).utf8)
    static let letters = """
        dejtbbxjqqzhopofbizhgkxyojmsrnuxnehykkrjkbjylxifgqeoqbsqqlbnyeebdogbltrzlenpaciaccegipyqbfghhicbmumjtzxiakjowntdrwawekmrzineqlthffmcbhicmspowyxusigwkcacrdefnjqednkqqpyetwrzxwaxzvjcbcwvalemktdhovkvdrqkuayhvbbxwxixtiktqphovlbjdvwidewkqjloqbrqvjhhsxstwqtdaqvixffmonogqfnupvzxebjtsybbzkjjyatbirerjmloqsyk
        """

    /// Nine bytes in ten are 'A'…'D', the rest any byte: an LCG, x = (1103515245·x + 12345) mod 2^31, from 2024.
    static func skewedBytes(count: Int) -> [UInt8] {
        var x: UInt64 = 2024
        return (0..<count).map { _ in
            x = (x &* 1_103_515_245 &+ 12345) % (1 << 31)
            return (x >> 16) % 10 != 0 ? UInt8(65 + ((x >> 12) & 3)) : UInt8((x >> 20) & 0xff)
        }
    }

    static let empty = "H4sIAAAAAAAAAwMAAAAAAAAAAAA="
    static let text0 = """
        H4sIAAAAAAAEAwHQAy/8QmFja3Byb3BhZ2F0aW9uIGNvbXB1dGVzIHRoZSBncmFkaWVudCBvZiB0aGUgY29zdCB3aXRoIHJl
        c3BlY3QgdG8gZXZlcnkgd2VpZ2h0LiBUaGUgZXJyb3IgZGVsdGEgb2YgbGF5ZXIgbCBpcyB0aGUgd2VpZ2h0ZWQgZXJyb3Ig
        b2YgbGF5ZXIgbCsxIHRpbWVzIHNpZ21hIHByaW1lIG9mIHouIEJhY2twcm9wYWdhdGlvbiBjb21wdXRlcyB0aGUgZ3JhZGll
        bnQgb2YgdGhlIGNvc3Qgd2l0aCByZXNwZWN0IHRvIGV2ZXJ5IGJpYXMuIEJhY2twcm9wYWdhdGlvbiBjb21wdXRlcyB0aGUg
        Z3JhZGllbnQgb2YgdGhlIGNvc3Qgd2l0aCByZXNwZWN0IHRvIGV2ZXJ5IHdlaWdodC4gVGhlIGVycm9yIGRlbHRhIG9mIGxh
        eWVyIGwgaXMgdGhlIHdlaWdodGVkIGVycm9yIG9mIGxheWVyIGwrMSB0aW1lcyBzaWdtYSBwcmltZSBvZiB6LiBCYWNrcHJv
        cGFnYXRpb24gY29tcHV0ZXMgdGhlIGdyYWRpZW50IG9mIHRoZSBjb3N0IHdpdGggcmVzcGVjdCB0byBldmVyeSBiaWFzLiBC
        YWNrcHJvcGFnYXRpb24gY29tcHV0ZXMgdGhlIGdyYWRpZW50IG9mIHRoZSBjb3N0IHdpdGggcmVzcGVjdCB0byBldmVyeSB3
        ZWlnaHQuIFRoZSBlcnJvciBkZWx0YSBvZiBsYXllciBsIGlzIHRoZSB3ZWlnaHRlZCBlcnJvciBvZiBsYXllciBsKzEgdGlt
        ZXMgc2lnbWEgcHJpbWUgb2Ygei4gQmFja3Byb3BhZ2F0aW9uIGNvbXB1dGVzIHRoZSBncmFkaWVudCBvZiB0aGUgY29zdCB3
        aXRoIHJlc3BlY3QgdG8gZXZlcnkgYmlhcy4gQmFja3Byb3BhZ2F0aW9uIGNvbXB1dGVzIHRoZSBncmFkaWVudCBvZiB0aGUg
        Y29zdCB3aXRoIHJlc3BlY3QgdG8gZXZlcnkgd2VpZ2h0LiBUaGUgZXJyb3IgZGVsdGEgb2YgbGF5ZXIgbCBpcyB0aGUgd2Vp
        Z2h0ZWQgZXJyb3Igb2YgbGF5ZXIgbCsxIHRpbWVzIHNpZ21hIHByaW1lIG9mIHouIEJhY2twcm9wYWdhdGlvbiBjb21wdXRl
        cyB0aGUgZ3JhZGllbnQgb2YgdGhlIGNvc3Qgd2l0aCByZXNwZWN0IHRvIGV2ZXJ5IGJpYXMuIAgCevvQAwAA
        """
    static let text1 = """
        H4sIAAAAAAAEA+2S0Q3CMAxEV7l/pEqs0BlYwCQmtUjqyDFUZXpaisQC/eCjnye9O9s69xTu1bRSIhcdEbTUh3ODD4xkFIVH
        h94+OmhzTOIDjFvl4HAFP9lmTCxp8A6XxcZmaoicnVZnppkNGbKFbiTHL/YDTme4lGV0k1QI1Rax+l8d+p22vAq1/dKOm4+e
        /+233wgCevvQAwAA
        """
    static let text6 = """
        H4sIAAAAAAAAA+2PwQ3CMAxFV/l3pEqs0BlYwCQmtUjqyDFUZXpaisQCPXDo8cvP3349hXs1rZTIRUcELfXh3OADIxlF4dGh
        t08O2hyT+ADjVjk4XMFPthkTSxq8w2XB2EwNkbPTuplpZkOGbKUbyfGL/YDTGS5lOd0kFUK1JazjV4d+py+vQm2/tsP5cP43
        5zcIAnr70AMAAA==
        """
    static let text9 = """
        H4sIAAAAAAACA+2PwQ3CMAxFV/l3pEqs0BlYwCQmtUjqyDFUZXpaisQCPXDo8cvP3349hXs1rZTIRUcELfXh3OADIxlF4dGh
        t08O2hyT+ADjVjk4XMFPthkTSxq8w2XB2EwNkbPTuplpZkOGbKUbyfGL/YDTGS5lOd0kFUK1JazjV4d+py+vQm2/tsP5cP43
        5zcIAnr70AMAAA==
        """
    static let random0 = """
        H4sIAAAAAAAEAwEsAdP+R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt/24uWu5/D+sYbCNSTpPV/STK7fOFUW0lmkNU
        CqwY6vaVK5y1Qa19QXo/YyrGxHJc1Ix3uHJmBHg/xcdCs7VwR6cXcWtkVJjJJo1VpvevmYQztk5V1gyxlT7tvjsN/l0HTf6L
        qNysONCvzwGbxOhOdakkMBMGQN/4MiFxWFmHs/9ZSi6FJVpzxk4XQZusfwFec3lH1Sm54RiasBQxJtzZVaEA/pfaxk4yTvzj
        /Gg/Q+oCyAakhb5j6jHWXkgG95VAHdLJ64CTjkKySkNd47caQH+eV8H3Z+x34Wu2zWdutdYsFaafH6PtM6kiWuOR2+CFR0oF
        UIK1ngawJ+EhHeY9UZZ6KlOkxLdbSBq5lOxv2nOtKSwBAAA=
        """
    static let random1 = """
        H4sIAAAAAAAEAwEsAdP+R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt/24uWu5/D+sYbCNSTpPV/STK7fOFUW0lmkNU
        CqwY6vaVK5y1Qa19QXo/YyrGxHJc1Ix3uHJmBHg/xcdCs7VwR6cXcWtkVJjJJo1VpvevmYQztk5V1gyxlT7tvjsN/l0HTf6L
        qNysONCvzwGbxOhOdakkMBMGQN/4MiFxWFmHs/9ZSi6FJVpzxk4XQZusfwFec3lH1Sm54RiasBQxJtzZVaEA/pfaxk4yTvzj
        /Gg/Q+oCyAakhb5j6jHWXkgG95VAHdLJ64CTjkKySkNd47caQH+eV8H3Z+x34Wu2zWdutdYsFaafH6PtM6kiWuOR2+CFR0oF
        UIK1ngawJ+EhHeY9UZZ6KlOkxLdbSBq5lOxv2nOtKSwBAAA=
        """
    static let random6 = """
        H4sIAAAAAAAAAwEsAdP+R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt/24uWu5/D+sYbCNSTpPV/STK7fOFUW0lmkNU
        CqwY6vaVK5y1Qa19QXo/YyrGxHJc1Ix3uHJmBHg/xcdCs7VwR6cXcWtkVJjJJo1VpvevmYQztk5V1gyxlT7tvjsN/l0HTf6L
        qNysONCvzwGbxOhOdakkMBMGQN/4MiFxWFmHs/9ZSi6FJVpzxk4XQZusfwFec3lH1Sm54RiasBQxJtzZVaEA/pfaxk4yTvzj
        /Gg/Q+oCyAakhb5j6jHWXkgG95VAHdLJ64CTjkKySkNd47caQH+eV8H3Z+x34Wu2zWdutdYsFaafH6PtM6kiWuOR2+CFR0oF
        UIK1ngawJ+EhHeY9UZZ6KlOkxLdbSBq5lOxv2nOtKSwBAAA=
        """
    static let random9 = """
        H4sIAAAAAAACAwEsAdP+R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt/24uWu5/D+sYbCNSTpPV/STK7fOFUW0lmkNU
        CqwY6vaVK5y1Qa19QXo/YyrGxHJc1Ix3uHJmBHg/xcdCs7VwR6cXcWtkVJjJJo1VpvevmYQztk5V1gyxlT7tvjsN/l0HTf6L
        qNysONCvzwGbxOhOdakkMBMGQN/4MiFxWFmHs/9ZSi6FJVpzxk4XQZusfwFec3lH1Sm54RiasBQxJtzZVaEA/pfaxk4yTvzj
        /Gg/Q+oCyAakhb5j6jHWXkgG95VAHdLJ64CTjkKySkNd47caQH+eV8H3Z+x34Wu2zWdutdYsFaafH6PtM6kiWuOR2+CFR0oF
        UIK1ngawJ+EhHeY9UZZ6KlOkxLdbSBq5lOxv2nOtKSwBAAA=
        """
    static let letters1 = """
        H4sIAAAAAAAEAw2PWRJEIQjEziqKCrihjtvp5313UpV2yBPgsOqLtVUP9GKQcyvn0cvvFIxXpLMA33TIB8WqMFQTlIsIrgZI
        s7+EpRlLxloM1K6CDzGShfzLPN8hI1x3ma5vs1Fyf1RQ04zeZwsfmEer+57foLDFGtsd+sKKrohquzh3f2eb8xZbsHuZhFmm
        i3XJcl3lZ25c35F96EySqe2bErBbmxxuUU5fd9fFMY4z5tbpjC46X0AtNagvv7beQeA5LsAT5msmUMfO+XPHlT83o/LRLAEA
        AA==
        """
    static let letters6 = """
        H4sIAAAAAAAAAw2PWRJEIQjEziqKCrihjtvp5313UpV2yBPgsOqLtVUP9GKQcyvn0cvvFIxXpLMA33TIB8WqMFQTlIsIrgZI
        s7+EpRlLxloM1K6CDzGShfzLPN8hI1x3ma5vs1Fyf1RQ04zeZwsfmEer+57foLDFGtsd+sKKrohquzh3f2eb8xZbsHuZhFmm
        i3XJcl3lZ25c35F96EySqe2bErBbmxxuUU5fd9fFMY4z5tbpjC46X0AtNagvv7beQeA5LsAT5msmUMfO+XPHlT83o/LRLAEA
        AA==
        """
    static let letters9 = """
        H4sIAAAAAAACAw2PWRJEIQjEziqKCrihjtvp5313UpV2yBPgsOqLtVUP9GKQcyvn0cvvFIxXpLMA33TIB8WqMFQTlIsIrgZI
        s7+EpRlLxloM1K6CDzGShfzLPN8hI1x3ma5vs1Fyf1RQ04zeZwsfmEer+57foLDFGtsd+sKKrohquzh3f2eb8xZbsHuZhFmm
        i3XJcl3lZ25c35F96EySqe2bErBbmxxuUU5fd9fFMY4z5tbpjC46X0AtNagvv7beQeA5LsAT5msmUMfO+XPHlT83o/LRLAEA
        AA==
        """
    static let fixed = """
        H4sIAAAAAAAEA3NKTM4uKMovSExPLMnMz1NIzs8tKC1JLVYoyUhVSC9KTMlMzStRyE8D85Pzi0sUyjNLMhSKUosLUpNLFEry
        FVLLUosqFcpTM9MzSvQUQoDKUouK8osUUlJzShJBOnMSK1OLFHIUMiGGQlSmpkCVIRRoGyqUZOYCrS7OTM9NVCgoAnJA0lV6
        Ck5UcmVSZmIx9Uwb9fOonwebnwEIAnr70AMAAA==
        """
    static let mixed = """
        H4sIAAAAAAAA/yrOTM9N1KjSVLBVMFTQV9AwVNBWSI3TrdIEAAAA///sj0sOwjAMRK8ye6RKXIEzcAGTmMQirSPHUJXT0w8S
        F+iCRZcjvxnPXCg8qmmlRC46IGhfn84NnhnJKAoPDr2vOmhzjOIZxq1ycLiCX2wTRpaUvcN1xthMDZGL0+IsNLGhQLbQjeT4
        xX7A6QyXfn7dlrKoNovl/O6wV8ubUNsv7dh8bP63zR8AAAD//wEoANf/R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt
        /24uWu5/D+sYbMrXjzwRBAAA
        """
    static let members = """
        H4sIAAAAAAAAA0vLLCouUchNzU1KLdJRAADe/wpiDgAAAB+LCAAAAAAAAAMDAAAAAAAAAAAAH4sIAAAAAAACAyvJyCxKUchN
        zU1KLQIAdgMTHwwAAAA=
        """
    static let longDistance = """
        H4sIAAAAAAACA+3dTSuDAQDAcStRIoraymnZVqhhJLUym8NTylPWVrZQsly8ZFvyUtrFchgnLbPtIuWlpmEmUk4zceFgylrJ
        TdbjQkyxufgU+v++yE94P0yHm9oMOZ/cFLBn9V+y2vYzq9JRtSkdmaXCpNb+6qnMKsbrzOJq6kd1Lb15+ybUwW5LWUTx8uFv
        DMeNewvGecNIQzLhGrhbnjlxjRbPGi4uTbH4lLAtd445LIErzYp16zO6vth6LFrvyw/8ndK5viI/WNqb9+1kIh230RtZKPEs
        Tu+qmqtLuh5zOqWz37YUK9h6tF613Z0U5cZQxCMbcs8JqfrTJ0Vwv6ZFk3mwbhTl19JJUSd+DwMAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADAH+GfPO6/5ody+5B+AAA=
        """
    static let skewed = """
        H4sIAAAAAAACAz2XD6ifdRXG22QSGYxiK3RNJVNWUxTBdHGVe/5kuFFtMokhY8j+lHNLVi1imxFqYZF5kzlla1E5jWmibHIn
        wq4wBUW0mLfBcDJDmrN/s2CFuhad53PeO737/X7v9/1+z3vOc57znPNmeGZYRJh5/LV+vp+jV7t7hIfpW/8yMt0i9ctq+eLP
        uC+rc3Xz+rHaIiM/sqwvWRivbbXwTn4Q9k/dTcvFtTndzdP0UfbqTz9iQ36sluqPlTxZbhyqy/yjjNqRPWXK5FtZ+SymdDMW
        hX8q6ph8sCzv6rT/qX7K8Y0ebdDktisM075wPMVYnf2dPIpXU/d21+Js2Zax5Bm1zlPrzGk5GoflvRC4qgzVuowKGJ1655La
        oSUeZ3GUJwog56xztD4X5N+MtfTt/hEFoLgTc56KhYSYwnIdCJABKvdXbldo7K1LHaot/k2lit1OMjy/bPnJMnZu2YlVZUC2
        CDw7dGUoQK9Wz5PLSqznjDJwf27/X/5cT5Q7tlqY1ea8Ra5sBHATlvlYDCb0V4vCy/Gut5BReQYwfArY+n0p4ZkctileQQks
        kYGKD8scNQWtEBW1Mqs86TNASiEtBS7lqzHX/8vM/xM+p048WGFexPKp8fz2ZRBeObCbZBo4RT4onaQ18E6pFKAm4nUAHm/V
        mUXwOvqk8eyvPWr+XvoGnJWl9ZPCJ5t7OAs36u8f1gn0eL33CmNt2qWU/lams7lovgUOJFF64K6dqdm0m+PxLoHmnkK4o7Gp
        8EbqclS5I1zLjkOZcbnaISoqQohr6+vjoB0nVPVHF0NgcccP+GXbYNtusl5m3vaJMrvDZP4GJ1OuID9axy+HnNEYWZMim2bp
        o0Z6lTmxDGBJcAyEeJHbmXOFxr9ib+CdQcR70m6BH7DbW6ngCwXitv+6WMljytKE2fdbeFSL3LammcCaz7b6caqzD8ICvv2W
        0OUPQpD5n+UcqXyizwcS13VpORdN2zTH/aHJgw72dWDE4lKhYL4fMXldktpHqQpFdyTIjuFg048qCv+NfAlEJORLvmC2wqat
        gAha2awPuZl+fd5XVibN74QKqGJ0wVts40c+D34vOwFR7OzgQvLpZEJXqCeW3cYQo9Yl99GmIpp43ECoC0nliPDwKMJAHSvC
        NbF8Vj3lTaFVO6/EsX9TzzHRwkGtUV2H84uxniprbJdbNs8BLfDM86uApW37hIDMzhPo53Iwb4RGbTmXkNv6dVAGJQ7UWwrk
        AsU7z6Ai8TC/S1dU09VURuwaeolipIoKig1uncvMbyVrsSbtCrSJDuMNZ9e1+3VUgdgHkfAO2LtDVRdELLdL4+Litd+Fi3TI
        ziVut0U6E6qYBBjD47qpebzXNlMiS9nIz/3mf4GJX0ey7d4Wu9yitOZy0aBWnwcVpb1OHgg/B70On5mkN1rRm/aID+04uwt2
        S4x9dfqHAmtGy7HY+x1YBdu8G54c2zruK2r9Lmq+Ojohkmo6hrWsWodVfszLbik+LDkMeZpyU4LtZ1q6rXVOt6HxPBIsXgcd
        KhFilZx8eYa2kjv04B3QM7rtW7wP7WkATBd1fKWB+KBbkm97G6U3SlE1vKqi+QmoDDNJ7Z7ZI0+PK9j2LttszPyncVH9HLO4
        ULIRMdJQ8FC/py5jmBNE4FU+DvTRTdDsmgrhXWutyAeStGR2o4gu6fjKbXVzdk9KBiP8c2bjab9A3RXLfGSUoYlWyyLfO2T7
        PhmitzID7flG9627ff5ChDeyB5ZPg7yujvGgSYymnYXpLwjcnYJ/MeEHjbBdUu4ZjXIsWxNHyFpSN2P5dyNz19TWz1PzedTs
        lJ+do8wZn+hZwlr0sgfMZKiS/YfX1pFb6URGOQ2zW4ttD4sV2rRLCNDutpPO2BNDX3Hb2TU3p4u7hRqnJ3oYtNhKEdI8emAr
        7y+kb8A9xOsJmu6vO8NN5egqzvUQzfICa9tyfR7qpY81yTx73K5yP/QlZmKrRRl4gx5FwvKC6L6rh33vckO8h7GhJ5E8z6eK
        p3sNAxjy90D6a9rXYzVSfix9ehSDW33o0UxB5fUjsJ7wBp2gfD0ejRq74DsNXYpxImV6ocWNU9t7VgYkePWh5uHqyCtglm1G
        k5TmJdYwecsedRc99XWfaciZELpgV6M3MMcPZrwE1slMQTILjeM2JWX022c3GfMWY4qcmrgJdjKL6skr2cac/IHDM3T3WIJs
        ObRhZQIxGNsKNK5M3WFP2mCSPiRvTyJr1krgPbIO4uSDOCrEO2nCRMhCdtiMe3Vi0UT7f3+0pKXdsNWWjjIQP+PdYGiUPMlj
        bvdcpnM6yOTe6Gbo3ZvPgJHdXmr774Vu/ipzxAeiyps/5DqQrs1X9nAXPx7mluz3FHCg8iJvH2aMnn19evmztsyso5fGAWtc
        8pfB5NLS493B0aI8+8O1uuD8eCt7No1+mWtougGh+Jp1C5Kl2eoJsrxOmZ2ufc+BQg9k8TBvChGzTu9BvfoVrcweriffSwec
        whnVfXd4z6v//su01pzPeCq65/c973dLxKRfhI5q9yxEkD7Uo0T1e9qL0Y3hUDdq63eJHobr+v8wLx4+oA8AAA==
        """
    static let fname = "H4sICAAAAAAC/2RpZ2l0cy5pZHgAy0vMTU0BAIfM4HEFAAAA"
    static let allFlags = """
        H4sIHgAAAAAA/wYAQlACAGhpbW5pc3QuZ3oAYSBjb21tZW50AN46K88syVBIrSgpStRRSM7PzU3NK1FIzEtRyEhNTEktUnAO
        cgYAwlCOTyIAAAA=
        """
    static let megabyteOfZeros = """
        H4sIAAAAAAACA+3BMQEAAADCoPVPbQhfoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPgMc6jinAAAQAA==
        """
    static let random = """
        R/Sy2pwvND/4ixdCmFrrO/kBGza7VSFkEKPttFLt/24uWu5/D+sYbCNSTpPV/STK7fOFUW0lmkNUCqwY6vaVK5y1Qa19QXo/
        YyrGxHJc1Ix3uHJmBHg/xcdCs7VwR6cXcWtkVJjJJo1VpvevmYQztk5V1gyxlT7tvjsN/l0HTf6LqNysONCvzwGbxOhOdakk
        MBMGQN/4MiFxWFmHs/9ZSi6FJVpzxk4XQZusfwFec3lH1Sm54RiasBQxJtzZVaEA/pfaxk4yTvzj/Gg/Q+oCyAakhb5j6jHW
        XkgG95VAHdLJ64CTjkKySkNd47caQH+eV8H3Z+x34Wu2zWdutdYsFaafH6PtM6kiWuOR2+CFR0oFUIK1ngawJ+EhHeY9UZZ6
        KlOkxLdbSBq5lOxv
        """
}
