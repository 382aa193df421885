/// Where a learner's lesson progress is kept between sessions: the lessons finished, and the page
/// each unfinished one was left at.
public protocol LessonProgressStore: AnyObject {
    /// The lessons finished, by number.
    func completedLessons() -> Set<Int>
    /// Records a finished lesson and forgets the page it was at (best effort: a store that cannot
    /// write keeps going).
    func markCompleted(_ lesson: Int)
    /// The page (from 0) where `lesson` was left unfinished, if it was.
    func savedPage(lesson: Int) -> Int?
    /// Remembers that the learner is on `page` (from 0) of `lesson` (best effort).
    func savePage(_ page: Int, lesson: Int)
    /// The unfinished lesson the learner was in last, which `lesson` alone goes back to.
    var lastLesson: Int? { get }
}

/// Progress kept in memory only (tests, or when no file can be written).
public final class MemoryProgressStore: LessonProgressStore {
    private var progress = LessonProgress()
    public init() {}
    public func completedLessons() -> Set<Int> { progress.completed }
    public func markCompleted(_ lesson: Int) { progress.complete(lesson) }
    public func savedPage(lesson: Int) -> Int? { progress.pages[lesson] }
    public func savePage(_ page: Int, lesson: Int) { progress.save(page, lesson: lesson) }
    public var lastLesson: Int? { progress.last }
}

/// Lesson progress as a value, and as the lines of a progress file: a finished lesson's number
/// (`3`), and `left 9 3` for lesson 9 left at page 3 (pages counted from 1 in the file), the lesson
/// left last written last. Lines that are neither are ignored, so older files still read.
struct LessonProgress: Equatable {
    var completed: Set<Int> = []
    /// Pages from 0, by lesson.
    var pages: [Int: Int] = [:]
    var last: Int?

    init() {}

    init(text: String) {
        for line in text.split(whereSeparator: { $0 == "\n" }) {
            let words = line.split(separator: " ").map { $0.trimmingCharacters(in: .init(charactersIn: "\r")) }
            if words.count == 1, let n = Int(words[0]) {
                completed.insert(n)
            } else if words.count == 3, words[0] == "left", let n = Int(words[1]), let page = Int(words[2]), page >= 1 {
                pages[n] = page - 1
                last = n
            }
        }
        if let last, completed.contains(last) && pages[last] == nil { self.last = nil }
    }

    mutating func complete(_ lesson: Int) {
        completed.insert(lesson)
        pages[lesson] = nil
        if last == lesson { last = nil }
    }

    mutating func save(_ page: Int, lesson: Int) {
        pages[lesson] = page
        last = lesson
    }

    var text: String {
        var lines = completed.sorted().map(String.init)
        let others = pages.keys.filter { $0 != last }.sorted()
        for n in others + (last.map { pages[$0] != nil ? [$0] : [] } ?? []) { lines.append("left \(n) \(pages[n, default: 0] + 1)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
