import Foundation
import Testing
@testable import BackpropDebugger

/// Going back a page, leaving and coming back (also after a restart), and what a learner may type
/// at an open question: each brings the session to the state the page's text describes.
struct LessonNavigationTests {
    /// Walks lesson `number` to the start of page `page` (from 0), answering with the engine's values.
    static func walk(_ learner: ScriptedLearner, lesson number: Int, to page: Int) throws {
        learner.type("lesson \(number)")
        var turns = 0
        while let p = learner.session.lessonPosition, p.page < page {
            turns += 1
            try #require(turns < 200)
            let (value, letter) = try learner.rightAnswer()
            learner.type(value.map { "\($0)" } ?? letter.map { String($0) } ?? "")
        }
    }

    /// The state a page's text describes: the network, the pass, the notation and the image.
    struct PageState: Equatable {
        let network: String, stepper: String, notation: Notation, image: Int?
    }

    static func state(_ s: Session) -> PageState {
        PageState(network: "\(s.network)", stepper: "\(s.stepper)", notation: s.notation, image: s.imageIndex)
    }

    @Test func lessonBackShowsThePageBeforeWithTheStateItDescribes() throws {
        let learner = ScriptedLearner()
        try Self.walk(learner, lesson: 2, to: 1)
        let pageTwo = Self.state(learner.session)
        let back = learner.type("lesson back")
        #expect(back.text.hasPrefix("Lesson 2: Forward propagation by hand"))
        #expect(learner.session.lessonPosition?.page == 0)
        // Page 1 starts from `load small`: nothing computed yet, then its question opens.
        #expect(learner.session.stepper.position == 0)
        #expect(learner.session.openQuestion?.prompt.hasPrefix("Work out z(2)1") == true)
        // Going on again reaches the same state as the first time.
        learner.type("0.3775")
        learner.type("0.3925")
        learner.type("")
        #expect(Self.state(learner.session) == pageTwo)
    }

    @Test func lessonBackOnTheFirstPageSaysSo() {
        let s = Session()
        _ = s.execute("lesson 1")
        #expect(s.execute("lesson back").text.contains("(this is the first page)"))
        #expect(s.execute("lesson back").status == .success)
    }

    @Test func aLessonLeftIsResumedAtItsPageAfterARestart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lessons"
        let pages = try #require(Session.shippedLessons().lessons.first { $0.number == 9 }).pages.count
        let first = Session()
        first.progressStore = FileProgressStore(path: path)
        let walker = ScriptedLearner(session: first)
        try Self.walk(walker, lesson: 9, to: 4)
        let there = Self.state(first)
        #expect(first.execute("lesson stop").text == "left lesson 9 at page 5 of \(pages); `lesson` takes you back there")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "left 9 5\n")

        // A new process: the same file, a fresh session.
        let second = Session()
        second.progressStore = FileProgressStore(path: path)
        let list = second.execute("lessons").text
        let row = list.split(separator: "\n").first { $0.contains("Three ways to answer a wish") }
        #expect(row.map { $0.hasPrefix(" ▸") && $0.hasSuffix("  5 of \(pages)") } == true, "\(list)")
        #expect(list.split(separator: "\n").first?.hasSuffix("page") == true, "the column is headed: \(list)")
        let resumed = second.execute("lesson")
        #expect(resumed.text.hasPrefix("Lesson 9: Three ways to answer a wish, and how the wishes add up — page 5 of \(pages)"))
        #expect(Self.state(second) == there, "the replayed commands rebuild the page's network, pass and image")
        #expect(second.lessonFailures.isEmpty)
        // `lesson 9` goes to the same place; `lesson restart` to the beginning.
        #expect(second.execute("lesson 9").text.contains("page 5 of \(pages)"))
        #expect(second.execute("lesson restart").text.hasPrefix("Lesson 9: Three ways to answer a wish, and how the wishes add up\n"))
        #expect(second.lessonPosition?.page == 0)
    }

    @Test func progressFilesOfEveryVersionAreRead() {
        #expect(LessonProgress(text: "1\n2\n") == { var p = LessonProgress(); p.completed = [1, 2]; return p }())
        let p = LessonProgress(text: "1\nleft 4 2\nleft 9 5\nnonsense\nleft x 1\nleft 3 0\n")
        #expect(p.completed == [1] && p.pages == [4: 1, 9: 4] && p.last == 9)
        #expect(p.text == "1\nleft 4 2\nleft 9 5\n")
        var done = p
        done.complete(9)
        #expect(done.last == nil && done.pages == [4: 1] && done.text == "1\n9\nleft 4 2\n")
    }

    @Test func aLearnersOwnCommandsAtAQuestionAreUndoneWhenTheLessonGoesOn() {
        let s = Session()
        _ = s.execute("lesson 2")
        // The learner peeks: a step, and even another network.
        #expect(s.execute("step").text.contains("z(2)1 = "))
        #expect(s.execute("load mnist").succeeded)
        // The answer is judged on the lesson's network, and the lesson's own `step` shows z(2)1.
        let reply = s.execute("0.38")
        #expect(reply.text.hasPrefix("(the lesson puts back the network and pass it left"))
        #expect(reply.text.contains("✓ right to 2 digits: z(2)1 = 0.3775"))
        #expect(reply.text.contains("[1/16] forward · layer 2, neuron 1"))
    }

    @Test func aWeightTheLearnerSetsAtAQuestionIsPutBackWithItsUndoHistory() {
        let s = Session()
        _ = s.execute("lesson 2")
        #expect(s.execute("set Θ(1)1,0 9").succeeded)
        #expect(s.execute("0.3775").text.contains("✓ right: z(2)1 = 0.3775"))
        #expect(s.execute("print Θ(1)1,0").text.hasPrefix("Θ(1)1,0 = 0.35"))
        // `back` undoes the lesson's own step, not the learner's set, which is gone with its history.
        #expect(s.execute("back").succeeded)
        #expect(s.stepper.position == 0)
        #expect(s.execute("print Θ(1)1,0").text.hasPrefix("Θ(1)1,0 = 0.35"))
    }

    /// Lesson 1 asks for Θ(1)1,2 = 0.2: "to 2 significant digits" does not fit a value written in
    /// one; the instruction asks for the number exactly, and 0.2 and 0.20 are right.
    @Test func aQuestionWhoseValueIsShortAsksForTheNumberExactly() {
        let s = Session()
        _ = s.execute("lesson 1")
        _ = s.execute("")
        let open = s.execute("")   // page 3 opens the question
        #expect(open.text.contains("answer with the number, exactly · `hint`"), "\(open.text)")
        #expect(!open.text.contains("significant digits"), "\(open.text)")
        #expect(s.execute("0.20").text.contains("✓ right"))
    }

    @Test(arguments: [
        ("", "answer with a number to 2 significant digits (or more)"),
        ("a)", "answer with a number to 2 significant digits (or more)"),
        ("z(2)1", "answer with a number to 2 significant digits (or more) · `hint` · `show` · `skip` — `print z(2)1` shows that value"),
        ("prnt z(2)1", "did you mean 'print'"),
        ("6", "not quite: 6 is too high"),
        ("about 0.5", "not quite: 0.5 is too high"),
        ("0.35+0.15*0.05+0.2*0.1", "✓ right"),
        ("0.35+0.15*0.05+0.2*0.1**1", "✓ right"),   // Python's power
        ("0.35+0.15×0.05+0.2×(0.1", "could not read '0.35+0.15×0.05+0.2×(0.1' as a number; write arithmetic with"),
        ("0.4", "close — one more digit?"),
        ("0.0275", "not quite — that leaves out the bias unit's term"),
        ("0.38", "✓ right to 2 digits: z(2)1 = 0.3775"),
    ])
    func whatALearnerTypesAtANumberQuestionIsNeverAFailedCommand(typed: String, reply expected: String) {
        let s = Session()
        _ = s.execute("lesson 2")
        let reply = s.execute(typed)
        #expect(reply.status == .success, "\(typed): \(reply.error ?? "")")
        #expect(reply.text.unwrapped.contains(expected), "\(typed) → \(reply.text)")
    }

    @Test(arguments: [
        ("15", "answer a, b or c"),
        ("9", "not quite — 9 would be 3 rows of 3"),
        ("6", "✓ right: 2 rows × (2 units + 1 bias unit) = 6."),
        ("d", "there is no option d: answer a, b or c"),
        ("(c)", "not quite — 9 would be 3 rows of 3"),
        ("A.", "not quite — 4 counts only the weights"),
        ("B)", "✓ right: 2 rows × (2 units + 1 bias unit) = 6."),
    ])
    func whatALearnerTypesAtAChoiceIsNeverAFailedCommand(typed: String, reply expected: String) throws {
        let learner = ScriptedLearner()
        try Self.walk(learner, lesson: 1, to: 2)
        learner.type("0.2")
        #expect(learner.session.openQuestion?.prompt.hasPrefix("How many numbers does Θ(2) hold") == true)
        let reply = learner.type(typed)
        #expect(reply.status == .success)
        #expect(reply.text.unwrapped.contains(expected), "\(typed) → \(reply.text)")
    }

    @Test func anOptionsWordsChooseIt() {
        #expect(Session.option("the logistic cost, −ln(0.01)", isNamedBy: "The logistic cost"))
        #expect(Session.option("up: the 2 neuron is the one we were looking at", isNamedBy: "up."))
        #expect(Session.option("6", isNamedBy: " 6 "))
        #expect(!Session.option("6", isNamedBy: "16"))
        #expect(!Session.option("halves it", isNamedBy: "halves"))
    }

    @Test func anAnswerTypedWhenNoQuestionIsOpenIsSaidSoNotRun() throws {
        let learner = ScriptedLearner()
        try Self.walk(learner, lesson: 2, to: 0)
        learner.type("0.3775")
        learner.type("0.3925")
        #expect(learner.session.lessonPosition?.atPageEnd == true)
        let late = learner.type("0.393")
        #expect(late.status == .success)
        #expect(late.text == "no question is open now: Enter turns the page; `lesson back` shows the page again")
        #expect(learner.type("where").text.contains("cursor"), "commands still run")
    }

    @Test func commandsStillRunAtAnOpenQuestionAndHelpIsNotALetter() throws {
        let learner = ScriptedLearner()
        try Self.walk(learner, lesson: 1, to: 2)
        learner.type("0.2")
        #expect(learner.type("h").text.contains("lessons"), "h is help")
        #expect(learner.type("print Θ(2)1,0").text.hasPrefix("Θ(2)1,0 = 0.6"))
        #expect(learner.session.openQuestion != nil)
        // The wrong answers so far were none; two wrong letters bring the hint with the second.
        #expect(!learner.type("a").text.contains("hint:"))
        #expect(learner.type("c").text.contains("hint: Θ(2) has one row per unit of layer 3"))
    }
}
