#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Ctrl-C while a command runs: a request to stop, which long computations (training,
/// gradient checks) poll so they can stop cleanly between steps.
///
/// Usage: call `install()` once at start; call `reset()` before running each command; inside
/// loops, `if Interrupt.requested { break }`. A second Ctrl-C while a request is still
/// pending (the command is not polling) ends the process, so a stuck command can always be
/// left. At the prompt the line editor turns signals off, and Ctrl-C reaches it as a key.
public enum Interrupt {
    /// The flag the handler sets. Heap storage reached through a pointer, written only by
    /// the handler (`sig_atomic_t`, the one type a handler may portably write) and `reset()`.
    nonisolated(unsafe) private static let flag: UnsafeMutablePointer<sig_atomic_t> = {
        let flag = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        flag.initialize(to: 0)
        return flag
    }()

    /// Installs the SIGINT handler. Safe to call more than once.
    public static func install() {
        flag.pointee = 0
        signal(SIGINT) { received in
            if Interrupt.flag.pointee != 0 {
                // The process ends: the file being written goes, as on SIGTERM (async-signal-safe).
                TemporaryFileCleanup.removeFromSignalHandler()
                TerminalMode.restore()
                signal(received, SIG_DFL)
                raise(received)
                return
            }
            Interrupt.flag.pointee = 1
        }
    }

    /// True once Ctrl-C was pressed since the last `reset()`. Not inlined, so a loop that
    /// polls it reads the flag afresh on every iteration.
    public static var requested: Bool {
        @inline(never) get { flag.pointee != 0 }
    }

    /// Forgets a pending request; call before each command.
    public static func reset() {
        flag.pointee = 0
    }
}
