/// What a command returns: text for standard output, or an error for standard error.
public struct Reply: Equatable, Sendable {
    /// Text for standard output (may be empty).
    public var text: String
    /// The error, already worded as "what is wrong and where", or nil on success.
    public var error: String?

    public init(text: String = "", error: String? = nil) {
        self.text = text
        self.error = error
    }

    public var succeeded: Bool { error == nil }
}

/// A command's failure: the message, and whether to print the command's usage after it.
public struct CommandError: Error, Equatable {
    public let message: String
    public let showUsage: Bool

    public init(_ message: String, showUsage: Bool = false) {
        self.message = message
        self.showUsage = showUsage
    }
}

/// One REPL command: its name, aliases, syntax, one-line help, an example, and its handler.
/// `help`, completion, "did you mean", the README's command list and its test all read `Commands.all`.
public struct CommandSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// The arguments, e.g. "[LAYER [NEURON]]".
    public let arguments: String
    public let summary: String
    public let example: String
    /// Extra lines for `help NAME`.
    public let details: String
    /// The group `help` lists it under.
    public let group: Group
    let handler: @Sendable (Session, [String]) throws(CommandError) -> String

    public enum Group: String, CaseIterable, Sendable {
        case setup = "Network and example"
        case passes = "Whole passes"
        case stepping = "Stepping"
        case inspect = "Looking at values"
        case check = "Checking gradients"
        case mnist = "MNIST"
        case files = "Files"
        case lessons = "Lessons"
        case session = "Session"
    }

    init(_ name: String, aliases: [String] = [], arguments: String = "", group: Group, summary: String,
         example: String, details: String = "",
         handler: @escaping @Sendable (Session, [String]) throws(CommandError) -> String) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.summary = summary
        self.example = example
        self.details = details
        self.group = group
        self.handler = handler
    }

    /// "step [N]" — the usage line.
    public var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }
}

/// Splits a command line into words; double or single quotes keep spaces inside a word.
func words(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    var quote: Character?
    var inWord = false
    for c in line {
        if let q = quote {
            if c == q { quote = nil } else { current.append(c) }
        } else if c == "\"" || c == "'" {
            quote = c
            inWord = true
        } else if c == " " || c == "\t" {
            if inWord { result.append(current); current = ""; inWord = false }
        } else {
            current.append(c)
            inWord = true
        }
    }
    if inWord { result.append(current) }
    return result
}

/// The edit distance between two words, counting a swap of neighbours as one edit (so "stpe" is one
/// edit from "step"), for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
