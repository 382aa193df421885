#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file so that readers see either the old contents or the new, never a mixture.
///
/// The bytes go to a new temporary file in the same directory (`.name.tmp-PID-RANDOM`, created
/// with `O_EXCL`), which is flushed with `fsync` and then renamed over the target with `rename(2)`
/// — atomic within one file system. On any failure the temporary file is removed and an existing
/// file is left untouched.
///
/// What the target may be, checked before any temporary file is made:
/// - nothing yet: a new file, with `Options.newFilePermissions` less the umask;
/// - a regular file: replaced, keeping its permission bits. One this user may not write
///   (`chmod 444`) is refused unless `Options.force`; one with other hard links is replaced all
///   the same, and `Outcome.otherLinks` says how many names keep the old contents;
/// - a symbolic link (to a link…) to a regular file or to nothing: the file it points to is written,
///   atomically, in its own directory, and the link stays a link (`Outcome.path`);
/// - anything else (a directory, a FIFO, a device such as `/dev/null`, a socket): refused by name.
///   Renaming over a device as root would replace the device itself.
///
/// While the temporary file exists its path is registered for `TemporaryFileCleanup`, so a signal
/// handler can remove it; and each write first removes this program's stale temporary files in
/// that directory (named as above, owned by this user, older than `staleAge` seconds, and whose
/// process is gone).
public enum AtomicFile {
    /// How a write may treat its target.
    public struct Options: Sendable {
        /// The permissions of a new file, less the process's umask (0o600 keeps a private file private).
        public var newFilePermissions: mode_t = 0o666
        /// Replace a file this user may not write (the directory must still allow it).
        public var force = false
        /// Asked between chunks of the write and before the rename; true cancels the write
        /// (`FileWriteError.cancelled`), leaving the target as it was.
        public var isCancelled: @Sendable () -> Bool = { false }

        public init(newFilePermissions: mode_t = 0o666, force: Bool = false,
                    isCancelled: @escaping @Sendable () -> Bool = { false }) {
            self.newFilePermissions = newFilePermissions
            self.force = force
            self.isCancelled = isCancelled
        }
    }

    /// What a write did that its caller may want to say.
    public struct Outcome: Equatable, Sendable {
        /// The file written: the target path, or the file its symbolic link points to.
        public let path: String
        /// True when `path` was reached through a symbolic link.
        public let throughLink: Bool
        /// How many other names (hard links) the replaced file had; they keep its old contents.
        public let otherLinks: Int
    }

    /// Temporary files older than this many seconds, whose process is gone, are removed.
    public static let staleAge: Double = 300

    /// Writes `bytes` to `path` atomically (see the type's documentation).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String,
                             options: Options = Options()) throws(FileWriteError) -> Outcome {
        try write(bytes, to: path, options: options, failBeforeRename: nil)
    }

    /// Writes `bytes` to `path` atomically; a new file gets `newFilePermissions` less the umask.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, newFilePermissions: mode_t) throws(FileWriteError) -> Outcome {
        try write(bytes, to: path, options: Options(newFilePermissions: newFilePermissions), failBeforeRename: nil)
    }

    /// The same, with a hook for tests: a non-nil `failBeforeRename` makes the write fail with that
    /// `errno` after the temporary file is written and flushed, just before the rename.
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String, options: Options = Options(),
                      failBeforeRename: Int32?) throws(FileWriteError) -> Outcome {
        guard !path.isEmpty else { throw .noName }
        let target = try resolve(path)
        let (directory, prefix, name) = split(target.path)
        guard !name.isEmpty else { throw .isDirectory(path: path) }
        if let existing = target.status, !options.force, access(target.path, W_OK) != 0, errno == EACCES {
            throw .writeProtected(path: path, mode: existing.st_mode & 0o7777)
        }
        if options.isCancelled() { throw .cancelled(path: path) }
        removeStaleTemporaryFiles(in: directory, prefix: prefix)

        let (fd, temporary) = try createTemporary(prefix: prefix, name: name, path: path, directory: directory,
                                                  permissions: options.newFilePermissions)
        var isOpen = true
        do throws(FileWriteError) {
            if let existing = target.status {
                _ = fchmod(fd, existing.st_mode & 0o7777)   // best effort: keep the old file's permissions
            }
            try writeAll(bytes, to: fd, path: path, directory: directory, isCancelled: options.isCancelled)
            guard fsync(fd) == 0 else { throw error(errno, call: "fsync", path: path, directory: directory) }
            isOpen = false
            guard close(fd) == 0 else { throw error(errno, call: "close", path: path, directory: directory) }
            if let code = failBeforeRename { throw error(code, call: "rename", path: path, directory: directory) }
            if options.isCancelled() { throw .cancelled(path: path) }
            guard rename(temporary, target.path) == 0 else {
                throw error(errno, call: "rename", path: path, directory: directory)
            }
        } catch {
            if isOpen { _ = close(fd) }
            _ = unlink(temporary)
            TemporaryFileCleanup.clear()
            throw error
        }
        TemporaryFileCleanup.clear()
        syncDirectory(directory)
        let links = target.status.map { Int($0.st_nlink) - 1 } ?? 0
        return Outcome(path: target.path, throughLink: target.throughLink, otherLinks: max(0, links))
    }

    // MARK: The target

    /// The file a write to `path` replaces: `path` itself, or where its symbolic links lead, with
    /// its status when it exists; refuses a target that is not a regular file.
    static func resolve(_ path: String) throws(FileWriteError) -> (path: String, status: stat?, throughLink: Bool) {
        var current = path
        for hop in 0...40 {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                let code = errno
                // Nothing there yet: a new file (at the end of a dangling link, the file it names).
                if code == ENOENT { return (current, nil, hop > 0) }
                let directory = split(current).directory
                throw error(code, call: "lstat", path: path, directory: directory)
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                return (current, status, hop > 0)
            case S_IFLNK:
                guard let destination = readLink(current) else {
                    throw error(errno, call: "readlink", path: path, directory: split(current).directory)
                }
                current = destination.hasPrefix("/") ? destination : split(current).prefix + destination
            case S_IFDIR:
                throw .isDirectory(path: path)
            default:
                throw .notRegular(path: path, kind: RegularFile.kind(mode: status.st_mode) ?? "a special file",
                                  target: hop > 0 ? current : nil)
            }
        }
        throw error(ELOOP, call: "open", path: path, directory: split(path).directory)
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The directory (for messages), the path up to and including its last "/", and the file name.
    static func split(_ path: String) -> (directory: String, prefix: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", "", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[...slash]),
                String(path[path.index(after: slash)...]))
    }

    // MARK: Temporary files

    /// Creates a new, empty temporary file beside the target; retries if the random name is taken.
    private static func createTemporary(prefix: String, name: String, path: String, directory: String,
                                        permissions: mode_t) throws(FileWriteError) -> (Int32, String) {
        // Keep the temporary name well under NAME_MAX (255 bytes) whatever the target's name is.
        let stem = name.utf8.count <= 100 ? name : "file"
        var attempts = 0
        while true {
            let random = String(UInt64.random(in: .min ... .max), radix: 16)
            let temporary = "\(prefix).\(stem).tmp-\(getpid())-\(random)"
            // Registered before it exists: a signal in between finds nothing to remove, harmlessly.
            TemporaryFileCleanup.register(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return (fd, temporary) }
            let code = errno
            TemporaryFileCleanup.clear()
            attempts += 1
            if (code == EEXIST || code == EINTR) && attempts < 16 { continue }
            throw error(code, call: "open", path: path, directory: directory)
        }
    }

    /// Whether `name` is one of this program's temporary names (`.NAME.tmp-PID-HEX`); its PID if so.
    static func temporaryFileProcess(_ name: String) -> pid_t? {
        let bytes = Array(name.utf8), marker = Array(".tmp-".utf8)
        guard bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 1,
              let at = (1...(bytes.count - marker.count)).reversed().first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return nil }
        let parts = String(decoding: bytes[(at + marker.count)...], as: UTF8.self)
            .split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, !parts[1].isEmpty,
              parts[1].allSatisfy(\.isHexDigit) else { return nil }
        return pid
    }

    /// Removes this user's temporary files in `directory` whose process is gone and that are
    /// older than `staleAge` (a write killed with SIGKILL, or on a crash). Best effort, silent.
    static func removeStaleTemporaryFiles(in directory: String, prefix: String, now: Double? = nil) {
        guard let folder = opendir(directory) else { return }
        defer { closedir(folder) }
        let current = now ?? Double(time(nil))
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let pid = temporaryFileProcess(name), pid != getpid() else { continue }
            let path = prefix + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else { continue }
            #if canImport(Darwin)
            let modified = Double(status.st_mtimespec.tv_sec)
            #else
            let modified = Double(status.st_mtim.tv_sec)
            #endif
            guard current - modified > staleAge else { continue }
            // The process is gone when signalling it fails with ESRCH (EPERM: it exists, another user's).
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            _ = unlink(path)
        }
    }

    // MARK: Writing

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String, directory: String,
                                 isCancelled: () -> Bool) throws(FileWriteError) {
        // Chunks of 1 MiB, so a cancellation is noticed within one chunk's time.
        let chunk = 1 << 20
        var offset = 0
        while offset < bytes.count {
            if offset % chunk == 0, offset > 0, isCancelled() { throw .cancelled(path: path) }
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, min(chunk - offset % chunk, buffer.count - offset))
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw error(code, call: "write", path: path, directory: directory)
            }
            // write(2) returns 0 for a non-empty request only on a broken device; don't spin.
            guard written > 0 else { throw error(EIO, call: "write", path: path, directory: directory) }
            offset += written
        }
    }

    /// Makes the rename itself durable where the file system allows; failures here change nothing
    /// a reader can see, so they are ignored.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    /// The error for an `errno`, with the common causes named.
    static func error(_ code: Int32, call: String, path: String, directory: String) -> FileWriteError {
        switch code {
        case ENOENT: .directoryMissing(path: path, directory: directory)
        case EACCES, EPERM: .permissionDenied(path: path)
        case ENOSPC, EDQUOT: .diskFull(path: path)
        case EISDIR: .isDirectory(path: path)
        default: .system(path: path, call: call, errno: code, message: systemMessage(code))
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// write(2), named apart from `AtomicFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.write(fd, buffer, count)
    #elseif canImport(Darwin)
    Darwin.write(fd, buffer, count)
    #endif
}
