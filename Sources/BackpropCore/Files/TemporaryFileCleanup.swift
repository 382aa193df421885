#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file's path kept where a signal handler can remove the file.
///
/// A handler may call only async-signal-safe functions: no allocation, no locks, no Swift
/// runtime. So the path is copied, before the file is made, into a buffer allocated once, and
/// `removeFromSignalHandler()` does nothing but read that buffer and call `unlink(2)`.
///
/// The path is published by writing its first byte last, in a function the optimiser may not
/// inline, so a handler that interrupts `register` sees either no path or the whole of it.
/// One writer at a time.
public final class TemporaryFileSlot: @unchecked Sendable {
    /// Room for a path of `PATH_MAX` bytes and its terminating zero.
    static let capacity = Int(PATH_MAX) + 1

    /// All zero when no temporary file is registered.
    private let buffer: UnsafeMutablePointer<CChar>

    public init() {
        buffer = .allocate(capacity: TemporaryFileSlot.capacity)
        buffer.initialize(repeating: 0, count: TemporaryFileSlot.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Records `path` (a path too long to hold is not recorded: the stale-file sweep of
    /// `AtomicFile` removes it later).
    func register(_ path: String) {
        let bytes = Array(path.utf8)
        clear()
        guard let first = bytes.first, bytes.count < TemporaryFileSlot.capacity, !bytes.contains(0) else { return }
        for (k, b) in bytes.enumerated().dropFirst() { buffer[k] = CChar(bitPattern: b) }
        buffer[bytes.count] = 0
        publish(CChar(bitPattern: first))
    }

    @inline(never)
    private func publish(_ first: CChar) {
        buffer[0] = first
    }

    /// Forgets the path (the file was renamed into place or removed).
    func clear() {
        buffer[0] = 0
    }

    /// The registered path.
    var registered: String? {
        buffer[0] == 0 ? nil : String(cString: buffer)
    }

    /// Removes the registered file, if any. Async-signal-safe.
    public func removeFromSignalHandler() {
        if buffer[0] != 0 { _ = unlink(buffer) }
    }
}

/// The process's one slot for the temporary file `AtomicFile` is writing. Off until the
/// executable calls `prepare()` before installing its signal handlers (tests, which write many
/// files at once on several threads, leave it off).
public enum TemporaryFileCleanup {
    nonisolated(unsafe) private static var slot: TemporaryFileSlot?

    /// Turns the slot on; call once, before installing the handlers that call
    /// `removeFromSignalHandler()`.
    public static func prepare() {
        if slot == nil { slot = TemporaryFileSlot() }
    }

    static func register(_ path: String) { slot?.register(path) }
    static func clear() { slot?.clear() }

    /// Removes the temporary file being written, if any. Async-signal-safe: call it from a handler
    /// for SIGTERM, SIGHUP or SIGINT before the process dies of the signal.
    public static func removeFromSignalHandler() {
        slot?.removeFromSignalHandler()
    }
}
