import BackpropCore

extension Session {
    /// The engine's answer to a number question (a `LessonExpression`), or an error naming what in
    /// the expression no longer works.
    func expectedNumber(_ expression: String) throws(CommandError) -> Double {
        let parsed: LessonExpression
        do { parsed = try LessonExpression.parse(expression) } catch { throw CommandError(error.description) }
        let trace = try lessonTrace(example)
        let value = try evaluate(parsed, trace: trace, text: expression)
        guard value.isFinite else { throw CommandError("the lesson's expression '\(expression)' is \(value), not a finite number") }
        return value
    }

    /// The whole pass of `example`, with the planted bug if there is one: the δs and gradients a
    /// lesson's answer reads are the ones the learner is shown.
    private func lessonTrace(_ example: Example) throws(CommandError) -> Trace {
        do { return try network.trace(example, bug: bug) } catch { throw CommandError(error.description) }
    }

    private func evaluate(_ e: LessonExpression, trace: Trace, text: String) throws(CommandError) -> Double {
        switch e {
        case let .number(x):
            return x
        case let .value(name):
            let ref = try parseExpression(name)
            guard let value = scalar(ref, in: trace) else {
                throw CommandError("the lesson's expression '\(text)': \(name) does not name a single value")
            }
            return value
        case let .negated(inner):
            return -(try evaluate(inner, trace: trace, text: text))
        case let .binary(op, left, right):
            let l = try evaluate(left, trace: trace, text: text), r = try evaluate(right, trace: trace, text: text)
            switch op {
            case "+": return l + r
            case "-": return l - r
            case "*": return l * r
            default: return l / r
            }
        case let .abs(inner):
            return Swift.abs(try evaluate(inner, trace: trace, text: text))
        case let .numeric(name, epsilon):
            return try numericGradient(name, epsilon: epsilon, trace: trace, text: text)
        case let .count(name):
            return Double(count(try parseExpression(name)))
        case let .average(inner, images):
            return try average(inner, images: try evaluate(images, trace: trace, text: text), text: text)
        case .guess:
            return Double(Network.argmax(trace.output))
        case .accuracy:
            try requireDigitNetwork("accuracy")
            return network.evaluate(try currentDigits().test).accuracy
        }
    }

    /// `numeric(PARAM[, ε])`: the central difference of the cost on the current example, which never
    /// sees a planted bug (ε = 1e-4 unless given).
    private func numericGradient(_ name: String, epsilon: LessonExpression?, trace: Trace, text: String) throws(CommandError) -> Double {
        let parameter = try parseParameter(name)
        let eps = try epsilon.map { (e) throws(CommandError) in try evaluate(e, trace: trace, text: text) } ?? GradientCheck.Options().epsilon
        guard eps > 0, eps.isFinite else { throw CommandError("the lesson's expression '\(text)': ε must be above 0") }
        do {
            let sweep = try EpsilonSweep.run(network: network, examples: [example], parameter: parameter, epsilons: [eps])
            return sweep.rows[0].central
        } catch {
            throw CommandError(error.description)
        }
    }

    /// `average(EXPR, N)`: the mean of `inner` over test images 0 … N − 1, each made the example in
    /// turn; remembered per network and bug, so a check and an answer that ask for it share one.
    private func average(_ inner: LessonExpression, images n: Double, text: String) throws(CommandError) -> Double {
        try requireDigitNetwork("average(…)")
        let digits = try currentDigits()
        guard n >= 1, n <= Double(digits.test.count), n == n.rounded() else {
            throw CommandError("the lesson's expression '\(text)': average over 1 to \(digits.test.count) images, not \(NumberFormat.significant(n))")
        }
        let key = "\(inner) over \(Int(n)) of \(digits.testDescription) in \(notation.rawValue)"
        if let known = lessonAverages, known.bug == bug, known.network == network, let value = known.values[key] { return value }
        var total = 0.0
        if bug == nil, case let .value(name) = inner, let parameter = try? parseParameter(name), name.hasPrefix("d") || name.hasPrefix("∂") {
            // A mean gradient is the trainer's batch sum (the same numbers, far faster than full traces).
            var work = Workspace(sizes: network.sizes)
            let packed = PackedNetwork(network)
            for i in 0..<Int(n) {
                work.load(digits.test, at: i)
                _ = work.accumulate(packed)
            }
            total = work.sum[parameter]
        } else {
            for i in 0..<Int(n) {
                total += try evaluate(inner, trace: try lessonTrace(digits.example(at: i)), text: text)
            }
        }
        if lessonAverages?.bug != bug || lessonAverages?.network != network { lessonAverages = (network, bug, [:]) }
        lessonAverages?.values[key] = total / n
        return total / n
    }

    /// The value of a single-valued reference in `trace` (a whole pass), whether or not the stepper
    /// has reached it (a lesson may ask before it shows); nil for a name that covers many values.
    func scalar(_ ref: ValueReference, in t: Trace) -> Double? {
        switch ref {
        case let .z(l?, j?): return l > 0 ? t.z[l][j] : nil
        case let .a(l?, j?): return t.a[l][j]
        case let .delta(l?, j?): return t.delta[l][j]
        case let .weight(l?, j?, k?): return network.weights[l][j, k]
        case let .bias(l?, j?): return network.biases[l][j]
        case let .weightGradient(l?, j?, k?): return t.gradient.weights[l][j, k]
        case let .biasGradient(l?, j?): return t.gradient.biases[l][j]
        case .cost: return t.cost
        default: return nil
        }
    }

    /// How many numbers a reference names: 1 for one value, 16 for `a(2)`, 12,544 for `w(1)` of
    /// 784-16-16-10, every layer's for `w` alone. Ng's `Θ(l)` counts its bias column too.
    func count(_ ref: ValueReference) -> Int {
        let sizes = network.sizes
        let layers = Array(0..<(sizes.count - 1))
        func weights(_ l: Int?, _ j: Int?, _ k: Int?) -> Int {
            (l.map { [$0] } ?? layers).reduce(0) { $0 + (j == nil ? sizes[$1 + 1] : 1) * (k == nil ? sizes[$1] : 1) }
        }
        func biases(_ l: Int?, _ j: Int?) -> Int {
            (l.map { [$0] } ?? layers).reduce(0) { $0 + (j == nil ? sizes[$1 + 1] : 1) }
        }
        switch ref {
        case let .z(l, j), let .delta(l, j):
            return j != nil ? 1 : (l.map { sizes[$0] } ?? sizes.dropFirst().reduce(0, +))
        case let .a(l, j):
            return j != nil ? 1 : (l.map { sizes[$0] } ?? sizes.reduce(0, +))
        case let .weight(l, j, k), let .weightGradient(l, j, k):
            return weights(l, j, k)
        case let .bias(l, j), let .biasGradient(l, j):
            return biases(l, j)
        case let .theta(l, i, k):
            if k != nil { return 1 }
            return weights(l, i.map { $0 - 1 }, nil) + biases(l, i.map { $0 - 1 })
        case .cost: return 1
        case .input: return example.input.count
        case .target: return example.target.count
        }
    }

    /// Evaluates a lesson's `check:` comparison, e.g. "δ(4)1 < 0" or "a(3)4 > 1 - a(3)2": two
    /// lesson expressions and one of <, >, <=, >=, == between spaces (== for whole numbers such
    /// as `guess` and `count(…)`).
    func evaluateCheck(_ text: String) throws(CommandError) -> Bool {
        for op in ["<=", ">=", "==", "<", ">"] {
            let parts = text.components(separatedBy: " \(op) ")
            guard parts.count == 2 else { continue }
            let l = try expectedNumber(parts[0]), r = try expectedNumber(parts[1])
            switch op {
            case "<=": return l <= r
            case ">=": return l >= r
            case "==": return l == r
            case "<": return l < r
            default: return l > r
            }
        }
        throw CommandError("the lesson's check '\(text)' is not a comparison like 'δ(4)1 < 0' (<, >, <=, >= or ==, with spaces around it)")
    }
}
