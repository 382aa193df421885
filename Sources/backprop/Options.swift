import BackpropCore
import BackpropDebugger

/// The command line: `backprop [-q] [--no-color] [--data DIR] [-c "CMD; CMD"]… [--script FILE]…
/// [--keep-going] [--help] [--version]`. `-c` and `--script` may repeat; they run in the order given.
struct Options {
    /// The `-c` and `--script` options, in order.
    var sources: [CommandSource] = []
    var keepGoing = false
    var noColor = false
    /// Only data on standard output (`-q`, `--quiet`).
    var quiet = false
    var data: String?
    var showHelp = false
    var showVersion = false

    static let usage = """
        usage: backprop [options]

        A step-through debugger for neural-network backpropagation. With no options it starts an
        interactive session on the built-in 2-2-2-1 network ("small"); type `help` there.

        options:
          -c "CMD; CMD"     run these commands, then exit (no prompt, no welcome); may be repeated
          --script FILE     run the commands in FILE, one line at a time (a file, a pipe or a FIFO;
                            - is standard input); may be repeated
          --keep-going      after a command fails in -c or a script, run the rest all the same
          --data DIR        use the full MNIST IDX files in DIR (raw or .gz, standard names)
          -q, --quiet       only data on standard output: what export -, print and --json write
          --no-color        never colour the output (NO_COLOR=1 does the same)
          -h, --help        show this help and exit
          --version         show the version and exit

        -c and --script run in the order given and stop at the first command that fails: an error,
        or a check that fails (compare finds a difference, gradcheck says FAIL); the line and the
        command are named. Standard input that is not a terminal is read line by line as it comes
        (echo "forward; backward" | backprop) and goes on after a failure.
        The exit status is 1 when a command failed, 2 for a bad option, 0 otherwise.
        """

    static func parse(_ arguments: [String]) throws(OptionError) -> Options {
        var o = Options()
        var i = 0
        var seen: Set<String> = []
        func value(_ name: String, _ attached: String?) throws(OptionError) -> String {
            if let attached { return attached }
            guard i + 1 < arguments.count else { throw OptionError("\(name) needs a value") }
            i += 1
            return arguments[i]
        }
        /// A flag given at most once and with no value.
        func flag(_ name: String) throws(OptionError) {
            guard seen.insert(name).inserted else { throw OptionError("\(name) is given twice") }
        }
        while i < arguments.count {
            let a = arguments[i]
            // --name=value, for the options that take a value; for a flag, a value is an error.
            let (name, attached) = Options.split(a)
            switch name {
            case "-c", "--command": o.sources.append(.commands(try value(name, attached)))
            case "--script", "-s": o.sources.append(.script(path: try value(name, attached)))
            case "--data": o.data = try value(name, attached)
            case "--keep-going", "-q", "--quiet", "--no-color", "--no-colour", "-h", "--help", "-V", "--version":
                guard attached == nil else { throw OptionError("\(name) takes no value (found '\(Excerpt.of(a))')") }
                switch name {
                case "--keep-going":
                    try flag(name)
                    o.keepGoing = true
                case "-q", "--quiet":
                    guard !o.quiet else { throw OptionError("\(name) is given twice (-q and --quiet are the same option)") }
                    o.quiet = true
                case "--no-color", "--no-colour": o.noColor = true
                case "-h", "--help": o.showHelp = true
                default: o.showVersion = true
                }
            default:
                throw OptionError("unknown option '\(Excerpt.of(a))'")
            }
            i += 1
        }
        return o
    }

    /// "--name=value" as ("--name", "value"); anything else as itself and nil.
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

struct OptionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
