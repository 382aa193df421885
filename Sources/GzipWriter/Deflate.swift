// Deflate.swift — writing gzip files: LZ77 matches coded with DEFLATE's fixed Huffman codes (RFC 1951 §3.2.6).
//
// Enough to ship MNIST images small (the 784,016 bytes of 1,000 images become about 170 KB, within
// 10 % of `gzip -9`), with no tables to build: one block, fixed codes, greedy matching on a hash chain.
// Only the tool that makes the shipped files (backprop-train-shipped) and the tests write gzip, so
// the writer lives here, beside the core, which only reads it (Inflate.swift).
import BackpropCore

extension Gzip {
    /// `bytes` as one gzip member (RFC 1952): no file name, modification time 0, OS "unknown", so
    /// the same bytes give the same file on every platform. `decompress` gives `bytes` back exactly.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
        out += Deflate.encode(bytes)
        for value in [CRC32.checksum(bytes), UInt32(truncatingIfNeeded: bytes.count)] {
            out += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) }
        }
        return out
    }
}

/// A DEFLATE encoder: one final block with the fixed Huffman codes.
enum Deflate {
    static let windowSize = 32768
    static let minimumMatch = 3
    static let maximumMatch = 258
    /// How many earlier positions with the same 3-byte hash are tried before settling for the best so far.
    static let maximumChain = 256

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                             131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                               1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
                                12, 13, 13]

    /// The raw DEFLATE stream (no zlib or gzip wrapper) for `bytes`.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)          // BFINAL: this is the last block
        bits.write(1, count: 2)          // BTYPE 01: fixed Huffman codes
        let n = bytes.count
        let hashBits = 15
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: windowSize)
        func hash(_ i: Int) -> Int {
            let h = (Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])) &* 2_654_435_761
            return (h >> 7) & ((1 << hashBits) - 1)
        }
        func insert(_ i: Int) {
            guard i + minimumMatch <= n else { return }
            let h = hash(i)
            previous[i & (windowSize - 1)] = head[h]
            head[h] = i
        }
        var i = 0
        while i < n {
            var bestLength = 0, bestDistance = 0
            if i + minimumMatch <= n {
                var candidate = head[hash(i)]
                var chain = maximumChain
                let limit = min(maximumMatch, n - i)
                while candidate >= 0, i - candidate <= windowSize, chain > 0 {
                    var length = 0
                    while length < limit && bytes[candidate + length] == bytes[i + length] { length += 1 }
                    if length > bestLength {
                        (bestLength, bestDistance) = (length, i - candidate)
                        if length == limit { break }
                    }
                    let next = previous[candidate & (windowSize - 1)]
                    // A slot reused by a newer position would point forward: the chain ends there.
                    guard next < candidate else { break }
                    candidate = next
                    chain -= 1
                }
            }
            if bestLength >= minimumMatch {
                writeLength(bestLength, to: &bits)
                writeDistance(bestDistance, to: &bits)
                for p in i..<(i + bestLength) { insert(p) }
                i += bestLength
            } else {
                writeSymbol(Int(bytes[i]), to: &bits)
                insert(i)
                i += 1
            }
        }
        writeSymbol(256, to: &bits)      // end of block
        return bits.finish()
    }

    /// A literal/length symbol 0…287 in the fixed code: 8 bits for 0–143 and 280–287, 9 bits for
    /// 144–255, 7 bits for 256–279 (RFC 1951 §3.2.6).
    static func writeSymbol(_ symbol: Int, to bits: inout BitWriter) {
        switch symbol {
        case 0...143: bits.writeCode(0x30 + symbol, length: 8)
        case 144...255: bits.writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: bits.writeCode(symbol - 256, length: 7)
        default: bits.writeCode(0xc0 + symbol - 280, length: 8)
        }
    }

    static func writeLength(_ length: Int, to bits: inout BitWriter) {
        var code = lengthBase.count - 1
        while lengthBase[code] > length { code -= 1 }
        writeSymbol(257 + code, to: &bits)
        bits.write(UInt64(length - lengthBase[code]), count: lengthExtra[code])
    }

    static func writeDistance(_ distance: Int, to bits: inout BitWriter) {
        var code = distanceBase.count - 1
        while distanceBase[code] > distance { code -= 1 }
        bits.writeCode(code, length: 5)
        bits.write(UInt64(distance - distanceBase[code]), count: distanceExtra[code])
    }
}

/// Bits packed into bytes least significant first, as DEFLATE stores them.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var used = 0

    /// The low `count` bits of `value`, least significant first (extra bits, header fields).
    mutating func write(_ value: UInt64, count: Int) {
        guard count > 0 else { return }
        buffer |= (value & ((1 << UInt64(count)) - 1)) << UInt64(used)
        used += count
        while used >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            used -= 8
        }
    }

    /// A Huffman code, which DEFLATE stores most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed: UInt64 = 0
        for b in 0..<length where code >> b & 1 == 1 { reversed |= 1 << UInt64(length - 1 - b) }
        write(reversed, count: length)
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if used > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        used = 0
        return bytes
    }
}
