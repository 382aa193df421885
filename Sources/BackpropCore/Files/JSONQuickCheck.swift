/// A fast first check of a JSON document's grammar, for `JSON.document`: one loop over the bytes,
/// no recursion, no allocation beyond a stack of at most `JSON.maximumDepth` brackets.
///
/// It answers only "certainly valid" (the offset where the value ends) or "not sure" (nil): it is
/// stricter than the parser (a `\u` escape of a surrogate, a number that might pass the largest
/// double, anything unusual gives nil), and on nil the parser checks the document again, slowly
/// and exactly, to find the error and its place. So its answers never change what is accepted or
/// what a message says; they only make the common case fast (skipping a 200 MB array of numbers
/// nobody reads costs about a second, not twenty). The caller has already checked the UTF-8.
enum JSONQuickCheck {
    /// The offset just past the value starting at `start` (trailing whitespace skipped), or nil.
    static func valueEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = p.count
        var i = start
        // Open brackets, innermost last: true for an object.
        var objects: [Bool] = []
        objects.reserveCapacity(16)

        @inline(__always) func skipWhitespace() { i = whitespaceEnd(p, from: i) }
        /// A key and its colon, at `i`; false when not sure.
        @inline(__always) func key() -> Bool {
            guard i < n, p[i] == UInt8(ascii: "\""), let end = stringEnd(p, from: i) else { return false }
            i = end
            skipWhitespace()
            guard i < n, p[i] == UInt8(ascii: ":") else { return false }
            i += 1
            return true
        }

        while true {
            // A value is expected at i.
            skipWhitespace()
            guard i < n else { return nil }
            switch p[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = p[i] == UInt8(ascii: "{")
                guard objects.count < JSON.maximumDepth else { return nil }
                objects.append(isObject)
                i += 1
                skipWhitespace()
                guard i < n else { return nil }
                if p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    objects.removeLast()
                    i += 1
                } else {
                    if isObject { guard key() else { return nil } }
                    continue
                }
            default:
                guard let end = scalarEnd(p, from: i) else { return nil }
                i = end
            }
            // After a value: close brackets until a comma (then another value) or the end.
            while true {
                skipWhitespace()
                guard let isObject = objects.last else { return i }
                guard i < n else { return nil }
                let b = p[i]
                if b == UInt8(ascii: ",") {
                    i += 1
                    if isObject {
                        skipWhitespace()
                        guard key() else { return nil }
                    }
                    break
                }
                guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
                objects.removeLast()
                i += 1
            }
        }
    }

    /// Past the spaces, tabs and line ends from `start`.
    @inline(__always)
    static func whitespaceEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < p.count {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        return i
    }

    /// Past the string, number, `true`, `false` or `null` starting at `start`, or nil.
    @inline(__always)
    static func scalarEnd(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        switch p[i] {
        case UInt8(ascii: "\""): return stringEnd(p, from: i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return numberEnd(p, from: i)
        case UInt8(ascii: "t"): return literal(p, at: i, "true") ? i + 4 : nil
        case UInt8(ascii: "f"): return literal(p, at: i, "false") ? i + 5 : nil
        case UInt8(ascii: "n"): return literal(p, at: i, "null") ? i + 4 : nil
        default: return nil
        }
    }

    /// Past the closing quote of the string opening at `start`, or nil (a control character, an
    /// escape other than the simple ones and `\u` of a non-surrogate, or no closing quote).
    @inline(__always)
    static func stringEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = p.count
        var i = start + 1
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") { return i + 1 }
            if b < 0x20 { return nil }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < n else { return nil }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < n else { return nil }
                    var value = 0
                    for k in 2...5 {
                        guard let digit = hexValue(p[i + k]) else { return nil }
                        value = value << 4 | digit
                    }
                    guard !(0xD800...0xDFFF).contains(value) else { return nil }
                    i += 6
                default:
                    return nil
                }
                continue
            }
            i += 1
        }
        return nil
    }

    /// Past the number starting at `start`, or nil (bad grammar, or a size that might pass the
    /// largest double: only then does the parser convert it to check).
    @inline(__always)
    static func numberEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = p.count
        var i = start
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && p[k] >= UInt8(ascii: "0") && p[k] <= UInt8(ascii: "9") }
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        var integerDigits = 0
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return nil }
        } else {
            while isDigit(i) { i += 1; integerDigits += 1 }
        }
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        var exponent = 0
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var negative = false
            if i < n && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
                negative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            guard isDigit(i) else { return nil }
            while isDigit(i) {
                exponent = min(exponent * 10 + Int(p[i] - UInt8(ascii: "0")), 1_000_000)
                i += 1
            }
            if negative { exponent = -exponent }
        }
        guard integerDigits + exponent <= 308 else { return nil }
        return i
    }

    @inline(__always)
    private static func literal(_ p: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= p.count else { return false }
        let w = word.utf8Start
        for k in 0..<count where p[i + k] != w[k] { return false }
        return true
    }

    @inline(__always)
    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(b - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
