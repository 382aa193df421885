/// A guided lesson, read from a Markdown file under `Lessons/Text`.
///
/// The file is plain Markdown a teacher can edit, with three kinds of fenced block:
///
/// ```text
/// # Title
///
/// Prose, shown as it is.
///
/// ```run
/// load small
/// step
/// ```                          ← each line runs as a debugger command; its real output is shown
///
/// ```ask number
/// What is z(2)1?               ← the question (any lines before the keys)
/// answer: z(2)1                ← an expression (`LessonExpression`): the engine's value is the answer
/// digits: 3                    ← optional: significant digits wanted (default 2; 1 makes one enough)
/// tolerance: 0.5               ← optional: accepted within this instead (an exact count, say)
/// mistake: a(2)1: that is a, after the sigmoid; z comes before it
///                              ← one or more: an expression for a likely wrong answer, then what it means
/// hint: Add the bias first.
/// why: shown once the answer is in
/// ```
///
/// ```ask choice
/// Which way should a(4)1 move?
/// a) up
/// b) down
/// answer: a
/// check: δ(4)1 < 0             ← optional, one or more: comparisons the engine must make true,
///                                so the answer cannot drift from the numbers
/// wrong b: down would raise C.  ← for each wrong option: why it is wrong, shown when it is chosen
/// hint: What does a negative slope say?
/// why: Its δ is negative.
/// ```
///
/// ---                          ← a page break: the lesson waits for Enter
/// ```
public struct Lesson: Equatable, Sendable {
    /// The number in the file name (`03-cost.md` is lesson 3).
    public let number: Int
    public let title: String
    /// The file it came from.
    public let file: String
    /// Pages, each a list of items shown in order.
    public let pages: [[Item]]

    public enum Item: Equatable, Sendable {
        case prose(String)
        case run([String])
        case ask(Question)
    }

    /// A checkpoint: predict a number or choose an answer before it is revealed.
    public struct Question: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// A number: the engine's value of `expression`, right to the question's digits (or
            /// within `tolerance`, when the author sets one).
            case number(expression: String, tolerance: Double?)
            /// One of the lettered options; each of `checks` is a comparison the engine must make true.
            case choice(options: [String], answer: Character, checks: [String])
        }
        public let prompt: String
        public let kind: Kind
        public let hint: String?
        public let why: String?
        /// The significant digits a number answer must be right to (`digits:`, default 2).
        public var digits: Int = Question.defaultDigits
        /// Likely wrong numbers and what each means (`mistake:` lines).
        public var mistakes: [Mistake] = []
        /// Why each wrong option is wrong (`wrong x:` lines), by letter.
        public var wrong: [Character: String] = [:]

        /// The digits a number answer needs when the lesson does not say.
        public static let defaultDigits = 2

        /// A wrong answer a lesson expects: the expression that computes it, and what it means.
        public struct Mistake: Equatable, Sendable {
            public let expression: String
            public let meaning: String
        }
    }

    /// Every question of the lesson, in order.
    public var questions: [Question] {
        pages.flatMap { $0 }.compactMap { item -> Question? in
            if case let .ask(q) = item { return q }
            return nil
        }
    }

    /// Every command the lesson runs, in order.
    public var commands: [String] {
        pages.flatMap { $0 }.flatMap { item -> [String] in
            if case let .run(c) = item { return c }
            return []
        }
    }
}

/// A problem in a lesson file, with the file and line.
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): \(message)" }
}

extension Lesson {
    /// Reads a lesson file. `number` comes from the file name.
    public static func parse(_ text: String, file: String, number: Int) throws(LessonError) -> Lesson {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingWhitespace() }
        guard lines.count <= 5_000 else { throw LessonError(file: file, line: 1, message: "a lesson has at most 5000 lines") }
        var title: String?
        var pages: [[Item]] = [[]]
        var prose: [String] = []
        func flushProse() {
            let text = prose.joined(separator: "\n").trimmingCharacters(in: "\n ")
            if !text.isEmpty { pages[pages.count - 1].append(.prose(text)) }
            prose = []
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if title == nil, line.hasPrefix("# ") {
                title = String(line.dropFirst(2)).trimmingCharacters(in: " ")
                i += 1
                continue
            }
            if line == "---" {
                flushProse()
                if !(pages.last?.isEmpty ?? true) { pages.append([]) }
                i += 1
                continue
            }
            if line.hasPrefix("```run") || line.hasPrefix("```ask") {
                flushProse()
                let start = i + 1
                let header = line.dropFirst(3).split(separator: " ").map(String.init)
                var body: [String] = []
                i += 1
                while i < lines.count, lines[i] != "```" {
                    body.append(lines[i])
                    i += 1
                }
                guard i < lines.count else { throw LessonError(file: file, line: start, message: "this block is never closed with ```") }
                i += 1
                if header[0] == "run" {
                    let commands = body.map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
                    guard !commands.isEmpty else { throw LessonError(file: file, line: start, message: "a run block needs at least one command") }
                    pages[pages.count - 1].append(.run(commands))
                } else {
                    let kind = header.count > 1 ? header[1] : ""
                    pages[pages.count - 1].append(.ask(try parseQuestion(body, kind: kind, file: file, line: start)))
                }
                continue
            }
            prose.append(line)
            i += 1
        }
        flushProse()
        if pages.last?.isEmpty == true && pages.count > 1 { pages.removeLast() }
        guard let title, !title.isEmpty else { throw LessonError(file: file, line: 1, message: "a lesson starts with a '# Title' line") }
        return Lesson(number: number, title: title, file: file, pages: pages)
    }

    /// The lines of an ```ask block, sorted into the question's parts as they are read.
    private struct QuestionDraft {
        let file: String
        /// The line of the block's opening fence; body line k is line `line + 1 + k`.
        let line: Int
        var prompt: [String] = []
        var options: [String] = []
        var keys: [String: (value: String, line: Int)] = [:]
        var checks: [String] = []
        var mistakes: [Question.Mistake] = []
        var wrong: [Character: (text: String, line: Int)] = [:]

        static let singleKeys: Set<String> = ["answer", "tolerance", "digits", "hint", "why"]

        func error(_ message: String, at line: Int? = nil) -> LessonError {
            LessonError(file: file, line: line ?? self.line, message: message)
        }

        mutating func read(_ raw: String, at n: Int) throws(LessonError) {
            let text = raw.trimmingCharacters(in: " ")
            if let colon = text.firstIndex(of: ":"), let key = Optional(String(text[..<colon])),
               QuestionDraft.singleKeys.contains(key) || ["check", "mistake"].contains(key) || key.hasPrefix("wrong ") {
                try readKey(key, String(text[text.index(after: colon)...]).trimmingCharacters(in: " "), at: n)
            } else if text.count >= 3, let first = text.first, first.isLetter, first.isLowercase, text.dropFirst().hasPrefix(") ") {
                guard keys.isEmpty else { throw error("options come before the 'answer:' and other keys", at: n) }
                options.append(String(text.dropFirst(3)))
            } else if keys.isEmpty && options.isEmpty && mistakes.isEmpty && checks.isEmpty {
                prompt.append(raw)
            } else if !text.isEmpty {
                throw error("unexpected line in a question: '\(text)'", at: n)
            }
        }

        private mutating func readKey(_ key: String, _ value: String, at n: Int) throws(LessonError) {
            guard !value.isEmpty else { throw error("'\(key):' needs something after it", at: n) }
            switch key {
            case "check":
                checks.append(value)
            case "mistake":
                // "EXPR: what it means" — an expression never holds ": ", so the first one separates.
                guard let split = value.range(of: ": ") else {
                    throw error("a mistake is written 'mistake: EXPRESSION: what it means'", at: n)
                }
                let expression = String(value[..<split.lowerBound]).trimmingCharacters(in: " ")
                let meaning = String(value[split.upperBound...]).trimmingCharacters(in: " ")
                do { _ = try LessonExpression.parse(expression) } catch { throw self.error("mistake: \(error.description)", at: n) }
                guard !meaning.isEmpty else { throw error("a mistake needs what it means after its expression", at: n) }
                mistakes.append(Question.Mistake(expression: expression, meaning: meaning))
            case let wrongKey where wrongKey.hasPrefix("wrong "):
                let letter = wrongKey.dropFirst(6).trimmingCharacters(in: " ")
                guard letter.count == 1, let l = letter.first, ("a"..."j").contains(l) else {
                    throw error("'\(key):' names an option by its letter: 'wrong b: why b is wrong'", at: n)
                }
                guard wrong[l] == nil else { throw error("option \(l) already has a 'wrong \(l):' line", at: n) }
                wrong[l] = (value, n)
            default:
                guard keys[key] == nil else { throw error("a question has one '\(key):' line", at: n) }
                keys[key] = (value, n)
            }
        }

        var promptText: String { prompt.joined(separator: "\n").trimmingCharacters(in: "\n ") }
    }

    private static func parseQuestion(_ body: [String], kind: String, file: String, line: Int) throws(LessonError) -> Question {
        var draft = QuestionDraft(file: file, line: line)
        for (k, raw) in body.enumerated() { try draft.read(raw, at: line + 1 + k) }
        guard !draft.promptText.isEmpty else { throw draft.error("a question needs its text before the answer") }
        guard let answer = draft.keys["answer"]?.value else { throw draft.error("a question needs an 'answer:' line") }
        switch kind {
        case "number":
            return try numberQuestion(draft, answer: answer)
        case "choice":
            return try choiceQuestion(draft, answer: answer)
        default:
            throw draft.error("unknown block '```ask \(kind)'; use ```ask number or ```ask choice")
        }
    }

    private static func numberQuestion(_ draft: QuestionDraft, answer: String) throws(LessonError) -> Question {
        if let (letter, wrong) = draft.wrong.first { throw draft.error("'wrong \(letter):' is for choice questions", at: wrong.line) }
        var tolerance: Double?
        if let (t, n) = draft.keys["tolerance"] {
            guard let value = Double(t), value.isFinite, value > 0 else { throw draft.error("tolerance '\(t)' must be a positive number", at: n) }
            tolerance = value
        }
        var question = Question(prompt: draft.promptText, kind: .number(expression: answer, tolerance: tolerance),
                                hint: draft.keys["hint"]?.value, why: draft.keys["why"]?.value)
        if let (d, n) = draft.keys["digits"] {
            guard let digits = Int(d), (1...6).contains(digits) else { throw draft.error("digits '\(d)' must be a whole number from 1 to 6", at: n) }
            question.digits = digits
        }
        question.mistakes = draft.mistakes
        return question
    }

    private static func choiceQuestion(_ draft: QuestionDraft, answer: String) throws(LessonError) -> Question {
        let options = draft.options
        guard options.count >= 2 else { throw draft.error("a choice question needs at least two options, written a) … b) …") }
        let letters = Array("abcdefghij")
        guard options.count <= letters.count else {
            throw draft.error("a choice question has at most \(letters.count) options, a) to j); this one has \(options.count)")
        }
        guard answer.count == 1, let letter = answer.first, letters.prefix(options.count).contains(letter)
        else { throw draft.error("answer '\(answer)' is not one of the options a) to \(letters[options.count - 1]))") }
        for key in ["tolerance", "digits"] {
            if let n = draft.keys[key]?.line { throw draft.error("'\(key):' is for number questions", at: n) }
        }
        if !draft.mistakes.isEmpty { throw draft.error("'mistake:' is for number questions; a choice names its wrong options with 'wrong b:'") }
        for (l, wrong) in draft.wrong {
            guard letters.prefix(options.count).contains(l) else { throw draft.error("there is no option \(l)", at: wrong.line) }
            guard l != letter else { throw draft.error("\(l) is the answer; 'wrong \(l):' is for the other options", at: wrong.line) }
        }
        var question = Question(prompt: draft.promptText, kind: .choice(options: options, answer: letter, checks: draft.checks),
                                hint: draft.keys["hint"]?.value, why: draft.keys["why"]?.value)
        question.wrong = draft.wrong.mapValues(\.text)
        return question
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
