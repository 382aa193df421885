import LineEditing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the executable runs in.
public enum TerminalInfo {
    /// True when standard input is a terminal (someone is typing), not a pipe or file.
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// True when standard output is a terminal, not a pipe or file.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The width of the output in columns: the terminal's own (asked afresh each time, so a
    /// resized window is seen), else a positive `COLUMNS`, else 80.
    public static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = environment("COLUMNS").flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        return 80
    }

    /// The value of an environment variable, or nil if it is unset.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The colour policy for this process: `ColorPolicy`'s rule applied to the real
    /// standard output, `TERM`, `NO_COLOR` and whether `arguments` contain `--no-color`.
    public static func colorPolicy(arguments: [String] = CommandLine.arguments) -> ColorPolicy {
        var environment: [String: String] = [:]
        for name in ["TERM", "NO_COLOR"] {
            environment[name] = Self.environment(name)
        }
        return ColorPolicy(
            stdoutIsTerminal: stdoutIsTerminal,
            environment: environment,
            noColorFlag: arguments.dropFirst().contains("--no-color")
        )
    }
}
