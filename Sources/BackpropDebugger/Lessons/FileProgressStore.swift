import BackpropCore

/// Lesson progress in a small text file (one finished lesson number per line), written atomically
/// through `AtomicFile`, so a crash or a full disk leaves the previous progress, never half a file.
/// A file that cannot be read or written never stops the session: progress is then kept in memory.
public final class FileProgressStore: LessonProgressStore {
    private let path: String
    private var completed: Set<Int>
    /// How progress is written; tests put a failing writer here.
    private let write: (_ bytes: [UInt8], _ path: String) throws(FileWriteError) -> Void

    /// The largest progress file read (a few lesson numbers need a few bytes).
    static let maximumBytes = 65_536

    public convenience init(path: String) {
        self.init(path: path) { bytes, path throws(FileWriteError) in try AtomicFile.write(bytes, to: path) }
    }

    init(path: String, write: @escaping (_ bytes: [UInt8], _ path: String) throws(FileWriteError) -> Void) {
        self.path = path
        self.write = write
        let bytes = (try? FileBytes.read(path: path, limit: FileProgressStore.maximumBytes)) ?? []
        let text = String(decoding: bytes, as: UTF8.self)
        completed = Set(text.split(whereSeparator: { $0 == "\n" }).compactMap { Int($0.trimmingCharacters(in: " \r")) })
    }

    public func completedLessons() -> Set<Int> { completed }

    public func markCompleted(_ lesson: Int) {
        completed.insert(lesson)
        let text = completed.sorted().map(String.init).joined(separator: "\n") + "\n"
        try? write(Array(text.utf8), path)
    }
}
