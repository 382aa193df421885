/// Tab completion: what to do with the candidates a completer returns.
///
/// The contract with the completer: it is given the whole line and the cursor position
/// (in `Character`s) and returns candidates for the *word before the cursor* — the run of
/// non-whitespace characters ending at the cursor, possibly empty. It may return every word
/// that fits the context (say, all command names for the first word); candidates that do not
/// start with the word so far are ignored, and duplicates count once.
///
/// - No candidate: ring the bell.
/// - One candidate: replace the word by it and add a space (unless one follows already).
/// - Several: extend the word to their longest common prefix; if it cannot be extended,
///   the first Tab rings the bell and a second Tab in a row lists them.
public enum Completion: Equatable, Sendable {
    /// Nothing to complete.
    case none
    /// Replace characters `range` of the line by `text` and leave the cursor after it.
    case replace(range: Range<Int>, text: String)
    /// Several candidates and nothing to add: these are the sorted, distinct candidates.
    case ambiguous([String])

    /// What one press of Tab does for `buffer`, given the completer's `candidates`.
    public static func resolve(_ buffer: LineBuffer, candidates: [String]) -> Completion {
        var start = buffer.cursor
        while start > 0, !buffer.characters[start - 1].isWhitespace { start -= 1 }
        let word = String(buffer.characters[start..<buffer.cursor])
        let matches = Array(Set(candidates.filter { $0.hasPrefix(word) && !$0.isEmpty })).sorted()

        switch matches.count {
        case 0:
            return .none
        case 1:
            let nextIsSpace = buffer.cursor < buffer.characters.count && buffer.characters[buffer.cursor].isWhitespace
            return .replace(range: start..<buffer.cursor, text: matches[0] + (nextIsSpace ? "" : " "))
        default:
            let prefix = commonPrefix(matches)
            guard prefix.count > word.count else { return .ambiguous(matches) }
            return .replace(range: start..<buffer.cursor, text: prefix)
        }
    }

    /// The longest string every one of `strings` starts with, compared by `Character`.
    public static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    /// `candidates` laid out in columns down then across (as `ls` does), each row at most
    /// `columns` wide; one candidate per row if even two do not fit side by side.
    public static func listing(_ candidates: [String], columns: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let cellWidth = (candidates.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perRow = max(1, columns / cellWidth)
        let rows = (candidates.count + perRow - 1) / perRow
        return (0..<rows).map { row in
            var line = ""
            var column = 0
            while row + column * rows < candidates.count {
                let candidate = candidates[row + column * rows]
                let isLastInRow = row + (column + 1) * rows >= candidates.count
                line += candidate
                if !isLastInRow { line += String(repeating: " ", count: cellWidth - DisplayWidth.of(candidate)) }
                column += 1
            }
            return line
        }
    }
}
