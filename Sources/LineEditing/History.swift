/// The lines entered so far, oldest first, capped at `limit`.
///
/// Blank lines, a line equal to the one before, and lines with control characters are not
/// recorded. When the cap is reached the oldest entries go. The file form is one entry per
/// line (`text`, `init(text:limit:)`); reading and writing the file is `HistoryFile`'s job.
public struct History: Equatable, Sendable {
    public private(set) var entries: [String]
    public let limit: Int

    /// An empty history holding at most `limit` entries (at least one).
    public init(entries: [String] = [], limit: Int = 1000) {
        self.limit = max(limit, 1)
        self.entries = []
        // Trim once at the end, not after every entry: a history file of a million lines then
        // costs a million appends, not a million shifts of `limit` entries.
        for entry in entries { append(entry) }
        trim()
    }

    /// A history read from file text: one entry per line (LF or CR LF); blank lines are
    /// dropped; only the newest `limit` entries are kept.
    public init(text: String, limit: Int = 1000) {
        // Split on `isNewline`, not "\n": in Swift, CR LF is one `Character`.
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        self.init(entries: lines, limit: limit)
    }

    /// The file form: each entry followed by a newline.
    public var text: String {
        entries.map { $0 + "\n" }.joined()
    }

    /// Records `line`; false (and no change) if it is blank, repeats the newest entry, or
    /// holds a control character (the editor never makes one; one read from a hand-edited
    /// file would garble the screen when recalled).
    @discardableResult
    public mutating func add(_ line: String) -> Bool {
        guard append(line) else { return false }
        trim()
        return true
    }

    @discardableResult
    private mutating func append(_ line: String) -> Bool {
        let hasControl = line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        guard !line.allSatisfy(\.isWhitespace), line != entries.last, !hasControl else { return false }
        entries.append(line)
        return true
    }

    private mutating func trim() {
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }
}
