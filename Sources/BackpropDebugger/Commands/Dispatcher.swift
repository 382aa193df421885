import BackpropCore

extension Session {
    /// Runs one line of input: one command, or several separated by ";". An empty line repeats the
    /// last command declared `.repeatsCommand` (step, next, back). The session always goes on,
    /// whatever the line holds. The reply's status is the worst of its commands'.
    /// In a quiet session (`quiet`) the reply holds only data: the text of commands whose output is
    /// data (`export -`, `print`, `--json`); everything else is left out, errors excepted.
    public func execute(_ line: String) -> Reply {
        let reply = executeLine(line)
        guard quiet, !reply.isData else { return reply }
        return Reply(text: "", error: reply.error, checkFailed: reply.checkFailed)
    }

    private func executeLine(_ line: String) -> Reply {
        let trimmed = line.trimmingCharacters(in: " \t\r\n")
        // Inside a lesson: a bare number or letter answers the open question, Enter turns the page.
        if lessonPosition?.asking == true, let reply = answerLesson(trimmed) { return reply }
        if let reply = lateLessonAnswer(trimmed) { return reply }
        if trimmed.isEmpty, let p = lessonPosition, !p.asking { return Reply(text: advanceLesson()) }
        if trimmed.isEmpty {
            guard let again = repeatable else { return Reply() }
            return run(again)
        }
        if trimmed.hasPrefix("#") { return Reply() }
        let parts = splitCommands(trimmed)
        if parts.count > 1 {
            // A failed check does not stop the line (its output is the point); an error does.
            // Quiet, only the parts that are data are kept; the whole is data when any part was.
            var texts: [String] = []
            var checkFailed = false
            var isData = false
            for part in parts {
                let reply = run(part)
                if !reply.text.isEmpty && (!quiet || reply.isData) { texts.append(reply.text) }
                checkFailed = checkFailed || reply.checkFailed
                isData = isData || reply.isData
                if let error = reply.error {
                    return Reply(text: texts.joined(separator: "\n"), error: error, checkFailed: checkFailed, isData: isData)
                }
                if wantsToQuit { break }
            }
            return Reply(text: texts.joined(separator: "\n"), checkFailed: checkFailed, isData: isData)
        }
        return run(trimmed)
    }

    /// Splits on ";" outside quotes.
    public func splitCommands(_ line: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
            } else if c == "\"" || c == "'" {
                quote = c
                current.append(c)
            } else if c == ";" {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }

    func run(_ line: String) -> Reply {
        if let (quote, column) = unclosedQuote(line) {
            return Reply(error: "the \(quote) at column \(column) is never closed: \(Excerpt.of(line))")
        }
        var tokens = words(line)
        guard !tokens.isEmpty else { return Reply() }
        var name = tokens.removeFirst()
        // "?" and "?cmd" are help, as in Python's cmd.
        if name.hasPrefix("?") {
            if name.count > 1 { tokens.insert(String(name.dropFirst()), at: 0) }
            name = "help"
        }
        guard let command = Commands.find(name) else {
            return Reply(error: unknownCommandMessage(name))
        }
        do {
            let arguments = try Arguments(tokens, for: command)
            let output = try command.handler(self, arguments)
            switch command.emptyLine {
            case .repeatsCommand: repeatable = line
            case .doesNothing: repeatable = nil
            case .keepsPrevious: break
            }
            return Reply(text: output.text, checkFailed: output.failed, isData: command.output.isData(arguments))
        } catch {
            // A message quoting what was typed stays short however much was typed.
            var message = Excerpt.shortened(error.message)
            if error.showUsage { message += "\n" + Session.wrappedUsage(command, prefix: "usage: ") + "\n   e.g. \(command.example)" }
            return Reply(error: message)
        }
    }

    func unknownCommandMessage(_ name: String) -> String {
        let candidates = Commands.all.flatMap { [$0.name] + $0.aliases }
        // A word far longer than any command cannot be a typo of one; skipping it keeps a pasted
        // megabyte from costing an edit distance per command.
        let best = name.count > 40 ? nil : candidates.map { ($0, editDistance($0, name.lowercased())) }.min { $0.1 < $1.1 }
        let shown = name.count > 40 ? String(name.prefix(39)) + "…" : name
        var message = "unknown command '\(shown)'"
        if let (suggestion, distance) = best, distance <= max(1, name.count / 3),
           let command = Commands.find(suggestion) {
            message += "; did you mean '\(command.name)'?"
        } else {
            message += "; type 'help' for the list of commands"
        }
        return message
    }
}
