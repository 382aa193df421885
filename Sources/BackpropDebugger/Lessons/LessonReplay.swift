import BackpropCore

/// The session state a lesson's text describes at one point of the lesson: what its commands built.
///
/// It is kept whenever the lesson pauses (at a question or a page's end). The learner may run any
/// command meanwhile; when the lesson goes on it puts this state back, so what it shows next is what
/// its text describes — an explicit `step` at a question never shifts the lesson's own steps.
struct LessonSnapshot {
    let networkName: String
    let network: Network
    let stepper: Stepper
    let notation: Notation
    let records: [StepRecord]
    let lastCheck: GradientCheck?
    let lastParameterCheck: GradientCheck?
    let lastSweep: EpsilonSweep?
    let digits: DigitData?
    let imageIndex: Int?
    let trainingHistory: TrainingHistory?
    let trainingOptions: (options: TrainingOptions, images: Int)?
    let lastNudges: Nudges?
    let lastNudgeAverage: NudgeAverage?
    let networkChanges: [NetworkChange.Kind]
    let undoHistory: UndoHistory
}

extension Session {
    func takeLessonSnapshot() {
        lessonSnapshot = LessonSnapshot(
            networkName: networkName, network: network, stepper: stepper, notation: notation, records: records,
            lastCheck: lastCheck, lastParameterCheck: lastParameterCheck, lastSweep: lastSweep, digits: digits,
            imageIndex: imageIndex, trainingHistory: trainingHistory, trainingOptions: trainingOptions,
            lastNudges: lastNudges, lastNudgeAverage: lastNudgeAverage, networkChanges: networkChanges,
            undoHistory: undoHistory)
    }

    /// Puts back the state the lesson left when it paused. Returns a line for the learner when
    /// their own commands had changed it, else "".
    @discardableResult
    func restoreLessonState() -> String {
        guard let s = lessonSnapshot else { return "" }
        let changed = s.network != network || s.stepper != stepper || s.notation != notation
            || s.networkName != networkName || s.imageIndex != imageIndex || s.digits?.folder != digits?.folder
        guard changed else { return "" }
        networkName = s.networkName
        network = s.network
        stepper = s.stepper
        notation = s.notation
        records = s.records
        lastCheck = s.lastCheck
        lastParameterCheck = s.lastParameterCheck
        lastSweep = s.lastSweep
        digits = s.digits
        imageIndex = s.imageIndex
        trainingHistory = s.trainingHistory
        trainingOptions = s.trainingOptions
        lastNudges = s.lastNudges
        lastNudgeAverage = s.lastNudgeAverage
        networkChanges = s.networkChanges
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
