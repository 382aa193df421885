import BackpropCore

/// Lesson progress in a small text file (`LessonProgress`: one finished lesson number per line, and
/// the page each unfinished lesson was left at), written atomically through `AtomicFile`, so a crash
/// or a full disk leaves the previous progress, never half a file. A file that cannot be read or
/// written never stops the session: progress is then kept in memory.
public final class FileProgressStore: LessonProgressStore {
    private let path: String
    private var progress: LessonProgress
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
        progress = LessonProgress(text: String(decoding: bytes, as: UTF8.self))
    }

    public func completedLessons() -> Set<Int> { progress.completed }
    public func savedPage(lesson: Int) -> Int? { progress.pages[lesson] }
    public var lastLesson: Int? { progress.last }

    public func markCompleted(_ lesson: Int) {
        progress.complete(lesson)
        save()
    }

    public func savePage(_ page: Int, lesson: Int) {
        guard progress.pages[lesson] != page || progress.last != lesson else { return }
        progress.save(page, lesson: lesson)
        save()
    }

    private func save() {
        try? write(Array(progress.text.utf8), path)
    }
}
