/// One editing action decoded from the bytes a terminal sends.
///
/// Several byte forms map to one key: Home is `ESC[H`, `ESC[1~`, `ESC[7~`, `ESC OH` or Ctrl-A,
/// so the editor's logic never sees escape sequences. The mapping lives in `KeyDecoder`.
public enum Key: Equatable, Sendable {
    /// Printable text, one or more whole characters (a paste arrives as one `insert`).
    case insert(String)
    /// Enter or Return (CR, LF, or CR LF counted once).
    case enter
    case tab
    /// Backspace (DEL 0x7F or Ctrl-H): delete the character before the cursor.
    case backspace
    /// Delete (`ESC[3~`): delete the character under the cursor.
    case delete
    case left, right, home, end
    case up, down
    /// Ctrl-Left / Alt-B and Ctrl-Right / Alt-F: move over a whitespace-separated word.
    case wordLeft, wordRight
    /// Ctrl-K: delete from the cursor to the end of the line.
    case killToEnd
    /// Ctrl-U: delete from the start of the line to the cursor.
    case killToStart
    /// Ctrl-W or Alt-Backspace: delete the word before the cursor.
    case deleteWordBefore
    /// Ctrl-Y: insert the text most recently deleted by Ctrl-K, Ctrl-U or Ctrl-W.
    case yank
    /// Ctrl-L: clear the screen and redraw the line at the top.
    case clearScreen
    /// Ctrl-C: abandon the line.
    case interrupt
    /// Ctrl-D: end of input on an empty line, otherwise delete under the cursor.
    case endOfFile
    /// Ctrl-Z: suspend the process (the shell's job control resumes it).
    case suspend
    /// A key or sequence the editor does not use; it is ignored, never inserted.
    case ignored
}
