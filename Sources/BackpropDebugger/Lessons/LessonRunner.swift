import BackpropCore

/// Where a learner is inside a lesson.
struct LessonPosition: Equatable {
    let lesson: Lesson
    var page = 0
    var item = 0
    /// True while a question waits for its answer.
    var asking = false
    /// Wrong answers to the open question so far.
    var attempts = 0
}

extension Session {
    /// The shipped lessons, read and parsed once per process: every session shares them.
    static let shipped = shippedLessons()

    /// The lessons shipped with the program (files that fail to parse are reported by `lessons`).
    static func shippedLessons() -> (lessons: [Lesson], errors: [LessonError]) {
        var lessons: [Lesson] = []
        var errors: [LessonError] = []
        for (name, text) in LessonLibrary.files() {
            let number = Int(name.prefix { $0.isNumber }) ?? 0
            do { lessons.append(try Lesson.parse(text, file: name, number: number)) } catch { errors.append(error) }
        }
        return (lessons.sorted { $0.number < $1.number }, errors)
    }

    func lessonsCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("lessons takes no arguments; `lesson N` starts one", showUsage: true) }
        let completed = progressStore.completedLessons()
        var table = Table(["", "lesson", "title"], rightAligned: [1])
        for l in lessons {
            let mark = completed.contains(l.number) ? style.success("✓") : (lessonPosition?.lesson.number == l.number ? style.warning("▸") : " ")
            table.add([mark, "\(l.number)", l.title])
        }
        var text = table.render(style: style, indent: " ")
        text += "\n" + style.dim("\(completed.intersection(Set(lessons.map(\.number))).count) of \(lessons.count) done · `lesson N` starts one")
        for e in lessonErrors { text += "\n" + style.warning("could not read \(e)") }
        return text
    }

    func lessonCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard let word = words.first else {
            guard lessonPosition != nil else { throw CommandError("no lesson is running; `lessons` lists them, `lesson 1` starts the first", showUsage: true) }
            return advanceLesson()
        }
        if word == "stop" || word == "end" {
            guard let p = lessonPosition else { return "no lesson is running" }
            lessonPosition = nil
            return "left lesson \(p.lesson.number); `lesson \(p.lesson.number)` starts it again"
        }
        guard words.count == 1 else { throw CommandError("lesson takes one number", showUsage: true) }
        guard let n = Int(word), let lesson = lessons.first(where: { $0.number == n }) else {
            let numbers = lessons.map(\.number)
            guard let first = numbers.first, let last = numbers.last else { throw CommandError("no lessons were found in this build") }
            throw CommandError("there is no lesson '\(word)'; the lessons are \(first) to \(last) (`lessons` lists them)", showUsage: true)
        }
        lessonPosition = LessonPosition(lesson: lesson)
        return style.bold("Lesson \(lesson.number): \(lesson.title)") + "\n\n" + advanceLesson()
    }

    /// Shows the lesson from where it is until a question, a page break or the end.
    func advanceLesson() -> String {
        guard var p = lessonPosition else { return "" }
        if p.asking { return questionText(p) }
        var out: [String] = []
        while p.page < p.lesson.pages.count {
            let page = p.lesson.pages[p.page]
            if p.item >= page.count {
                p.page += 1
                p.item = 0
                if p.page < p.lesson.pages.count {
                    lessonPosition = p
                    out.append(style.dim("── press Enter to go on (any command works meanwhile; `lesson stop` leaves) ──"))
                    return out.joined(separator: "\n\n")
                }
                break
            }
            let item = page[p.item]
            p.item += 1
            switch item {
            case let .prose(text):
                out.append(emphasised(text))
            case let .run(commands):
                for c in commands {
                    let reply = run(c)
                    var block = style.bold("(backprop) ") + c
                    if !reply.text.isEmpty { block += "\n" + reply.text }
                    if let e = reply.error {
                        block += "\n" + style.error("error: ") + e
                        lessonFailures.append("\(p.lesson.file): `\(c)`: \(e)")
                    }
                    out.append(block)
                }
            case .ask:
                p.asking = true
                p.attempts = 0
                lessonPosition = p
                out.append(questionText(p))
                return out.joined(separator: "\n\n")
            }
        }
        lessonPosition = nil
        progressStore.markCompleted(p.lesson.number)
        let next = lessons.first { $0.number > p.lesson.number }
        let done = "Lesson \(p.lesson.number) complete."
        out.append(style.success(done) + " " + Session.wrapped(next.map { "Next: `lesson \($0.number)` — \($0.title)." } ?? "That was the last lesson.",
                                                                offset: done.count + 1))
        return out.joined(separator: "\n\n")
    }

    /// How wide a lesson's questions, hints and explanations are set: the width the lesson files'
    /// prose is wrapped to.
    static let lessonWidth = 100

    /// `text` broken at spaces into lines of at most `width` columns (each of its own lines
    /// separately); the first line starts `offset` columns in, after a label, later ones with `indent`.
    static func wrapped(_ text: String, offset: Int = 0, indent: String = "", width: Int = lessonWidth) -> String {
        var out: [String] = []
        var column = offset
        for (n, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = ""
            if n > 0 {
                line = indent
                column = visibleWidth(indent)
            }
            var first = true
            for word in paragraph.split(separator: " ") {
                let w = visibleWidth(String(word))
                if !first && column + 1 + w > width {
                    out.append(line)
                    line = indent
                    column = visibleWidth(indent)
                    first = true
                }
                line += (first ? "" : " ") + word
                column += (first ? 0 : 1) + w
                first = false
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// Markdown's **bold** shown bold on a terminal, and as plain words otherwise.
    func emphasised(_ text: String) -> String {
        let parts = text.components(separatedBy: "**")
        guard parts.count >= 3, parts.count % 2 == 1 else { return text }
        return parts.enumerated().map { i, p in i % 2 == 1 ? style.bold(p) : p }.joined()
    }

    var openQuestion: Lesson.Question? {
        guard let p = lessonPosition, p.asking, p.item >= 1 else { return nil }
        if case let .ask(q) = p.lesson.pages[p.page][p.item - 1] { return q }
        return nil
    }

    private func questionText(_ p: LessonPosition) -> String {
        guard let q = openQuestion else { return "" }
        var lines = [style.bold("? ") + Session.wrapped(q.prompt, offset: 2, indent: "  ")]
        switch q.kind {
        case .number:
            lines.append(style.dim("  answer with a number or arithmetic like 784*16 (or `hint`, `show`, `skip`; commands work too)"))
        case let .choice(options, _, _):
            for (i, o) in options.enumerated() {
                lines.append("  \(Character(UnicodeScalar(97 + i) ?? "a"))) " + Session.wrapped(o, offset: 5, indent: "     "))
            }
            lines.append(style.dim("  answer with a letter (or `hint`, `show`, `skip`; commands work too)"))
        }
        return lines.joined(separator: "\n")
    }

    /// Handles a learner's answer to the open question; nil when `line` is not an answer.
    func answerLesson(_ line: String) -> Reply? {
        guard var p = lessonPosition, p.asking, let q = openQuestion else { return nil }
        let word = line.trimmingCharacters(in: " \t").lowercased()
        switch word {
        case "hint":
            return Reply(text: q.hint.map { style.dim("hint: ") + Session.wrapped($0, offset: 6) } ?? "no hint for this one; `show` reveals the answer")
        case "show", "skip":
            p.asking = false
            lessonPosition = p
            let reveal = word == "show" ? (try? revealAnswer(q)) ?? "" : "skipped."
            return Reply(text: reveal + "\n\n" + advanceLesson())
        default:
            break
        }
        switch q.kind {
        case let .number(expression, tolerance):
            guard let guess = LessonExpression.learnerNumber(word) else { return nil }
            do {
                let expected = try expectedNumber(expression)
                let tol = tolerance ?? max(1e-6, 0.005 * abs(expected))
                if abs(guess - expected) <= tol {
                    p.asking = false
                    lessonPosition = p
                    return Reply(text: style.success("✓ right") + ": \(expression) = \(NumberFormat.significant(expected))" + (q.why.map { "\n" + Session.wrapped($0) } ?? "") + "\n\n" + advanceLesson())
                }
                p.attempts += 1
                lessonPosition = p
                let direction = guess < expected ? "too low" : "too high"
                return Reply(text: "not quite: \(NumberFormat.significant(guess)) is \(direction) (accepted within ±\(NumberFormat.significant(tol, 2))). Try again, or `hint`, `show`, `skip`.")
            } catch {
                return Reply(error: error.message)
            }
        case let .choice(options, answer, _):
            guard word.count == 1, let letter = word.first, let index = "abcdefghij".firstIndex(of: letter),
                  "abcdefghij".distance(from: "abcdefghij".startIndex, to: index) < options.count else { return nil }
            if letter == answer {
                p.asking = false
                lessonPosition = p
                return Reply(text: style.success("✓ right") + (q.why.map { ": " + Session.wrapped($0, offset: 9) } ?? "") + "\n\n" + advanceLesson())
            }
            p.attempts += 1
            lessonPosition = p
            return Reply(text: "not quite. Try another letter, or `hint`, `show`, `skip`.")
        }
    }

    func revealAnswer(_ q: Lesson.Question) throws(CommandError) -> String {
        switch q.kind {
        case let .number(expression, _):
            return "answer: \(expression) = " + style.result(NumberFormat.significant(try expectedNumber(expression))) + (q.why.map { "\n" + Session.wrapped($0) } ?? "")
        case let .choice(options, answer, _):
            let i = "abcdefghij".distance(from: "abcdefghij".startIndex, to: "abcdefghij".firstIndex(of: answer) ?? "abcdefghij".startIndex)
            return "answer: \(answer)) " + Session.wrapped(i < options.count ? options[i] : "", offset: 11, indent: "           ")
                + (q.why.map { "\n" + Session.wrapped($0) } ?? "")
        }
    }

    func hintCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard openQuestion != nil, let reply = answerLesson("hint") else { throw CommandError("no lesson question is open; `lesson N` starts a lesson") }
        return reply.text
    }

    func showCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard openQuestion != nil, let reply = answerLesson("show") else { throw CommandError("no lesson question is open; `lesson N` starts a lesson") }
        return reply.text
    }

    func skipCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard openQuestion != nil, let reply = answerLesson("skip") else { throw CommandError("no lesson question is open; `lesson N` starts a lesson") }
        return reply.text
    }
}
