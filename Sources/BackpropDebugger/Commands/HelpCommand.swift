extension Session {
    func helpCommand(_ words: [String]) throws(CommandError) -> String {
        if let name = words.first {
            guard let c = Commands.find(name) else {
                throw CommandError(unknownCommandMessage(name))
            }
            var lines = [style.bold(c.usage) + "  — " + c.summary]
            if !c.aliases.isEmpty { lines.append("aliases: " + c.aliases.joined(separator: ", ")) }
            if !c.details.isEmpty { lines.append(c.details) }
            lines.append("example: " + c.example)
            return lines.joined(separator: "\n")
        }
        let width = Commands.all.map { $0.usage.count }.max() ?? 10
        var blocks: [String] = []
        for group in CommandSpec.Group.allCases {
            let members = Commands.all.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            let lines = members.map { c in
                "  " + pad(c.name, min(width, 12)) + "  " + c.summary + (c.aliases.isEmpty ? "" : style.dim(" (" + c.aliases.joined(separator: ", ") + ")"))
            }
            blocks.append(style.bold(group.rawValue) + "\n" + lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n") + "\n" + style.dim("`help COMMAND` shows its usage and an example; an empty line repeats step, next or back.")
    }
}
