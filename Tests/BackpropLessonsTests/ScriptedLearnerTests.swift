import Foundation
import Testing
@testable import BackpropDebugger

/// Every shipped lesson taken by a scripted learner, in the ways people answer: the engine's value,
/// the value rounded to 2 and to 3 significant digits with words around it, each mistake the lesson
/// names, each wrong option, an empty line at every open question, letters dressed as `A)` or
/// `(b)`, and a learner who runs commands of their own at every pause. Each gets the reply the
/// lesson promises, no reply is ever a failed command, and the pass the lesson shows afterwards is
/// always the one its text describes.
struct ScriptedLearnerTests {
    static let numbers = Session.shippedLessons().lessons.map(\.number)

    /// How a scripted learner answers each question.
    enum Manner: CaseIterable {
        /// The engine's value in full, after an empty line, every listed mistake and every wrong option.
        case exactAfterMistakes
        /// Rounded to 2 significant digits, as "about 0.38"; letters as "B)".
        case twoDigits
        /// Rounded to 3 significant digits, as "≈ 0.378?"; letters as "(b)".
        case threeDigits
        /// The right letter as "b."; and before each answer and each page turn, `step` and `load mnist`.
        case meddling
    }

    /// Takes lesson `number` to its end in `manner`; returns the learner.
    static func take(_ number: Int, _ manner: Manner, style: Style = .plain) throws -> ScriptedLearner {
        let learner = ScriptedLearner(session: Session(style: style))
        learner.type("lesson \(number)")
        var turns = 0
        while learner.session.lessonPosition != nil {
            turns += 1
            try #require(turns < 500, "lesson \(number) does not end")
            // The answer is the lesson's, worked out before the learner's own commands change the session.
            let right = try learner.rightAnswer()
            if manner == .meddling {
                learner.type("step")
                learner.type("load mnist")
            }
            if let q = learner.session.openQuestion {
                try answer(q, right: right, learner: learner, manner: manner, lesson: number)
            } else {
                learner.type("")
            }
        }
        return learner
    }

    static func answer(_ q: Lesson.Question, right: (value: Double?, letter: Character?), learner: ScriptedLearner,
                       manner: Manner, lesson: Int) throws {
        let where_ = "lesson \(lesson), “\(q.prompt.prefix(50))…”"
        let (value, letter) = right
        switch (manner, q.kind) {
        case (.exactAfterMistakes, _):
            try tryWrongAnswers(q, learner: learner, lesson: lesson)
            let right = value.map { "\($0)" } ?? String(letter ?? "a")
            #expect(learner.type(right).plain.hasPrefix("✓ right"), "\(where_): \(right)")
        case let (.twoDigits, .number(_, tolerance)), let (.threeDigits, .number(_, tolerance)):
            let digits = manner == .twoDigits ? max(2, q.digits) : max(3, q.digits)
            let v = try #require(value)
            let written = tolerance != nil ? NumberFormat.grouped(Int(v.rounded())) : ScriptedLearner.rounded(v, digits: digits)
            let typed = manner == .twoDigits ? "about \(written)" : "≈ \(written)?"
            let reply = learner.type(typed)
            #expect(reply.plain.hasPrefix("✓ right"), "\(where_): \(typed) → \(reply.plain.prefix(120))")
        case (.twoDigits, .choice), (.threeDigits, .choice), (.meddling, .choice):
            let l = String(try #require(letter))
            let typed = manner == .twoDigits ? l.uppercased() + ")" : manner == .threeDigits ? "(\(l))" : l + "."
            let reply = learner.type(typed)
            #expect(reply.plain.contains("✓ right"), "\(where_): \(typed) → \(reply.plain.prefix(120))")
        case (.meddling, .number):
            let reply = learner.type("\(try #require(value))")
            #expect(reply.plain.contains("✓ right"), "\(where_): → \(reply.plain.prefix(120))")
        }
    }

    /// An empty line, then every named mistake or wrong option, at the open question: each gets its
    /// diagnosis and the question stays open; the empty line changes nothing.
    static func tryWrongAnswers(_ q: Lesson.Question, learner: ScriptedLearner, lesson: Int) throws {
        let where_ = "lesson \(lesson), “\(q.prompt.prefix(50))…”"
        let session = learner.session
        let before = (session.network, session.stepper, session.lessonPosition)
        let empty = learner.type("")
        #expect(empty.error == nil && empty.plain.contains(session.instruction(q)), "\(where_): an empty line says what to type")
        #expect(session.network == before.0 && session.stepper == before.1 && session.lessonPosition == before.2,
                "\(where_): an empty line changed the session")
        switch q.kind {
        case let .number(_, tolerance):
            for mistake in q.mistakes {
                let m = try session.expectedNumber(mistake.expression)
                let typed = tolerance != nil ? NumberFormat.grouped(Int(m.rounded())) : ScriptedLearner.rounded(m, digits: 3)
                let reply = learner.type(typed)
                #expect(reply.plain.unwrapped.contains(mistake.meaning), "\(where_): \(typed) (\(mistake.expression)) → \(reply.text)")
                #expect(session.openQuestion == q)
            }
            let letter = learner.type("b)")
            #expect(letter.plain.hasPrefix("answer with"), "\(where_): a letter at a number question: \(letter.text)")
        case let .choice(options, answer, _):
            for (i, _) in options.enumerated() where Session.letter(i) != answer {
                let wrong = Session.letter(i)
                let reply = learner.type(String(wrong))
                let why = try #require(q.wrong[wrong], "\(where_): option \(wrong) says why it is wrong")
                #expect(reply.plain.unwrapped.contains(why), "\(where_): \(wrong) → \(reply.text)")
                #expect(session.openQuestion == q)
            }
            let number = learner.type("999")
            #expect(number.plain.hasPrefix("answer a"), "\(where_): a number at a letter question: \(number.text)")
        }
        #expect(learner.replies.suffix(4).allSatisfy { $0.reply.error == nil }, "\(where_): a learner's answer failed")
    }

    @Test(arguments: numbers)
    func eachMannerOfAnsweringGetsThroughAndSeesTheSamePass(number: Int) throws {
        var logs: [[String]] = []
        for manner in Manner.allCases {
            let learner = try Self.take(number, manner)
            let session = learner.session
            if manner != .meddling {
                #expect(learner.replies.allSatisfy { $0.reply.error == nil }, "lesson \(number), \(manner): \(learner.replies.filter { $0.reply.error != nil }.map(\.typed))")
            }
            #expect(session.lessonFailures.isEmpty, "lesson \(number), \(manner): \(session.lessonFailures)")
            #expect(session.bug == nil, "lesson \(number) leaves a bug planted")
            #expect(learner.replies.last?.reply.plain.contains("Lesson \(number) complete.") == true)
            // A run's duration ("took 0.5 s") is the one thing a pass may show differently.
            logs.append(session.lessonRunLog.map { $0.split(separator: "\n").filter { !$0.hasPrefix("took ") }.joined(separator: "\n") })
        }
        for (manner, log) in zip(Manner.allCases.dropFirst(), logs.dropFirst()) {
            #expect(log == logs[0], "lesson \(number): answering \(manner) showed another pass: \(zip(log, logs[0]).first { $0 != $1 }.map { "\($0.0)\n≠\n\($0.1)" } ?? "a different number of commands")")
        }
    }

    /// Pages with and without colour: on a terminal, colour adds the legends of what colours mean.
    @Test(arguments: numbers, [false, true])
    func everyPageFitsA100By40Terminal(number: Int, colour: Bool) throws {
        let learner = try Self.take(number, .twoDigits, style: Style(enabled: colour))
        for (i, page) in learner.pages.enumerated() {
            let shown = page.map(Session.stripEscapes)
            #expect(shown.count <= 40, "lesson \(number) page \(i + 1)\(colour ? " in colour" : "") is \(shown.count) lines:\n\(shown.joined(separator: "\n"))")
            for line in shown where visibleWidth(line) > 100 {
                Issue.record("lesson \(number) page \(i + 1)\(colour ? " in colour" : ""): \(visibleWidth(line)) columns: \(line)")
            }
        }
    }
}

/// What every question of the shipped lessons must carry: a hint; for a number, at least its two
/// likeliest mistakes, each told apart from the answer and from the others; for a choice, why each
/// wrong option is wrong.
struct LessonMistakeTests {
    @Test(arguments: ScriptedLearnerTests.numbers)
    func everyQuestionHasAHintAndNamesItsMistakes(number: Int) throws {
        let learner = ScriptedLearner()
        learner.type("lesson \(number)")
        var turns = 0
        while learner.session.lessonPosition != nil {
            turns += 1
            try #require(turns < 500)
            guard let q = learner.session.openQuestion else { learner.type(""); continue }
            let where_ = "lesson \(number), “\(q.prompt.prefix(60))…”"
            #expect(q.hint != nil, "\(where_) has no hint")
            let (value, letter) = try learner.rightAnswer()
            switch q.kind {
            case let .number(_, tolerance):
                #expect(q.mistakes.count >= 2, "\(where_) names \(q.mistakes.count) mistakes")
                let v = try #require(value)
                let values = [("the answer", v)] + (try q.mistakes.map { ($0.expression, try learner.session.expectedNumber($0.expression)) })
                for (i, a) in values.enumerated() {
                    for (j, b) in values.enumerated() where i != j {
                        for digits in Set([q.digits, 3]) {
                            let typed = try #require(LearnerAnswer.number(ScriptedLearner.rounded(a.1, digits: digits)))
                            #expect(!AnswerJudgement.matches(typed, b.1, wanted: q.digits, tolerance: tolerance),
                                    "\(where_): \(a.0) = \(a.1) cannot be told from \(b.0) = \(b.1) at \(digits) digits")
                        }
                    }
                }
                learner.type("\(v)")
            case let .choice(options, answer, _):
                for i in options.indices where Session.letter(i) != answer {
                    #expect(q.wrong[Session.letter(i)] != nil, "\(where_): option \(Session.letter(i)) does not say why it is wrong")
                }
                learner.type(String(try #require(letter)))
            }
        }
    }
}
