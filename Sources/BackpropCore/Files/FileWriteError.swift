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
        }
    }
}
