#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// SIGTERM and SIGHUP (and SIGINT, when no one is at a terminal to cancel a command with it): the
/// temporary file being written is removed and the terminal put back before the process dies of
/// the signal, as it would have without a handler, so its parent sees why.
enum EndingSignals {
    /// Installs the handlers. A signal ignored when the program started (`nohup`) stays ignored.
    static func install(interrupt: Bool) {
        TemporaryFileCleanup.prepare()
        for number in [SIGTERM, SIGHUP] + (interrupt ? [SIGINT] : []) {
            let previous = signal(number) { received in
                // Only async-signal-safe calls: unlink(2), tcsetattr(3), signal(2), raise(3).
                TemporaryFileCleanup.removeFromSignalHandler()
                TerminalMode.restore()
                signal(received, SIG_DFL)
                raise(received)
            }
            if previous != nil { signal(number, previous) }
        }
    }
}
