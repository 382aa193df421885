import BackpropCore

extension Session {
    /// `gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]`:
    /// the whole check, one parameter's arithmetic, or an ε sweep; with `--json`, the same as one
    /// JSON document. Fails when the verdict is FAIL (a whole check or one parameter); a sweep has no verdict.
    func gradcheckCommand(_ args: Arguments) throws(CommandError) -> CheckOutput {
        let parameter = try args.positional.isEmpty ? nil : parseParameter(args.positional.joined(separator: " "))
        var options = try checkOptions(args)
        let json = args.flag("json")
        if args.flag("sweep") {
            guard args.value("eps") == nil else {
                throw CommandError("--sweep tries every ε from 1e-1 to 1e-12, so it takes no --eps", showUsage: true)
            }
            if parameter != nil, args.value("sample") != nil {
                throw CommandError("--sample picks the parameters a whole check looks at; with PARAM only that one is swept", showUsage: true)
            }
            return CheckOutput(try sweep(parameter, options: options, json: json), failed: false)
        }
        if let overflow = try overflow() {
            guard json else { return CheckOutput(overflowReport(overflow), failed: true) }
            let kind = parameter != nil ? "parameter" : (options.parameters == nil ? "all" : "sample")
            return CheckOutput(overflowJSON(overflow, check: kind).text().dropLastNewline, failed: true)
        }
        if let parameter {
            guard args.value("sample") == nil else {
                throw CommandError("--sample picks the parameters a whole check looks at; with PARAM only that one is checked", showUsage: true)
            }
            options.parameters = [parameter]
            let check = try runCheck(options)
            lastParameterCheck = check
            if json {
                let report = GradientCheckReport(check: check, network: network, notation: notation, style: .plain, planned: 1)
                return CheckOutput(report.json(check: "parameter", networkName: networkName, examples: batch).text().dropLastNewline,
                                   failed: !check.summary.passed)
            }
            let traced: Trace
            do { traced = try network.trace(example, bug: bug) } catch { throw CommandError(error.description) }
            let report = ParameterCheckReport(check: check, network: network, trace: traced, notation: notation, style: style, bug: bug)
            return CheckOutput(report.render(), failed: !check.summary.passed)
        }
        let check = try runCheck(options)
        lastCheck = check
        var report = GradientCheckReport(check: check, network: network, notation: notation, style: style,
                                         planned: options.parameters?.count ?? network.parameterCount)
        report.patterns = try failurePatterns(check, options: options)
        let failed = !check.summary.passed && !report.failuresAreTruncation
        if json {
            let kind = options.parameters == nil ? "all" : "sample"
            return CheckOutput(report.json(check: kind, networkName: networkName, examples: batch).text().dropLastNewline,
                               failed: failed)
        }
        return CheckOutput(report.render(), failed: failed)
    }

    /// The fingerprints of a failed check. Failures that all pass at a smaller ε, shrinking as ε²,
    /// are finite differences' truncation error and that is the one thing said; otherwise, for a
    /// batch, each example is checked alone on the parameters that failed, to tell a batch-only
    /// mistake or one example's from the rest.
    private func failurePatterns(_ check: GradientCheck, options: GradientCheck.Options) throws(CommandError) -> [FailurePattern] {
        guard !check.summary.passed else { return [] }
        do {
            if let epsilon = try GradientCheck.truncationEpsilon(network: network, examples: batch.examples, reduction: batch.reduction,
                                                                 options: options, bug: bug, failing: check.rows.filter { !$0.passed }) {
                return [.truncation(epsilon: epsilon)]
            }
        } catch {
            throw CommandError(error.description)
        }
        var verdicts: [Bool]?
        if batch.count > 1 {
            let failing = check.rows.filter { !$0.passed }.map(\.parameter)
            do {
                verdicts = try GradientCheck.exampleVerdicts(network: network, examples: batch.examples, options: options,
                                                              bug: bug, failing: failing)
            } catch {
                throw CommandError(error.description)
            }
        }
        return check.failurePatterns(exampleVerdicts: verdicts, network: network)
    }

    /// When the example's pass overflows (a value is ±∞ or NaN), what a check would say is noise:
    /// the first value that overflowed ("z(2)1 = ∞") and its path in a trace; nil when none did.
    /// The value named is always one that is not finite (an underflow to 0 is finite, and no overflow).
    private func overflow() throws(CommandError) -> (value: String, path: String)? {
        let traced: Trace
        do { traced = try network.trace(example, bug: bug) } catch { throw CommandError(error.description) }
        guard let step = traced.firstNonFiniteStep(schedule: network.schedule) else { return nil }
        switch step {
        case let .forward(l, j):
            return traced.z[l][j].isFinite
                ? ("\(notation.name("a", layer: l, neuron: j)) = \(NumberFormat.significant(traced.a[l][j]))", "layers[\(l)].a[\(j)]")
                : ("\(notation.name("z", layer: l, neuron: j)) = \(NumberFormat.significant(traced.z[l][j]))", "layers[\(l)].z[\(j)]")
        case .cost:
            return ("the cost C = \(NumberFormat.significant(traced.cost))", "cost")
        case let .delta(l, j):
            return ("\(notation.name("δ", layer: l, neuron: j)) = \(NumberFormat.significant(traced.delta[l][j]))", "layers[\(l)].delta[\(j)]")
        case let .gradient(l, j):
            // δ(l)j, the bias's gradient, was finite (its step came first): a product a·δ overflowed.
            let row = traced.gradient.weights[l - 1].row(j)
            guard let k = row.firstIndex(where: { !$0.isFinite }) else {
                return ("\(notation.gradientName(of: .bias(layer: l - 1, j: j))) = \(NumberFormat.significant(traced.gradient.biases[l - 1][j]))",
                        "gradients.biases[\(l - 1)][\(j)]")
            }
            return ("\(notation.gradientName(of: .weight(layer: l - 1, j: j, k: k))) = \(NumberFormat.significant(row[k]))",
                    "gradients.weights[\(l - 1)][\(j)][\(k)]")
        }
    }

    /// The report of a check not done because the pass overflows: the value, why, the verdict OVERFLOW.
    private func overflowReport(_ overflow: (value: String, path: String)) -> String {
        [
            style.bold("gradient check") + style.dim("   not done: the pass overflows"),
            overflow.value.hasSuffix("NaN")
                ? "  \(overflow.value): not a number (∞ − ∞ or 0·∞, once a sum or product passed the largest double),"
                    + "\n  so every value computed from it is NaN too,"
                : "  \(overflow.value): past the largest double (about 1.8e308), so every value computed from it is ∞ or NaN,",
            "  backprop's and finite differences' alike, and comparing them says nothing about the code.",
            style.error("  verdict: OVERFLOW") + " — make the weights or the input smaller (`forward` shows where)",
        ].joined(separator: "\n")
    }

    /// The `gradcheck --json` document of a check not done because the pass overflows: verdict
    /// OVERFLOW, where, and the same advice as a hint.
    private func overflowJSON(_ overflow: (value: String, path: String), check kind: String) -> JSON {
        let what = overflow.value.hasSuffix("NaN") ? "is not a number" : "is past the largest double"
        let hint = Hint(id: "overflow", lines: ["\(overflow.value) \(what): make the weights or the input smaller"],
                        path: overflow.path)
        return .object([
            (key: "format", value: ResultDocument.format("backprop-gradcheck")),
            (key: "verdict", value: .string("OVERFLOW")),
            (key: "passed", value: .bool(false)),
            (key: "check", value: .string(kind)),
            (key: "notation", value: .string(notation.rawValue)),
            (key: "network", value: ResultDocument.network(network, name: networkName)),
            (key: "example", value: TraceFile.example(batch)),
            (key: "bug", value: bug.map { .string($0.rawValue) } ?? .null),
            (key: "overflow", value: .object([(key: "value", value: .string(overflow.value)), (key: "path", value: .string(overflow.path))])),
            (key: "hints", value: .array([hint.json])),
        ])
    }

    /// ε, tolerances and the seeded sample from a command's options.
    private func checkOptions(_ args: Arguments) throws(CommandError) -> GradientCheck.Options {
        var options = GradientCheck.Options()
        if let eps = try args.number("eps") {
            guard GradientCheck.Options.epsilonRange.contains(eps) else {
                throw CommandError("--eps \(args.value("eps") ?? "") is out of range; ε must be from 1e-12 to 1", showUsage: true)
            }
            options.epsilon = eps
        }
        if let atol = try args.number("atol") {
            guard atol >= 0 else { throw CommandError("--atol must be 0 or more", showUsage: true) }
            options.absoluteTolerance = atol
        }
        if let rtol = try args.number("rtol") {
            guard rtol >= 0 else { throw CommandError("--rtol must be 0 or more", showUsage: true) }
            options.relativeTolerance = rtol
        }
        let seed = UInt64(try args.count("seed", in: 0...Int.max) ?? 1)
        if let n = try args.count("sample", in: 1...network.parameterCount) {
            var rng = SeededGenerator(seed: seed)
            var indices = Array(0..<network.parameterCount)
            rng.shuffle(&indices)
            options.parameters = indices.prefix(n).sorted().compactMap { network.parameter(at: $0) }
        }
        return options
    }

    /// Runs the check on the batch (one example, or several with their reduction), with the planted bug (if any) on the analytic side
    /// and a progress bar when there are enough parameters to take a moment.
    func runCheck(_ options: GradientCheck.Options) throws(CommandError) -> GradientCheck {
        let total = options.parameters?.count ?? network.parameterCount
        let showsProgress = total >= Session.progressThreshold
        do {
            return try GradientCheck.run(network: network, examples: batch.examples, reduction: batch.reduction,
                                         options: options, bug: bug) { done, total in
                if showsProgress { self.progress(ProgressBar.line("gradient check", done: done, total: total, unit: "parameters")) }
                return !self.isInterrupted()
            }
        } catch {
            throw CommandError(error.description)
        }
    }

    /// Checks with fewer parameters than this finish at once and show no progress bar.
    static let progressThreshold = 1000

    /// The ε sweep for one parameter, or for the worst of a (correct-pass) check when none is named.
    private func sweep(_ named: Parameter?, options: GradientCheck.Options, json: Bool) throws(CommandError) -> String {
        var parameter = named
        var chosen = ""
        if parameter == nil {
            // The worst parameter of backprop's correct pass: where finite differences are least
            // accurate. A planted bug would only point at the bug, which no ε can fix.
            var check: GradientCheck
            let planted = stepper.bug
            do {
                let total = options.parameters?.count ?? network.parameterCount
                let showsProgress = total >= Session.progressThreshold
                check = try GradientCheck.run(network: network, examples: batch.examples, reduction: batch.reduction,
                                              options: options) { done, total in
                    if showsProgress { self.progress(ProgressBar.line("finding the worst parameter", done: done, total: total, unit: "parameters")) }
                    return !self.isInterrupted()
                }
            } catch {
                throw CommandError(error.description)
            }
            // The first row of `gradcheck`'s table: the largest error relative to its tolerance.
            let candidates = check.rows.filter { $0.analytic != 0 }
            guard let worst = candidates.max(by: { $0.severity < $1.severity }) else {
                throw CommandError("every gradient checked is exactly 0, so no relative error can be measured; name a parameter")
            }
            parameter = worst.parameter
            chosen = "the worst of \(check.rows.count) parameters at ε = \(NumberFormat.exact(options.epsilon)): relative error \(NumberFormat.significant(worst.relativeError, 3))"
                + (planted == nil ? "" : " against the correct backward pass")
        }
        guard let parameter else { throw CommandError("no parameter to sweep") }
        let result: EpsilonSweep
        do {
            result = try EpsilonSweep.run(network: network, examples: batch.examples, reduction: batch.reduction, parameter: parameter)
        } catch {
            throw CommandError(error.description)
        }
        guard result.gradient != 0 else {
            let text = "\(notation.gradientName(of: parameter)) is exactly 0 here: \(try zeroGradientReason(parameter)); "
                + "every relative error would be 0 or 1, so sweep a parameter whose gradient is not 0"
            // After "error: ", continuation lines indented by two (every line fits 100 columns).
            throw CommandError(Session.wrapped(text, offset: 7, indent: "  ", width: 100)
                .replacingOccurrences(of: "\u{00A0}", with: " "))
        }
        lastSweep = result
        let report = SweepReport(sweep: result, notation: notation, style: style, chosen: chosen, bug: bug, image: imageShape)
        guard json else { return report.render() }
        return report.json(networkName: networkName, network: network, examples: batch).text().dropLastNewline
    }

    /// Why a parameter's gradient is exactly 0, in words. In engine indices ∂C/∂b(l)j = δ(l+1)j and
    /// ∂C/∂w(l)jk = δ(l+1)j·a(l)k: the δ of the neuron the weight feeds, times the a of the neuron it
    /// comes from (the sweep's pass is the correct one, so no planted bug enters).
    private func zeroGradientReason(_ parameter: Parameter) throws(CommandError) -> String {
        let traces: [Trace]
        do { traces = try batch.examples.map { example throws(NetworkError) in try network.trace(example) } } catch {
            throw CommandError(error.description)
        }
        let (l, j): (Int, Int) = switch parameter {
        case let .weight(l, j, _), let .bias(l, j): (l, j)
        }
        let deltaName = notation.name("δ", layer: l + 1, neuron: j)
        let deltas = traces.map { $0.delta[l + 1][j] }
        let each = traces.count == 1 ? "" : " in each of the \(traces.count) examples"
        guard case let .weight(_, _, k) = parameter else {
            guard deltas.allSatisfy({ $0 == 0 }) else { return "the examples' δs \(deltaName) cancel" }
            return "it is \(deltaName), and \(deltaName) = 0\(each)"
        }
        let aName = notation.name("a", layer: l, neuron: k)
        let inputs = traces.map { $0.a[l][k] }
        let product = "it is \(deltaName)·\(aName)"
        let aZero = inputs.allSatisfy { $0 == 0 }, deltaZero = deltas.allSatisfy { $0 == 0 }
        guard traces.count == 1 else {
            if aZero { return "\(product), and \(aName) = 0\(each)" }
            if deltaZero { return "\(product), and \(deltaName) = 0\(each)" }
            return "\(product); in each example \(deltaName) or \(aName) is 0, or their products cancel"
        }
        let (delta, a) = (deltas[0], inputs[0])
        switch (delta == 0, a == 0) {
        case (true, true):
            return "\(product), and both are 0"
        case (false, true) where l == 0:
            return "its input \(aName) is 0, so nudging it cannot change the cost"
        case (false, true):
            let z = traces[0].z[l][k]
            let dead = network.activation(layer: l) == .relu ? " (a ReLU with \(notation.name("z", layer: l, neuron: k)) = "
                + "\(NumberFormat.significant(z, 4))\u{00A0}≤\u{00A0}0)" : ""
            return "\(product), and \(aName) = 0\(dead) while \(deltaName) = \(NumberFormat.significant(delta, 4))"
        case (true, false):
            return "\(product), and \(deltaName) = 0 while \(aName) = \(NumberFormat.significant(a, 4))"
        case (false, false):
            return "\(product) = \(NumberFormat.factor(delta, 4))·\(NumberFormat.factor(a, 4)), which underflows to 0"
        }
    }

    /// One weight or bias, named as in `print` (Θ(2)1,2, w(2)0,1, b(1)0, weights[1][0][1], dΘ(…) too).
    func parseParameter(_ text: String) throws(CommandError) -> Parameter {
        let ref = try parseExpression(text)
        switch ref {
        case let .weight(l?, j?, k?), let .weightGradient(l?, j?, k?):
            return .weight(layer: l, j: j, k: k)
        case let .bias(l?, j?), let .biasGradient(l?, j?):
            return .bias(layer: l, j: j)
        case .weight, .bias, .theta, .weightGradient, .biasGradient:
            throw CommandError("\(text) names more than one parameter; name one weight or bias. This network has " + parameterRanges())
        default:
            throw CommandError("\(text) is not a weight or bias; name one like \(notation.name(of: .weight(layer: 0, j: 0, k: 0))) or \(notation.name(of: .bias(layer: 0, j: 0))). This network has " + parameterRanges())
        }
    }

    /// "Θ(1) 2×3 (rows 1–2, columns 0–2, 0 = bias), Θ(2) …" or "w(1) 2×2 (j 0–1, k 0–1), b(1) 0–1, …".
    func parameterRanges() -> String {
        (0..<(network.sizes.count - 1)).map { l in
            let rows = network.sizes[l + 1], columns = network.sizes[l]
            if notation == .ng {
                return "Θ(\(l + 1)) (rows 1–\(rows), columns 0–\(columns), column 0 the bias)"
            }
            return "w(\(l + 1)) (j 0–\(rows - 1), k 0–\(columns - 1)) and b(\(l + 1)) (0–\(rows - 1))"
        }.joined(separator: ", ")
    }
}
