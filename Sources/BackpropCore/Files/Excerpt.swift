/// What a message quotes of what someone typed or a file held: the start of it, short enough for
/// one line, and safe to print on a terminal.
public enum Excerpt {
    /// The characters quoted at most.
    public static let length = 40

    /// The first `length` characters of `text` ("…" in the last place when there were more), with
    /// control characters shown as their Unicode pictures (NUL as ␀, ESC as ␛), so a quoted escape
    /// sequence cannot move the cursor or change colours. Reads only what it quotes.
    public static func of(_ text: String, length: Int = Excerpt.length) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == length {
                out.unicodeScalars.removeLast()
                return out + "…"
            }
            switch scalar.value {
            case 0..<0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: out += "␡"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// `message` with every line longer than `limit` characters cut in its middle, its start and
    /// its end kept ("unknown option --zzzz … zzzz; this command takes --force"): a message that
    /// quotes what someone typed stays a few lines long whatever they typed. Lines within the
    /// limit are returned as they are.
    public static func shortened(_ message: String, limit: Int = 300) -> String {
        guard message.utf8.count > limit else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let scalars = line.unicodeScalars
            guard scalars.count > limit else { return String(line) }
            let head = String(String.UnicodeScalarView(scalars.prefix(limit * 2 / 3)))
            let tail = String(String.UnicodeScalarView(scalars.suffix(limit / 4)))
            return head + " … (\(scalars.count - limit * 2 / 3 - limit / 4) characters left out) … " + tail
        }.joined(separator: "\n")
    }
}
