/// What a command returns: its output, an error, and a status the executable turns into an exit status.
public struct Reply: Equatable, Sendable {
    /// Text for standard output (may be empty).
    public var text: String
    /// The error, already worded as "what is wrong and where", or nil when the command ran.
    public var error: String?
    /// True when a command declared with `failsWhen` ran and what it checked failed: its text says
    /// what (`compare` found a difference, `gradcheck`'s verdict is FAIL).
    public var checkFailed: Bool
    /// True when `text` is data for a program — what `export -`, `print` and `--json` write — not a
    /// report for people. A quiet session (`-q`) keeps only such text.
    public var isData: Bool

    public init(text: String = "", error: String? = nil, checkFailed: Bool = false, isData: Bool = false) {
        self.text = text
        self.error = error
        self.checkFailed = checkFailed
        self.isData = isData
    }

    /// How the command ended.
    public enum Status: Equatable, Sendable {
        /// It did what was asked, and whatever it checked passed.
        case success
        /// It ran and printed its whole output, and what it checked failed.
        case failure
        /// It could not run; `error` says why. Nothing was changed.
        case error

        /// The process exit status for a script or `-c` whose worst reply had this status, as
        /// `diff` and `pytest` do: 0 for success, 1 for a failed check or an error.
        public var exitStatus: Int32 { self == .success ? 0 : 1 }
    }

    /// How the command ended: an error, else a failed check, else success.
    public var status: Status { error != nil ? .error : (checkFailed ? .failure : .success) }

    /// True when the command ran (no error), whether or not what it checked passed; `status`
    /// tells the two apart.
    public var succeeded: Bool { error == nil }
}

/// A command's failure to run: the message, and whether to print the command's usage after it.
public struct CommandError: Error, Equatable {
    public let message: String
    public let showUsage: Bool

    public init(_ message: String, showUsage: Bool = false) {
        self.message = message
        self.showUsage = showUsage
    }
}

/// What a command declared with `failsWhen` returns: its text, and whether what it checked failed.
public struct CheckOutput: Equatable, Sendable {
    public var text: String
    public var failed: Bool

    public init(_ text: String, failed: Bool) {
        self.text = text
        self.failed = failed
    }
}
