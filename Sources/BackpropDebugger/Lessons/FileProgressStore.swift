import BackpropCore

/// Lesson progress in a small text file (one finished lesson number per line), written atomically.
/// A file that cannot be read or written never stops the session: progress is then kept in memory.
public final class FileProgressStore: LessonProgressStore {
    private let path: String
    private var completed: Set<Int>

    public init(path: String) {
        self.path = path
        let bytes = (try? FileBytes.read(path: path, limit: 65_536)) ?? []
        let text = String(decoding: bytes, as: UTF8.self)
        completed = Set(text.split(whereSeparator: { $0 == "\n" }).compactMap { Int($0.trimmingCharacters(in: " \r")) })
    }

    public func completedLessons() -> Set<Int> { completed }

    public func markCompleted(_ lesson: Int) {
        completed.insert(lesson)
        let text = completed.sorted().map(String.init).joined(separator: "\n") + "\n"
        try? AtomicFile.write(Array(text.utf8), to: path)
    }
}
