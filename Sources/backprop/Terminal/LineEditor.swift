import LineEditing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small readline: reads one line at a time from the terminal with editing, history and
/// tab completion.
///
/// The terminal is in raw mode only inside `readLine`; before it returns, in every case,
/// the normal mode is back, so commands print as usual and Ctrl-C sends SIGINT (see
/// `Interrupt`). Keys are decoded by `KeyDecoder`, applied by `EditorState` and drawn by
/// `LineRenderer`; this class only moves bytes between those and file descriptors 0 and 1.
///
/// When standard input or output is not a terminal, or `TERM` is `dumb`, lines are read
/// plainly, without editing; the prompt is written only if standard input is a terminal,
/// and piped lines are not added to the history.
public final class LineEditor {
    /// Why `readLine` returned.
    public enum ReadResult: Equatable, Sendable {
        /// A finished line, without its line ending.
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the end of the input.
        case endOfInput
    }

    /// Answers Tab; see `Completion` for the contract. Without one, Tab rings the bell.
    public var completer: EditorState.Completer?

    /// The lines entered so far, oldest first.
    public private(set) var history: History

    private var historyFile: HistoryFile?
    private let isInteractive: Bool
    private var decoder = KeyDecoder()
    /// Keys decoded but not yet used: a paste of several lines is read at once, and
    /// the lines after the first are handed out by the following calls.
    private var pendingKeys: [Key] = []
    /// Bytes read but not yet used, when reading plainly.
    private var pendingBytes: [UInt8] = []

    /// An editor whose history is read from and saved to `historyFile` (nil: memory only),
    /// keeping at most `maxHistory` entries.
    public init(historyFile: String?, maxHistory: Int = 1000) {
        let file = historyFile.map(HistoryFile.init(path:))
        let (loaded, problem) = file?.read(limit: maxHistory) ?? (History(limit: maxHistory), nil)
        // A history file that cannot be read is not written either (it may be a FIFO, or another's).
        self.historyFile = problem == nil ? file : nil
        historyProblem = problem
        history = loaded
        let term = TerminalInfo.environment("TERM") ?? ""
        isInteractive = TerminalInfo.stdinIsTerminal && TerminalInfo.stdoutIsTerminal
            && !["dumb", "cons25", "emacs"].contains(term)
    }

    /// Shows `prompt` (which may contain colour escapes) and reads one line.
    public func readLine(prompt: String) -> ReadResult {
        guard isInteractive, TerminalMode.enterRaw() else { return readPlainLine(prompt: prompt) }
        defer { TerminalMode.restore() }

        var state = EditorState(history: history.entries)
        var renderer = LineRenderer(prompt: prompt)
        output(renderer.render(state.buffer, columns: TerminalInfo.width()))
        while true {
            guard let key = nextKey() else {
                output(renderer.renderFinal(state.buffer))
                return .endOfInput
            }
            switch state.apply(key, completer: completer) {
            case .none:
                break
            case .redraw:
                output(renderer.render(state.buffer, columns: TerminalInfo.width()))
            case .bell:
                output("\u{7}")
            case .clearScreen:
                output("\u{1B}[H\u{1B}[2J" + renderer.render(state.buffer, columns: TerminalInfo.width()))
            case let .list(candidates):
                let columns = TerminalInfo.width()
                let rows = Completion.listing(candidates, columns: columns)
                output(renderer.renderFinal(state.buffer) + rows.map { $0 + "\r\n" }.joined()
                    + renderer.render(state.buffer, columns: columns))
            case let .submit(line):
                output(renderer.renderFinal(state.buffer))
                remember(line)
                return .line(line)
            case .interrupt:
                output(renderer.renderFinal(state.buffer, suffix: "^C"))
                return .interrupted
            case .endOfInput:
                output("\r\n")
                return .endOfInput
            case .suspend:
                output("\r\n")
                TerminalMode.restore()
                // The whole process group, as the terminal itself would stop it in normal mode.
                kill(0, SIGTSTP)
                // Resumed (or SIGTSTP was ignored): back to raw mode and redraw.
                _ = TerminalMode.enterRaw()
                output(renderer.render(state.buffer, columns: TerminalInfo.width()))
            }
        }
    }

    /// Puts the terminal back in its normal mode. `readLine` always does this before it
    /// returns; call it on paths that leave the process some other way, to be sure.
    public func restore() {
        TerminalMode.restore()
    }

    /// Why the history file is not kept, until `takeHistoryProblem` hands it out (once).
    private var historyProblem: String?

    /// Why lines are not being saved to the history file, the first time it is asked after the
    /// problem appeared; nil otherwise.
    public func takeHistoryProblem() -> String? {
        defer { historyProblem = nil }
        return historyProblem
    }

    private func remember(_ line: String) {
        guard history.add(line) else { return }
        // Appended under a lock, so a session beside this one loses none of its lines, nor this one.
        if let problem = historyFile?.append(line, limit: history.limit) {
            historyProblem = problem
            historyFile = nil
        }
    }

    /// The next key, reading more input if needed; nil at the end of input.
    private func nextKey() -> Key? {
        while pendingKeys.isEmpty {
            // Half a sequence (a lone ESC, say) waits at most 100 ms for the rest.
            switch readInput(timeoutMilliseconds: decoder.isPending ? 100 : -1) {
            case let .bytes(bytes): pendingKeys += decoder.decode(bytes)
            case .timedOut: pendingKeys += decoder.flush()
            case .ended: return nil
            }
        }
        return pendingKeys.removeFirst()
    }

    private enum Input {
        case bytes([UInt8])
        case timedOut
        case ended
    }

    /// Reads what is available on standard input, waiting at most `timeoutMilliseconds`
    /// (-1: as long as it takes).
    private func readInput(timeoutMilliseconds: Int32) -> Input {
        if timeoutMilliseconds >= 0 {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeoutMilliseconds)
            if ready == 0 { return .timedOut }
        }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return .ended }
            return .bytes(Array(chunk[..<count]))
        }
    }

    /// Reads a line without editing, for pipes, files and dumb terminals.
    private func readPlainLine(prompt: String) -> ReadResult {
        let typing = TerminalInfo.stdinIsTerminal
        if typing { output(prompt) }
        while true {
            if let newline = pendingBytes.firstIndex(of: UInt8(ascii: "\n")) {
                var lineBytes = pendingBytes[..<newline]
                pendingBytes.removeSubrange(...newline)
                if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
                let line = String(decoding: lineBytes, as: UTF8.self)
                if typing { remember(line) }
                return .line(line)
            }
            guard case let .bytes(bytes) = readInput(timeoutMilliseconds: -1) else {
                // End of input: a last line without a newline still counts.
                guard !pendingBytes.isEmpty else {
                    if typing { output("\n") } // Ctrl-D left the cursor after the prompt
                    return .endOfInput
                }
                let line = String(decoding: pendingBytes, as: UTF8.self)
                pendingBytes = []
                return .line(line)
            }
            pendingBytes += bytes
        }
    }

    /// Writes all of `text` to standard output.
    private func output(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return }
            bytes = bytes.dropFirst(count)
        }
    }
}
