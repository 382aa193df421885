import BackpropCore

/// The session state a lesson's text describes at one point of the lesson: what its commands built.
///
/// It is kept whenever the lesson pauses (at a question or a page's end). The learner may run any
/// command meanwhile; when the lesson goes on it puts this state back, so what it shows next is what
/// its text describes — an explicit `step` at a question never shifts the lesson's own steps.
struct LessonSnapshot {
    /// The network, the pass and what was measured on them (what `back` also keeps).
    let state: SessionState
    let networkName: String
    let notation: Notation
    let digits: DigitData?
    let undoHistory: UndoHistory
}

extension Session {
    func takeLessonSnapshot() {
        lessonSnapshot = LessonSnapshot(state: state, networkName: networkName, notation: notation, digits: digits,
                                        undoHistory: undoHistory)
    }

    /// Puts back the state the lesson left when it paused. Returns a line for the learner when
    /// their own commands had changed it, else "".
    @discardableResult
    func restoreLessonState() -> String {
        guard let s = lessonSnapshot else { return "" }
        let changed = s.state.network != network || s.state.stepper != stepper || s.notation != notation
            || s.networkName != networkName || s.state.imageIndex != imageIndex || s.digits?.folder != digits?.folder
        guard changed else { return "" }
        restore(s.state, keepingPlantedBug: false)
        networkName = s.networkName
        notation = s.notation
        digits = s.digits
        undoHistory = s.undoHistory
        return style.dim("(the lesson puts back the network and pass it left; your commands meanwhile were a look aside)")
    }

    /// Brings the session to the state at the start of page `page` of `lesson`: no bug planted,
    /// then every command of the pages before it run again, their output not shown.
    func replayLesson(_ lesson: Lesson, upTo page: Int) {
        lessonSnapshot = nil
        if bug != nil { plant(nil) }
        for items in lesson.pages.prefix(page) {
            for case let .run(commands) in items {
                for command in commands {
                    let reply = run(command)
                    if let error = reply.error { lessonFailures.append("\(lesson.file): `\(command)` (replayed): \(error)") }
                }
            }
        }
    }
}
