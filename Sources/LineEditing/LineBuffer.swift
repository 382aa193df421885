/// The text being edited and the cursor within it.
///
/// Positions count `Character`s (what a reader sees as one letter, including "é" written as
/// "e" plus a combining accent), never bytes, so the cursor can never land inside a letter.
/// `cursor` is always in `0...characters.count`; every method keeps it there.
public struct LineBuffer: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    /// A buffer holding `text`, with the cursor at `cursor` (clamped), or at the end.
    public init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(cursor ?? characters.count, 0), characters.count)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// The longest line that typing, pasting and yanking make: 65,536 characters (a command
    /// with 784 inputs written out in full is about 15,000). Keeps every edit and redraw quick.
    public static let maximumLength = 65_536

    /// Inserts `string` at the cursor and moves the cursor past it. A combining mark joins
    /// the letter before it, as it does on screen. Only as much as fits in `maximumLength` is
    /// inserted; returns false if some of `string` was left out.
    @discardableResult
    public mutating func insert(_ string: String) -> Bool {
        let room = max(0, LineBuffer.maximumLength - characters.count)
        let fitting = string.count <= room ? string : String(string.prefix(room))
        let before = String(characters[..<cursor]) + fitting
        let merged = Array(before + String(characters[cursor...]))
        cursor = min(before.count, merged.count)
        characters = merged
        return fitting.count == string.count
    }

    /// Replaces the characters in `range` by `string`, leaving the cursor after it.
    public mutating func replace(_ range: Range<Int>, with string: String) {
        let lower = min(max(range.lowerBound, 0), characters.count)
        let upper = min(max(range.upperBound, lower), characters.count)
        let before = String(characters[..<lower]) + string
        let merged = Array(before + String(characters[upper...]))
        cursor = min(before.count, merged.count)
        characters = merged
    }

    /// Deletes the character before the cursor; false if there is none.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Deletes the character under the cursor; false at the end of the line.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    /// Moves the cursor to `position` (clamped); false if it did not move.
    @discardableResult
    public mutating func move(to position: Int) -> Bool {
        let target = min(max(position, 0), characters.count)
        defer { cursor = target }
        return target != cursor
    }

    @discardableResult public mutating func moveLeft() -> Bool { move(to: cursor - 1) }
    @discardableResult public mutating func moveRight() -> Bool { move(to: cursor + 1) }
    @discardableResult public mutating func moveHome() -> Bool { move(to: 0) }
    @discardableResult public mutating func moveEnd() -> Bool { move(to: characters.count) }

    /// Moves to the start of the word before the cursor (skipping whitespace first).
    @discardableResult
    public mutating func moveWordLeft() -> Bool { move(to: startOfWordBeforeCursor) }

    /// Moves past the end of the word after the cursor (skipping whitespace first).
    @discardableResult
    public mutating func moveWordRight() -> Bool {
        var position = cursor
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        while position < characters.count, !characters[position].isWhitespace { position += 1 }
        return move(to: position)
    }

    /// Deletes from the cursor to the end and returns what was deleted.
    public mutating func killToEnd() -> String {
        let killed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return killed
    }

    /// Deletes from the start to the cursor and returns what was deleted.
    public mutating func killToStart() -> String {
        let killed = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
        return killed
    }

    /// Deletes the whitespace-separated word before the cursor, and the whitespace between
    /// it and the cursor, as Ctrl-W does in a shell. Returns what was deleted.
    public mutating func deleteWordBackward() -> String {
        let start = startOfWordBeforeCursor
        let killed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
        return killed
    }

    /// Where the word before the cursor starts: skip whitespace leftwards, then the word.
    public var startOfWordBeforeCursor: Int {
        var position = cursor
        while position > 0, characters[position - 1].isWhitespace { position -= 1 }
        while position > 0, !characters[position - 1].isWhitespace { position -= 1 }
        return position
    }
}
