// FileBytes.swift — reading a whole file into memory with plain POSIX calls (fast to start, no Foundation).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem found while reading a file into memory.
public enum FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path` (or a folder on the way is a file).
    case notFound(path: String)
    /// `path` is a folder.
    case isDirectory(path: String)
    /// Opening or reading failed; `reason` is the C library's text for `errno`.
    case unreadable(path: String, reason: String)
    /// The file has `size` bytes, more than `limit`.
    case tooLarge(path: String, size: Int, limit: Int)
    /// `path` is not a regular file: `kind` says what it is ("a named pipe (FIFO)", "a socket"…).
    case notRegular(path: String, kind: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            "\(path): no such file"
        case let .isDirectory(path):
            "\(path): is a directory, not a file"
        case let .unreadable(path, reason):
            "\(path): cannot read: \(reason)"
        case let .tooLarge(path, size, limit):
            "\(path): file is too large (\(size) bytes; the limit is \(limit))"
        case let .notRegular(path, kind):
            "\(path) is \(kind), not a regular file; only regular files are read"
        }
    }
}

/// Opening files that must be regular files, without ever blocking on one that is not.
public enum RegularFile {
    /// What a file of this mode is, for messages: "a directory", "a named pipe (FIFO)"…; nil for a
    /// regular file.
    public static func kind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    /// Opens `path` for reading without blocking (a FIFO with no writer would block a plain
    /// `open`), checks with `fstat` that it is a regular file, and returns the descriptor in
    /// blocking mode with its status. The caller closes it.
    public static func openForReading(_ path: String) throws(FileReadError) -> (descriptor: Int32, status: stat) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .notFound(path: path) }
            // A socket cannot be opened at all (ENXIO): say what it is rather than the C library's words.
            var status = stat()
            if stat(path, &status) == 0, let kind = kind(mode: status.st_mode), kind != "a directory" {
                throw .notRegular(path: path, kind: kind)
            }
            throw .unreadable(path: path, reason: reason(code))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = close(descriptor)
            throw .unreadable(path: path, reason: reason(code))
        }
        if let kind = kind(mode: status.st_mode) {
            _ = close(descriptor)
            throw kind == "a directory" ? .isDirectory(path: path) : .notRegular(path: path, kind: kind)
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return (descriptor, status)
    }

    /// The C library's text for an `errno` value, e.g. "Permission denied".
    static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// Whole-file reads.
public enum FileBytes {
    /// Every byte of the regular file at `path`, in order. Refuses, without reading it, a file
    /// whose size is over `limit` bytes (a negative limit counts as 0), and anything that is not a
    /// regular file (a FIFO, a device, a socket: opened without blocking and refused by name).
    /// A file that grows while it is read is refused when it passes `limit`. Interrupted reads
    /// are retried.
    public static func read(path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let limit = max(0, limit)
        let (descriptor, status) = try RegularFile.openForReading(path)
        defer { _ = close(descriptor) }
        let statedSize = Int(clamping: status.st_size)
        guard statedSize <= limit else { throw .tooLarge(path: path, size: statedSize, limit: limit) }

        // One byte more than expected, so the file is done when a read returns 0 with room left.
        var bytes = [UInt8](repeating: 0, count: statedSize > 0 ? min(statedSize, limit - 1) + 1 : 64 * 1024)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard filled <= limit else { throw .tooLarge(path: path, size: filled, limit: limit) }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit - filled + 1)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                readSome(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if got > 0 {
                filled += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw .unreadable(path: path, reason: reason(errno))
            }
        }
        guard filled <= limit else { throw .tooLarge(path: path, size: filled, limit: limit) }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// The C library's text for an `errno` value, e.g. "Permission denied".
    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// POSIX `read`, named apart from `FileBytes.read` so the call inside it finds the C function.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
