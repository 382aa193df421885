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

/// The quote character and its column (from 1) when `line` opens a quote it never closes.
func unclosedQuote(_ line: String) -> (quote: Character, column: Int)? {
    var open: (quote: Character, column: Int)?
    for (column, c) in line.enumerated() {
        if let o = open {
            if c == o.quote { open = nil }
        } else if c == "\"" || c == "'" {
            open = (c, column + 1)
        }
    }
    return open
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

extension StringProtocol {
    /// The text without the characters of `set` at either end.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
