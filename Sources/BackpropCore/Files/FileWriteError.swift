#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written. Every case names the path; an existing file at that path
/// is left exactly as it was (see `AtomicFile`).
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory that should hold the file does not exist.
    case directoryMissing(path: String, directory: String)
    /// The directory (or the file) may not be written by this user.
    case permissionDenied(path: String)
    /// The disk or the user's quota is full.
    case diskFull(path: String)
    /// The path names a directory, not a file.
    case isDirectory(path: String)
    /// Any other failure of a system call, with the system's own text for `errno`.
    case system(path: String, call: String, errno: Int32, message: String)
    /// No file name at all (an empty word such as `save ""`).
    case noName
    /// The path is a FIFO, a device, a socket…: `kind` says which; `target` is where a symbolic
    /// link at `path` leads, when it does.
    case notRegular(path: String, kind: String, target: String?)
    /// The file exists and this user may not write it (`mode` is its permission bits); `--force`
    /// replaces it.
    case writeProtected(path: String, mode: mode_t)
    /// The write was cancelled (Ctrl-C) before the file was replaced.
    case cancelled(path: String)

    public var description: String {
        switch self {
        case let .directoryMissing(path, directory):
            "cannot write \(path): the directory \(directory) does not exist"
        case let .permissionDenied(path):
            "cannot write \(path): permission denied"
        case let .diskFull(path):
            "cannot write \(path): the disk is full"
        case let .isDirectory(path):
            "cannot write \(path): it is a directory"
        case let .system(path, call, errno, message):
            "cannot write \(path): \(call) failed: \(message) (errno \(errno))"
        case .noName:
            "cannot write a file without a name"
        case let .notRegular(path, kind, target):
            "cannot write \(path): " + (target.map { "it is a symbolic link to \($0), " } ?? "it is ")
                + "\(kind), not a regular file (`export -` writes to standard output)"
        case let .writeProtected(path, mode):
            "cannot write \(path): it is write-protected (mode \(FileWriteError.octal(mode))); --force replaces it"
        case let .cancelled(path):
            "cancelled: \(path) was not written (it is as it was)"
        }
    }

    /// Permission bits as `ls -l` and `chmod` write them: 0444.
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
