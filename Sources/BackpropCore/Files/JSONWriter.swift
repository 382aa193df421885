extension JSON {
    /// How `serialized` lays out a document.
    public enum Style: Sendable {
        /// Two-space indentation, one member per line, `", "` and `": "` separators; an array that
        /// holds no arrays or objects stays on one line (a 784-weight row is one line). Ends with a newline.
        case pretty
        /// No whitespace at all, no final newline.
        case compact
    }

    /// The document as UTF-8 bytes. Deterministic: the same value gives the same bytes.
    ///
    /// Finite numbers are written in Swift's shortest round-trip form with a trailing `.0` removed
    /// (`1`, `-0`, `0.1`, `1e-05`, `1e+16`, `5e-324`), which `parse` reads back to the identical
    /// double. A non-finite number is written as the string `"NaN"`, `"Infinity"` or `"-Infinity"`
    /// (read it back with `doubleAllowingNonFinite`). Strings escape `"`, `\` and U+0000–U+001F;
    /// everything else is written as UTF-8. Recursion follows the value's nesting, which is at most
    /// `maximumDepth` for anything `parse` returned.
    public func serialized(_ style: Style = .pretty) -> [UInt8] {
        var writer = JSONWriter(pretty: style == .pretty)
        writer.write(self, indent: 0)
        if style == .pretty { writer.out.append(0x0A) }
        return writer.out
    }

    /// The document as a string (see `serialized`).
    public func text(_ style: Style = .pretty) -> String {
        String(decoding: serialized(style), as: UTF8.self)
    }
}

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    var out: [UInt8] = []
    let pretty: Bool

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: JSON, indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(x): JSONWriter.appendNumber(x, to: &out)
        case let .string(s): JSONWriter.appendString(s, to: &out)
        case let .array(elements): writeArray(elements, indent: indent)
        case let .object(members): writeObject(members, indent: indent)
        }
    }

    private mutating func writeArray(_ elements: [JSON], indent: Int) {
        out.append(UInt8(ascii: "["))
        defer { out.append(UInt8(ascii: "]")) }
        guard !elements.isEmpty else { return }
        let oneLine = !pretty || elements.allSatisfy { $0.array == nil && $0.object == nil }
        for (n, element) in elements.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            if oneLine {
                if pretty && n > 0 { out.append(0x20) }
            } else {
                newline(indent: indent + 1)
            }
            write(element, indent: indent + 1)
        }
        if !oneLine { newline(indent: indent) }
    }

    private mutating func writeObject(_ members: [(key: String, value: JSON)], indent: Int) {
        out.append(UInt8(ascii: "{"))
        defer { out.append(UInt8(ascii: "}")) }
        guard !members.isEmpty else { return }
        for (n, member) in members.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(indent: indent + 1) }
            JSONWriter.appendString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(0x20) }
            write(member.value, indent: indent + 1)
        }
        if pretty { newline(indent: indent) }
    }

    private mutating func newline(indent: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    /// Shortest round-trip digits; "1.0" becomes "1" so whole numbers look like integers.
    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        guard x.isFinite else {
            let name = x.isNaN ? JSON.nanString : x > 0 ? JSON.infinityString : JSON.negativeInfinityString
            appendString(name, to: &out)
            return
        }
        let digits = x.description.utf8
        if digits.count >= 2 && digits.suffix(2).elementsEqual(".0".utf8) {
            out.append(contentsOf: digits.dropLast(2))
        } else {
            out.append(contentsOf: digits)
        }
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case ..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(b >> 4))
                out.append(hexDigit(b & 0x0F))
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10
    }

    /// A string as a JSON literal for an error message, cut to about 40 characters.
    static func quotedForMessage(_ s: String) -> String {
        var out: [UInt8] = []
        appendString(JSONParser.shortened(s), to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
