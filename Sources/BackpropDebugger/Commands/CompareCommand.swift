import BackpropCore

/// The network and examples `compare` ran, and where each came from.
struct ComparedPass {
    let network: Network
    /// The example, or the batch of examples, run (one example is a batch of one).
    let batch: Batch
    /// True when the network is the file's; false when it is the session's.
    let networkFromFile: Bool
    /// The network's name: the file's path, or the session's network ("small", "mnist", a path).
    let networkName: String
    /// Why the session's network was used ("the file has none"); nil when the file's was.
    let networkReason: String?
    /// True when the examples are the file's.
    let exampleFromFile: Bool
    /// "network  from …" and "example  …", the report's first lines.
    let lines: [String]
}

extension Session {
    /// How many shape problems `compare` lists before summarising the rest.
    static let shownProblems = 10
    /// Why `compare` ran the session's network when the file has no `network` at all.
    static let noNetworkReason = "the file has none"

    /// Fails when a value differs beyond the tolerance.
    func compareCommand(_ args: Arguments) throws(CommandError) -> CheckOutput {
        guard args.positional.count == 1 else { throw CommandError("compare takes one trace file", showUsage: true) }
        let path = args.positional[0]
        var tolerance = TraceComparison.Tolerance()
        if let atol = try args.number("atol") {
            guard atol >= 0 else { throw CommandError("--atol must be 0 or more", showUsage: true) }
            tolerance.absolute = atol
        }
        if let rtol = try args.number("rtol") {
            guard rtol >= 0 else { throw CommandError("--rtol must be 0 or more", showUsage: true) }
            tolerance.relative = rtol
        }

        // The file's bytes are let go once its values are read, before the pass is computed.
        let (used, reported, statedReduction) = try readTrace(path)
        let m = used.batch.count

        let pass: BatchTrace
        do { pass = try used.network.batch(used.batch) } catch { throw CommandError(error.description) }
        let comparison = TraceComparison(network: used.network, pass: pass, reported: reported, tolerance: tolerance)
        // Every value given may be null.
        guard comparison.compared > 0 else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }
        var report = CompareReport(comparison: comparison, pass: used, trace: pass.traces[0], file: path,
                                   notation: notation, style: style)
        if m > 1 { report.batch = (pass, statedReduction) }
        let text = args.flag("json") ? report.json().text(.pretty).dropLastNewline : report.render()
        return CheckOutput(text, failed: comparison.first != nil)
    }

    /// The trace file at `path`: the pass to compare with (its network and examples, else the
    /// session's), the values it reports, and whether it states a reduction.
    private func readTrace(_ path: String) throws(CommandError)
        -> (used: ComparedPass, reported: ReportedValues, statedReduction: Bool) {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: path, limit: TraceFile.maximumFileSize) } catch { throw CommandError(error.description) }
        let document: TraceFile.Document
        do { document = try TraceFile.document(bytes, source: path) } catch { throw CommandError(error.description) }
        let used = try comparedPass(document, path: path)
        let m = used.batch.count

        let (reported, problems) = TraceFile.reportedValues(in: document.json, sizes: used.network.sizes,
                                                            batchSize: m > 1 ? m : nil, source: path)
        guard problems.isEmpty else {
            var lines = problems.prefix(Session.shownProblems).map(\.description)
            if problems.count > Session.shownProblems { lines.append("… and \(problems.count - Session.shownProblems) more problems") }
            if !used.networkFromFile, problems.contains(where: { if case .count = $0 { true } else { false } }) {
                // The shapes were the session's network's, not the file's: say so before any blame.
                let sizes = used.network.sizes.map(String.init).joined(separator: "-")
                let whose = used.networkReason == Session.noNetworkReason ? "\(path) has no network" : "\(path)'s network has no weights"
                lines.insert(whose + ", so its shapes were checked against the session's: \(used.networkName), \(sizes)", at: 0)
                lines.append("load the network the trace was made with, or put it in the file under \"network\" as `export` does")
            }
            throw CommandError(lines.joined(separator: "\n"))
        }
        guard !reported.isEmpty else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }
        return (used, reported, document.statedReduction != nil)
    }

    /// The network and examples to run: the file's when it has them, else the session's.
    private func comparedPass(_ document: TraceFile.Document, path: String) throws(CommandError) -> ComparedPass {
        let used: Network
        let reason: String?
        var lines: [String] = []
        if let n = document.network {
            used = n
            reason = nil
            lines.append("network  from \(path): \(n.shapeDescription)")
        } else {
            if let s = document.sizesWithoutWeights, s != network.sizes {
                throw CommandError(TraceFileError.shapeMismatch(source: path, found: s, expected: network.sizes).description)
            }
            used = network
            reason = document.sizesWithoutWeights == nil ? Session.noNetworkReason : "the file's has no weights"
            lines.append("network  the session's (\(networkName)): \(network.shapeDescription) — \(reason ?? "")")
        }
        let batch: Batch
        if let given = document.batch ?? document.example.map({ Batch($0) }) {
            for e in given.examples {
                do { try used.validate(e) } catch { throw CommandError(TraceFileError.example(source: path, error).description) }
            }
            batch = given
            lines.append("example  from \(path): " + describe(given, stated: document.statedReduction))
        } else {
            for e in self.batch.examples {
                do { try used.validate(e) } catch {
                    throw CommandError("\(path) has no example, and the session's does not fit its network: \(error.description)")
                }
            }
            batch = self.batch
            lines.append("example  the session's: " + describe(batch, stated: batch.reduction) + " — the file has none")
        }
        let fromFile = document.network != nil
        return ComparedPass(network: used, batch: batch, networkFromFile: fromFile,
                            networkName: fromFile ? path : networkName, networkReason: reason,
                            exampleFromFile: document.batch != nil || document.example != nil, lines: lines)
    }

    /// One example as `describe` says it, or "a batch of 4, the mean (as the file says)".
    private func describe(_ batch: Batch, stated: Reduction?) -> String {
        guard batch.count > 1 else { return describe(batch.examples[0]) }
        return "a batch of \(batch.count), gradients \(batch.reduction.describe(count: batch.count))"
            + (stated == nil ? " (the file states no reduction: the mean is assumed)" : "")
    }
}

extension String {
    /// The text without one final newline: a reply is printed with its own.
    var dropLastNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
