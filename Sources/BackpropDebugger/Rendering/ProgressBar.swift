/// One line of progress for a long computation: "gradient check  [██████░░░░░░░░]  6400/13002 parameters".
/// The executable draws it over itself on standard error; the session only makes the text.
enum ProgressBar {
    /// The line for `done` of `total` items; `width` is the bar's length in cells.
    static func line(_ label: String, done: Int, total: Int, unit: String, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label)  [\(bar)]  \(done)/\(total) \(unit)"
    }
}
