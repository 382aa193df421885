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
/// with `O_EXCL`), which is flushed with `fsync` and then renamed over `path` with `rename(2)` —
/// atomic within one file system. On any failure the temporary file is removed and an existing
/// file at `path` is left untouched. A replaced file keeps its permission bits; a symbolic link
/// at `path` is replaced by the new file, not followed.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically (see the type's documentation). A new file gets
    /// `newFilePermissions` less the process's umask (0o600 keeps a private file private).
    public static func write(_ bytes: [UInt8], to path: String, newFilePermissions: mode_t = 0o666) throws(FileWriteError) {
        try write(bytes, to: path, newFilePermissions: newFilePermissions, failBeforeRename: nil)
    }

    /// The same, with a hook for tests: a non-nil `failBeforeRename` makes the write fail with that
    /// `errno` after the temporary file is written and flushed, just before the rename.
    static func write(_ bytes: [UInt8], to path: String, newFilePermissions: mode_t = 0o666,
                      failBeforeRename: Int32?) throws(FileWriteError) {
        let (directory, prefix, name) = split(path)
        guard !name.isEmpty else { throw .isDirectory(path: path) }
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists && existing.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) { throw .isDirectory(path: path) }

        let (fd, temporary) = try createTemporary(prefix: prefix, name: name, path: path, directory: directory,
                                                  permissions: newFilePermissions)
        var isOpen = true
        do throws(FileWriteError) {
            if exists && existing.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) {
                _ = fchmod(fd, existing.st_mode & 0o7777)   // best effort: keep the old file's permissions
            }
            try writeAll(bytes, to: fd, path: path, directory: directory)
            guard fsync(fd) == 0 else { throw error(errno, call: "fsync", path: path, directory: directory) }
            isOpen = false
            guard close(fd) == 0 else { throw error(errno, call: "close", path: path, directory: directory) }
            if let code = failBeforeRename { throw error(code, call: "rename", path: path, directory: directory) }
            guard rename(temporary, path) == 0 else {
                throw error(errno, call: "rename", path: path, directory: directory)
            }
        } catch {
            if isOpen { _ = close(fd) }
            _ = unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// The directory (for messages), the path up to and including its last "/", and the file name.
    private static func split(_ path: String) -> (directory: String, prefix: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", "", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[...slash]),
                String(path[path.index(after: slash)...]))
    }

    /// Creates a new, empty temporary file beside the target; retries if the random name is taken.
    private static func createTemporary(prefix: String, name: String, path: String, directory: String,
                                        permissions: mode_t) throws(FileWriteError) -> (Int32, String) {
        // Keep the temporary name well under NAME_MAX (255 bytes) whatever the target's name is.
        let stem = name.utf8.count <= 100 ? name : "file"
        var attempts = 0
        while true {
            let random = String(UInt64.random(in: .min ... .max), radix: 16)
            let temporary = "\(prefix).\(stem).tmp-\(getpid())-\(random)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return (fd, temporary) }
            let code = errno
            attempts += 1
            if (code == EEXIST || code == EINTR) && attempts < 16 { continue }
            throw error(code, call: "open", path: path, directory: directory)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String,
                                 directory: String) throws(FileWriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, buffer.count - offset)
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
    private static func error(_ code: Int32, call: String, path: String, directory: String) -> FileWriteError {
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
