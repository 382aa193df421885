#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSON {
    /// The deepest nesting of arrays and objects the parser accepts: `[[1]]` is depth 2.
    public static let maximumDepth = 256

    /// Parses one JSON document (RFC 8259) from UTF-8 bytes.
    ///
    /// Accepts exactly the RFC grammar, plus one leading UTF-8 byte-order mark. Refuses: more than
    /// `limit` bytes, invalid UTF-8, trailing text after the value, trailing commas, leading zeros,
    /// unescaped control characters and lone surrogates in strings, a key repeated within one
    /// object, nesting deeper than `maximumDepth`, and numbers whose magnitude rounds to infinity.
    /// Every number is converted with correct rounding (strtod, as `Double(String)`), so any double written
    /// by `serialized` reads back bit for bit. Numbers too small for a double round to ±0 or a
    /// subnormal, as correct rounding requires.
    ///
    /// Time and memory are linear in the input; the recursion is at most `maximumDepth` deep.
    public static func parse(_ bytes: [UInt8], limit: Int) throws(JSONError) -> JSON {
        guard bytes.count <= limit else { throw .tooLarge(size: bytes.count, limit: limit) }
        var parser = JSONParser(bytes: bytes)
        return try parser.document()
    }

    /// Parses one JSON document from a string (its UTF-8 bytes, at most `limit` of them).
    public static func parse(_ text: String, limit: Int) throws(JSONError) -> JSON {
        try parse(Array(text.utf8), limit: limit)
    }

    /// Checks one JSON document as `parse` does, with the same errors, and builds nothing: the
    /// document as a `JSONSlice`, whose values are read only when asked for (so a value nobody reads
    /// costs no memory at all). The one rule not checked here is that keys are unique within an
    /// object: `JSONSlice.members(_:)` checks it for the keys a reader asks for.
    ///
    /// Time is linear in the input; memory is constant (the document's bytes are shared, not copied).
    public static func document(_ bytes: [UInt8], limit: Int) throws(JSONError) -> JSONSlice {
        guard bytes.count <= limit else { throw .tooLarge(size: bytes.count, limit: limit) }
        var parser = JSONParser(bytes: bytes)
        let start = try parser.skimDocument()
        return JSONSlice(bytes: bytes, start: start)
    }
}

/// A recursive-descent parser over UTF-8 bytes whose recursion depth is counted and capped.
/// It tracks only a byte offset; line and column are computed from the offset when an error is made.
struct JSONParser {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    var i = 0
    /// Where `skimString` lets `escape` put the bytes it decodes (reused, so checking allocates nothing).
    private var scratch: [UInt8] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(JSONError) -> JSON {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(offset: bad) }
        if bytes.starts(with: UTF8Validation.byteOrderMark) { i = UTF8Validation.byteOrderMark.count }
        skipWhitespace()
        guard i < bytes.count else { throw .empty }
        let value = try value(depth: 0)
        skipWhitespace()
        guard i == bytes.count else {
            throw syntax("unexpected \(found(at: i)) after the JSON value", at: i)
        }
        return value
    }

    // MARK: Values

    mutating func value(depth: Int) throws(JSONError) -> JSON {
        guard i < bytes.count else {
            throw syntax("expected a value, found the end of the input", at: i)
        }
        switch bytes[i] {
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            switch word(at: i) {
            case "true": i += 4; return .bool(true)
            case "false": i += 5; return .bool(false)
            case "null": i += 4; return .null
            case "NaN", "Infinity": throw notJSON(word(at: i), at: i)
            default: throw syntax("expected a value, found \(found(at: i))", at: i)
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONError) -> JSON {
        guard depth <= JSON.maximumDepth else { throw tooDeep(at: i) }
        i += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            i += 1
            return .array([])
        }
        var elements: [JSON] = []
        while true {
            elements.append(try value(depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "]"):
                i += 1
                return .array(elements)
            case UInt8(ascii: ","):
                let comma = i
                i += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") { throw syntax("trailing comma before ']'", at: comma) }
            default:
                throw syntax("expected ',' or ']' after an array element, found \(found(at: i))", at: i)
            }
        }
    }

    private mutating func object(depth: Int) throws(JSONError) -> JSON {
        guard depth <= JSON.maximumDepth else { throw tooDeep(at: i) }
        i += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            i += 1
            return .object([])
        }
        var members: [(key: String, value: JSON)] = []
        var keys: Set<String> = []
        while true {
            guard peek() == UInt8(ascii: "\"") else {
                throw syntax("expected a string key, found \(found(at: i))", at: i)
            }
            let keyStart = i
            let key = try string()
            guard keys.insert(key).inserted else {
                throw syntax("duplicate key \(JSONWriter.quotedForMessage(key))", at: keyStart)
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw syntax("expected ':' after the key \(JSONWriter.quotedForMessage(key)), found \(found(at: i))", at: i)
            }
            i += 1
            skipWhitespace()
            members.append((key: key, value: try value(depth: depth)))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "}"):
                i += 1
                return .object(members)
            case UInt8(ascii: ","):
                let comma = i
                i += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") { throw syntax("trailing comma before '}'", at: comma) }
            default:
                throw syntax("expected ',' or '}' after an object member, found \(found(at: i))", at: i)
            }
        }
    }

    // MARK: Checking without building

    /// Checks the whole document as `document()` does and returns the offset of its value.
    mutating func skimDocument() throws(JSONError) -> Int {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(offset: bad) }
        if bytes.starts(with: UTF8Validation.byteOrderMark) { i = UTF8Validation.byteOrderMark.count }
        skipWhitespace()
        guard i < bytes.count else { throw .empty }
        let start = i
        // The quick check answers for nearly every document; when it is not sure, the slow check
        // below finds the error and its place (or finds none: the quick one is stricter).
        let end = bytes.withUnsafeBufferPointer { JSONQuickCheck.valueEnd($0, from: start) }
        if end == bytes.count { return start }
        try skimValue(depth: 0)
        skipWhitespace()
        guard i == bytes.count else {
            throw syntax("unexpected \(found(at: i)) after the JSON value", at: i)
        }
        return start
    }

    /// `value(depth:)` without the value: the same grammar and errors, no allocation.
    private mutating func skimValue(depth: Int) throws(JSONError) {
        guard i < bytes.count else {
            throw syntax("expected a value, found the end of the input", at: i)
        }
        switch bytes[i] {
        case UInt8(ascii: "["): try skimContainer(depth: depth + 1, close: UInt8(ascii: "]"))
        case UInt8(ascii: "{"): try skimContainer(depth: depth + 1, close: UInt8(ascii: "}"))
        case UInt8(ascii: "\""): try skimString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skimNumber()
        default:
            switch word(at: i) {
            case "true": i += 4
            case "false": i += 5
            case "null": i += 4
            case "NaN", "Infinity": throw notJSON(word(at: i), at: i)
            default: throw syntax("expected a value, found \(found(at: i))", at: i)
            }
        }
    }

    /// An array (`close` is "]") or an object ("}"), with the messages `array` and `object` give.
    private mutating func skimContainer(depth: Int, close: UInt8) throws(JSONError) {
        guard depth <= JSON.maximumDepth else { throw tooDeep(at: i) }
        let isObject = close == UInt8(ascii: "}")
        i += 1
        skipWhitespace()
        if peek() == close {
            i += 1
            return
        }
        while true {
            if isObject {
                guard peek() == UInt8(ascii: "\"") else {
                    throw syntax("expected a string key, found \(found(at: i))", at: i)
                }
                let keyStart = i
                try skimString()
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else {
                    var key = JSONParser(bytes: bytes)
                    key.i = keyStart
                    let text = (try? key.string()) ?? ""
                    throw syntax("expected ':' after the key \(JSONWriter.quotedForMessage(text)), found \(found(at: i))", at: i)
                }
                i += 1
                skipWhitespace()
            }
            try skimValue(depth: depth)
            skipWhitespace()
            switch peek() {
            case close:
                i += 1
                return
            case UInt8(ascii: ","):
                let comma = i
                i += 1
                skipWhitespace()
                if peek() == close { throw syntax("trailing comma before '\(Character(Unicode.Scalar(close)))'", at: comma) }
            default:
                throw syntax(isObject
                    ? "expected ',' or '}' after an object member, found \(found(at: i))"
                    : "expected ',' or ']' after an array element, found \(found(at: i))", at: i)
            }
        }
    }

    /// A string's escapes and control characters checked as `string()` checks them.
    private mutating func skimString() throws(JSONError) {
        let open = i
        i += 1
        while true {
            guard i < bytes.count else { throw syntax("unterminated string", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return
            } else if b == UInt8(ascii: "\\") {
                var decoded = scratch
                scratch = []
                decoded.removeAll(keepingCapacity: true)
                defer { scratch = decoded }
                try escape(into: &decoded)
            } else if b < 0x20 {
                throw syntax("control character \(JSONParser.scalarName(UInt32(b))) in a string must be escaped", at: i)
            } else {
                i += 1
            }
        }
    }

    /// A number's grammar, and its range when its digits and exponent say it could pass the
    /// largest double (below 10^308 it cannot, so most numbers are never converted here).
    private mutating func skimNumber() throws(JSONError) {
        let start = i
        let magnitude = try scanNumber()
        guard magnitude > 308 else { return }
        i = start
        _ = try number()
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, then correctly rounded by `Double(String)`.
    private mutating func number() throws(JSONError) -> JSON {
        let start = i
        _ = try scanNumber()
        if let x = JSONParser.quickDouble(bytes, start..<i), x.isFinite { return .number(x) }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        // The grammar above is a subset of what Double(String) accepts, so nil cannot happen.
        guard let x = Double(text) else { throw syntax("unreadable number \(text)", at: start) }
        guard x.isFinite else {
            let (line, column) = location(of: start)
            throw .numberOutOfRange(text: JSONParser.shortened(text), line: line, column: column)
        }
        return .number(x)
    }

    /// Moves past one number, checking its grammar; returns a bound on its size: the number is
    /// below 10 to that power (digits before the point plus the exponent, at most a million).
    private mutating func scanNumber() throws(JSONError) -> Int {
        let start = i
        if peek() == UInt8(ascii: "-") {
            i += 1
            if word(at: i) == "Infinity" { throw notJSON("-Infinity", at: start) }
        }
        guard isDigit(peek()) else {
            throw syntax("expected a digit after '-', found \(found(at: i))", at: i)
        }
        var integerDigits = 0
        if peek() == UInt8(ascii: "0") {
            i += 1
            if isDigit(peek()) { throw syntax("a number cannot have a leading zero", at: start) }
        } else {
            let digits = i
            skipDigits()
            integerDigits = i - digits
        }
        if peek() == UInt8(ascii: ".") {
            i += 1
            guard isDigit(peek()) else {
                throw syntax("expected a digit after the decimal point, found \(found(at: i))", at: i)
            }
            skipDigits()
        }
        var exponent = 0
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i += 1
            var sign = 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                if peek() == UInt8(ascii: "-") { sign = -1 }
                i += 1
            }
            guard isDigit(peek()) else {
                throw syntax("expected a digit in the exponent, found \(found(at: i))", at: i)
            }
            while let b = peek(), isDigit(b) {
                exponent = min(exponent * 10 + Int(b - UInt8(ascii: "0")), 1_000_000)
                i += 1
            }
            exponent *= sign
        }
        return min(integerDigits, 1_000_000) + exponent
    }

    /// The number in bytes[range] read by the C library's strtod, as `Double(String)` reads it
    /// (Swift's conversion is strtod too, correctly rounded) but without making a String for each
    /// of a network file's thousands of numbers; nil when the text is long or strtod does not take
    /// all of it (a locale whose decimal point is not '.'), so the caller falls back to `Double(String)`.
    static func quickDouble(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return nil }
            return quickDouble(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
        }
    }

    /// The same for the number that is all of `digits`; nil also when the text is 40 bytes or more
    /// (then the caller reads it through `Double(String)`).
    static func quickDouble(_ digits: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = digits.count
        guard count < 40 else {
            return Double(String(decoding: digits, as: UTF8.self))
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer -> Double? in
            guard let text = buffer.baseAddress else { return nil }
            for n in 0..<count { text[n] = CChar(bitPattern: digits[n]) }
            text[count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let x = strtod(text, &end)
            return end == text + count ? x : Double(String(decoding: digits, as: UTF8.self))
        }
    }

    private func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while isDigit(peek()) { i += 1 }
    }

    // MARK: Strings

    /// A string starting at the opening quote; the input is already known to be valid UTF-8.
    mutating func string() throws(JSONError) -> String {
        let open = i
        i += 1
        var runStart = i
        var unescaped: [UInt8] = []
        var hasEscapes = false
        while true {
            guard i < bytes.count else { throw syntax("unterminated string", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let run = bytes[runStart..<i]
                i += 1
                if !hasEscapes { return String(decoding: run, as: UTF8.self) }
                unescaped.append(contentsOf: run)
                return String(decoding: unescaped, as: UTF8.self)
            } else if b == UInt8(ascii: "\\") {
                hasEscapes = true
                unescaped.append(contentsOf: bytes[runStart..<i])
                try escape(into: &unescaped)
                runStart = i
            } else if b < 0x20 {
                throw syntax("control character \(JSONParser.scalarName(UInt32(b))) in a string must be escaped", at: i)
            } else {
                i += 1
            }
        }
    }

    /// One escape sequence starting at the backslash; appends its UTF-8 bytes.
    private mutating func escape(into out: inout [UInt8]) throws(JSONError) {
        let backslash = i
        guard i + 1 < bytes.count else { throw syntax("unterminated string", at: backslash) }
        let c = bytes[i + 1]
        let simple: UInt8? = switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): c
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            out.append(simple)
            i += 2
            return
        }
        guard c == UInt8(ascii: "u") else {
            throw syntax("invalid escape \\\(found(at: i + 1, quoted: false)) in a string", at: backslash)
        }
        let first = try hex4(at: backslash)
        var code = first
        if (0xD800...0xDBFF).contains(first) {
            guard peek() == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else {
                throw loneSurrogate(first, at: backslash)
            }
            let second = try hex4(at: i)
            guard (0xDC00...0xDFFF).contains(second) else { throw loneSurrogate(first, at: backslash) }
            code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw loneSurrogate(first, at: backslash)
        }
        JSONParser.appendUTF8(code, to: &out)
    }

    /// The four hex digits of `\uXXXX` whose backslash is at `start`; moves past them.
    private mutating func hex4(at start: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for k in 2..<6 {
            guard start + k < bytes.count, let digit = JSONParser.hexValue(bytes[start + k]) else {
                throw syntax("\\u must be followed by four hex digits", at: start)
            }
            value = value << 4 | digit
        }
        i = start + 6
        return value
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// UTF-8 of a scalar value below 0x110000 that is not a surrogate (the caller ensures both).
    private static func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
        switch c {
        case ..<0x80:
            out.append(UInt8(c))
        case ..<0x800:
            out.append(UInt8(0xC0 | c >> 6))
            out.append(UInt8(0x80 | c & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | c >> 12))
            out.append(UInt8(0x80 | c >> 6 & 0x3F))
            out.append(UInt8(0x80 | c & 0x3F))
        default:
            out.append(UInt8(0xF0 | c >> 18 & 0x07))
            out.append(UInt8(0x80 | c >> 12 & 0x3F))
            out.append(UInt8(0x80 | c >> 6 & 0x3F))
            out.append(UInt8(0x80 | c & 0x3F))
        }
    }

    // MARK: Bytes and positions

    private func peek() -> UInt8? {
        i < bytes.count ? bytes[i] : nil
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// The run of ASCII letters and digits at `offset` (at most 20 of them), or "" if none.
    private func word(at offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 20, JSONParser.isWordByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    /// What is at `offset`, for a message: `'x'`, `"word"`, `U+0000` or "the end of the input".
    private func found(at offset: Int, quoted: Bool = true) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let b = bytes[offset]
        if quoted, JSONParser.isWordByte(b), b > UInt8(ascii: "9") { return "\"\(word(at: offset))\"" }
        if b > 0x20 && b < 0x7F { return quoted ? "'\(Character(Unicode.Scalar(b)))'" : "\(Character(Unicode.Scalar(b)))" }
        // A non-ASCII or control character: decode the scalar (the input is valid UTF-8).
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first
        return JSONParser.scalarName(scalar?.value ?? UInt32(b))
    }

    private static func scalarName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Line and column (from 1) of a byte offset; columns count Unicode scalars, not bytes.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var k = bytes.starts(with: UTF8Validation.byteOrderMark) ? UTF8Validation.byteOrderMark.count : 0
        while k < offset && k < bytes.count {
            if bytes[k] == 0x0A {
                line += 1
                column = 1
            } else if bytes[k] & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        return (line, column)
    }

    func syntax(_ message: String, at offset: Int) -> JSONError {
        let (line, column) = location(of: offset)
        return .syntax(message: message, line: line, column: column)
    }

    private func tooDeep(at offset: Int) -> JSONError {
        let (line, column) = location(of: offset)
        return .tooDeep(limit: JSON.maximumDepth, line: line, column: column)
    }

    private func notJSON(_ word: String, at offset: Int) -> JSONError {
        syntax("\(word) is not valid JSON (Python's json module writes it for a non-finite float)", at: offset)
    }

    private func loneSurrogate(_ value: UInt32, at offset: Int) -> JSONError {
        syntax("lone surrogate \\u\(String(value, radix: 16, uppercase: true)) in a string", at: offset)
    }

    static func shortened(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }
}
