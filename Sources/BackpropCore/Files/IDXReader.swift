// IDXReader.swift — MNIST's IDX files: images (magic 0x00000803) and labels (0x00000801), raw or gzipped.
//
// Format (big-endian 32-bit header fields): magic, count[, rows, columns], then the unsigned bytes.

/// The two kinds of IDX file MNIST ships.
public enum IDXKind: Sendable, Equatable {
    case images, labels

    /// 0x00000803 for images (unsigned bytes, 3 dimensions), 0x00000801 for labels (1 dimension).
    public var magic: UInt32 { self == .images ? 0x0000_0803 : 0x0000_0801 }
    /// Bytes before the data: magic and one size per dimension, 4 bytes each.
    public var headerSize: Int { self == .images ? 16 : 8 }
    var name: String { self == .images ? "images" : "labels" }
    var unit: String { self == .images ? "pixels" : "labels" }
}

/// A problem found while reading an IDX file. Every description starts with the file's `source` name.
public enum IDXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, a folder, unreadable, or over `IDXReader.maxBytes`).
    case file(FileReadError)
    /// The file starts like gzip but does not decompress.
    case gzip(source: String, InflateError)
    /// The first 4 bytes (big-endian) are not the magic number of the `expected` kind.
    case wrongMagic(source: String, expected: IDXKind, found: UInt32)
    /// The (decompressed) file has `found` bytes, fewer than the header needs.
    case truncatedHeader(source: String, kind: IDXKind, found: Int)
    /// The header announces `expected` data bytes; only `found` follow it.
    case truncatedData(source: String, kind: IDXKind, expected: Int, found: Int)
    /// The header announces `expected` data bytes; `found` follow it.
    case trailingData(source: String, kind: IDXKind, expected: Int, found: Int)
    /// A size is beyond `IDXReader.maxCount` or `maxSide`, or a side is 0. `dimensions` is
    /// [count] for labels, [count, rows, columns] for images.
    case absurdDimensions(source: String, dimensions: [Int])
    /// Label number `index` (0-based) is `value`, not a digit 0–9.
    case labelOutOfRange(source: String, index: Int, value: UInt8)

    public var description: String {
        switch self {
        case let .file(error):
            error.description
        case let .gzip(source, error):
            "\(source): \(error)"
        case let .wrongMagic(source, expected, found):
            if let other = [IDXKind.images, .labels].first(where: { $0.magic == found }) {
                "\(source): this is an IDX \(other.name) file (magic \(hexadecimal(found, digits: 8))), "
                    + "but an \(expected.name) file (magic \(hexadecimal(expected.magic, digits: 8))) was expected"
            } else {
                "\(source): not an IDX \(expected.name) file: expected magic \(hexadecimal(expected.magic, digits: 8)), "
                    + "found \(hexadecimal(found, digits: 8))"
            }
        case let .truncatedHeader(source, kind, found):
            "\(source): truncated header: an IDX \(kind.name) file starts with \(kind.headerSize) bytes, found \(found)"
        case let .truncatedData(source, kind, expected, found):
            "\(source): truncated: expected \(expected) bytes of \(kind.unit) after the header, found \(found)"
        case let .trailingData(source, kind, expected, found):
            "\(source): \(found - expected) bytes after the \(expected) bytes of \(kind.unit) the header announces"
        case let .absurdDimensions(source, dimensions):
            "\(source): absurd dimensions \(dimensions.map(String.init).joined(separator: " × ")) (limits: count ≤ "
                + "\(IDXReader.maxCount)\(dimensions.count > 1 ? ", rows and columns 1…\(IDXReader.maxSide)" : ""))"
        case let .labelOutOfRange(source, index, value):
            "\(source): label \(value) at index \(index) is not a digit 0–9"
        }
    }
}

/// Greyscale images as an IDX file stores them: `count` images of `rows` × `columns` bytes,
/// 0 (background) to 255 (ink). Kept as bytes: 60,000 MNIST images take 47 MB.
public struct IDXImages: Sendable, Equatable {
    /// Number of images, 0…`IDXReader.maxCount`.
    public let count: Int
    /// Rows (height) of every image, 1…`IDXReader.maxSide`; MNIST's are 28.
    public let rows: Int
    /// Columns (width) of every image, 1…`IDXReader.maxSide`; MNIST's are 28.
    public let columns: Int
    /// Row-major, image after image: pixel (r, c) of image i is at i·rows·columns + r·columns + c.
    public let pixels: [UInt8]

    /// Precondition (a programmer error, checked by the reader for file input): `count` and the
    /// sides are within `IDXReader`'s limits and `pixels.count == count · rows · columns`.
    public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
        precondition(IDXReader.areValid(count: count, rows: rows, columns: columns)
                     && pixels.count == count * rows * columns, "IDXImages: pixels do not match the dimensions")
        (self.count, self.rows, self.columns, self.pixels) = (count, rows, columns, pixels)
    }

    /// The rows · columns pixels of image `i` (0-based), row-major. Precondition: 0 ≤ i < count.
    public func image(_ i: Int) -> ArraySlice<UInt8> {
        precondition(i >= 0 && i < count, "IDXImages: image \(i) is outside 0..<\(count)")
        return pixels[(i * rows * columns)..<((i + 1) * rows * columns)]
    }
}

/// Digit labels as an IDX file stores them: one byte per image, each 0–9.
public struct IDXLabels: Sendable, Equatable {
    /// One digit 0–9 per image, in file order.
    public let labels: [UInt8]
    /// Number of labels.
    public var count: Int { labels.count }

    /// Precondition (checked by the reader for file input): at most `IDXReader.maxCount` labels, each 0–9.
    public init(labels: [UInt8]) {
        precondition(labels.count <= IDXReader.maxCount && labels.allSatisfy { $0 <= 9 }, "IDXLabels: not digits")
        self.labels = labels
    }
}

/// Reads and writes IDX files; gzipped input (magic 1f 8b) is decompressed first.
public enum IDXReader {
    /// Largest file accepted, and largest decompressed size of a gzipped one: 128 MiB.
    public static let maxBytes = 128 << 20
    /// Most images or labels in one file.
    public static let maxCount = 1_000_000
    /// Largest number of rows or columns of an image (at least 1).
    public static let maxSide = 1024

    /// The images in the IDX file at `path`, raw or gzipped; errors name `path`.
    public static func images(atPath path: String) throws(IDXError) -> IDXImages {
        try images(from: contents(of: path), source: path)
    }

    /// The labels in the IDX file at `path`, raw or gzipped; errors name `path`.
    public static func labels(atPath path: String) throws(IDXError) -> IDXLabels {
        try labels(from: contents(of: path), source: path)
    }

    /// The images in the IDX bytes `bytes`, raw or gzipped; `source` names them in errors.
    /// Exact: the pixels are the file's bytes, unchanged.
    public static func images(from bytes: [UInt8], source: String) throws(IDXError) -> IDXImages {
        var data = try unzipped(bytes, source: source)
        let sizes = try header(data, kind: .images, source: source)
        let (count, rows, columns) = (sizes[0], sizes[1], sizes[2])
        guard areValid(count: count, rows: rows, columns: columns) else {
            throw .absurdDimensions(source: source, dimensions: sizes)
        }
        // Within the limits the product is below 2^40; checked anyway for 32-bit platforms.
        let (perImage, _) = rows.multipliedReportingOverflow(by: columns)
        let (expected, overflow) = count.multipliedReportingOverflow(by: perImage)
        guard !overflow else { throw .absurdDimensions(source: source, dimensions: sizes) }
        try checkDataSize(data.count - 16, expected: expected, kind: .images, source: source)
        data.removeFirst(16)
        return IDXImages(count: count, rows: rows, columns: columns, pixels: data)
    }

    /// The labels in the IDX bytes `bytes`, raw or gzipped; `source` names them in errors.
    /// Every label is checked to be 0–9.
    public static func labels(from bytes: [UInt8], source: String) throws(IDXError) -> IDXLabels {
        var data = try unzipped(bytes, source: source)
        let sizes = try header(data, kind: .labels, source: source)
        guard sizes[0] <= maxCount else { throw .absurdDimensions(source: source, dimensions: sizes) }
        try checkDataSize(data.count - 8, expected: sizes[0], kind: .labels, source: source)
        data.removeFirst(8)
        if let index = data.firstIndex(where: { $0 > 9 }) {
            throw .labelOutOfRange(source: source, index: index, value: data[index])
        }
        return IDXLabels(labels: data)
    }

    /// A raw (not gzipped) IDX images file holding `images`; `images(from:)` reads it back unchanged.
    public static func encode(images: IDXImages) -> [UInt8] {
        [IDXKind.images.magic, UInt32(images.count), UInt32(images.rows), UInt32(images.columns)]
            .flatMap(bigEndianBytes) + images.pixels
    }

    /// A raw IDX labels file holding `labels`; `labels(from:)` reads it back unchanged.
    public static func encode(labels: IDXLabels) -> [UInt8] {
        [IDXKind.labels.magic, UInt32(labels.count)].flatMap(bigEndianBytes) + labels.labels
    }

    /// True when the sizes are within the documented limits.
    static func areValid(count: Int, rows: Int, columns: Int) -> Bool {
        (0...maxCount).contains(count) && (1...maxSide).contains(rows) && (1...maxSide).contains(columns)
    }

    private static func contents(of path: String) throws(IDXError) -> [UInt8] {
        do {
            return try FileBytes.read(path: path, limit: maxBytes)
        } catch {
            throw .file(error)
        }
    }

    private static func unzipped(_ bytes: [UInt8], source: String) throws(IDXError) -> [UInt8] {
        guard Gzip.isGzip(bytes) else { return bytes }
        do {
            return try Gzip.decompress(bytes, limit: maxBytes)
        } catch {
            throw .gzip(source: source, error)
        }
    }

    /// Checks the magic number and returns the header's sizes (count, then rows and columns for images).
    private static func header(_ data: [UInt8], kind: IDXKind, source: String) throws(IDXError) -> [Int] {
        if data.count >= 4 {
            let magic = bigEndian32(data, at: 0)
            guard magic == kind.magic else { throw .wrongMagic(source: source, expected: kind, found: magic) }
        }
        guard data.count >= kind.headerSize else {
            throw .truncatedHeader(source: source, kind: kind, found: data.count)
        }
        return stride(from: 4, to: kind.headerSize, by: 4).map { Int(clamping: bigEndian32(data, at: $0)) }
    }

    private static func checkDataSize(_ found: Int, expected: Int, kind: IDXKind, source: String) throws(IDXError) {
        guard found >= expected else {
            throw .truncatedData(source: source, kind: kind, expected: expected, found: found)
        }
        guard found == expected else {
            throw .trailingData(source: source, kind: kind, expected: expected, found: found)
        }
    }

    private static func bigEndian32(_ data: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(data[offset + $1]) }
    }

    private static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
