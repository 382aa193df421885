/// A JSON value (RFC 8259), read and written by our own parser and writer so that every number
/// reads back as exactly the double that was written, errors carry line and column, and the
/// limits (size, nesting depth) are ours.
///
/// - Numbers are doubles. Writing uses Swift's shortest round-trip form and reading is correctly
///   rounded, so write → parse returns the identical bit pattern for every finite double
///   (−0.0, subnormals and 1.7976931348623157e308 included).
/// - Objects keep their keys in document order; the parser refuses a key repeated in one object.
/// - JSON has no NaN or infinity. The writer writes a non-finite `.number` as one of the strings
///   `"NaN"`, `"Infinity"`, `"-Infinity"` (valid JSON), and `doubleAllowingNonFinite` reads them
///   back. Network files refuse them; traces of diverged runs use them.
public enum JSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; finite whenever it came from `parse`.
    case number(Double)
    /// A string of Unicode scalars (never a lone surrogate when it came from `parse`).
    case string(String)
    /// Elements in order.
    case array([JSON])
    /// Members in document order, each key at most once when it came from `parse`.
    case object([(key: String, value: JSON)])

    /// The string written for a NaN number.
    public static let nanString = "NaN"
    /// The string written for +∞.
    public static let infinityString = "Infinity"
    /// The string written for −∞.
    public static let negativeInfinityString = "-Infinity"
}

extension JSON: Equatable {
    /// Structural equality: numbers compare as doubles (so `0 == -0` and NaN ≠ NaN), objects compare
    /// member by member in order.
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

extension JSON {
    /// The value of `key` when this is an object that has it (keys are unique: the parser checks).
    public subscript(key: String) -> JSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Element `index` when this is an array and the index is in range; nil otherwise (never traps).
    public subscript(index: Int) -> JSON? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The number, when this is a number.
    public var double: Double? {
        if case let .number(x) = self { x } else { nil }
    }

    /// The number, or the non-finite value named by the string `"NaN"`, `"Infinity"` or
    /// `"-Infinity"` (how the writer stores non-finite numbers); nil for anything else.
    public var doubleAllowingNonFinite: Double? {
        switch self {
        case let .number(x): x
        case .string(JSON.nanString): .nan
        case .string(JSON.infinityString): .infinity
        case .string(JSON.negativeInfinityString): -.infinity
        default: nil
        }
    }

    /// The number as an `Int`, when this is a number with an exact integer value that fits.
    public var int: Int? {
        if case let .number(x) = self { Int(exactly: x) } else { nil }
    }

    /// The string, when this is a string.
    public var string: String? {
        if case let .string(s) = self { s } else { nil }
    }

    /// The Boolean, when this is `true` or `false`.
    public var bool: Bool? {
        if case let .bool(b) = self { b } else { nil }
    }

    /// The elements, when this is an array.
    public var array: [JSON]? {
        if case let .array(a) = self { a } else { nil }
    }

    /// The members in document order, when this is an object.
    public var object: [(key: String, value: JSON)]? {
        if case let .object(members) = self { members } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// What kind of value this is, with its article, for error messages: "a number", "an array"…
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
