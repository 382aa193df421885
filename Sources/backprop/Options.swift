/// The command line: `backprop [--no-color] [--data DIR] [-c "cmd; cmd"] [--script FILE] [--help] [--version]`.
struct Options {
    var commands: String?
    var script: String?
    var noColor = false
    var data: String?
    var showHelp = false
    var showVersion = false

    static let usage = """
        usage: backprop [options]

        A step-through debugger for neural-network backpropagation. With no options it starts an
        interactive session on the built-in 2-2-2-1 network ("small"); type `help` there.

        options:
          -c "CMD; CMD"     run these commands and exit (no prompt, no welcome)
          --script FILE     run the commands in FILE, one per line, and exit
          --data DIR        use the full MNIST IDX files in DIR (raw or .gz, standard names)
          --no-color        never colour the output (NO_COLOR=1 does the same)
          -h, --help        show this help and exit
          --version         show the version and exit

        Commands also come from a pipe: echo "forward; backward" | backprop
        The exit status is 1 when a command failed, 2 for a bad option, 0 otherwise.
        """

    static func parse(_ arguments: [String]) throws(OptionError) -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) throws(OptionError) -> String {
            guard i + 1 < arguments.count else { throw OptionError("\(name) needs a value") }
            i += 1
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "-c", "--command": o.commands = try value(a)
            case "--script", "-s": o.script = try value(a)
            case "--data": o.data = try value(a)
            case "--no-color", "--no-colour": o.noColor = true
            case "-h", "--help": o.showHelp = true
            case "-V", "--version": o.showVersion = true
            default:
                if a.hasPrefix("--data=") { o.data = String(a.dropFirst(7)) } else {
                    throw OptionError("unknown option '\(a)'")
                }
            }
            i += 1
        }
        return o
    }
}

struct OptionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
