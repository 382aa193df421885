import BackpropCore

extension Session {
    /// Runs one line of input: one command, or several separated by ";". An empty line repeats the
    /// last stepping command. The session always goes on, whatever the line holds.
    public func execute(_ line: String) -> Reply {
        let trimmed = line.trimmingCharacters(in: " \t\r\n")
        // Inside a lesson: a bare number or letter answers the open question, Enter turns the page.
        if lessonPosition?.asking == true, let reply = answerLesson(trimmed) { return reply }
        if trimmed.isEmpty, let p = lessonPosition, !p.asking { return Reply(text: advanceLesson()) }
        if trimmed.isEmpty {
            guard let again = repeatable else { return Reply() }
            return run(again)
        }
        if trimmed.hasPrefix("#") { return Reply() }
        let parts = splitCommands(trimmed)
        if parts.count > 1 {
            var texts: [String] = []
            for part in parts {
                let reply = run(part)
                if !reply.text.isEmpty { texts.append(reply.text) }
                if let error = reply.error { return Reply(text: texts.joined(separator: "\n"), error: error) }
                if wantsToQuit { break }
            }
            return Reply(text: texts.joined(separator: "\n"))
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
            let text = try command.handler(self, tokens)
            if ["step", "next", "back"].contains(command.name) {
                repeatable = line
            } else if command.name != "help" {
                repeatable = nil
            }
            return Reply(text: text)
        } catch {
            var message = error.message
            if error.showUsage { message += "\nusage: \(command.usage)\n   e.g. \(command.example)" }
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

    /// Completions for the word before the cursor: command names first, then network names,
    /// notations, and the arguments of the command typed.
    public func completions(for line: String) -> [String] {
        let endsWithSpace = line.hasSuffix(" ")
        var tokens = words(line)
        let partial = endsWithSpace ? "" : (tokens.popLast() ?? "")
        let options: [String]
        if tokens.isEmpty {
            options = Commands.all.map(\.name)
        } else {
            switch Commands.find(tokens[0])?.name {
            case "load": options = BuiltinNetwork.allCases.map(\.rawValue)
            case "notation": options = Notation.allCases.map(\.rawValue)
            case "help": options = Commands.all.map(\.name)
            case "break", "delete": options = Breakpoint.Direction.allCases.map(\.rawValue) + ["all"]
            case "print", "explain", "watch": options = ["z", "a", "delta", "cost", "weights", "biases", "x", "y"]
            case "bug": options = BackpropBug.allCases.map(\.rawValue) + ["off"]
            case "gradcheck": options = ["--sweep", "--eps", "--atol", "--rtol", "--sample", "--seed"]
            case "grads": options = ["--top"]
            case "digit": options = (0...9).map(String.init) + ["--next"]
            case "data": options = ["--sample"]
            case "nudges": options = ["--layer", "--average"]
            case "train": options = ["--epochs", "--batch", "--eta", "--lambda", "--decay", "--seed", "--images"]
            default: options = []
            }
        }
        return options.filter { $0.hasPrefix(partial) }.sorted()
    }
}
