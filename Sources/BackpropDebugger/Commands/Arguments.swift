/// Reads a command's words: numbers, counts and `--name value` options, with errors that say which.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    /// Splits words into positional ones, `--name value` options (for the names in `valued`) and flags.
    init(_ words: [String], valued: Set<String> = [], flags allowed: Set<String> = []) throws(CommandError) {
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.hasPrefix("--") && w.count > 2 {
                var name = String(w.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    if value == nil {
                        guard i + 1 < words.count else { throw CommandError("--\(name) needs a value", showUsage: true) }
                        i += 1
                        value = words[i]
                    }
                    options[name] = value
                } else if allowed.contains(name) {
                    flags.insert(name)
                } else {
                    let known = (valued.map { "--\($0)" } + allowed.map { "--\($0)" }).sorted()
                    throw CommandError("unknown option --\(name)" + (known.isEmpty ? "" : "; this command takes \(known.joined(separator: ", "))"), showUsage: true)
                }
            } else {
                positional.append(w)
            }
            i += 1
        }
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

    func option(_ name: String) -> String? { options[name] }
}
