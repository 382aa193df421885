#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the line editor keeps its history between runs: a text file, one entry per line.
///
/// Never an obstacle: a file that is missing, unreadable or unwritable reads as empty or
/// is silently not written, and the editor keeps its history in memory. Saving writes a
/// temporary file in the same directory and renames it over the old one (`rename(2)` is
/// atomic), so a crash or a full disk never leaves a half-written history. If the path is a
/// symbolic link, the file it points to is replaced, not the link.
public struct HistoryFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The history in the file, the newest `limit` entries; empty if there is no file.
    public func load(limit: Int) -> History {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return History(limit: limit) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return History(text: String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// Replaces the file's contents by `history`; false if it could not be written.
    @discardableResult
    public func save(_ history: History) -> Bool {
        let target = resolvedPath
        let temporary = "\(target).tmp-\(getpid())"
        var status = stat()
        let mode = stat(target, &status) == 0 ? mode_t(status.st_mode) & 0o777 : 0o600
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else { return false }
        let written = writeAll(Array(history.text.utf8), to: descriptor)
        let closed = close(descriptor) == 0
        guard written, closed, rename(temporary, target) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// `path` with symbolic links resolved, or `path` itself if it does not exist yet.
    private var resolvedPath: String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
