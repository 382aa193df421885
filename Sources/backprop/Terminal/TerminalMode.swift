#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Switches standard input between the terminal's normal (cooked) mode and the raw mode the
/// line editor needs, and makes sure the normal mode comes back however the process ends.
///
/// Raw here means: no line buffering, no echo, no signals from Ctrl-C/Ctrl-Z/Ctrl-\ (they
/// arrive as bytes), no Ctrl-S/Ctrl-Q flow control, CR not turned into LF. Output processing
/// is left on, so a stray "\n" still starts a new line at column 0.
enum TerminalMode {
    /// The settings found when raw mode was last entered. Static storage, so the signal
    /// handlers can reach it; touched first by `enterRaw`, before any handler is installed.
    nonisolated(unsafe) private static var original = termios()
    /// 1 while raw mode is on. Read by the signal handlers.
    nonisolated(unsafe) private static var isRaw: sig_atomic_t = 0
    nonisolated(unsafe) private static var handlersInstalled = false

    /// Puts standard input in raw mode; false (and nothing changed) if it is not a terminal.
    static func enterRaw() -> Bool {
        // Already raw: reading the settings again would save raw mode as the "original".
        guard isRaw == 0 else { return true }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return false }
        original = settings
        installHandlersOnce()
        settings.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        settings.c_cflag |= tcflag_t(CS8)
        settings.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1   // read returns as soon as one byte is there
            cc[Int(VTIME)] = 0
        }
        // TCSANOW, not TCSAFLUSH: keys typed ahead during a long computation are kept.
        guard tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 else { return false }
        isRaw = 1
        return true
    }

    /// Puts back the settings found by `enterRaw`. Safe to call at any time, any number of
    /// times, and from a signal handler (only `tcsetattr`, which is async-signal-safe).
    static func restore() {
        guard isRaw == 1 else { return }
        isRaw = 0
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &original)
    }

    /// On normal exit, restore the terminal (`EndingSignals` restores it on SIGTERM and SIGHUP).
    private static func installHandlersOnce() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        atexit { TerminalMode.restore() }
    }
}
