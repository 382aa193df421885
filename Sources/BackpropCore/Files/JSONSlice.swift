/// One value inside a JSON document that was checked whole by `JSON.document(_:limit:)`, read only
/// when asked for.
///
/// A `JSON` value costs 24 bytes or more per number, and every value of a document is built
/// whether a reader wants it or not; a slice is an offset into the document's bytes (shared, not
/// copied), so a value nobody asks for costs nothing, and a reader that wants numbers reads them
/// straight into `[Double]`. This is what keeps a file's reading within its memory budget (see
/// `NetworkFile.maximumFileSize`).
///
/// The accessors mirror `JSON`'s (`kind`, `double`, `string`, `array`…). Counting (`count`) walks
/// the bytes without allocating, so a reader can refuse an array of the wrong length before it
/// makes anything of it. Every accessor is safe on any slice (no traps); on a slice of a document
/// that did not pass `JSON.document`, results are unspecified.
public struct JSONSlice: Sendable {
    /// The whole document.
    let bytes: [UInt8]
    /// The offset of the value's first byte.
    let start: Int

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.start = start
    }

    private var first: UInt8? { start < bytes.count ? bytes[start] : nil }

    // MARK: Kinds

    public var isNull: Bool { first == UInt8(ascii: "n") }
    public var isObject: Bool { first == UInt8(ascii: "{") }
    public var isArray: Bool { first == UInt8(ascii: "[") }
    public var isString: Bool { first == UInt8(ascii: "\"") }
    public var isNumber: Bool {
        guard let b = first else { return false }
        return b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// What kind of value this is, with its article, as `JSON.kind` says it.
    public var kind: String {
        switch first {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    // MARK: Scalars

    /// The number, when this is a number (finite: `JSON.document` refused any other).
    public var double: Double? {
        guard isNumber else { return nil }
        return JSONSlice.number(bytes, start..<scalarEnd(start))
    }

    /// The number, or the non-finite value named by `"NaN"`, `"Infinity"` or `"-Infinity"`.
    public var doubleAllowingNonFinite: Double? {
        if isNumber { return double }
        guard isString else { return nil }
        // The three names are short: anything longer is none of them, whatever it holds.
        let end = valueEnd(start)
        guard end - start <= 12 else { return nil }
        return JSON.string(string ?? "").doubleAllowingNonFinite
    }

    /// The number as an `Int`, when this is a number with an exact integer value that fits.
    public var int: Int? { double.flatMap { Int(exactly: $0) } }

    /// The Boolean, when this is `true` or `false`.
    public var bool: Bool? {
        switch first {
        case UInt8(ascii: "t"): true
        case UInt8(ascii: "f"): false
        default: nil
        }
    }

    /// The string, when this is a string, with its escapes decoded.
    public var string: String? {
        guard isString else { return nil }
        var parser = JSONParser(bytes: bytes)
        parser.i = start
        return try? parser.string()
    }

    // MARK: Arrays and objects

    /// How many elements (an array) or members (an object) this holds; nil for anything else.
    /// Walks the bytes once and allocates nothing.
    public var count: Int? {
        guard isArray || isObject else { return nil }
        var n = 0
        forEachEntry { _, _ in n += 1 }
        return n
    }

    /// The elements, when this is an array. Costs a slice per element: check `count` first when
    /// a length is expected.
    public var array: [JSONSlice]? {
        guard isArray else { return nil }
        var elements: [JSONSlice] = []
        forEachEntry { _, value in elements.append(JSONSlice(bytes: bytes, start: value)) }
        return elements
    }

    /// How many elements this array has, and the first `limit` of them, in one walk over the bytes
    /// (so an array far longer than wanted is counted but costs no memory); nil when this is not an array.
    public func elements(limit: Int) -> (count: Int, elements: [JSONSlice])? {
        guard isArray else { return nil }
        var elements: [JSONSlice] = []
        var count = 0
        forEachEntry { _, value in
            if count < limit { elements.append(JSONSlice(bytes: bytes, start: value)) }
            count += 1
        }
        return (count, elements)
    }

    /// The first member named `key`, when this is an object that has one.
    public subscript(key: String) -> JSONSlice? {
        guard isObject else { return nil }
        let wanted = Array(key.utf8)
        var found: Int?
        forEachEntry { keyStart, value in
            if found == nil, let keyStart, keyEquals(keyStart, wanted) { found = value }
        }
        return found.map { JSONSlice(bytes: bytes, start: $0) }
    }

    /// The members named in `keys`, when this is an object; a key asked for that appears twice is
    /// refused, as `JSON.parse` refuses it (other keys may repeat: they are not read).
    public func members(_ keys: [String]) throws(JSONError) -> Members? {
        guard isObject else { return nil }
        let wanted = keys.map { Array($0.utf8) }
        var found: [String: (key: Int, value: Int)] = [:]
        var repeated: (key: String, at: Int)?
        forEachEntry { keyStart, value in
            guard repeated == nil, let keyStart,
                  let index = wanted.firstIndex(where: { keyEquals(keyStart, $0) }) else { return }
            if found[keys[index]] != nil {
                repeated = (keys[index], keyStart)
            } else {
                found[keys[index]] = (keyStart, value)
            }
        }
        let parser = JSONParser(bytes: bytes)
        if let repeated {
            throw parser.syntax("duplicate key \(JSONWriter.quotedForMessage(repeated.key))", at: repeated.at)
        }
        return Members(values: found.mapValues { JSONSlice(bytes: bytes, start: $0.value) })
    }

    /// The members of an object a reader asked for by name (see `members(_:)`).
    public struct Members: Sendable {
        let values: [String: JSONSlice]
        public subscript(key: String) -> JSONSlice? { values[key] }
    }

    /// The numbers of an array of numbers, appended to `values`; stops at the first element that
    /// is not a number and returns its index and the element (nil when all were numbers, or
    /// when this is not an array).
    public func appendNumbers(to values: inout [Double]) -> (index: Int, element: JSONSlice)? {
        appendNumbers(to: &values, limit: .max).problem
    }

    /// The same for the first `limit` elements at most, and how many elements the array has, in
    /// one walk over the bytes (0 when this is not an array).
    public func appendNumbers(to values: inout [Double], limit: Int) -> (count: Int, problem: (index: Int, element: JSONSlice)?) {
        guard isArray else { return (0, nil) }
        var problem: (index: Int, element: JSONSlice)?
        var index = 0
        bytes.withUnsafeBufferPointer { p in
            forEachEntry { _, value in
                guard problem == nil, index < limit else {
                    index += 1
                    return
                }
                let b = p[value]
                if b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")),
                   let x = JSONSlice.number(p, value..<JSONSlice.scalarEnd(p, value)) {
                    values.append(x)
                } else {
                    problem = (index, JSONSlice(bytes: bytes, start: value))
                }
                index += 1
            }
        }
        return (index, problem)
    }

    /// The elements of an array of numbers, `null`s (as nil) and the non-finite strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"`, appended to `values` in one walk over the bytes; any other
    /// element is handed to `problem` with its index, and nil is appended in its place. Nothing
    /// happens when this is not an array.
    public func appendOptionalNumbers(to values: inout [Double?], problem: (_ index: Int, _ element: JSONSlice) -> Void) {
        _ = appendOptionalNumbers(to: &values, limit: .max, problem: problem)
    }

    /// The same for the first `limit` elements at most; returns how many elements the array has
    /// (0 when this is not an array). One walk over the bytes.
    public func appendOptionalNumbers(to values: inout [Double?], limit: Int,
                                      problem: (_ index: Int, _ element: JSONSlice) -> Void) -> Int {
        guard isArray else { return 0 }
        var index = 0
        bytes.withUnsafeBufferPointer { p in
            forEachEntry { _, value in
                defer { index += 1 }
                guard index < limit else { return }
                let b = p[value]
                if b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")),
                   let x = JSONSlice.number(p, value..<JSONSlice.scalarEnd(p, value)) {
                    values.append(x)
                } else if b == UInt8(ascii: "n") {
                    values.append(nil)
                } else if b == UInt8(ascii: "\""), let x = JSONSlice(bytes: bytes, start: value).doubleAllowingNonFinite {
                    values.append(x)
                } else {
                    values.append(nil)
                    problem(index, JSONSlice(bytes: bytes, start: value))
                }
            }
        }
        return index
    }

    /// The value built as a `JSON` tree: for small values only (a tree costs 24 bytes or more per
    /// value). Throws for a key repeated inside it, the one rule `JSON.document` leaves to readers.
    public func tree() throws(JSONError) -> JSON {
        var parser = JSONParser(bytes: bytes)
        parser.i = start
        return try parser.value(depth: 0)
    }

    /// Where this value starts, as (line, column) from 1, for messages.
    public var location: (line: Int, column: Int) {
        JSONParser(bytes: bytes).location(of: start)
    }

    // MARK: Walking the bytes

    /// Calls `body` with each member's key offset and value offset (an object), or with nil and
    /// each element's offset (an array).
    private func forEachEntry(_ body: (_ key: Int?, _ value: Int) -> Void) {
        let object = isObject
        let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = JSONSlice.skipWhitespace(p, start + 1)
            guard i < n, p[i] != close else { return }
            while i < n {
                var key: Int?
                if object {
                    key = i
                    i = JSONSlice.skipWhitespace(p, JSONSlice.valueEnd(p, i))
                    guard i < n, p[i] == UInt8(ascii: ":") else { return }
                    i = JSONSlice.skipWhitespace(p, i + 1)
                }
                guard i < n else { return }
                body(key, i)
                i = JSONSlice.skipWhitespace(p, JSONSlice.valueEnd(p, i))
                guard i < n, p[i] == UInt8(ascii: ",") else { return }
                i = JSONSlice.skipWhitespace(p, i + 1)
            }
        }
    }

    /// Whether the key string starting at `offset` is `wanted` (compared as decoded text).
    private func keyEquals(_ offset: Int, _ wanted: [UInt8]) -> Bool {
        let end = valueEnd(offset)
        let body = (offset + 1)..<max(offset + 1, end - 1)
        if !bytes[body].contains(UInt8(ascii: "\\")) { return bytes[body].elementsEqual(wanted) }
        var parser = JSONParser(bytes: bytes)
        parser.i = offset
        guard let text = try? parser.string() else { return false }
        return text.utf8.elementsEqual(wanted)
    }

    private func valueEnd(_ offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { JSONSlice.valueEnd($0, offset) }
    }

    private func scalarEnd(_ offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { JSONSlice.scalarEnd($0, offset) }
    }

    @inline(__always)
    private static func skipWhitespace(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var i = offset
        while i < p.count {
            switch p[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return i
            }
        }
        return i
    }

    /// The offset just past the value starting at `offset` (the document is known to be valid, so
    /// brackets are counted and strings skipped without checking anything else).
    @inline(__always)
    private static func valueEnd(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        guard offset < p.count else { return offset }
        switch p[offset] {
        case UInt8(ascii: "\""):
            return stringEnd(p, offset)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var depth = 0
            var i = offset
            while i < p.count {
                switch p[i] {
                case UInt8(ascii: "\""):
                    i = stringEnd(p, i)
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return i
        default:
            return scalarEnd(p, offset)
        }
    }

    /// The offset just past the closing quote of the string whose opening quote is at `offset`.
    @inline(__always)
    private static func stringEnd(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var i = offset + 1
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return min(i, p.count)
    }

    /// The offset just past a number, `true`, `false` or `null`.
    @inline(__always)
    private static func scalarEnd(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var i = offset
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return i
            default: i += 1
            }
        }
        return i
    }

    /// The number written in `range` (already checked by `JSON.document`), read as the parser reads it.
    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        bytes.withUnsafeBufferPointer { number($0, range) }
    }

    /// The number written in `range`, correctly rounded: exactly, when its digits fit in 2⁵³ and its
    /// power of ten is exact in a double (Clinger's fast path: one correctly rounded multiplication
    /// or division of two exact doubles), else by the C library's `strtod`, as `Double(String)` does.
    @inline(__always)
    private static func number(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        var negative = false
        if i < end && p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var digits: UInt64 = 0
        var digitCount = 0
        var scale = 0
        var simple = true
        while i < end {
            let b = p[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if digits != 0 || b != UInt8(ascii: "0") { digitCount += 1 }
                digits = digits &* 10 &+ UInt64(b - UInt8(ascii: "0"))
                i += 1
            } else if b == UInt8(ascii: ".") {
                i += 1
                while i < end, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") {
                    if digits != 0 || p[i] != UInt8(ascii: "0") { digitCount += 1 }
                    digits = digits &* 10 &+ UInt64(p[i] - UInt8(ascii: "0"))
                    scale -= 1
                    i += 1
                }
            } else {
                simple = false   // an exponent: left to strtod
                break
            }
        }
        if simple && digitCount <= 15 && scale >= -22 {
            let x = scale == 0 ? Double(digits) : Double(digits) / JSONSlice.powersOfTen[-scale]
            return negative ? -x : x
        }
        guard let base = p.baseAddress else { return nil }
        return JSONParser.quickDouble(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// 10⁰ … 10²², each exact in a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }
}
