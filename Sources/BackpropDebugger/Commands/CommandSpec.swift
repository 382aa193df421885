/// One REPL command, declared once: its names, arguments, options, help, what an empty line does
/// after it, whether it can fail, and its handler. `help`, completion, "did you mean", the parsing
/// of its options, the README's command list and its tests all read `Commands.all`.
public struct CommandSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// The positional arguments, e.g. "[LAYER [NEURON]]". It may also place an option where it
    /// belongs ("small | mnist [--untrained] | FILE.json"); options it does not mention are
    /// appended to `usage` in declaration order.
    public let arguments: String
    /// Every `--option` the command takes; the parser refuses any other.
    public let options: [OptionSpec]
    /// The group `help` lists it under.
    public let group: Group
    public let summary: String
    public let example: String
    /// Extra lines for `help NAME` (the options have their own lines there).
    public let details: String
    /// What an empty line does after this command.
    public let emptyLine: EmptyLine
    /// When the command fails although it ran ("a value differs beyond the tolerance"), for a
    /// command that checks something; nil for a command that can only succeed or be refused.
    public let failsWhen: String?
    /// Whether what the command prints is data for a program or a report for people; `-q` keeps
    /// only data on standard output.
    public let output: Output
    /// Candidates for the command's positional words (tab completion); nil when there are none.
    let completions: (@Sendable (Session) -> [String])?
    let handler: @Sendable (Session, Arguments) throws(CommandError) -> CheckOutput

    public enum Group: String, CaseIterable, Sendable {
        case setup = "Network and example"
        case passes = "Whole passes"
        case stepping = "Stepping"
        case inspect = "Looking at values"
        case check = "Checking gradients"
        case learning = "Learning"
        case mnist = "MNIST"
        case files = "Files"
        case lessons = "Lessons"
        case session = "Session"
    }

    /// What an empty line does after the command (gdb repeats `step` and `next`; Python's `cmd`
    /// repeats the last command).
    public enum EmptyLine: Sendable {
        /// It runs the same line again.
        case repeatsCommand
        /// It does what it did before this command (a command that changes nothing, like `help`).
        case keepsPrevious
        /// It does nothing.
        case doesNothing
    }

    /// What a command's output is: text for people, or data for a program (a JSON document, the
    /// values `print` shows), always or with some arguments.
    public enum Output: Sendable, Equatable {
        /// A report for people, whatever the arguments: `-q` leaves it out.
        case report
        /// Data, always.
        case data
        /// Data when the flag is given (`compare --json`), a report otherwise.
        case dataWithFlag(String)
        /// Data when the file named is `-`, standard output (`export -`), a report otherwise.
        case dataWhenWrittenToStandardOutput

        /// Whether the output of a command given these arguments is data.
        func isData(_ arguments: Arguments) -> Bool {
            switch self {
            case .report: false
            case .data: true
            case let .dataWithFlag(flag): arguments.flag(flag)
            case .dataWhenWrittenToStandardOutput: arguments.positional.last == "-"
            }
        }

        /// When the output is data, in words for the README ("always", "with --json"); nil for a report.
        public var whenData: String? {
            switch self {
            case .report: nil
            case .data: "always"
            case let .dataWithFlag(flag): "with --\(flag)"
            case .dataWhenWrittenToStandardOutput: "to -"
            }
        }
    }

    /// A command that does what it is asked or is refused with an error: `run` returns its text.
    init(_ name: String, aliases: [String] = [], arguments: String = "", options: [OptionSpec] = [],
         group: Group, summary: String, example: String, details: String = "",
         emptyLine: EmptyLine = .doesNothing, output: Output = .report,
         completions: (@Sendable (Session) -> [String])? = nil,
         run: @escaping @Sendable (Session, Arguments) throws(CommandError) -> String) {
        self.init(name, aliases, arguments, options, group, summary, example, details, emptyLine, output, nil, completions) {
            session, arguments throws(CommandError) in CheckOutput(try run(session, arguments), failed: false)
        }
    }

    /// A command that checks something and can fail although it ran (its reply's status is then
    /// `.failure`, and a script's exit status 1): `check` returns its text and whether it failed.
    init(_ name: String, aliases: [String] = [], arguments: String = "", options: [OptionSpec] = [],
         group: Group, summary: String, example: String, details: String = "",
         emptyLine: EmptyLine = .doesNothing, output: Output = .report,
         completions: (@Sendable (Session) -> [String])? = nil,
         failsWhen: String, check: @escaping @Sendable (Session, Arguments) throws(CommandError) -> CheckOutput) {
        self.init(name, aliases, arguments, options, group, summary, example, details, emptyLine, output, failsWhen, completions, check)
    }

    private init(_ name: String, _ aliases: [String], _ arguments: String, _ options: [OptionSpec], _ group: Group,
                 _ summary: String, _ example: String, _ details: String, _ emptyLine: EmptyLine, _ output: Output,
                 _ failsWhen: String?,
                 _ completions: (@Sendable (Session) -> [String])?,
                 _ handler: @escaping @Sendable (Session, Arguments) throws(CommandError) -> CheckOutput) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.options = options
        self.group = group
        self.summary = summary
        self.example = example
        self.details = details
        self.emptyLine = emptyLine
        self.output = output
        self.failsWhen = failsWhen
        self.completions = completions
        self.handler = handler
    }

    /// "step [N]", "gradcheck [PARAM] [--sweep] [--eps E] …" — the usage line.
    public var usage: String {
        let mentioned = Set(arguments.split { " []|".contains($0) }.map(String.init))
        let rest = options.filter { !mentioned.contains("--" + $0.name) }.map { "[\($0.usage)]" }
        return ([name] + (arguments.isEmpty ? [] : [arguments]) + rest).joined(separator: " ")
    }

    /// The declared option called `name` (without its dashes).
    public func option(_ name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }
}

/// One option of a command: `--name` alone (a flag) or `--name VALUE`, with the kind of value
/// and one line of help.
public struct OptionSpec: Sendable {
    /// The name without its dashes: "eps" for `--eps`.
    public let name: String
    /// The value it takes, or nil for a flag.
    public let value: Value?
    /// One line for `help COMMAND` and the README.
    public let summary: String
    /// Candidates for its value (tab completion); nil when there are none.
    let completions: (@Sendable (Session) -> [String])?

    /// The kind of value an option takes, with the placeholder `help` shows for it ("E").
    public enum Value: Sendable, Equatable {
        /// A finite number (read by `Arguments.number`).
        case number(String)
        /// A whole number (read by `Arguments.count`, whose caller gives the range).
        case wholeNumber(String)
        /// A word, such as a file name.
        case word(String)

        public var placeholder: String {
            switch self {
            case let .number(p), let .wholeNumber(p), let .word(p): p
            }
        }
    }

    /// `--name`: given or not.
    public static func flag(_ name: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, summary: summary, completions: nil)
    }

    /// `--name X`: a finite number, such as a tolerance.
    public static func number(_ name: String, _ placeholder: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, value: .number(placeholder), summary: summary, completions: nil)
    }

    /// `--name N`: a whole number, such as a count or a seed.
    public static func count(_ name: String, _ placeholder: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, value: .wholeNumber(placeholder), summary: summary, completions: nil)
    }

    /// `--name WORD`: any word.
    public static func word(_ name: String, _ placeholder: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, value: .word(placeholder), summary: summary, completions: nil)
    }

    /// The same option, with tab completion for its value.
    public func completing(_ candidates: @escaping @Sendable (Session) -> [String]) -> OptionSpec {
        OptionSpec(name: name, value: value, summary: summary, completions: candidates)
    }

    /// What the option takes, without the placeholder.
    public enum Kind: Sendable { case flag, number, wholeNumber, word }

    public var kind: Kind {
        switch value {
        case nil: .flag
        case .number: .number
        case .wholeNumber: .wholeNumber
        case .word: .word
        }
    }

    /// "--eps E" or "--sweep".
    public var usage: String { value.map { "--\(name) \($0.placeholder)" } ?? "--\(name)" }
}
