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
    /// The file has `size` bytes (or at least that many, for a stream), more than `limit`.
    case tooLarge(path: String, size: Int, limit: Int)

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
        }
    }
}

/// Whole-file reads.
public enum FileBytes {
    /// Every byte of the file at `path`, in order. Refuses, without reading it, a file whose size
    /// is over `limit` bytes (a negative limit counts as 0); pipes and other streams are read
    /// until they pass `limit`. Interrupted reads are retried.
    public static func read(path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let limit = max(0, limit)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR ? .notFound(path: path) : .unreadable(path: path, reason: reason(code))
        }
        defer { _ = close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .isDirectory(path: path) }
        let statedSize = Int(clamping: status.st_size)
        guard statedSize <= limit else { throw .tooLarge(path: path, size: statedSize, limit: limit) }

        // One byte more than expected, so a regular file is done when a read returns 0 with room left.
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
