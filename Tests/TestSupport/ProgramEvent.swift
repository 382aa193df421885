#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Something done to a running program once a condition holds: signals sent to it, or keys typed
/// at its terminal (`BuiltProgram.run(…, terminal: true)`). Events happen in the order given, each
/// waiting for its condition after the one before has happened.
///
/// ```swift
/// // Stop the program while its temporary file exists, then end it with SIGTERM.
/// let events = [ProgramEvent(.when { hasTemporaryFile(folder) }, .signals([SIGSTOP, SIGTERM, SIGCONT]))]
/// ```
public struct ProgramEvent: Sendable {
    /// When the event happens.
    public enum Condition: Sendable {
        /// This many seconds after the one before happened (or after the start).
        case after(seconds: Double)
        /// When standard output (or the terminal) or standard error holds this text.
        case outputContains(String)
        /// When this returns true (asked about every 5 ms).
        case when(@Sendable () -> Bool)
    }

    /// What happens.
    public enum Action: Sendable {
        /// These signals, in order, to the program (measure-child ignores all but SIGSTOP, SIGCONT
        /// and SIGKILL, and ends as the program ends).
        case signals([Int32])
        /// These bytes typed at the program's terminal (a run with `terminal: true`), or written to
        /// its standard input pipe otherwise.
        case type(String)
    }

    public let condition: Condition
    public let action: Action

    public init(_ condition: Condition, _ action: Action) {
        self.condition = condition
        self.action = action
    }
}

/// A pseudo-terminal for a program that must see a terminal (`isatty`): its standard input and
/// output are the terminal's program end; the test reads and types at the other end.
struct PseudoTerminal {
    /// The test's end.
    let controller: Int32
    /// The path of the program's end, opened by the child.
    let devicePath: String

    static func open(columns: UInt16 = 100, rows: UInt16 = 40) throws -> PseudoTerminal {
        func failure() -> ProgramRunError {
            ProgramRunError.cannotStart(path: "a pseudo-terminal", reason: String(cString: strerror(errno)))
        }
        #if os(Linux)
        // Glibc's module does not show posix_openpt: the same through /dev/ptmx and its ioctls.
        let fd = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned int) (asm-generic, which
        // x86-64 and arm64 use); Swift does not see these two macros.
        let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430
        guard fd >= 0, ioctl(fd, setLock, &unlock) == 0, ioctl(fd, getNumber, &number) == 0 else {
            throw failure()
        }
        let name = "/dev/pts/\(number)"
        #else
        let fd = posix_openpt(O_RDWR | O_NOCTTY)
        guard fd >= 0, grantpt(fd) == 0, unlockpt(fd) == 0, let device = ptsname(fd) else { throw failure() }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let name = String(cString: device)
        #endif
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(fd, UInt(TIOCSWINSZ), &size)
        return PseudoTerminal(controller: fd, devicePath: name)
    }
}

extension ProgramRun {
    /// The terminal's output with escape sequences and carriage returns removed: what a person
    /// would read (for a run with `terminal: true`).
    public var terminalText: String {
        var out = ""
        var escape = false
        var csi = false
        for scalar in standardOutput.unicodeScalars {
            if escape {
                if csi {
                    if (0x40...0x7E).contains(scalar.value) { escape = false; csi = false }
                } else if scalar == "[" {
                    csi = true
                } else {
                    escape = false
                }
                continue
            }
            if scalar == "\u{1B}" { escape = true; continue }
            if scalar == "\r" || scalar == "\u{7}" { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
