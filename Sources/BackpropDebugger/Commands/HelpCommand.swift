extension Session {
    /// How wide `help` sets its lines (the house's limit for lines printed for people).
    static let helpWidth = 100

    func helpCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard let name = arguments.positional.first else { return commandList() }
        guard arguments.positional.count == 1 else { throw CommandError("help takes one command name", showUsage: true) }
        guard let c = Commands.find(name) else {
            throw CommandError(unknownCommandMessage(name))
        }
        return commandHelp(c)
    }

    /// `help NAME`: usage and summary, aliases, details, one line per option, when it fails, an example.
    func commandHelp(_ c: CommandSpec) -> String {
        var lines: [String]
        if visibleWidth(c.usage) + 4 + visibleWidth(c.summary) <= Session.helpWidth {
            lines = [style.bold(c.usage) + "  — " + c.summary]
        } else {
            lines = [style.bold(Session.wrappedUsage(c)), "  " + Session.wrapped(c.summary, offset: 2, indent: "  ", width: Session.helpWidth)]
        }
        if !c.aliases.isEmpty { lines.append("aliases: " + c.aliases.joined(separator: ", ")) }
        if !c.details.isEmpty { lines.append(c.details) }
        if !c.options.isEmpty {
            lines.append("options:")
            let width = c.options.map { $0.usage.count }.max() ?? 0
            for o in c.options {
                let label = "  " + pad(o.usage, width) + "  "
                lines.append(label + Session.wrapped(o.summary, offset: label.count, indent: String(repeating: " ", count: label.count),
                                                     width: Session.helpWidth))
            }
        }
        if let failsWhen = c.failsWhen {
            let label = "fails (exit status 1) when "
            lines.append(label + Session.wrapped(failsWhen, offset: label.count, indent: "  ", width: Session.helpWidth))
        }
        lines.append("example: " + c.example)
        return lines.joined(separator: "\n")
    }

    /// The usage line, after `prefix`, broken before a "[" where it is wider than `helpWidth`,
    /// later lines indented under the first argument.
    static func wrappedUsage(_ c: CommandSpec, prefix: String = "") -> String {
        let indent = String(repeating: " ", count: prefix.count + c.name.count + 1)
        var lines: [String] = []
        var line = prefix
        for part in c.usage.components(separatedBy: " [") {
            let piece = line == prefix ? part : " [" + part
            if line != prefix, visibleWidth(line + piece) > helpWidth {
                lines.append(line)
                line = indent + "[" + part
            } else {
                line += piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `help`: every command by group, one line each (wrapped), and how to learn more.
    func commandList() -> String {
        let nameWidth = 12
        let indent = String(repeating: " ", count: nameWidth + 4)
        var blocks: [String] = []
        for group in CommandSpec.Group.allCases {
            let members = Commands.all.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            let lines = members.map { c in
                // The aliases are joined by no-break spaces, so wrapping keeps them together at the
                // end, where they are then dimmed (escapes take no column).
                let aliases = c.aliases.isEmpty ? "" : "(" + c.aliases.joined(separator: ",\u{A0}") + ")"
                let text = Session.wrapped(c.summary + (aliases.isEmpty ? "" : " " + aliases), offset: nameWidth + 4,
                                           indent: indent, width: Session.helpWidth)
                let shown = aliases.isEmpty ? text
                    : String(text.dropLast(aliases.count)) + style.dim(aliases.replacingOccurrences(of: "\u{A0}", with: " "))
                return "  " + pad(c.name, nameWidth) + "  " + shown
            }
            blocks.append(style.bold(group.rawValue) + "\n" + lines.joined(separator: "\n"))
        }
        let repeated = Commands.all.filter { $0.emptyLine == .repeatsCommand }.map(\.name)
        let list = repeated.count > 1 ? repeated.dropLast().joined(separator: ", ") + " or " + (repeated.last ?? "") : repeated.joined()
        return blocks.joined(separator: "\n") + "\n" + style.dim("`help COMMAND` shows its usage and an example; an empty line repeats \(list).")
    }

    func quitCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard arguments.positional.isEmpty else { throw CommandError("quit takes no arguments", showUsage: true) }
        wantsToQuit = true
        return ""
    }

    /// The layers after the input, as the current notation numbers them (for completing a layer).
    func shownLayers() -> [String] {
        (1...network.outputLayer).map { "\(notation.layer($0))" }
    }
}
