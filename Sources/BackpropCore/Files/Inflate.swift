// Inflate.swift — a DEFLATE decoder (RFC 1951) and the gzip container around it (RFC 1952).
//
// Written for MNIST's .gz files, so the core needs no zlib. Every read of the input is bounds-checked
// and every write of the output is capacity-checked, so no input can trap or grow memory past `limit`.

/// A problem found while decompressing gzip data. Every `offset` counts bytes from the start of
/// the input; for compressed data it is the byte holding the next unread bit when the problem was found.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A member does not start with 1f 8b (also: non-zero bytes after the last member).
    case badMagic(offset: Int)
    /// The compression method byte is not 8 (deflate).
    case unsupportedMethod(method: UInt8, offset: Int)
    /// The header sets flag bits 5–7, which RFC 1952 reserves.
    case reservedFlags(flags: UInt8, offset: Int)
    /// The header's CRC-16 (`expected`) is not the low half of the header bytes' CRC-32 (`found`).
    case headerCRCMismatch(expected: UInt16, found: UInt16, offset: Int)
    /// The input ends at `offset` (its length) where more bytes are needed.
    case truncated(offset: Int)
    /// A deflate block header has type 3, which RFC 1951 reserves.
    case invalidBlockType(offset: Int)
    /// A stored block's LEN and NLEN are not one's complements of each other.
    case storedLengthMismatch(length: Int, complement: Int, offset: Int)
    /// A dynamic block's code lengths are over-subscribed, incomplete, too many, repeat nothing,
    /// or give no end-of-block code.
    case invalidCodeLengths(offset: Int)
    /// The bits at `offset` are no code, or a code for an unused symbol (286, 287; distance 30, 31).
    case invalidHuffmanCode(offset: Int)
    /// A back-reference reaches before the start of this member's output.
    case distanceTooFar(distance: Int, available: Int, offset: Int)
    /// The trailer's CRC-32 (`expected`) differs from the decompressed data's (`found`).
    case crcMismatch(expected: UInt32, found: UInt32, offset: Int)
    /// The trailer's ISIZE (`expected`) differs from the decompressed length mod 2^32 (`found`).
    case lengthMismatch(expected: UInt32, found: UInt32, offset: Int)
    /// The output would pass `limit` bytes.
    case outputTooLarge(limit: Int)

    public var description: String {
        switch self {
        case let .badMagic(offset):
            "not gzip data: expected bytes 1f 8b at offset \(offset)"
        case let .unsupportedMethod(method, offset):
            "unsupported gzip compression method \(method) at offset \(offset) (only 8, deflate, is defined)"
        case let .reservedFlags(flags, offset):
            "gzip header sets reserved flag bits (flags \(hexadecimal(flags, digits: 2))) at offset \(offset)"
        case let .headerCRCMismatch(expected, found, offset):
            "gzip header checksum at offset \(offset) is \(hexadecimal(expected, digits: 4)), but the header's is \(hexadecimal(found, digits: 4))"
        case let .truncated(offset):
            "gzip data ends early: more bytes needed at offset \(offset)"
        case let .invalidBlockType(offset):
            "invalid deflate block type 3 at offset \(offset)"
        case let .storedLengthMismatch(length, complement, offset):
            "corrupt stored block at offset \(offset): length \(hexadecimal(length, digits: 4)) and its check \(hexadecimal(complement, digits: 4)) are not complements"
        case let .invalidCodeLengths(offset):
            "invalid Huffman code lengths in the deflate block header at offset \(offset)"
        case let .invalidHuffmanCode(offset):
            "invalid Huffman code in deflate data at offset \(offset)"
        case let .distanceTooFar(distance, available, offset):
            "deflate data at offset \(offset) refers \(distance) bytes back, but only \(available) have been decoded"
        case let .crcMismatch(expected, found, offset):
            "gzip CRC-32 mismatch at offset \(offset): trailer says \(hexadecimal(expected, digits: 8)), data gives \(hexadecimal(found, digits: 8))"
        case let .lengthMismatch(expected, found, offset):
            "gzip length mismatch at offset \(offset): trailer says \(expected) bytes (mod 2^32), data has \(found)"
        case let .outputTooLarge(limit):
            "gzip data decompresses to more than the limit of \(limit) bytes"
        }
    }
}

/// `value` as `0x` and at least `digits` lowercase hex digits, e.g. `0x0801`.
func hexadecimal(_ value: some BinaryInteger, digits: Int) -> String {
    let text = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// Reading gzip files: one or more members, each a header, a DEFLATE stream and a trailer.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic bytes 1f 8b. Says nothing about the rest.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The concatenated contents of every gzip member in `bytes`, exactly as compressed: each
    /// member's CRC-32 and length (ISIZE) are checked. Bytes after the last member must all be
    /// zero (padding, as gzip(1) allows). Throws `.outputTooLarge(limit)` rather than ever holding
    /// more than `limit` output bytes (a negative limit counts as 0), so a zip bomb costs at most
    /// a small multiple of `limit` bytes of memory. About 0.11 s for MNIST's 47 MB training images
    /// in a release build.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        let limit = max(0, limit)
        // Decode straight into the result's memory; only if the guess is too small does the
        // output move to memory of its own, costing one more copy at the end.
        var moved: [UInt8]?
        let result = try [UInt8](unsafeUninitializedCapacity: sizeHint(bytes, limit: limit)) {
            memory, initializedCount throws(InflateError) in
            var output = InflateOutput(memory: memory, limit: limit)
            defer { output.deallocate() }
            try bytes.withUnsafeBufferPointer { input throws(InflateError) in
                var offset = 0
                repeat {
                    offset = try readMember(input, at: offset, into: &output)
                } while input[offset...].contains(where: { $0 != 0 })
            }
            if output.isInGivenMemory {
                initializedCount = output.count
            } else {
                moved = Array(output.bytes(from: 0))
            }
        }
        return moved ?? result
    }

    /// A first guess at the output size: the last member's ISIZE if plausible (deflate expands at
    /// most 1032:1), else twice the input. Only affects speed; the buffer grows as needed.
    private static func sizeHint(_ bytes: [UInt8], limit: Int) -> Int {
        let guess = 2 * bytes.count + 1024
        guard bytes.count >= 18 else { return min(limit, guess) }
        let size = Int(littleEndian32(bytes, at: bytes.count - 4))
        return min(limit, size / 1032 <= bytes.count ? max(size, 64) : guess)
    }

    /// Decodes the member starting at `start`; returns the offset just past its trailer.
    private static func readMember(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout InflateOutput
    ) throws(InflateError) -> Int {
        var offset = try skipHeader(input, at: start)
        let first = output.count
        offset = try Inflate.decode(input, at: offset, into: &output, windowStart: first)
        guard input.count - offset >= 8 else { throw .truncated(offset: input.count) }
        let expectedCRC = littleEndian32(input, at: offset)
        let foundCRC = CRC32.checksum(output.bytes(from: first))
        guard expectedCRC == foundCRC else {
            throw .crcMismatch(expected: expectedCRC, found: foundCRC, offset: offset)
        }
        let expectedSize = littleEndian32(input, at: offset + 4)
        let foundSize = UInt32(truncatingIfNeeded: output.count - first)
        guard expectedSize == foundSize else {
            throw .lengthMismatch(expected: expectedSize, found: foundSize, offset: offset + 4)
        }
        return offset + 8
    }

    private static let headerCRCFlag: UInt8 = 2, extraFlag: UInt8 = 4
    private static let nameFlag: UInt8 = 8, commentFlag: UInt8 = 16

    /// Checks the member header at `start` and returns the offset of its DEFLATE data.
    private static func skipHeader(_ input: UnsafeBufferPointer<UInt8>, at start: Int) throws(InflateError) -> Int {
        let available = input.count - start
        if available >= 1 && input[start] != 0x1f || available >= 2 && input[start + 1] != 0x8b {
            throw .badMagic(offset: start)
        }
        guard available >= 10 else { throw .truncated(offset: input.count) }
        guard input[start + 2] == 8 else { throw .unsupportedMethod(method: input[start + 2], offset: start + 2) }
        let flags = input[start + 3]
        guard flags & 0xe0 == 0 else { throw .reservedFlags(flags: flags, offset: start + 3) }
        var offset = start + 10
        if flags & extraFlag != 0 {
            guard input.count - offset >= 2 else { throw .truncated(offset: input.count) }
            let extraLength = Int(input[offset]) | Int(input[offset + 1]) << 8
            guard input.count - offset - 2 >= extraLength else { throw .truncated(offset: input.count) }
            offset += 2 + extraLength
        }
        for flag in [nameFlag, commentFlag] where flags & flag != 0 {
            guard let zero = input[offset...].firstIndex(of: 0) else { throw .truncated(offset: input.count) }
            offset = zero + 1
        }
        if flags & headerCRCFlag != 0 {
            guard input.count - offset >= 2 else { throw .truncated(offset: input.count) }
            let expected = UInt16(input[offset]) | UInt16(input[offset + 1]) << 8
            let found = UInt16(truncatingIfNeeded: CRC32.checksum(UnsafeBufferPointer(rebasing: input[start..<offset])))
            guard expected == found else { throw .headerCRCMismatch(expected: expected, found: found, offset: offset) }
            offset += 2
        }
        return offset
    }

    /// The little-endian UInt32 at `offset`; the caller has checked that 4 bytes are there.
    private static func littleEndian32<C: RandomAccessCollection<UInt8>>(_ bytes: C, at offset: Int) -> UInt32
    where C.Index == Int {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}

/// CRC-32 as used by gzip and PNG (reflected polynomial 0xEDB88320), by slicing-by-8:
/// eight table lookups per 8 input bytes. Exact; about 1–2 GB/s in a release build.
public enum CRC32 {
    /// Eight 256-entry tables, one after another: table k advances a byte through k more zero bytes.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xedb8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = tables[(k - 1) * 256 + n]
                tables[k * 256 + n] = (previous >> 8) ^ tables[Int(previous & 0xff)]
            }
        }
        return tables
    }()

    /// The CRC-32 of `bytes`; `checksum([])` is 0 and `checksum(Array("123456789".utf8))` is 0xCBF43926.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var c: UInt32 = 0xffff_ffff
            var i = 0
            let n = bytes.count
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while n - i >= 8 {
                    let low = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
                    let high = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                    c = t[7 * 256 + Int(low & 0xff)] ^ t[6 * 256 + Int((low >> 8) & 0xff)]
                        ^ t[5 * 256 + Int((low >> 16) & 0xff)] ^ t[4 * 256 + Int(low >> 24)]
                        ^ t[3 * 256 + Int(high & 0xff)] ^ t[2 * 256 + Int((high >> 8) & 0xff)]
                        ^ t[256 + Int((high >> 16) & 0xff)] ^ t[Int(high >> 24)]
                    i += 8
                }
            }
            while i < n {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xff)] ^ (c >> 8)
                i += 1
            }
            return ~c
        }
    }
}

/// Output memory that grows as needed but never holds more than `limit` bytes. It starts in
/// memory it is given and moves to memory of its own if that fills up.
struct InflateOutput {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0
    let limit: Int
    /// False once the buffer has moved out of the memory it was given (and must deallocate).
    private(set) var isInGivenMemory: Bool

    init(memory: UnsafeMutableBufferPointer<UInt8>, limit: Int) {
        self.limit = limit
        if let given = memory.baseAddress {
            (base, capacity, isInGivenMemory) = (given, min(memory.count, limit), true)
        } else {
            (base, capacity, isInGivenMemory) = (.allocate(capacity: 1), 0, false)
        }
    }

    /// Makes room for `extra` more bytes, or throws `.outputTooLarge` if that would pass `limit`.
    mutating func reserve(_ extra: Int) throws(InflateError) {
        guard capacity - count < extra else { return }
        guard extra <= limit - count else { throw .outputTooLarge(limit: limit) }
        let grown = capacity <= limit / 2 ? capacity * 2 : limit
        let newCapacity = max(grown, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        deallocate()
        (base, capacity, isInGivenMemory) = (newBase, newCapacity, false)
    }

    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Frees the memory the buffer allocated itself, if any.
    func deallocate() {
        if !isInGivenMemory { base.deallocate() }
    }
}

/// Decoding one raw DEFLATE stream (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
enum Inflate {
    /// Decodes the stream starting at byte `start` of `input`, appending to `output`; returns the
    /// offset of the first byte after the stream's last (byte-padded) block. Back-references may
    /// reach back to `windowStart` in `output` and no further.
    static func decode(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout InflateOutput, windowStart: Int
    ) throws(InflateError) -> Int {
        var bits = BitReader(input: input, position: start)
        var literalTable: [UInt32] = [], distanceTable: [UInt32] = []
        var isFinal = false
        while !isFinal {
            let header = try bits.read(3)
            isFinal = header & 1 == 1
            switch header >> 1 {
            case 0:
                try copyStoredBlock(&bits, into: &output)
            case 1:
                try decodeBlock(&bits, Huffman.fixedLiterals, Huffman.fixedDistances, &output, windowStart)
            case 2:
                try readDynamicTables(&bits, literals: &literalTable, distances: &distanceTable)
                try decodeBlock(&bits, literalTable, distanceTable, &output, windowStart)
            default:
                throw .invalidBlockType(offset: bits.byteOffset)
            }
        }
        return bits.alignToByte()
    }

    private static func copyStoredBlock(_ bits: inout BitReader, into output: inout InflateOutput) throws(InflateError) {
        let start = bits.alignToByte()
        let input = bits.input
        guard input.count - start >= 4 else { throw .truncated(offset: input.count) }
        let length = Int(input[start]) | Int(input[start + 1]) << 8
        let complement = Int(input[start + 2]) | Int(input[start + 3]) << 8
        guard length == complement ^ 0xffff else {
            throw .storedLengthMismatch(length: length, complement: complement, offset: start)
        }
        guard input.count - start - 4 >= length else { throw .truncated(offset: input.count) }
        try output.reserve(length)
        if let source = input.baseAddress {
            (output.base + output.count).update(from: source + start + 4, count: length)
        }
        output.count += length
        bits = BitReader(input: input, position: start + 4 + length)
    }

    /// The order in which a dynamic block lists the code-length code's lengths (RFC 1951 §3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func readDynamicTables(
        _ bits: inout BitReader, literals: inout [UInt32], distances: inout [UInt32]
    ) throws(InflateError) {
        let literalCount = Int(try bits.read(5)) + 257
        let distanceCount = Int(try bits.read(5)) + 1
        let codeLengthCount = Int(try bits.read(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCodeLengths(offset: bits.byteOffset) }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[i]] = UInt8(try bits.read(3))
        }
        var codeLengthTable: [UInt32] = []
        guard Huffman.build(codeLengthLengths[...], leaves: Huffman.codeLengthLeaves, primaryBits: 7,
                            into: &codeLengthTable, allowIncomplete: false)
        else { throw .invalidCodeLengths(offset: bits.byteOffset) }

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var i = 0
        try codeLengthTable.withUnsafeBufferPointer { table throws(InflateError) in
            while i < total {
                bits.refill()
                let symbol = try bits.decode(table, primaryBits: 7) >> Huffman.valueShift
                if symbol < 16 {
                    lengths[i] = UInt8(symbol)
                    i += 1
                    continue
                }
                let value: UInt8, repeats: Int
                switch symbol {
                case 16:
                    guard i > 0 else { throw .invalidCodeLengths(offset: bits.byteOffset) }
                    (value, repeats) = (lengths[i - 1], 3 + Int(try bits.read(2)))
                case 17: (value, repeats) = (0, 3 + Int(try bits.read(3)))
                default: (value, repeats) = (0, 11 + Int(try bits.read(7)))
                }
                guard repeats <= total - i else { throw .invalidCodeLengths(offset: bits.byteOffset) }
                for j in i..<(i + repeats) { lengths[j] = value }
                i += repeats
            }
        }
        guard lengths[256] != 0,
              Huffman.build(lengths[..<literalCount], leaves: Huffman.literalLeaves, primaryBits: Huffman.literalBits,
                            into: &literals, allowIncomplete: true),
              Huffman.build(lengths[literalCount...], leaves: Huffman.distanceLeaves,
                            primaryBits: Huffman.distanceBits, into: &distances, allowIncomplete: true)
        else { throw .invalidCodeLengths(offset: bits.byteOffset) }
    }

    /// The hot loop: literals and back-references until the end-of-block code. After one refill
    /// the buffer holds ≥ 56 bits (unless the input is ending), enough for the longest symbol:
    /// 15 + 5 length bits and 15 + 13 distance bits.
    private static func decodeBlock(
        _ bits: inout BitReader, _ literalTable: [UInt32], _ distanceTable: [UInt32],
        _ output: inout InflateOutput, _ windowStart: Int
    ) throws(InflateError) {
        try literalTable.withUnsafeBufferPointer { literals throws(InflateError) in
            try distanceTable.withUnsafeBufferPointer { distances throws(InflateError) in
                var reader = bits
                defer { bits = reader }
                var out = output.base, count = output.count, capacity = output.capacity
                defer { output.count = count }
                while true {
                    reader.refill()
                    let entry = try reader.decode(literals, primaryBits: Huffman.literalBits)
                    if entry & Huffman.literalFlag != 0 {
                        if count == capacity {
                            output.count = count
                            try output.reserve(1)
                            (out, capacity) = (output.base, output.capacity)
                        }
                        out[count] = UInt8(truncatingIfNeeded: entry >> Huffman.valueShift)
                        count &+= 1
                        continue
                    }
                    if entry & Huffman.endFlag != 0 { return }
                    let length = Int(entry >> Huffman.valueShift) &+ Int(try reader.readExtra(entry))
                    let distanceEntry = try reader.decode(distances, primaryBits: Huffman.distanceBits)
                    let distance = Int(distanceEntry >> Huffman.valueShift) &+ Int(try reader.readExtra(distanceEntry))
                    guard distance <= count &- windowStart else {
                        throw .distanceTooFar(distance: distance, available: count - windowStart, offset: reader.byteOffset)
                    }
                    if capacity &- count < length {
                        output.count = count
                        try output.reserve(length)
                        (out, capacity) = (output.base, output.capacity)
                    }
                    copyMatch(to: out + count, distance: distance, length: length)
                    count &+= length
                }
            }
        }
    }

    /// Copies `length` bytes from `distance` bytes back; overlapping copies repeat the pattern,
    /// as LZ77 requires, so each chunk is at most `distance` bytes long.
    @inline(__always)
    private static func copyMatch(to destination: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
        let source = destination - distance
        if distance >= length {
            destination.update(from: source, count: length)
        } else if distance == 1 {
            destination.update(repeating: source.pointee, count: length)
        } else if distance < 8 {
            for i in 0..<length { destination[i] = source[i] }
        } else {
            var done = 0
            while done < length {
                let chunk = min(distance, length - done)
                (destination + done).update(from: source + done, count: chunk)
                done += chunk
            }
        }
    }
}

/// Reads DEFLATE's little-endian bit stream through a 64-bit buffer.
struct BitReader {
    let input: UnsafeBufferPointer<UInt8>
    /// The next input byte not yet in `buffer`.
    private(set) var position: Int
    /// The next `count` stream bits, lowest first. Bits above `count` are zero or the next stream bits.
    private var buffer: UInt64 = 0
    private var count = 0

    init(input: UnsafeBufferPointer<UInt8>, position: Int) {
        self.input = input
        self.position = position
    }

    /// The offset of the byte holding the next unread bit.
    var byteOffset: Int { position - (count + 7) / 8 }

    /// Fills the buffer to at least 56 bits, or with all the input that is left.
    @inline(__always)
    mutating func refill() {
        if input.count &- position >= 8, let base = UnsafeRawPointer(input.baseAddress) {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            buffer |= word &<< count
            position &+= (63 &- count) &>> 3
            count |= 56
        } else {
            while count <= 55 && position < input.count {
                buffer |= UInt64(input[position]) &<< count
                position += 1
                count += 8
            }
        }
    }

    /// The next `n` bits (n ≤ 32) as a number, first bit lowest.
    mutating func read(_ n: Int) throws(InflateError) -> UInt64 {
        if count < n { refill() }
        guard count >= n else { throw .truncated(offset: input.count) }
        let value = buffer & ((1 &<< UInt64(n)) &- 1)
        buffer &>>= UInt64(n)
        count &-= n
        return value
    }

    /// The extra bits that follow a length or distance code whose table entry is `entry`.
    @inline(__always)
    mutating func readExtra(_ entry: UInt32) throws(InflateError) -> UInt64 {
        let n = Int((entry >> Huffman.extraShift) & 0xf)
        guard count >= n else { throw .truncated(offset: input.count) }
        let value = buffer & ((1 &<< UInt64(n)) &- 1)
        buffer &>>= UInt64(n)
        count &-= n
        return value
    }

    /// Decodes one Huffman code with `table` (built by `Huffman.build`) and returns its leaf entry.
    /// The caller refills first.
    @inline(__always)
    mutating func decode(_ table: UnsafeBufferPointer<UInt32>, primaryBits: Int) throws(InflateError) -> UInt32 {
        var entry = table[Int(truncatingIfNeeded: buffer) & ((1 &<< primaryBits) &- 1)]
        if entry & Huffman.linkFlag != 0 {
            let subBits = Int((entry >> Huffman.extraShift) & 0xf)
            let index = Int(truncatingIfNeeded: buffer &>> UInt64(primaryBits)) & ((1 &<< subBits) &- 1)
            entry = table[Int(entry >> Huffman.valueShift) &+ index]
        }
        let n = Int(entry & Huffman.lengthMask)
        guard n != 0, n <= count else {
            // Past the end of the input the buffer reads as zeros, which may spell an unused code.
            let inputEnded = position == input.count && count < 15
            throw n != 0 || inputEnded ? .truncated(offset: input.count) : .invalidHuffmanCode(offset: byteOffset)
        }
        buffer &>>= UInt64(n)
        count &-= n
        return entry
    }

    /// Drops the bits up to the next byte boundary, returns the byte there and restarts reading at it.
    mutating func alignToByte() -> Int {
        let next = position - count / 8
        self = BitReader(input: input, position: next)
        return next
    }
}

/// Canonical Huffman codes as two-level lookup tables. The first `primaryBits` stream bits index
/// the table; a longer code's entry links to a sub-table indexed by the bits after those.
///
/// Entry layout (UInt32): bits 0–3 code length (0 = no such code), bits 4–7 extra bits to read
/// (or a link's sub-table index bits), bits 8–10 kind, bits 16–31 the value: a literal byte, a
/// base length or distance, a code-length symbol, or a link's sub-table start.
enum Huffman {
    static let lengthMask: UInt32 = 0xf, extraShift: UInt32 = 4, valueShift: UInt32 = 16
    static let literalFlag: UInt32 = 0x100, endFlag: UInt32 = 0x200, linkFlag: UInt32 = 0x400
    static let literalBits = 10, distanceBits = 9

    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                              115, 131, 163, 195, 227, 258]
    static let lengthExtras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtras = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                 11, 11, 12, 12, 13, 13]

    /// Leaf entries (without code length) for the 288 literal/length symbols; 286 and 287 are unused (0).
    static let literalLeaves: [UInt32] = (0..<288).map { symbol in
        switch symbol {
        case 0..<256: literalFlag | UInt32(symbol) << valueShift
        case 256: endFlag
        case 257..<286: UInt32(lengthBases[symbol - 257]) << valueShift | UInt32(lengthExtras[symbol - 257]) << extraShift
        default: 0
        }
    }
    /// Leaf entries for the 32 distance symbols; 30 and 31 are unused (0).
    static let distanceLeaves: [UInt32] = (0..<32).map { symbol in
        symbol < 30 ? UInt32(distanceBases[symbol]) << valueShift | UInt32(distanceExtras[symbol]) << extraShift : 0
    }
    /// Each byte with its bits in reverse order, for turning codes into stream order.
    static let reversedBytes: [UInt8] = (0..<256).map { byte in
        (0..<8).reduce(0) { $0 | UInt8((byte >> $1) & 1) << (7 - $1) }
    }
    static let codeLengthLeaves: [UInt32] = (0..<19).map { literalFlag | UInt32($0) << valueShift }

    /// The fixed codes of block type 1 (RFC 1951 §3.2.6).
    static let fixedLiterals: [UInt32] = {
        var table: [UInt32] = []
        let lengths = (0..<288).map { UInt8($0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8) }
        _ = build(lengths[...], leaves: literalLeaves, primaryBits: literalBits, into: &table, allowIncomplete: false)
        return table
    }()
    static let fixedDistances: [UInt32] = {
        var table: [UInt32] = []
        let lengths = [UInt8](repeating: 5, count: 32)
        _ = build(lengths[...], leaves: distanceLeaves, primaryBits: distanceBits, into: &table, allowIncomplete: false)
        return table
    }()

    /// Fills `table` for the code where symbol i has length `lengths[i]` (0 = unused, at most 15)
    /// and returns true, or returns false if the lengths are over-subscribed or incomplete. An
    /// incomplete code is accepted only when `allowIncomplete` and it has no codes or one code of
    /// length 1 (as zlib does). Either way `table` has at least 2^primaryBits entries afterwards,
    /// so lookups never leave it.
    static func build(
        _ lengths: ArraySlice<UInt8>, leaves: [UInt32], primaryBits: Int, into table: inout [UInt32],
        allowIncomplete: Bool
    ) -> Bool {
        let primarySize = 1 << primaryBits
        table.removeAll(keepingCapacity: true)
        table.append(contentsOf: repeatElement(0, count: primarySize))
        let lengths = lengths.prefix(leaves.count)
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length & 0xf)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = 2 * left - counts[length]
            if left < 0 { return false }
        }
        let used = counts.reduce(0, +)
        if left > 0 && !(allowIncomplete && (used == 0 || used == 1 && counts[1] == 1)) { return false }

        // Codes are assigned in order of (length, symbol) and stored bit-reversed, as the stream sends them.
        var nextCode = [Int](repeating: 0, count: 16)
        for length in 1...15 { nextCode[length] = (nextCode[length - 1] + counts[length - 1]) << 1 }
        var codes = [Int](repeating: 0, count: lengths.count)
        var subBits = [UInt8](repeating: 0, count: primarySize), linked: [Int] = []
        for (symbol, length) in lengths.lazy.map({ Int($0 & 0xf) }).enumerated() where length > 0 {
            let code = nextCode[length]
            nextCode[length] += 1
            let reversed = (Int(reversedBytes[code & 0xff]) << 8 | Int(reversedBytes[(code >> 8) & 0xff])) >> (16 - length)
            codes[symbol] = reversed
            if length > primaryBits {
                let prefix = reversed & (primarySize - 1)
                if subBits[prefix] == 0 { linked.append(prefix) }
                subBits[prefix] = max(subBits[prefix], UInt8(length - primaryBits))
            }
        }
        for prefix in linked {
            table[prefix] = linkFlag | UInt32(table.count) << valueShift | UInt32(subBits[prefix]) << extraShift
            table.append(contentsOf: repeatElement(0, count: 1 << subBits[prefix]))
        }
        // Every index below is in range: a code of length L ≤ primaryBits is below 2^L, and the
        // rest of a longer one is below its sub-table's size, as the codes are not over-subscribed.
        table.withUnsafeMutableBufferPointer { table in
            for (symbol, length) in lengths.lazy.map({ Int($0 & 0xf) }).enumerated() where length > 0 {
                let entry = leaves[symbol] == 0 ? 0 : leaves[symbol] | UInt32(length)
                var i = codes[symbol], end = primarySize, step = 1 << length
                if length > primaryBits {
                    let link = table[i & (primarySize - 1)]
                    let start = Int(link >> valueShift)
                    (i, end, step) = (start + i >> primaryBits, start + 1 << ((link >> extraShift) & 0xf),
                                      1 << (length - primaryBits))
                }
                while i < end {
                    table[i] = entry
                    i &+= step
                }
            }
        }
        return true
    }
}
