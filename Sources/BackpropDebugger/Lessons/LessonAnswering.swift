import BackpropCore
import Foundation

/// A lesson's open question: how it is shown, and how what the learner types is read and answered.
/// While a question is open, answer forms are tried before commands; a learner's answer, right or
/// wrong, is never a failed command.
extension Session {
    var openQuestion: Lesson.Question? {
        guard let p = lessonPosition, p.asking, p.item >= 1 else { return nil }
        if case let .ask(q) = p.lesson.pages[p.page][p.item - 1] { return q }
        return nil
    }

    /// The question as it is first shown: the prompt, the options, and the short instruction.
    func questionText(_ q: Lesson.Question) -> String {
        var lines = [style.bold("? ") + Session.wrapped(q.prompt, offset: 2, indent: "  ")]
        if case let .choice(options, _, _) = q.kind {
            for (i, o) in options.enumerated() {
                lines.append("  \(Session.letter(i))) " + Session.wrapped(o, offset: 5, indent: "     "))
            }
        }
        lines.append(style.dim("  " + instruction(q)))
        return lines.joined(separator: "\n")
    }

    static func letter(_ index: Int) -> Character { Array("abcdefghij")[min(index, 9)] }

    /// What kind of answer the question wants and how precise, in one short line.
    func instruction(_ q: Lesson.Question) -> String {
        let keys = "`hint` · `show` · `skip`"
        switch q.kind {
        case let .choice(options, _, _):
            return "answer \(Session.letters(options.count)) · " + keys
        case let .number(expression, tolerance?):
            let whole = (try? expectedNumber(expression)).map { $0 == $0.rounded() } ?? false
            return (whole && tolerance <= 0.5 ? "answer with the whole number" : "answer with a number (within ±\(NumberFormat.significant(tolerance)))") + " · " + keys
        case .number where q.digits == 1:
            return "answer with a number (one significant digit is enough) · " + keys
        case let .number(expression, nil) where isShort(expression, fewerThan: q.digits):
            // Asking 0.2 "to 2 significant digits" would make a learner wonder what they miss.
            return "answer with the number, exactly · " + keys
        case .number:
            return "answer with a number to \(q.digits) significant digits (or more) · " + keys
        }
    }

    /// Whether the expected value is written exactly in fewer than `digits` significant digits
    /// (Θ(1)1,2 = 0.2), so "to 2 significant digits" would not fit it.
    func isShort(_ expression: String, fewerThan digits: Int) -> Bool {
        guard let value = try? expectedNumber(expression), value != 0 else { return false }
        let written = "\(value)"
        guard !written.contains("e") else { return false }
        return LearnerAnswer.significantDigits(written.hasSuffix(".0") ? String(written.dropLast(2)) : written) < digits
    }

    /// "a, b or c".
    static func letters(_ count: Int) -> String {
        let all = (0..<count).map { String(letter($0)) }
        return all.dropLast().joined(separator: ", ") + " or " + (all.last ?? "a")
    }

    /// Handles what the learner typed while a question is open; nil when it should run as a command.
    func answerLesson(_ line: String) -> Reply? {
        guard let p = lessonPosition, p.asking, let q = openQuestion else { return nil }
        let text = line.trimmingCharacters(in: " \t\r\n")
        let word = text.lowercased()
        // An empty line never changes the session while a question is open: it says what to type.
        if word.isEmpty { return Reply(text: style.dim("  " + instruction(q))) }
        if ["hint", "show", "skip"].contains(word) { return noted { lessonKey(word, q) } }
        switch q.kind {
        case let .choice(options, answer, _):
            // An option's own words (`6`, `up`, `the logistic cost`) choose it as its letter would.
            if let i = options.firstIndex(where: { Session.option($0, isNamedBy: text) }) {
                return noted { answerChoice(Session.letter(i), answer: answer, options: options, q) }
            }
            // `h` alone stays `help`: the one letter a lost learner types for it.
            if let letter = LearnerAnswer.letter(text), !(word == "h" && options.count < 8) {
                return noted { answerChoice(letter, answer: answer, options: options, q) }
            }
            if LearnerAnswer.number(text) != nil { return notAnAnswer(q, text) }
        case let .number(expression, tolerance):
            if let number = LearnerAnswer.number(text) {
                return noted { answerNumber(number, expression: expression, tolerance: tolerance, q) }
            }
        }
        return isCommand(text) ? nil : notAnAnswer(q, text)
    }

    /// Whether the learner's `text` names `option` by its words: the whole option, what comes
    /// before its first ":", "," or " (" (`up` for "up: the 2 neuron is the one…"), or what comes
    /// after its first ", " or ": " — case and a final ".", "?" or "!" aside.
    static func option(_ option: String, isNamedBy text: String) -> Bool {
        func plain(_ s: Substring) -> String {
            s.lowercased().trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ".?!"))
        }
        let typed = plain(Substring(text))
        guard !typed.isEmpty else { return false }
        var head = Substring(option)
        for mark in [":", ",", " (", " —"] { if let r = head.range(of: mark) { head = head[..<r.lowerBound] } }
        // "a(3)4, the brightest of the wrong ones" is also named by "the brightest of the wrong ones".
        let tail = [", ", ": "].compactMap { option.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }.map { option[$0.upperBound...] }
        return typed == plain(Substring(option)) || typed == plain(head) || tail.map { typed == plain($0) } == true
    }

    /// An answer typed when no question is open (at a page's end, say): said so, not run as a
    /// command that does not exist. Nil for anything else.
    func lateLessonAnswer(_ text: String) -> Reply? {
        guard let p = lessonPosition, !p.asking, !text.isEmpty, !isCommand(text),
              LearnerAnswer.number(text) != nil || LearnerAnswer.letter(text) != nil else { return nil }
        let back = p.page > 0 || p.atPageEnd ? "; `lesson back` shows the page again" : ""
        return Reply(text: "no question is open now: Enter turns the page\(back)")
    }

    /// Whether `text` starts with a command's name (or is `?`, help): it runs as that command.
    private func isCommand(_ text: String) -> Bool {
        guard let first = words(text).first else { return false }
        return first.hasPrefix("?") || first.hasPrefix("#") || Commands.find(first.split(separator: ";").first.map(String.init) ?? first) != nil
    }

    private func notAnAnswer(_ q: Lesson.Question, _ text: String) -> Reply {
        var message = instruction(q)
        // Something with digits in it was meant as a number: say it could not be read, and how to
        // write it, rather than only repeating the instruction.
        if case .number = q.kind, text.contains(where: \.isNumber), (try? parseExpression(text)) == nil,
           words(text).first.map({ Commands.find($0) == nil }) ?? true {
            message = "could not read '\(Excerpt.of(text))' as a number; write arithmetic with + − * / ^ and ( ), "
                + "σ(…), e^…, ln(…)\n" + message
        }
        // A suggestion only for a word that could be a misspelt command, not for a number.
        if let name = words(text).first, name.count <= 40, name.first?.isLetter == true {
            let suggestion = unknownCommandMessage(name)
            if let range = suggestion.range(of: "did you mean '") {
                message += " — or, for a command, did you mean '" + suggestion[range.upperBound...]
            } else if case .number = q.kind, (try? parseExpression(text)) != nil {
                message += " — `print \(text)` shows that value"
            }
        }
        return Reply(text: Session.wrapped(message))
    }

    /// The reply `make` gives once the state the lesson left is back, with a line saying so when
    /// the learner's own commands had changed it (the answer is judged on the lesson's numbers).
    private func noted(_ make: () -> Reply) -> Reply {
        let note = restoreLessonState()
        var reply = make()
        if !note.isEmpty { reply.text = note + "\n" + reply.text }
        return reply
    }

    private func lessonKey(_ word: String, _ q: Lesson.Question) -> Reply {
        if word == "hint" {
            lessonPosition?.hintShown = true
            return Reply(text: q.hint.map { style.dim("hint: ") + Session.wrapped($0, offset: 6) } ?? "no hint for this one; `show` reveals the answer")
        }
        lessonPosition?.asking = false
        let reveal = word == "show" ? ((try? revealAnswer(q)) ?? "") : "skipped."
        return Reply(text: reveal + "\n\n" + advanceLesson())
    }

    private func answerChoice(_ letter: Character, answer: Character, options: [String], _ q: Lesson.Question) -> Reply {
        guard let index = "abcdefghij".firstIndex(of: letter), "abcdefghij".distance(from: "abcdefghij".startIndex, to: index) < options.count else {
            return Reply(text: "there is no option \(letter): answer \(Session.letters(options.count))")
        }
        if letter == answer {
            lessonPosition?.asking = false
            return Reply(text: style.success("✓ right") + (q.why.map { ": " + Session.wrapped($0, offset: 9) } ?? "") + "\n\n" + advanceLesson())
        }
        let reason = q.wrong[letter].map(Session.notQuite) ?? "not quite."
        return wrongAnswer(Session.wrapped(reason) + "\n" + "Try another letter, or `hint`, `show`, `skip`.", q)
    }

    private func answerNumber(_ number: LearnerAnswer.Number, expression: String, tolerance: Double?, _ q: Lesson.Question) -> Reply {
        let expected: Double
        let mistakes: [(value: Double, meaning: String)]
        do {
            expected = try expectedNumber(expression)
            mistakes = try q.mistakes.map { m throws(CommandError) in (try expectedNumber(m.expression), m.meaning) }
        } catch {
            // The lesson's own expression failed: a lesson that drifted from the code, never the learner's fault.
            lessonFailures.append("\(lessonPosition?.lesson.file ?? "lesson"): \(error.message)")
            return Reply(text: "this question cannot be checked (\(error.message)); `skip` goes on")
        }
        let judgement = AnswerJudgement.judge(number, value: expected, wanted: q.digits, tolerance: tolerance, mistakes: mistakes)
        let shown = NumberFormat.significant(number.value)
        switch judgement {
        case let .right(digits):
            lessonPosition?.asking = false
            let how = digits.map { $0 >= 6 ? "✓ right" : "✓ right to \($0) digit\($0 == 1 ? "" : "s")" } ?? "✓ right"
            return Reply(text: style.success(how) + ": " + answerLabel(expression, expected)
                         + (q.why.map { "\n" + Session.wrapped($0) } ?? "") + "\n\n" + advanceLesson())
        case let .close(digits, typed):
            let text = typed <= digits
                ? "close — one more digit?"
                : "close: \(shown) is right to \(digits) digit\(digits == 1 ? "" : "s") but not to \(typed) — check the next one"
            return wrongAnswer(text + " (`hint`, `show`, `skip`)", q, counts: false)
        case let .mistake(meaning):
            return wrongAnswer(Session.wrapped(Session.notQuite(meaning)) + "\nTry again, or `hint`, `show`, `skip`.", q)
        case .flippedSign:
            return wrongAnswer("not quite: the size of \(shown) is right, the sign is not. Try again, or `hint`, `show`, `skip`.", q)
        case let .decimalPoint(shift):
            let places = abs(shift) == 1 ? "one place" : "\(abs(shift)) places"
            return wrongAnswer("not quite: the digits are right, but the decimal point is \(places) too far \(shift > 0 ? "right" : "left"). "
                               + "Try again, or `hint`, `show`, `skip`.", q)
        case .tooHigh, .tooLow:
            return wrongAnswer("not quite: \(shown) is too \(judgement == .tooHigh ? "high" : "low"). Try again, or `hint`, `show`, `skip`.", q)
        }
    }

    /// "not quite — that is y − a…" for a reason written as a clause, "not quite. Down would…" for
    /// one written as a sentence.
    static func notQuite(_ reason: String) -> String {
        reason.first?.isUppercase == true ? "not quite. " + reason : "not quite — " + reason
    }

    /// A wrong answer's reply; the second wrong try brings the hint, if it has not been asked for.
    private func wrongAnswer(_ text: String, _ q: Lesson.Question, counts: Bool = true) -> Reply {
        guard var p = lessonPosition else { return Reply(text: text) }
        if counts { p.attempts += 1 }
        var out = Session.wrapped(text)
        if p.attempts >= 2, !p.hintShown, let hint = q.hint {
            p.hintShown = true
            out += "\n" + style.dim("hint: ") + Session.wrapped(hint, offset: 6)
        }
        lessonPosition = p
        return Reply(text: out)
    }

    /// How an answer is named to the learner: a value as the lectures write it (`z(2)1 = 0.3775`,
    /// `∂C/∂Θ(3)1,1 = −0.339555`), or the number alone when the lesson computes it from several.
    func answerLabel(_ expression: String, _ value: Double) -> String {
        let number = NumberFormat.significant(value)
        switch try? LessonExpression.parse(expression) {
        case let .value(name)?:
            return Session.lectureName(name) + " = " + number
        case let .negated(.value(name))?:
            return "−" + Session.lectureName(name) + " = " + number
        default:
            return number
        }
    }

    /// `dΘ(3)1,1` as the lectures write it, ∂C/∂Θ(3)1,1, and `cost` as C; other names as they are.
    static func lectureName(_ name: String) -> String {
        if name == "cost" { return "C" }
        guard name.hasPrefix("d"), let second = name.dropFirst().first, "Θwb".contains(second) else { return name }
        return "∂C/∂" + name.dropFirst()
    }

    func revealAnswer(_ q: Lesson.Question) throws(CommandError) -> String {
        switch q.kind {
        case let .number(expression, _):
            let value = try expectedNumber(expression)
            return "answer: " + style.result(answerLabel(expression, value)) + (q.why.map { "\n" + Session.wrapped($0) } ?? "")
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
