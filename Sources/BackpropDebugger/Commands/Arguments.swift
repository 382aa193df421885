/// A command's words, parsed by its declaration: the positional words in order, and the options
/// given, each checked against the command's `options` (an undeclared one is refused before the
/// handler runs). Values are read through the accessors below, which name the option in errors.
public struct Arguments {
    /// The words that are not options, in order.
    public private(set) var positional: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private let declared: [OptionSpec]

    /// Splits `words` into positional words and the `--name`, `--name VALUE` and `--name=VALUE`
    /// options `command` declares. A lone `--` and words with one dash ("-1", "-") are positional.
    init(_ words: [String], for command: CommandSpec) throws(CommandError) {
        declared = command.options
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--") && word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = command.option(name) else {
                throw CommandError(Arguments.unknownOptionMessage(name, of: command), showUsage: true)
            }
            // Twice is a slip whichever one was meant (`--rtol 1e-4 … --rtol 1e-6`).
            guard !flags.contains(name) && values[name] == nil else {
                throw CommandError("--\(name) is given twice", showUsage: true)
            }
            guard option.value != nil else {
                guard value == nil else { throw CommandError("--\(name) takes no value", showUsage: true) }
                flags.insert(name)
                continue
            }
            if value == nil {
                guard i < words.count else { throw CommandError("--\(name) needs a value", showUsage: true) }
                value = words[i]
                i += 1
            }
            values[name] = value
        }
    }

    /// "unknown option --epoch; did you mean --epochs?", or the options the command takes.
    static func unknownOptionMessage(_ name: String, of command: CommandSpec) -> String {
        if name == "json" {
            let json = Commands.all.filter { $0.option("json") != nil }.map(\.name)
            return "\(command.name) has no JSON form; --json is for \(json.joined(separator: " and ")) "
                + "(and `export -` prints the whole trace as JSON)"
        }
        let shown = name.count > 40 ? String(name.prefix(39)) + "…" : name
        let message = "unknown option --\(shown)"
        guard !command.options.isEmpty else { return message + "; \(command.name) takes no options" }
        if name.count <= 40, let nearest = command.options.map(\.name).min(by: { editDistance($0, name) < editDistance($1, name) }),
           editDistance(nearest, name) <= max(1, name.count / 3) {
            return message + "; did you mean --\(nearest)?"
        }
        let takes = "\(command.name) takes " + command.options.map { "--" + $0.name }.sorted().joined(separator: ", ")
        // One line when it fits after "error: " in 100 columns; else the list on a line of its own.
        return visibleWidth("error: " + message + "; " + takes) <= 100 ? message + "; " + takes : message + "\n" + takes
    }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool {
        assert(isDeclared(name, .flag), "--\(name) is not a declared flag")
        return flags.contains(name)
    }

    /// The value given to `--name`, as typed; nil when the option was not given.
    public func value(_ name: String) -> String? {
        assert(declared.contains { $0.name == name && $0.kind != .flag }, "--\(name) is not a declared option with a value")
        return values[name]
    }

    /// The finite number given to `--name`; nil when the option was not given.
    public func number(_ name: String) throws(CommandError) -> Double? {
        assert(isDeclared(name, .number), "--\(name) is not a declared number option")
        return try values[name].map { text throws(CommandError) in try Arguments.number(text, name: "--\(name)") }
    }

    /// The whole number in `range` given to `--name`; nil when the option was not given.
    public func count(_ name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
        assert(isDeclared(name, .wholeNumber), "--\(name) is not a declared whole-number option")
        return try values[name].map { text throws(CommandError) in try Arguments.count(text, name: "--\(name)", in: range) }
    }

    /// Handlers read only the options their command declares, with the declared kind (a
    /// programmer's slip, caught by the tests in debug builds).
    private func isDeclared(_ name: String, _ kind: OptionSpec.Kind) -> Bool {
        declared.contains { $0.name == name && $0.kind == kind }
    }

    /// A finite number, or an error naming the argument.
    static func number(_ text: String, name: String) throws(CommandError) -> Double {
        let cleaned = text.replacingOccurrences(of: "−", with: "-")
        guard let x = Double(cleaned) else { throw CommandError("\(name) '\(text)' is not a number", showUsage: true) }
        guard x.isFinite else { throw CommandError("\(name) '\(text)' is not a finite number", showUsage: true) }
        return x
    }

    /// A whole number in a range, or an error naming the argument and the range.
    static func count(_ text: String, name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int {
        guard let n = Int(text) else { throw CommandError("\(name) '\(text)' is not a whole number", showUsage: true) }
        guard range.contains(n) else {
            throw CommandError("\(name) \(n) is out of range; it must be from \(range.lowerBound) to \(range.upperBound)", showUsage: true)
        }
        return n
    }
}
