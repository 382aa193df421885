import BackpropCore

/// Where a learner is inside a lesson.
struct LessonPosition: Equatable {
    let lesson: Lesson
    /// The page being shown, from 0.
    var page = 0
    /// The next item of the page to show.
    var item = 0
    /// True while a question waits for its answer.
    var asking = false
    /// True when the page has been shown to its end and waits for Enter.
    var atPageEnd = false
    /// Wrong answers to the open question so far.
    var attempts = 0
    /// Whether the open question's hint has been shown.
    var hintShown = false
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
        // The page a lesson is at (▸): where `lesson N` goes back to.
        let anyPage = lessonPosition != nil || lessons.contains { (progressStore.savedPage(lesson: $0.number) ?? 0) > 0 }
        var table = Table(["", "lesson", "title"] + (anyPage ? ["page"] : []), rightAligned: [1])
        for l in lessons {
            let saved = progressStore.savedPage(lesson: l.number).flatMap { $0 > 0 ? $0 : nil }
            let here = lessonPosition?.lesson.number == l.number
            let mark = completed.contains(l.number) ? style.success("✓") : (here || saved != nil ? style.warning("▸") : " ")
            let page = here ? lessonPosition.map { "\($0.page + 1) of \(l.pages.count)" } : saved.map { "\($0 + 1) of \(l.pages.count)" }
            table.add([mark, "\(l.number)", l.title] + (anyPage ? [style.dim(page ?? "")] : []))
        }
        var text = table.render(style: style, indent: " ")
        text += "\n" + style.dim("\(completed.intersection(Set(lessons.map(\.number))).count) of \(lessons.count) done · `lesson N` starts one or goes back to where you left it")
        for e in lessonErrors { text += "\n" + style.warning("could not read \(e)") }
        return text
    }

    func lessonCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.count <= 1 else { throw CommandError("lesson takes one word: a number, back, restart or stop", showUsage: true) }
        switch words.first?.lowercased() {
        case nil:
            if lessonPosition != nil { return advanceLesson() }
            guard let last = progressStore.lastLesson, let lesson = lessons.first(where: { $0.number == last }) else {
                throw CommandError("no lesson is running; `lessons` lists them, `lesson 1` starts the first", showUsage: true)
            }
            return openLesson(lesson, page: progressStore.savedPage(lesson: last) ?? 0)
        case "stop", "end":
            guard let p = lessonPosition else { return "no lesson is running" }
            lessonPosition = nil
            lessonSnapshot = nil
            return "left lesson \(p.lesson.number) at page \(p.page + 1) of \(p.lesson.pages.count); `lesson` takes you back there"
        case "back", "previous", "prev":
            guard let p = lessonPosition else { throw CommandError("no lesson is running; `lesson N` starts one") }
            return openLesson(p.lesson, page: max(0, p.page - 1), note: p.page == 0 ? "this is the first page" : nil)
        case "restart":
            let number = lessonPosition?.lesson.number ?? progressStore.lastLesson
            guard let number, let lesson = lessons.first(where: { $0.number == number }) else {
                throw CommandError("no lesson to restart; `lesson N` starts one")
            }
            return openLesson(lesson, page: 0)
        case let word?:
            guard let n = Int(word), let lesson = lessons.first(where: { $0.number == n }) else {
                let numbers = lessons.map(\.number)
                guard let first = numbers.first, let last = numbers.last else { throw CommandError("no lessons were found in this build") }
                throw CommandError("there is no lesson '\(word)'; the lessons are \(first) to \(last) (`lessons` lists them)", showUsage: true)
            }
            if lessonPosition?.lesson.number == n, let p = lessonPosition { return openLesson(lesson, page: p.page) }
            return openLesson(lesson, page: progressStore.savedPage(lesson: n) ?? 0)
        }
    }

    /// Shows page `page` of `lesson` from its start, after bringing the session to the state the
    /// page's text describes (the lesson's commands before it are run again, quietly).
    func openLesson(_ lesson: Lesson, page: Int, note: String? = nil) -> String {
        let page = min(max(0, page), lesson.pages.count - 1)
        replayLesson(lesson, upTo: page)
        lessonRunLog = []
        lessonPosition = LessonPosition(lesson: lesson, page: page)
        progressStore.savePage(page, lesson: lesson.number)
        var header = style.bold("Lesson \(lesson.number): \(lesson.title)")
        if page > 0 {
            header += style.dim(" — page \(page + 1) of \(lesson.pages.count)")
                + "\n" + style.dim(note ?? "(the commands of the pages before it were run again; `lesson restart` starts over)")
        } else if let note {
            header += "\n" + style.dim("(\(note))")
        }
        return header + "\n\n" + advanceLesson()
    }

    /// Shows the lesson from where it is until a question, a page's end or the lesson's end.
    func advanceLesson() -> String {
        guard var p = lessonPosition else { return "" }
        if p.asking, let q = openQuestion { return questionText(q) }
        var out: [String] = []
        let note = restoreLessonState()
        if !note.isEmpty { out.append(note) }
        if p.atPageEnd {
            p.page += 1
            p.item = 0
            p.atPageEnd = false
            progressStore.savePage(p.page, lesson: p.lesson.number)
        }
        let page = p.lesson.pages[p.page]
        while p.item < page.count {
            let item = page[p.item]
            p.item += 1
            switch item {
            case let .prose(text):
                out.append(emphasised(text))
            case let .run(commands):
                out += commands.map { showRun($0, lesson: p.lesson) }
            case let .ask(q):
                p.asking = true
                p.attempts = 0
                p.hintShown = false
                return pause(p, out + [questionText(q)])
            }
        }
        if p.page + 1 < p.lesson.pages.count {
            p.atPageEnd = true
            return pause(p, out + [pageEndLine(p)])
        }
        return finishLesson(p.lesson, out)
    }

    /// Keeps the position and the state the lesson built, and returns what was shown.
    private func pause(_ p: LessonPosition, _ out: [String]) -> String {
        lessonPosition = p
        takeLessonSnapshot()
        return out.joined(separator: "\n\n")
    }

    /// Runs one of the lesson's commands and shows it as if typed, with its real output.
    private func showRun(_ command: String, lesson: Lesson) -> String {
        let reply = run(command)
        var block = style.bold("(backprop) ") + command
        if !reply.text.isEmpty { block += "\n" + reply.text }
        if let e = reply.error {
            block += "\n" + style.error("error: ") + e
            lessonFailures.append("\(lesson.file): `\(command)`: \(e)")
        }
        lessonRunLog.append(Session.stripEscapes(block))
        return block
    }

    private func pageEndLine(_ p: LessonPosition) -> String {
        let back = p.page > 0 ? " · `lesson back`: previous page" : ""
        return style.dim("── page \(p.page + 1) of \(p.lesson.pages.count) · Enter: next page\(back) · `lesson stop` leaves ──")
    }

    private func finishLesson(_ lesson: Lesson, _ shown: [String]) -> String {
        var out = shown
        lessonPosition = nil
        lessonSnapshot = nil
        progressStore.markCompleted(lesson.number)
        let next = lessons.first { $0.number > lesson.number }
        let done = "Lesson \(lesson.number) complete."
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

    /// `message` with each line that would pass 100 columns (the first after `label`, as the
    /// program prints an error) broken at spaces, its later lines indented two more spaces than it;
    /// lines that fit are left exactly as they are.
    public static func fitted(_ message: String, after label: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { n, line in
            let offset = n == 0 ? visibleWidth(label) : 0
            guard offset + visibleWidth(String(line)) > lessonWidth else { return String(line) }
            let margin = String(line.prefix { $0 == " " })
            return margin + wrapped(String(line.dropFirst(margin.count)), offset: offset + margin.count, indent: margin + "  ")
        }.joined(separator: "\n")
    }

    /// Markdown's **bold** shown bold on a terminal, and as plain words otherwise; a `## Heading`
    /// line shown as its words, bold.
    func emphasised(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("## ") ? "**" + line.dropFirst(3).trimmingCharacters(in: " ") + "**" : String(line)
        }
        let parts = lines.joined(separator: "\n").components(separatedBy: "**")
        guard parts.count >= 3, parts.count % 2 == 1 else { return parts.joined(separator: "**") }
        return parts.enumerated().map { i, p in i % 2 == 1 ? style.bold(p) : p }.joined()
    }
}
