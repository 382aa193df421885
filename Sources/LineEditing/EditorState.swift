/// What the terminal side must do after a key has been applied.
public enum EditorEffect: Equatable, Sendable {
    /// Nothing changed on screen.
    case none
    /// Redraw the line.
    case redraw
    /// Ring the bell (nothing to delete, no completion, no older history).
    case bell
    /// Clear the screen, then redraw the line at the top.
    case clearScreen
    /// Print these completion candidates below the line (in columns), then redraw the line.
    case list([String])
    /// The line is finished: leave it on screen, return it.
    case submit(String)
    /// Ctrl-C: show "^C", abandon the line.
    case interrupt
    /// Ctrl-D on an empty line: end of input.
    case endOfInput
    /// Ctrl-Z: restore the terminal, stop the process, redraw when resumed.
    case suspend
}

/// The line editor's state for one line being read: the buffer, the place in history and
/// the last deleted text. `apply` turns a key into a new state and an `EditorEffect`; no I/O.
///
/// History browsing keeps edits: moving away from a line (the new one, or an old one
/// being changed) remembers it, so Up then Down returns exactly what was being typed.
public struct EditorState: Sendable {
    public private(set) var buffer = LineBuffer()
    /// History entries, oldest first, as they were when the line began.
    public let history: [String]
    /// Which line is shown: `history.count` for the new line, smaller for an old entry.
    public private(set) var historyIndex: Int
    /// Text of lines changed while browsing, by history index (the new line included).
    private var edits: [Int: String] = [:]
    /// Text removed by the last Ctrl-K, Ctrl-U or Ctrl-W, for Ctrl-Y.
    public private(set) var killed = ""
    private var lastKeyWasTab = false

    public init(history: [String] = []) {
        self.history = history
        historyIndex = history.count
    }

    /// The completer contract is `Completion`'s: given the line and the cursor (in
    /// `Character`s), return candidates for the word before the cursor.
    public typealias Completer = (_ line: String, _ cursor: Int) -> [String]

    /// Applies `key`; `completer` answers Tab (without one, Tab rings the bell).
    public mutating func apply(_ key: Key, completer: Completer? = nil) -> EditorEffect {
        let wasTab = lastKeyWasTab
        lastKeyWasTab = key == .tab
        switch key {
        case let .insert(text):
            return insert(text)
        case .enter:
            return .submit(buffer.text)
        case .tab:
            return complete(completer, secondTab: wasTab)
        case .backspace:
            return buffer.deleteBackward() ? .redraw : .bell
        case .delete:
            return buffer.deleteForward() ? .redraw : .bell
        case .endOfFile:
            if buffer.isEmpty { return .endOfInput }
            return buffer.deleteForward() ? .redraw : .bell
        case .left: return buffer.moveLeft() ? .redraw : .none
        case .right: return buffer.moveRight() ? .redraw : .none
        case .home: return buffer.moveHome() ? .redraw : .none
        case .end: return buffer.moveEnd() ? .redraw : .none
        case .wordLeft: return buffer.moveWordLeft() ? .redraw : .none
        case .wordRight: return buffer.moveWordRight() ? .redraw : .none
        case .up: return showHistory(at: historyIndex - 1)
        case .down: return showHistory(at: historyIndex + 1)
        case .killToEnd: return remember(buffer.killToEnd())
        case .killToStart: return remember(buffer.killToStart())
        case .deleteWordBefore: return remember(buffer.deleteWordBackward())
        case .yank:
            guard !killed.isEmpty else { return .none }
            return insert(killed)
        case .clearScreen: return .clearScreen
        case .interrupt: return .interrupt
        case .suspend: return .suspend
        case .ignored: return .none
        }
    }

    /// Inserts what fits in `LineBuffer.maximumLength`; the bell when the line is full.
    private mutating func insert(_ text: String) -> EditorEffect {
        guard buffer.characters.count < LineBuffer.maximumLength else { return .bell }
        buffer.insert(text)
        return .redraw
    }

    private mutating func remember(_ text: String) -> EditorEffect {
        guard !text.isEmpty else { return .none }
        killed = text
        return .redraw
    }

    private mutating func showHistory(at index: Int) -> EditorEffect {
        guard index >= 0, index <= history.count else { return .bell }
        edits[historyIndex] = buffer.text
        historyIndex = index
        buffer = LineBuffer(edits[index] ?? (index < history.count ? history[index] : ""))
        return .redraw
    }

    private mutating func complete(_ completer: Completer?, secondTab: Bool) -> EditorEffect {
        guard let completer else { return .bell }
        switch Completion.resolve(buffer, candidates: completer(buffer.text, buffer.cursor)) {
        case .none:
            return .bell
        case let .replace(range, text):
            buffer.replace(range, with: text)
            return .redraw
        case let .ambiguous(candidates):
            // Keep `lastKeyWasTab` so a third Tab lists again, as readline does.
            return secondTab ? .list(candidates) : .bell
        }
    }
}
