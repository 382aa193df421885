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
/// tolerance: 0.0005            ← accepted within this (default: 0.5% of the answer, at least 1e-6)
/// hint: Add the bias first.
/// ```
///
/// ```ask choice
/// Which way should a(4)1 move?
/// a) up
/// b) down
/// answer: a
/// check: δ(4)1 < 0             ← optional, one or more: comparisons the engine must make true,
/// why: Its δ is negative.        so the answer cannot drift from the numbers
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
            /// A number, accepted within `tolerance` of the engine's value of `expression`.
            case number(expression: String, tolerance: Double?)
            /// One of the lettered options; each of `checks` is a comparison the engine must make true.
            case choice(options: [String], answer: Character, checks: [String])
        }
        public let prompt: String
        public let kind: Kind
        public let hint: String?
        public let why: String?
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

    private static func parseQuestion(_ body: [String], kind: String, file: String, line: Int) throws(LessonError) -> Question {
        var prompt: [String] = []
        var options: [String] = []
        var keys: [String: String] = [:]
        var checks: [String] = []
        for raw in body {
            let text = raw.trimmingCharacters(in: " ")
            if let colon = text.firstIndex(of: ":"), ["answer", "tolerance", "hint", "why", "check"].contains(String(text[..<colon])) {
                let key = String(text[..<colon]), value = String(text[text.index(after: colon)...]).trimmingCharacters(in: " ")
                if key == "check" { checks.append(value) }
                keys[key] = value
            } else if text.count >= 3, let first = text.first, first.isLetter, first.isLowercase, text.dropFirst().hasPrefix(") ") {
                options.append(String(text.dropFirst(3)))
            } else if keys.isEmpty && options.isEmpty {
                prompt.append(raw)
            } else if !text.isEmpty {
                throw LessonError(file: file, line: line, message: "unexpected line in a question: '\(text)'")
            }
        }
        let promptText = prompt.joined(separator: "\n").trimmingCharacters(in: "\n ")
        guard !promptText.isEmpty else { throw LessonError(file: file, line: line, message: "a question needs its text before the answer") }
        guard let answer = keys["answer"], !answer.isEmpty else { throw LessonError(file: file, line: line, message: "a question needs an 'answer:' line") }
        switch kind {
        case "number":
            var tolerance: Double?
            if let t = keys["tolerance"] {
                guard let value = Double(t), value.isFinite, value > 0 else {
                    throw LessonError(file: file, line: line, message: "tolerance '\(t)' must be a positive number")
                }
                tolerance = value
            }
            return Question(prompt: promptText, kind: .number(expression: answer, tolerance: tolerance), hint: keys["hint"], why: keys["why"])
        case "choice":
            guard options.count >= 2 else { throw LessonError(file: file, line: line, message: "a choice question needs at least two options, written a) … b) …") }
            let letters = Array("abcdefghij")
            guard options.count <= letters.count else {
                throw LessonError(file: file, line: line, message: "a choice question has at most \(letters.count) options, a) to j); this one has \(options.count)")
            }
            guard answer.count == 1, let letter = answer.first, letters.prefix(options.count).contains(letter)
            else { throw LessonError(file: file, line: line, message: "answer '\(answer)' is not one of the options a) to \(letters[options.count - 1]))") }
            return Question(prompt: promptText, kind: .choice(options: options, answer: letter, checks: checks), hint: keys["hint"], why: keys["why"])
        default:
            throw LessonError(file: file, line: line, message: "unknown block '```ask \(kind)'; use ```ask number or ```ask choice")
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
