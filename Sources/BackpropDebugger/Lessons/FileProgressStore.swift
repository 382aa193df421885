import BackpropCore

/// Lesson progress in a small text file (`LessonProgress`: one finished lesson number per line, and
/// the page each unfinished lesson was left at), written atomically through `AtomicFile`, so a crash
/// or a full disk leaves the previous progress, never half a file. A file that cannot be read or
/// written never stops the session: progress is then kept in memory, and `takeProblem()` says
/// why, once, for the executable to show.
public final class FileProgressStore: LessonProgressStore {
    private let path: String
    private var progress: LessonProgress
    /// Why the file could not be read or written, until it is taken; then `problemTold` is set.
    private var problem: String?
    private var problemTold = false
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
        var bytes: [UInt8] = []
        do throws(FileReadError) {
            bytes = try FileBytes.read(path: path, limit: FileProgressStore.maximumBytes)
        } catch {
            if case .notFound = error {} else { problem = "\(error.description); lesson progress is kept for this session only" }
        }
        progress = LessonProgress(text: String(decoding: bytes, as: UTF8.self))
    }

    /// Why progress cannot be kept in the file, the first time it is asked after a problem; nil
    /// otherwise (so the learner is told once, not at every page).
    public func takeProblem() -> String? {
        guard !problemTold, let problem else { return nil }
        problemTold = true
        return problem
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
        do throws(FileWriteError) {
            try write(Array(progress.text.utf8), path)
        } catch {
            if problem == nil { problem = "\(error.description); lesson progress is kept for this session only" }
        }
    }
}
