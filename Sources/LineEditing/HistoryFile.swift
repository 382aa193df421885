#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Where the line editor keeps its history between runs: a text file, one entry per line.
///
/// Each new entry is appended (`append`) while holding a lock on `PATH.lock`, so sessions sharing
/// a HOME lose none of each other's lines; when the file passes twice `maximumBytes` it is
/// trimmed to the newest entries, under the same lock, through `AtomicFile` (a temporary file in
/// the same directory, renamed over the old one), so a crash or a full disk never leaves a
/// half-written history. Only the last `maximumBytes` of the file are read.
///
/// Never an obstacle: a file that is missing reads as empty; one that cannot be read or
/// written, or is not a regular file (a FIFO is opened without blocking and refused), leaves
/// the history in memory, and `read` and `append` say why in words the editor shows once. If the
/// path is a symbolic link, the file it points to is used. A new history file is readable by its
/// owner only.
public struct HistoryFile: Sendable {
    public let path: String
    /// How a trim writes its bytes; tests put a failing writer here.
    let write: @Sendable (_ bytes: [UInt8], _ path: String) throws(FileWriteError) -> Void

    /// The most bytes read from the end of the file (1 MiB, a thousand long lines).
    public static let maximumBytes = 1 << 20
    /// How long `append` waits for another session to release the lock before appending without it.
    static let lockWait = 2.0

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
        read(limit: limit).history
    }

    /// The history in the file, and why it could not be read (nil when it was, or when there is
    /// no file yet).
    public func read(limit: Int) -> (history: History, problem: String?) {
        let descriptor: Int32
        let status: stat
        do throws(FileReadError) {
            (descriptor, status) = try RegularFile.openForReading(path)
        } catch {
            if case .notFound = error { return (History(limit: limit), nil) }
            return (History(limit: limit), "\(error.description); history is kept for this session only")
        }
        defer { close(descriptor) }
        var skipFirstLine = false
        if status.st_size > HistoryFile.maximumBytes {
            // Start near the end; the line cut there is incomplete, so it is dropped.
            guard lseek(descriptor, off_t(status.st_size) - off_t(HistoryFile.maximumBytes), SEEK_SET) >= 0 else {
                return (History(limit: limit), nil)
            }
            skipFirstLine = true
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < HistoryFile.maximumBytes {
            let count = chunk.withUnsafeMutableBytes {
                systemRead(descriptor, $0.baseAddress, min($0.count, HistoryFile.maximumBytes - bytes.count))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        if skipFirstLine, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            bytes.removeSubrange(...newline)
        }
        return (History(text: String(decoding: bytes, as: UTF8.self), limit: limit), nil)
    }

    /// Appends `line` (one entry) under the lock, and trims the file to the newest `limit`
    /// entries when it has grown past twice `maximumBytes`. Returns why it could not, or nil.
    @discardableResult
    public func append(_ line: String, limit: Int) -> String? {
        let lock = acquireLock()
        defer { if lock >= 0 { _ = close(lock) } }   // closing releases the lock
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
        guard descriptor >= 0 else { return problem(writing: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return problem(writing: errno) }
        if let kind = RegularFile.kind(mode: status.st_mode) {
            return "\(path) is \(kind), not a regular file; history is kept for this session only"
        }
        var bytes = Array((line + "\n").utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return problem(writing: n < 0 ? errno : EIO) }
            bytes = bytes.dropFirst(n)
        }
        if Int(status.st_size) + line.utf8.count + 1 > 2 * HistoryFile.maximumBytes {
            guard save(load(limit: limit)) else { return "cannot trim \(path); it keeps growing" }
        }
        return nil
    }

    /// Replaces the file's contents by `history`; false if it could not be written.
    @discardableResult
    public func save(_ history: History) -> Bool {
        do {
            try write(Array(history.text.utf8), path)
            return true
        } catch {
            return false
        }
    }

    /// An exclusive lock on `PATH.lock`, waiting up to `lockWait` seconds; -1 when there is none
    /// (then the line is appended all the same: one short `write` with O_APPEND is not split).
    private func acquireLock() -> Int32 {
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
        guard lock >= 0 else { return -1 }
        var status = stat()
        guard fstat(lock, &status) == 0, RegularFile.kind(mode: status.st_mode) == nil else {
            close(lock)
            return -1
        }
        let tries = Int(HistoryFile.lockWait * 100)
        for _ in 0..<tries {
            if flock(lock, LOCK_EX | LOCK_NB) == 0 { return lock }
            guard errno == EWOULDBLOCK || errno == EINTR else { break }
            usleep(10_000)
        }
        close(lock)
        return -1
    }

    private func problem(writing code: Int32) -> String {
        // A FIFO without a reader or a socket cannot be opened for writing: say what it is.
        var status = stat()
        if stat(path, &status) == 0, let kind = RegularFile.kind(mode: status.st_mode) {
            return "\(path) is \(kind), not a regular file; history is kept for this session only"
        }
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "cannot write \(path): \(reason); history is kept for this session only"
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
