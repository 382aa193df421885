/// Checks that bytes are well-formed UTF-8 before any of them is interpreted, so the parser can
/// decode strings without a replacement character ever appearing.
enum UTF8Validation {
    /// The UTF-8 byte-order mark, which a JSON reader may skip at the start of a document.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The offset of the first byte sequence that is not well-formed UTF-8 (Unicode table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF), or nil if all of it is.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }

    private static func firstInvalidOffset(in b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = 0
        while i < b.count {
            // Eight ASCII bytes at a time: most of a JSON file is ASCII.
            while i + 8 <= b.count,
                  UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < b.count else { return nil }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            let length: Int
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return i }
            for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
