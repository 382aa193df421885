/// Whether output may carry colour escapes.
///
/// Colour only when all hold: standard output is a terminal, `TERM` is not `dumb`,
/// `NO_COLOR` is unset or empty (https://no-color.org), and `--no-color` was not given.
/// Decided once from plain values, so every case can be tested without a terminal;
/// `TerminalInfo.colorPolicy(arguments:)` supplies the real ones.
public struct ColorPolicy: Equatable, Sendable {
    public let isEnabled: Bool

    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// The policy for the given facts. `environment` is read for `TERM` and `NO_COLOR` only.
    public init(stdoutIsTerminal: Bool, environment: [String: String], noColorFlag: Bool) {
        let term = environment["TERM"] ?? ""
        let noColor = environment["NO_COLOR"] ?? ""
        isEnabled = stdoutIsTerminal && term != "dumb" && noColor.isEmpty && !noColorFlag
    }
}
