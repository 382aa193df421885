import Foundation

/// A learner's answer to a lesson's open question, read the way people type answers.
///
/// A choice is a letter alone or dressed as people write it: `b`, `B`, `b)`, `(b)`, `b.`, `b:`.
/// A number may have words or signs around it (`about 0.2`, `≈ 0.38`, `0.38?`, `z(2)2 = 0.39`),
/// thousands separators (`13,002`), a decimal comma after a zero (`0,38`), or be arithmetic on
/// numbers with the lectures' functions: `2(1 − 0.548)`, `0.35·1 + 0.15·0.05`, `σ(0.19)`,
/// `1/(1+e^(-0.19))`, `exp(-0.19)`, `-ln(0.548)`, `(0.548 − 1)²`, `6.8×10^-5`.
enum LearnerAnswer {
    /// A number answer: its value and how many significant digits it was given to.
    struct Number: Equatable {
        let value: Double
        /// The significant digits typed (`0.38`: 2, `0.3775`: 4, `13,000`: 2). For arithmetic, the
        /// most any decimal number in it has (`σ(0.19)`: 2); for arithmetic on whole numbers alone
        /// (`784*16`), `exact`.
        let digits: Int

        /// The digits of arithmetic on whole numbers, whose result is exact.
        static let exact = 15
    }

    /// The letter of a choice (lowercased), or nil if `text` is not one written as a letter.
    static func letter(_ text: String) -> Character? {
        var t = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        let opened = t.first == "("
        if opened { t = t.dropFirst() }
        guard let letter = t.first, ("a"..."j").contains(letter) else { return nil }
        t = t.dropFirst()
        if t.isEmpty { return opened ? nil : letter }
        guard let mark = t.first, mark == ")" || mark == "." || mark == ":" else { return nil }
        if opened && mark != ")" { return nil }
        t = t.dropFirst()
        // `b) down` or `b. because …`: the letter, then whatever the learner adds.
        return t.isEmpty || t.first == " " ? letter : nil
    }

    /// The number `text` answers with, or nil if it is not a number answer.
    static func number(_ text: String) -> Number? {
        let core = withoutWords(normalized(text))
        guard core.contains(where: \.isNumber) else { return nil }
        if let plain = plainNumber(core) { return plain }
        // `12,544 weights`: a number, then words.
        let tokens = core.split(separator: " ")
        if tokens.count > 1, tokens.dropFirst().allSatisfy({ $0.allSatisfy(\.isLetter) }), let plain = plainNumber(String(tokens[0])) {
            return plain
        }
        return try? Arithmetic.evaluate(core)
    }

    /// Lowercased, with the typographic signs people paste replaced by ASCII ones, and Python's
    /// power `**` read as `^`.
    private static func normalized(_ text: String) -> String {
        var t = text.lowercased()
        for (from, to) in [("**", "^"), ("−", "-"), ("–", "-"), ("×", "*"), ("·", "*"), ("⋅", "*"), ("÷", "/"), ("\t", " ")] {
            t = t.replacingOccurrences(of: from, with: to)
        }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// Words people put before a number they are unsure of.
    private static let leadingWords = ["my answer is", "the answer is", "answer:", "answer", "approximately", "approx.",
                                       "approx", "roughly", "around", "about", "nearly", "almost", "circa", "ca.",
                                       "maybe", "perhaps", "i think", "i get", "i got", "it's", "it is", "its", "is",
                                       "≈", "~", "≃", "=", ":"]
    /// Words and signs people put after it.
    private static let trailingWords = ["or so", "-ish", "ish", "roughly", "approximately", "approx.", "approx", "?", "!", ".", "…"]

    /// `text` without the words around its number, and without a name and `=` before it.
    private static func withoutWords(_ text: String) -> String {
        var t = text
        if let equals = t.lastIndex(of: "="), t.index(after: equals) < t.endIndex {
            t = String(t[t.index(after: equals)...])
        }
        var changed = true
        while changed {
            changed = false
            t = t.trimmingCharacters(in: .whitespaces)
            for word in leadingWords where t.hasPrefix(word) {
                let rest = t.dropFirst(word.count)
                // A word must end where the number (or a space) begins: "is" must not eat "isn't".
                if word.last?.isLetter == true, let next = rest.first, next.isLetter { continue }
                t = String(rest)
                changed = true
                break
            }
            for word in trailingWords where t.hasSuffix(word) && t.count > word.count {
                t = String(t.dropLast(word.count))
                changed = true
                break
            }
        }
        return t
    }

    /// A number alone: `0.38`, `-.5`, `6.8e-5`, `13,002`, `0,38`; nil for anything else.
    private static func plainNumber(_ text: String) -> Number? {
        var t = text.replacingOccurrences(of: " ", with: "")
        let unsigned = t.drop { $0 == "-" || $0 == "+" }
        guard t.count - unsigned.count <= 1 else { return nil }
        if unsigned.contains(",") {
            let groups = unsigned.split(separator: ",", omittingEmptySubsequences: false)
            let whole = groups[0], rest = groups.dropFirst()
            if groups.count == 2, whole == "0", let fraction = rest.first, fraction.allSatisfy(\.isNumber), !fraction.isEmpty {
                t = t.replacingOccurrences(of: ",", with: ".")                // 0,38: a decimal comma
            } else if (1...3).contains(whole.count), whole.allSatisfy(\.isNumber), whole.first != "0",
                      rest.enumerated().allSatisfy({ i, g in
                          i == rest.count - 1 ? isLastGroup(g) : (g.count == 3 && g.allSatisfy(\.isNumber))
                      }) {
                t.removeAll { $0 == "," }                                    // 13,002 or 13,002.5
            } else {
                return nil
            }
        }
        let body = t.drop { $0 == "-" || $0 == "+" }
        var mantissa = Substring(body), exponent: Substring = ""
        if let e = body.firstIndex(of: "e") {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
            let digits = exponent.drop { $0 == "-" || $0 == "+" }
            guard exponent.count - digits.count <= 1, !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return nil }
        }
        guard mantissa.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), mantissa.filter({ $0 == "." }).count <= 1,
              mantissa.contains(where: \.isNumber), let value = Double(t), value.isFinite else { return nil }
        return Number(value: value, digits: significantDigits(mantissa))
    }

    /// The last group after a thousands separator: three digits, then perhaps a decimal fraction.
    private static func isLastGroup(_ group: Substring) -> Bool {
        let parts = group.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts[0].count == 3 && parts[0].allSatisfy(\.isNumber) && (parts.count == 1 || parts[1].allSatisfy(\.isNumber))
    }

    /// How many significant digits a written number has: leading zeros never count; the zeros at
    /// the end of a whole number do not (`13000` has 2), those after a decimal point do (`0.60` has 2).
    static func significantDigits<S: StringProtocol>(_ mantissa: S) -> Int {
        let hasPoint = mantissa.contains(".")
        var digits = Substring(mantissa.filter(\.isNumber)).drop { $0 == "0" }
        if !hasPoint { while digits.last == "0" { digits = digits.dropLast() } }
        return max(1, digits.count)
    }
}

extension LearnerAnswer {
    /// Arithmetic on numbers as learners write it: + − × / (also * · ÷), ^ and ² ³ for powers,
    /// parentheses, `2(1 − a)` for a product, and σ, sigmoid, exp, e^…, ln (log is ln too), sqrt (√).
    struct Arithmetic {
        private let characters: [Character]
        private var i = 0
        private var depth = 0
        /// The most significant digits of any decimal number read; 0 while only whole numbers were.
        private var digits = 0

        private init(_ text: String) { characters = Array(text) }

        struct NotArithmetic: Error {}

        static func evaluate(_ text: String) throws(NotArithmetic) -> Number {
            var reader = Arithmetic(text)
            let value = try reader.sum()
            reader.skipSpaces()
            guard reader.i == reader.characters.count, value.isFinite else { throw NotArithmetic() }
            return Number(value: value, digits: reader.digits == 0 ? Number.exact : reader.digits)
        }

        private var peek: Character? { i < characters.count ? characters[i] : nil }

        private mutating func skipSpaces() {
            while peek == " " { i += 1 }
        }

        private mutating func take(_ c: Character) -> Bool {
            skipSpaces()
            guard peek == c else { return false }
            i += 1
            return true
        }

        private mutating func sum() throws(NotArithmetic) -> Double {
            var value = try product()
            while true {
                if take("+") { value += try product() } else if take("-") { value -= try product() } else { return value }
            }
        }

        private mutating func product() throws(NotArithmetic) -> Double {
            var value = try unary()
            while true {
                if take("*") {
                    value *= try unary()
                } else if take("/") {
                    value /= try unary()
                } else if startsFactor() {
                    value *= try power()                  // 2(1 − 0.548), 2σ(0.19)
                } else {
                    return value
                }
            }
        }

        /// Whether a factor follows directly, as in `2(…)` or `0.5e^(…)`: a product without a sign.
        private mutating func startsFactor() -> Bool {
            skipSpaces()
            guard let c = peek else { return false }
            return c == "(" || c == "σ" || c == "√" || c == "e" || c == "s" || c == "l"
        }

        private mutating func enter() throws(NotArithmetic) {
            guard depth < LessonExpression.maximumDepth else { throw NotArithmetic() }
            depth += 1
        }

        private mutating func unary() throws(NotArithmetic) -> Double {
            skipSpaces()
            if peek == "-" || peek == "+" {
                let negative = peek == "-"
                i += 1
                try enter()
                defer { depth -= 1 }
                let value = try unary()
                return negative ? -value : value
            }
            return try power()
        }

        private mutating func power() throws(NotArithmetic) -> Double {
            var base = try atom()
            while let c = peek, c == "²" || c == "³" {
                base = c == "²" ? base * base : base * base * base
                i += 1
            }
            guard take("^") else { return base }
            try enter()
            defer { depth -= 1 }
            return Foundation.pow(base, try unary())
        }

        private static let functions: [(name: String, apply: @Sendable (Double) -> Double)] = [
            ("sigmoid", { 1 / (1 + Foundation.exp(-$0)) }), ("sigma", { 1 / (1 + Foundation.exp(-$0)) }),
            ("σ", { 1 / (1 + Foundation.exp(-$0)) }), ("exp", { Foundation.exp($0) }), ("ln", { Foundation.log($0) }),
            ("log", { Foundation.log($0) }), ("sqrt", { $0.squareRoot() }), ("√", { $0.squareRoot() }),
        ]

        private mutating func atom() throws(NotArithmetic) -> Double {
            skipSpaces()
            guard let c = peek else { throw NotArithmetic() }
            if c.isNumber || c == "." { return try number() }
            if c == "(" {
                i += 1
                try enter()
                defer { depth -= 1 }
                let value = try sum()
                guard take(")") else { throw NotArithmetic() }
                return value
            }
            for (name, apply) in Arithmetic.functions where matches(name) {
                i += name.count
                try enter()
                defer { depth -= 1 }
                // √2 and σ0.19 without parentheses take the next factor; the others need "(".
                skipSpaces()
                if peek != "(" && name != "√" && name != "σ" { throw NotArithmetic() }
                return apply(try power())
            }
            if c == "e", !(i + 1 < characters.count && characters[i + 1].isLetter) {
                i += 1
                return M_E
            }
            throw NotArithmetic()
        }

        private func matches(_ name: String) -> Bool {
            let end = i + name.count
            guard end <= characters.count, String(characters[i..<end]) == name else { return false }
            return end == characters.count || !characters[end].isLetter || name == "σ" || name == "√"
        }

        private mutating func number() throws(NotArithmetic) -> Double {
            let start = i
            while let c = peek, c.isASCII, c.isNumber || c == "." { i += 1 }
            let mantissa = String(characters[start..<i])
            var text = mantissa
            // 6.8e-5: an exponent only when digits follow the e (else `2e^…` is 2 × e^…).
            if peek == "e" {
                var j = i + 1
                if j < characters.count, characters[j] == "-" || characters[j] == "+" { j += 1 }
                if j < characters.count, characters[j].isASCII, characters[j].isNumber {
                    while j < characters.count, characters[j].isASCII, characters[j].isNumber { j += 1 }
                    text = String(characters[start..<j])
                    i = j
                }
            }
            guard mantissa.filter({ $0 == "." }).count <= 1, let value = Double(text) else { throw NotArithmetic() }
            if mantissa.contains(".") || text != mantissa { digits = max(digits, significantDigits(mantissa)) }
            return value
        }
    }
}
