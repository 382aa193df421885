extension Session {
    /// Completions for the word before the cursor, all read from the command's declaration: the
    /// command names for the first word; after an option that takes a value, that option's
    /// values; for a word starting with "-", the options not given yet; otherwise the command's
    /// positional candidates, or its options when it has none.
    public func completions(for line: String) -> [String] {
        let endsWithSpace = line.last.map { $0 == " " || $0 == "\t" } ?? false
        var tokens = words(line)
        let partial = endsWithSpace ? "" : (tokens.popLast() ?? "")
        guard let first = tokens.first else {
            return Commands.all.map(\.name).filter { $0.hasPrefix(partial) }.sorted()
        }
        guard let command = Commands.find(first) else { return [] }
        let candidates: [String]
        if tokens.count > 1, let previous = tokens.last, previous.hasPrefix("--"),
           let option = command.option(String(previous.dropFirst(2))), option.value != nil {
            candidates = option.completions?(self) ?? []
        } else if let positional = command.completions?(self), !partial.hasPrefix("-") {
            candidates = positional
        } else {
            let given = Set(tokens.dropFirst())
            candidates = command.options.map { "--" + $0.name }.filter { !given.contains($0) }
        }
        return candidates.filter { $0.hasPrefix(partial) }.sorted()
    }
}
