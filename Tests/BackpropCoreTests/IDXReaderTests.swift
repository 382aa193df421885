import Foundation
import Testing
@testable import BackpropCore

/// Two 3×2 images with pixels 0…11, and three labels 7 2 1, as Python's gzip wrote them:
///   gzip.compress(struct.pack(">IIII", 0x803, 2, 3, 2) + bytes(range(12)), mtime=0)
///   gzip.compress(struct.pack(">II", 0x801, 3) + bytes([7, 2, 1]), mtime=0)
let tinyImagesGzip = fromBase64("H4sIAAAAAAACA2Ng4GBmYGBgAmIIzcjEzMLKxs7BycUNAL4ME94cAAAA")  // 42 bytes, ISIZE 28 at 38
let tinyLabelsGzip = fromBase64("H4sIAAAAAAACA2Ng4GBkYGBgZmdiBAAV+D5OCwAAAA==")

/// The same files uncompressed, written out by hand: big-endian magic and sizes, then the bytes.
let tinyImagesRaw: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2] + Array(0..<12)
let tinyLabelsRaw: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]

@Test func readsImagesHeaderAndPixelsUnchanged() throws {
    let images = try IDXReader.images(from: tinyImagesRaw, source: "tiny")
    #expect(images.count == 2 && images.rows == 3 && images.columns == 2)
    #expect(images.pixels == Array(0..<12))
}

@Test func gzippedAndRawFilesReadTheSame() throws {
    #expect(try IDXReader.images(from: tinyImagesGzip, source: "a.gz") == IDXReader.images(from: tinyImagesRaw, source: "a"))
    #expect(try IDXReader.labels(from: tinyLabelsGzip, source: "b.gz").labels == [7, 2, 1])
    #expect(try IDXReader.labels(from: tinyLabelsRaw, source: "b").labels == [7, 2, 1])
}

@Test func imageIsOneImageRowMajor() throws {
    let images = try IDXReader.images(from: tinyImagesRaw, source: "tiny")
    #expect(Array(images.image(0)) == [0, 1, 2, 3, 4, 5])
    #expect(Array(images.image(1)) == [6, 7, 8, 9, 10, 11])  // row 0: 6 7, row 1: 8 9, row 2: 10 11
}

@Test func encodeWritesBigEndianHeaderThenBytes() {
    let images = IDXImages(count: 2, rows: 3, columns: 2, pixels: Array(0..<12))
    #expect(IDXReader.encode(images: images) == tinyImagesRaw)
    #expect(IDXReader.encode(labels: IDXLabels(labels: [7, 2, 1])) == tinyLabelsRaw)
}

@Test func encodedRandomSetsReadBackUnchanged() throws {
    var random = SplitMix64(seed: 803)
    for _ in 0..<20 {
        let count = Int(random.next() % 5), rows = 1 + Int(random.next() % 30), columns = 1 + Int(random.next() % 30)
        let pixels = (0..<(count * rows * columns)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let images = IDXImages(count: count, rows: rows, columns: columns, pixels: pixels)
        #expect(try IDXReader.images(from: IDXReader.encode(images: images), source: "round trip") == images)
        let labels = IDXLabels(labels: (0..<count).map { _ in UInt8(random.next() % 10) })
        #expect(try IDXReader.labels(from: IDXReader.encode(labels: labels), source: "round trip") == labels)
    }
}

/// A malformed IDX input and the one error it must produce.
struct MalformedIDX: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let kind: IDXKind
    let error: IDXError
    var testDescription: String { name }

    static let all: [MalformedIDX] = [
        MalformedIDX(name: "wrong magic", bytes: [0x12, 0x34, 0x56, 0x78] + tinyImagesRaw.dropFirst(4), kind: .images,
                     error: .wrongMagic(source: "f", expected: .images, found: 0x1234_5678)),
        MalformedIDX(name: "labels file read as images", bytes: tinyLabelsRaw, kind: .images,
                     error: .wrongMagic(source: "f", expected: .images, found: 0x801)),
        MalformedIDX(name: "images file read as labels", bytes: tinyImagesRaw, kind: .labels,
                     error: .wrongMagic(source: "f", expected: .labels, found: 0x803)),
        MalformedIDX(name: "empty file", bytes: [], kind: .labels,
                     error: .truncatedHeader(source: "f", kind: .labels, found: 0)),
        MalformedIDX(name: "header cut after 6 bytes", bytes: Array(tinyImagesRaw.prefix(6)), kind: .images,
                     error: .truncatedHeader(source: "f", kind: .images, found: 6)),
        MalformedIDX(name: "one pixel missing", bytes: Array(tinyImagesRaw.dropLast()), kind: .images,
                     error: .truncatedData(source: "f", kind: .images, expected: 12, found: 11)),
        MalformedIDX(name: "one byte too many", bytes: tinyImagesRaw + [0], kind: .images,
                     error: .trailingData(source: "f", kind: .images, expected: 12, found: 13)),
        MalformedIDX(name: "labels missing", bytes: Array(tinyLabelsRaw.prefix(9)), kind: .labels,
                     error: .truncatedData(source: "f", kind: .labels, expected: 3, found: 1)),
        MalformedIDX(name: "label 11", bytes: [0, 0, 8, 1, 0, 0, 0, 3, 7, 11, 1], kind: .labels,
                     error: .labelOutOfRange(source: "f", index: 1, value: 11)),
        // 0x0f4241 = 1,000,001 images: one over the limit, refused before any pixel is expected.
        MalformedIDX(name: "1,000,001 images", bytes: [0, 0, 8, 3, 0, 0x0f, 0x42, 0x41, 0, 0, 0, 28, 0, 0, 0, 28],
                     kind: .images, error: .absurdDimensions(source: "f", dimensions: [1_000_001, 28, 28])),
        MalformedIDX(name: "4,294,967,295 images", bytes: [0, 0, 8, 3, 255, 255, 255, 255, 0, 0, 0, 1, 0, 0, 0, 1],
                     kind: .images, error: .absurdDimensions(source: "f", dimensions: [4_294_967_295, 1, 1])),
        MalformedIDX(name: "zero rows", bytes: [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 28], kind: .images,
                     error: .absurdDimensions(source: "f", dimensions: [1, 0, 28])),
        MalformedIDX(name: "1025 columns", bytes: [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 4, 1], kind: .images,
                     error: .absurdDimensions(source: "f", dimensions: [1, 28, 1025])),
        MalformedIDX(name: "2,000,000 labels", bytes: [0, 0, 8, 1, 0, 0x1e, 0x84, 0x80], kind: .labels,
                     error: .absurdDimensions(source: "f", dimensions: [2_000_000])),
        MalformedIDX(name: "gzip with wrong ISIZE", bytes: replacing(tinyImagesGzip, at: 38, with: 29), kind: .images,
                     error: .gzip(source: "f", .lengthMismatch(expected: 29, found: 28, offset: 38))),
        MalformedIDX(name: "gzip cut short", bytes: Array(tinyLabelsGzip.prefix(20)), kind: .labels,
                     error: .gzip(source: "f", .truncated(offset: 20))),
    ]
}

@Test(arguments: MalformedIDX.all)
func malformedIDXThrowsItsOwnError(_ malformed: MalformedIDX) {
    #expect(throws: malformed.error) {
        switch malformed.kind {
        case .images: _ = try IDXReader.images(from: malformed.bytes, source: "f")
        case .labels: _ = try IDXReader.labels(from: malformed.bytes, source: "f")
        }
    }
}

@Test(arguments: [
    (.wrongMagic(source: "train-labels-idx1-ubyte", expected: .images, found: 0x801),
     "train-labels-idx1-ubyte: this is an IDX labels file (magic 0x00000801), but an images file (magic 0x00000803) was expected"),
    (.wrongMagic(source: "x", expected: .labels, found: 0x1234_5678),
     "x: not an IDX labels file: expected magic 0x00000801, found 0x12345678"),
    (.truncatedHeader(source: "x", kind: .images, found: 6),
     "x: truncated header: an IDX images file starts with 16 bytes, found 6"),
    (.truncatedData(source: "x", kind: .images, expected: 47_040_000, found: 1000),
     "x: truncated: expected 47040000 bytes of pixels after the header, found 1000"),
    (.trailingData(source: "x", kind: .labels, expected: 3, found: 5),
     "x: 2 bytes after the 3 bytes of labels the header announces"),
    (.absurdDimensions(source: "x", dimensions: [1, 28, 1025]),
     "x: absurd dimensions 1 × 28 × 1025 (limits: count ≤ 1000000, rows and columns 1…1024)"),
    (.absurdDimensions(source: "x", dimensions: [2_000_000]), "x: absurd dimensions 2000000 (limits: count ≤ 1000000)"),
    (.labelOutOfRange(source: "x", index: 1, value: 11), "x: label 11 at index 1 is not a digit 0–9"),
    (.gzip(source: "x.gz", .truncated(offset: 20)), "x.gz: gzip data ends early: more bytes needed at offset 20"),
    (.file(.notFound(path: "/data/x.gz")), "/data/x.gz: no such file"),
    (.file(.tooLarge(path: "big", size: 200, limit: 100)), "big: file is too large (200 bytes; the limit is 100)"),
] as [(IDXError, String)])
func idxErrorDescriptionsNameTheFileAndTheProblem(error: IDXError, text: String) {
    #expect(error.description == text)
}

// File tests read only this repository: this source file and the folder it is in.
private let thisFile = #filePath
private let thisFolder = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))

@Test func fileBytesReadsTheWholeFile() throws {
    let expected = try #require(FileManager.default.contents(atPath: thisFile))
    #expect(try FileBytes.read(path: thisFile, limit: 1 << 20) == [UInt8](expected))
}

@Test func fileOverTheLimitIsRefusedWithItsSize() throws {
    let size = try #require(FileManager.default.contents(atPath: thisFile)).count
    #expect(throws: FileReadError.tooLarge(path: thisFile, size: size, limit: 100)) {
        try FileBytes.read(path: thisFile, limit: 100)
    }
}

@Test func missingFilesAndFoldersAreReportedByName() {
    let missing = thisFolder + "/no-such-file.idx.gz"
    #expect(throws: IDXError.file(.notFound(path: missing))) { try IDXReader.images(atPath: missing) }
    #expect(throws: FileReadError.notFound(path: thisFile + "/inside")) { try FileBytes.read(path: thisFile + "/inside", limit: 10) }
    #expect(throws: FileReadError.isDirectory(path: thisFolder)) { try FileBytes.read(path: thisFolder, limit: 1 << 20) }
}

@Test func sourceFileIsNotAnIDXFile() {
    // This file starts with "impo" (import Foundation): 0x696d706f.
    #expect(throws: IDXError.wrongMagic(source: thisFile, expected: .labels, found: 0x696d_706f)) {
        try IDXReader.labels(atPath: thisFile)
    }
}
