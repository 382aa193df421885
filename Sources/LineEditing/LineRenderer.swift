/// Draws the prompt and the line on one terminal row, scrolling sideways when the line is
/// wider than the terminal.
///
/// Each call returns the whole row to write: carriage return, prompt, the visible part of
/// the line, erase-to-end-of-row, then carriage return and a move right to the cursor. So the
/// row is always redrawn from scratch and can never drift out of step with the buffer.
///
/// The text never reaches the terminal's last column (writing there leaves the cursor in
/// the "pending wrap" state that terminals handle differently), and the cursor is always in
/// view: the window scrolls only as far as needed to keep it so.
public struct LineRenderer: Sendable {
    /// The prompt exactly as written, colour escapes included.
    public let prompt: String
    /// The prompt's width on screen, without its escapes.
    public let promptWidth: Int
    /// Index of the first character shown; nonzero only when the line is scrolled.
    public private(set) var firstVisible = 0

    public init(prompt: String) {
        self.prompt = prompt
        promptWidth = DisplayWidth.ofPrompt(prompt)
    }

    /// The bytes (as a string) that redraw the row for `buffer` on a terminal `columns` wide.
    public mutating func render(_ buffer: LineBuffer, columns: Int) -> String {
        let characters = buffer.characters
        // Columns available for text, keeping the last column free. At least one, so a
        // prompt wider than the terminal still shows the cursor's character.
        let room = max(columns - promptWidth - 1, 1)

        if DisplayWidth.of(characters) <= room {
            firstVisible = 0
        } else {
            // Drop characters from the left, keeping a running width, until the part up to
            // the cursor fits: linear in the line, however long it is.
            firstVisible = min(firstVisible, buffer.cursor)
            var width = DisplayWidth.of(characters[firstVisible..<buffer.cursor])
            while width > room {
                width -= DisplayWidth.of(characters[firstVisible])
                firstVisible += 1
            }
        }
        var lastVisible = firstVisible
        var used = 0
        while lastVisible < characters.count, used + DisplayWidth.of(characters[lastVisible]) <= room {
            used += DisplayWidth.of(characters[lastVisible])
            lastVisible += 1
        }
        let cursorColumn = promptWidth + DisplayWidth.of(characters[firstVisible..<buffer.cursor])
        var row = "\r" + prompt + String(characters[firstVisible..<lastVisible]) + "\u{1B}[K\r"
        if cursorColumn > 0 { row += "\u{1B}[\(cursorColumn)C" }
        return row
    }

    /// The bytes that leave the finished line on screen in full, wrapping over as many rows
    /// as it needs, followed by `suffix` (such as "^C") and a new line. Used when a line is
    /// submitted or abandoned, so the scrollback shows what was entered, not a scrolled window.
    public func renderFinal(_ buffer: LineBuffer, suffix: String = "") -> String {
        "\r\u{1B}[J" + prompt + buffer.text + suffix + "\r\n"
    }
}
