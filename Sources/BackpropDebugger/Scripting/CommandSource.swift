#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Where commands come from when backprop runs without a prompt, in the order the command line
/// gives them: `-c "A; B"`, `--script FILE`, or standard input that is not a terminal.
public enum CommandSource: Equatable, Sendable {
    /// The text of a `-c` option: commands separated by ";" (or by newlines).
    case commands(String)
    /// A script file, one line of commands per line; `-` is standard input. Pipes and FIFOs
    /// (`--script <(make-commands)`) are read line by line as they arrive.
    case script(path: String)
    /// Standard input, when it is not a terminal: read line by line as lines arrive.
    case standardInput

    /// Whether a failed command stops the run: yes for `-c` and scripts (as gdb's command files),
    /// unless `--keep-going`; never for standard input (a program may be driving it).
    func stopsAtFailure(keepGoing: Bool) -> Bool {
        switch self {
        case .commands, .script: !keepGoing
        case .standardInput: false
        }
    }

    /// Refuses, before anything runs, a script that is missing, a folder, or unreadable (a FIFO
    /// is not opened here: opening one waits for its writer). The message names the file.
    public func check() -> String? {
        guard case let .script(path) = self, path != "-" else { return nil }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return "cannot run the script \(path): no such file" }
            return "cannot run the script \(path): \(String(cString: strerror(code)))"
        }
        if status.st_mode & S_IFMT == S_IFDIR { return "cannot run the script \(path): it is a directory" }
        guard access(path, R_OK) == 0 else {
            return "cannot run the script \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}

/// The lines of one source, as `LineReader` events.
protocol CommandLines {
    mutating func next() -> LineReader.Event
    /// Whether more lines follow: nil when that cannot be known without waiting for them.
    var hasMore: Bool? { get }
}

extension LineReader: CommandLines {
    var hasMore: Bool? { nil }
}

/// The lines of a `-c` option (usually one; a newline in it starts another), each run as a line is:
/// an error stops the rest of its line, so `-c "load broken.json; export out.json"` never exports.
struct OptionCommands: CommandLines {
    private var lines: [String]
    private var number = 0
    private let maximumLength: Int

    init(_ text: String, maximumLength: Int = LineReader.maximumLength) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.maximumLength = maximumLength
    }

    var hasMore: Bool? { number < lines.count }

    mutating func next() -> LineReader.Event {
        guard number < lines.count else { return .end }
        number += 1
        let line = lines[number - 1]
        // The limit every line has, whatever its source (a shell allows 128 KiB in one argument).
        if line.unicodeScalars.count > maximumLength {
            defer { number = lines.count }
            return .tooLong(number: number, excerpt: Excerpt.of(line))
        }
        return .line(number: number, .text(line))
    }
}
