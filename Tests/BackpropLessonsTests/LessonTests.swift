import Testing
@testable import BackpropDebugger
import BackpropLessons

/// Every shipped lesson, run from start to end with its own correct answers: a command that
/// errors, an answer that no longer matches the engine, a `check:` that no longer holds or an
/// expression that names nothing fails the test, so the lessons cannot drift from the code.
struct LessonTests {
    static let lessons = Session.shippedLessons()

    @Test func everyLessonFileParses() {
        #expect(Self.lessons.errors.isEmpty, "\(Self.lessons.errors)")
        #expect(Self.lessons.lessons.count >= 10)
        let numbers = Self.lessons.lessons.map(\.number)
        #expect(numbers == Array(1...numbers.count), "lessons are numbered 1, 2, 3, … without gaps")
    }

    @Test(arguments: Session.shippedLessons().lessons.map(\.number))
    func lessonRunsToTheEndWithItsOwnAnswers(number: Int) throws {
        let session = Session()
        var reply = session.execute("lesson \(number)")
        #expect(reply.error == nil)
        var answered = 0
        var turns = 0
        while session.lessonPosition != nil {
            turns += 1
            try #require(turns < 500, "lesson \(number) does not end")
            if let question = session.openQuestion {
                let answer: String
                switch question.kind {
                case let .number(expression, _):
                    let value = try session.expectedNumber(expression)
                    answer = "\(value)"
                case let .choice(_, letter, checks):
                    for check in checks { #expect(try session.evaluateCheck(check), "lesson \(number): check '\(check)' no longer holds") }
                    answer = String(letter)
                }
                reply = session.execute(answer)
                #expect(reply.text.contains("✓ right"), "lesson \(number): answer \(answer) to “\(question.prompt)” was not accepted: \(reply.text) \(reply.error ?? "")")
                answered += 1
            } else {
                reply = session.execute("")
            }
            #expect(reply.error == nil, "lesson \(number): \(reply.error ?? "")")
        }
        #expect(session.lessonFailures.isEmpty, "\(session.lessonFailures)")
        #expect(session.bug == nil, "lesson \(number) leaves a bug planted: the next lesson would see it")
        #expect(reply.text.contains("Lesson \(number) complete."))
        #expect(answered >= 2, "every lesson asks at least two questions")
        #expect(session.progressStore.completedLessons() == [number])
    }

    @Test func questionsAreWrappedAtWordsToTheProseWidth() throws {
        // "? " takes 2 columns: "aaa bbb" fills 2 + 7 = 9, "ccc" goes to the next line, indented.
        #expect(Session.wrapped("aaa bbb ccc", offset: 2, indent: "  ", width: 9) == "aaa bbb\n  ccc")
        #expect(Session.wrapped("one\ntwo three", width: 5) == "one\ntwo\nthree")
        let session = Session()
        let text = session.execute("lesson 8").text
        let question = try #require(text.components(separatedBy: "\n? ").last)
        #expect(question.hasPrefix("Every neuron of layer 1 is connected to every pixel."))
        #expect(question.split(separator: "\n").allSatisfy { visibleWidth(String($0)) <= 98 }, "the question fits in 100 columns after its “? ”")
        #expect(question.split(separator: "\n").count == 3, "two lines of question, one of instructions")
        _ = session.execute("lesson stop")
    }

    @Test func aChoiceMayHaveSeveralChecks() throws {
        let text = "# T\n```ask choice\nWhich?\na) one\nb) two\nanswer: a\ncheck: δ(4)1 < 0\ncheck: cost > 0.5\n```"
        let lesson = try Lesson.parse(text, file: "l.md", number: 1)
        #expect(lesson.questions.first?.kind == .choice(options: ["one", "two"], answer: "a", checks: ["δ(4)1 < 0", "cost > 0.5"]))
        let session = Session()
        #expect(try session.evaluateCheck("δ(4)1 < 0") && session.evaluateCheck("cost > 0.5"))
    }

    @Test func wrongAnswersHintsAndCommandsInBetweenKeepTheLessonGoing() {
        let session = Session()
        _ = session.execute("lesson 2")
        // The first question: z(2)1 = 0.3775.
        let wrong = session.execute("0.5")
        #expect(wrong.text.hasPrefix("not quite: 0.5 is too high"))
        #expect(session.execute("hint").text.contains("0.35·1 + 0.15·0.05 + 0.20·0.10"))
        // Any command works while the question is open, and the question stays open.
        #expect(session.execute("print Θ(1)1,0").text.hasPrefix("Θ(1)1,0 = 0.35"))
        #expect(session.openQuestion != nil)
        #expect(session.execute("0.3775").text.contains("✓ right"))
        let shown = session.execute("show")
        #expect(shown.text.contains("answer: z(2)2 = 0.3925"))
        #expect(session.execute("lesson stop").text.hasPrefix("left lesson 2"))
        #expect(session.execute("hint").error == "no lesson question is open; `lesson N` starts a lesson")
    }

    @Test(arguments: [
        ("```ask number\nWhat?\n```", "l.md:2: a question needs an 'answer:' line"),
        ("```ask choice\nWhich?\na) one\nanswer: a\n```", "l.md:2: a choice question needs at least two options, written a) … b) …"),
        ("```ask choice\nWhich?\na) one\nb) two\nanswer: c\n```", "l.md:2: answer 'c' is not one of the options a) to b)"),
        ("```run\nstep\n", "l.md:2: this block is never closed with ```"),
        ("```ask guess\nWhat?\nanswer: z\n```", "l.md:2: unknown block '```ask guess'; use ```ask number or ```ask choice"),
        ("```ask number\nWhat?\nanswer: z(2)1\ntolerance: -1\n```", "l.md:5: tolerance '-1' must be a positive number"),
        ("```ask number\nWhat?\nanswer: z(2)1\ndigits: 0\n```", "l.md:5: digits '0' must be a whole number from 1 to 6"),
        ("```ask number\nWhat?\nanswer: z(2)1\nmistake: a(2)1\n```", "l.md:5: a mistake is written 'mistake: EXPRESSION: what it means'"),
        ("```ask number\nWhat?\nanswer: z(2)1\nmistake: 2 *: twice\n```", "l.md:5: mistake: 2 *: expected a number or a value at the end"),
        ("```ask number\nWhat?\nanswer: z(2)1\nwrong a: no\n```", "l.md:5: 'wrong a:' is for choice questions"),
        ("```ask choice\nWhich?\na) one\nb) two\nanswer: a\nwrong a: no\n```", "l.md:7: a is the answer; 'wrong a:' is for the other options"),
        ("```ask choice\nWhich?\na) one\nb) two\nanswer: a\nwrong c: no\n```", "l.md:7: there is no option c"),
        ("```ask choice\nWhich?\na) one\nb) two\nanswer: a\nanswer: b\n```", "l.md:7: a question has one 'answer:' line"),
    ])
    func malformedLessonFileNamesTheLine(body: String, message: String) {
        #expect(throws: LessonError.self) { try Lesson.parse("# T\n" + body, file: "l.md", number: 1) }
        do {
            _ = try Lesson.parse("# T\n" + body, file: "l.md", number: 1)
        } catch {
            // Lines count from the title line, so the block opens on line 2; a key's error names its own line.
            #expect(error.description == message)
        }
    }

    @Test func lessonTenCountsTheWeightsOneStepLeavesAlone() throws {
        // A weight w(1)j,k gets the nudge a(0)k·(−δ(1)j); a pixel k that is 0 in all of images 0 … 99
        // gives its 16 weights nothing. Counted here straight from the shipped pixels.
        let images = try DigitData.shipped().test
        let n = images.pixelsPerImage
        let black = (0..<n).filter { k in (0..<100).allSatisfy { images.pixels[$0 * n + k] == 0 } }.count
        #expect(black == 276)
        let text = try #require(LessonFiles.all().first { $0.name.hasPrefix("10-") }?.text)
        #expect(text.contains("276 of the 784 pixels are black in all 100 images"))
        #expect(text.contains("276 × 16 = 4,416 weights of w(1)"))
    }

    @Test func lessonsListShowsProgress() {
        let session = Session()
        session.progressStore.markCompleted(1)
        let list = session.execute("lessons").text
        #expect(list.contains("✓") && list.contains("The 2-2-2-1 network"))
        #expect(list.contains("1 of \(Self.lessons.lessons.count) done"))
    }

    @Test func lessonsListsAllTenFromTheNetworkToTraining() {
        let list = Session().execute("lessons").text
        let titles = [
            (1, "The 2-2-2-1 network, bias units, and how weights are named"),
            (2, "Forward propagation by hand, neuron by neuron"),
            (3, "The cost of one example: squared error and the logistic cost"),
            (4, "δ as ∂cost/∂z — the \"error\" of a unit"),
            (5, "Backprop is forward propagation run right to left"),
            (6, "From δs to gradients, and what a gradient's size means"),
            (7, "Gradient checking: brute force, the choice of ε, and a planted bug"),
            (8, "The 784-16-16-10 network and one handwritten 2"),
            (9, "Three ways to answer a wish, and how the wishes add up"),
            (10, "Averaging over examples, mini-batches, and stochastic gradient descent"),
        ]
        for (number, title) in titles {
            #expect(list.contains(" \(number)  \(title)"), "lesson \(number) is listed as “\(title)”")
        }
        #expect(list.contains("0 of 10 done"))
    }
}
