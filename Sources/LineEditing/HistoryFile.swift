#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Where the line editor keeps its history between runs: a text file, one entry per line.
///
/// Never an obstacle: a file that is missing, unreadable or unwritable reads as empty or
/// is silently not written, and the editor keeps its history in memory. Only the last
/// `maximumBytes` of a larger file are read. Saving goes through `AtomicFile` (a temporary
/// file in the same directory, renamed over the old one), so a crash or a full disk never
/// leaves a half-written history. If the path is a symbolic link, the file it points to is
/// replaced, not the link. A new history file is readable by its owner only.
public struct HistoryFile: Sendable {
    public let path: String
    /// How a save writes its bytes; tests put a failing writer here.
    let write: @Sendable (_ bytes: [UInt8], _ path: String) throws(FileWriteError) -> Void

    /// The most bytes read from the end of the file (1 MiB, a thousand long lines).
    public static let maximumBytes = 1 << 20

    public init(path: String) {
        self.init(path: path) { bytes, path throws(FileWriteError) in
            try AtomicFile.write(bytes, to: path, newFilePermissions: 0o600)
        }
    }

    init(path: String, write: @escaping @Sendable (_ bytes: [UInt8], _ path: String) throws(FileWriteError) -> Void) {
        self.path = path
        self.write = write
    }

    /// The history in the file, the newest `limit` entries; empty if there is no file.
    public func load(limit: Int) -> History {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return History(limit: limit) }
        defer { close(descriptor) }
        var status = stat()
        var skipFirstLine = false
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
           status.st_size > HistoryFile.maximumBytes {
            // Start near the end; the line cut there is incomplete, so it is dropped.
            guard lseek(descriptor, off_t(status.st_size) - off_t(HistoryFile.maximumBytes), SEEK_SET) >= 0 else {
                return History(limit: limit)
            }
            skipFirstLine = true
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < HistoryFile.maximumBytes {
            let count = chunk.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress, min($0.count, HistoryFile.maximumBytes - bytes.count))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        if skipFirstLine, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            bytes.removeSubrange(...newline)
        }
        return History(text: String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// Replaces the file's contents by `history`; false if it could not be written.
    @discardableResult
    public func save(_ history: History) -> Bool {
        do {
            try write(Array(history.text.utf8), resolvedPath)
            return true
        } catch {
            return false
        }
    }

    /// `path` with symbolic links resolved, or `path` itself if it does not exist yet.
    private var resolvedPath: String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
