/// A lesson's `answer:` or one side of its `check:`: values named as `print` names them, combined
/// with a little arithmetic, so the expected number is always the engine's own.
///
/// ```text
/// dΘ(3)1,1                          one value, as in `print`
/// 0.0002 * dΘ(3)1,1                 + − * / between spaces, ( ) to group, a leading − negates
/// 2 * (1 - a(3)2)                   (× and − are accepted for * and -)
/// abs(numeric(Θ(2)1,2, 1e-10) - dΘ(2)1,2)
/// count(w(1)) + count(b(1))         how many values a name covers (here 12,544 + 16)
/// average(db(3)2, 100)              the mean over MNIST images 0 … 99, each made the example in turn
/// accuracy                          the fraction of the images in use the network gets right
/// guess                             the network's answer: its largest output, counted from 0
/// ```
///
/// `numeric(PARAM)` is the central difference (J(θ + ε) − J(θ − ε)) / 2ε of the cost on the current
/// example (ε = 1e-4 unless given: `numeric(PARAM, ε)`); like `gradcheck`, it never sees a planted bug.
/// A value name is read up to the next space, so operators after a name need a space before them.
indirect enum LessonExpression: Equatable, Sendable {
    case number(Double)
    /// A name `print` understands: `z(2)1`, `dΘ(3)1,1`, `cost`, …
    case value(String)
    case negated(LessonExpression)
    /// `+`, `-`, `*` or `/`.
    case binary(Character, LessonExpression, LessonExpression)
    case abs(LessonExpression)
    case numeric(parameter: String, epsilon: LessonExpression?)
    case count(String)
    case average(LessonExpression, images: LessonExpression)
    case accuracy
    /// The index of the largest output (engine index, from 0: the digit, for MNIST).
    case guess

    /// The functions, with what they take (for error messages).
    static let functions = ["abs": "abs(EXPR)", "numeric": "numeric(PARAM[, ε])", "count": "count(VALUE)",
                            "average": "average(EXPR, N)"]

    /// A learner's answer to a number question: `0.25`, `−0.3`, `6.8e-5`, `12,544` (commas between
    /// groups of three digits), or arithmetic on numbers such as `784*16` or `0.0002 × −0.34`;
    /// nil for anything else (a name such as `a(3)2` is a command, not an answer).
    static func learnerNumber(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: " \t").replacingOccurrences(of: "−", with: "-")
        let groups = t.drop { $0 == "-" }.split(separator: ".", maxSplits: 1)
        if let whole = groups.first, whole.contains(","),
           whole.split(separator: ",", omittingEmptySubsequences: false).enumerated().allSatisfy({ i, g in
               g.allSatisfy(\.isNumber) && (i == 0 ? (1...3).contains(g.count) : g.count == 3)
           }) {
            t.removeAll { $0 == "," }
        }
        if let x = Double(t) { return x }
        guard let e = try? parse(t) else { return nil }
        return e.constant
    }

    /// The value of an expression made of numbers alone; nil if it names any value or function.
    var constant: Double? {
        switch self {
        case let .number(x): return x
        case let .negated(e): return e.constant.map { -$0 }
        case let .binary(op, l, r):
            guard let a = l.constant, let b = r.constant else { return nil }
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            default: return a / b
            }
        default: return nil
        }
    }

    /// How deeply parentheses, signs and functions may nest. A learner's answer is parsed too, and
    /// each level is a few stack frames: without a limit, a pasted line of 65,536 "(" overflowed the stack.
    static let maximumDepth = 64

    /// Reads `text`; the error names what is wrong and where.
    static func parse(_ text: String) throws(ExpressionError) -> LessonExpression {
        var reader = Reader(text: text)
        let e = try reader.sum()
        reader.skipSpaces()
        guard reader.atEnd else { throw reader.error("unexpected '\(reader.rest)'") }
        return e
    }

    private struct Reader {
        let text: String
        let characters: [Character]
        var i = 0
        /// How many parentheses, signs and functions are open where the reader is.
        var depth = 0

        init(text: String) {
            self.text = text
            characters = Array(text)
        }

        var atEnd: Bool { i >= characters.count }
        var peek: Character? { atEnd ? nil : characters[i] }
        var rest: String { String(characters[i...]) }

        func error(_ what: String) -> ExpressionError {
            ExpressionError("\(text): \(what)" + (atEnd ? " at the end" : " at character \(i + 1)"))
        }

        mutating func skipSpaces() {
            while let c = peek, c == " " || c == "\t" { i += 1 }
        }

        mutating func sum() throws(ExpressionError) -> LessonExpression {
            var left = try product()
            while true {
                skipSpaces()
                guard let c = peek, c == "+" || c == "-" || c == "−" else { return left }
                i += 1
                left = .binary(c == "+" ? "+" : "-", left, try product())
            }
        }

        mutating func product() throws(ExpressionError) -> LessonExpression {
            var left = try unary()
            while true {
                skipSpaces()
                guard let c = peek, c == "*" || c == "×" || c == "/" else { return left }
                i += 1
                left = .binary(c == "/" ? "/" : "*", left, try unary())
            }
        }

        /// One level deeper (a "(", a sign or a function), or an error naming the limit.
        mutating func enter() throws(ExpressionError) {
            guard depth < LessonExpression.maximumDepth else {
                throw error("parentheses, signs and functions nest more than \(LessonExpression.maximumDepth) deep")
            }
            depth += 1
        }

        mutating func unary() throws(ExpressionError) -> LessonExpression {
            skipSpaces()
            if let c = peek, c == "-" || c == "−" {
                try enter()
                defer { depth -= 1 }
                i += 1
                return .negated(try unary())
            }
            return try atom()
        }

        mutating func atom() throws(ExpressionError) -> LessonExpression {
            skipSpaces()
            guard let c = peek else { throw error("expected a number or a value") }
            if c == "(" {
                try enter()
                defer { depth -= 1 }
                i += 1
                let inside = try sum()
                try expect(")")
                return inside
            }
            if c.isNumber || c == "." { return try number() }
            let start = i
            while let l = peek, l.isLetter { i += 1 }
            let word = String(characters[start..<i])
            if peek == "(", LessonExpression.functions[word] != nil {
                try enter()
                defer { depth -= 1 }
                i += 1
                let call = try function(word)
                try expect(")")
                return call
            }
            if atEnd || peek == " " || peek == ")" || peek == "," {
                if word == "accuracy" { return .accuracy }
                if word == "guess" { return .guess }
            }
            i = start
            return .value(try name())
        }

        mutating func function(_ word: String) throws(ExpressionError) -> LessonExpression {
            switch word {
            case "abs":
                return .abs(try sum())
            case "numeric":
                skipSpaces()
                let parameter = try name()
                skipSpaces()
                guard peek == "," else { return .numeric(parameter: parameter, epsilon: nil) }
                i += 1
                return .numeric(parameter: parameter, epsilon: try sum())
            case "count":
                skipSpaces()
                return .count(try name())
            default:
                let value = try sum()
                skipSpaces()
                try expect(",")
                return .average(value, images: try sum())
            }
        }

        /// A value's name: up to a space, a ")" that closes an enclosing group, or a ", " between
        /// arguments (the comma in `Θ(2)1,2` is part of the name).
        mutating func name() throws(ExpressionError) -> String {
            let start = i
            var depth = 0
            while let c = peek {
                if c == " " || c == "\t" { break }
                if c == "(" { depth += 1 }
                if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if c == ",", depth == 0, i + 1 < characters.count, characters[i + 1] == " " { break }
                i += 1
            }
            guard i > start else { throw error("expected a value such as z(2)1, dΘ(3)1,1 or cost") }
            return String(characters[start..<i])
        }

        mutating func number() throws(ExpressionError) -> LessonExpression {
            let start = i
            while let c = peek, c.isNumber || c == "." || c == "e" || c == "E"
                    || ((c == "-" || c == "+") && i > start && (characters[i - 1] == "e" || characters[i - 1] == "E")) {
                i += 1
            }
            let digits = String(characters[start..<i])
            guard let x = Double(digits) else { throw error("'\(digits)' is not a number") }
            return .number(x)
        }

        mutating func expect(_ c: Character) throws(ExpressionError) {
            skipSpaces()
            guard peek == c else { throw error("expected '\(c)'") }
            i += 1
        }
    }
}
