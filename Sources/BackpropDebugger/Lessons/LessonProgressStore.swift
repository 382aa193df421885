/// Where a learner's lesson progress is kept between sessions.
public protocol LessonProgressStore: AnyObject {
    /// The lessons finished, by number.
    func completedLessons() -> Set<Int>
    /// Records a finished lesson (best effort: a store that cannot write keeps going).
    func markCompleted(_ lesson: Int)
}

/// Progress kept in memory only (tests, or when no file can be written).
public final class MemoryProgressStore: LessonProgressStore {
    private var completed: Set<Int> = []
    public init() {}
    public func completedLessons() -> Set<Int> { completed }
    public func markCompleted(_ lesson: Int) { completed.insert(lesson) }
}
