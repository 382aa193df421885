/// A problem found while reading JSON. Lines and columns count from 1; a column counts Unicode
/// scalars (a tab or an "é" is one column), so it matches what an editor shows.
public enum JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text breaks the JSON grammar; `message` says how.
    case syntax(message: String, line: Int, column: Int)
    /// Arrays and objects nest deeper than `limit`; the location is the bracket that went too deep.
    case tooDeep(limit: Int, line: Int, column: Int)
    /// The document is `size` bytes, more than the caller's `limit`.
    case tooLarge(size: Int, limit: Int)
    /// A number whose magnitude rounds to infinity (beyond 1.7976931348623157e308).
    /// `text` is the number as written, shortened to 40 characters.
    case numberOutOfRange(text: String, line: Int, column: Int)
    /// The bytes are not UTF-8; `offset` counts bytes from 0 to the start of the bad sequence.
    case invalidUTF8(offset: Int)
    /// There is no value at all: the document is empty or only whitespace.
    case empty

    public var description: String {
        switch self {
        case let .syntax(message, line, column):
            "\(message) at line \(line), column \(column)"
        case let .tooDeep(limit, line, column):
            "arrays and objects nest more than \(limit) deep at line \(line), column \(column)"
        case let .tooLarge(size, limit):
            "the document is \(size) bytes; the limit is \(JSONError.bytes(limit))"
        case let .numberOutOfRange(text, line, column):
            "\(text) at line \(line), column \(column) is too large for a double"
        case let .invalidUTF8(offset):
            "the text is not valid UTF-8 at byte offset \(offset)"
        case .empty:
            "the document is empty; expected a JSON value"
        }
    }

    /// "268435456 bytes (256 MB)", "1073741824 bytes (1 GB)" — the megabytes (2²⁰ bytes) or
    /// gigabytes (2³⁰) only when they are whole.
    static func bytes(_ n: Int) -> String {
        let mb = 1 << 20, gb = 1 << 30
        if n >= gb && n % gb == 0 { return "\(n) bytes (\(n / gb) GB)" }
        return n >= mb && n % mb == 0 ? "\(n) bytes (\(n / mb) MB)" : "\(n) bytes"
    }
}
