import BackpropCore

extension Session {
    /// How many shape problems `compare` lists before summarising the rest.
    static let shownProblems = 10

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

        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: path, limit: TraceFile.maximumFileSize) } catch { throw CommandError(error.description) }
        let document: TraceFile.Document
        do { document = try TraceFile.document(bytes, source: path) } catch { throw CommandError(error.description) }
        let (used, sources) = try comparedPass(document, path: path)
        let m = used.batch.count

        let (reported, problems) = TraceFile.reportedValues(in: document.json, sizes: used.network.sizes,
                                                            batchSize: m > 1 ? m : nil, source: path)
        guard problems.isEmpty else {
            var lines = problems.prefix(Session.shownProblems).map(\.description)
            if problems.count > Session.shownProblems { lines.append("… and \(problems.count - Session.shownProblems) more problems") }
            throw CommandError(lines.joined(separator: "\n"))
        }
        guard !reported.isEmpty else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }

        let pass: BatchTrace
        do { pass = try used.network.batch(used.batch) } catch { throw CommandError(error.description) }
        let comparison = TraceComparison(network: used.network, pass: pass, reported: reported, tolerance: tolerance)
        // Every value given may be null.
        guard comparison.compared > 0 else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }
        var report = CompareReport(comparison: comparison, network: used.network, trace: pass.traces[0], file: path,
                                   sources: sources, notation: notation, style: style)
        if m > 1 { report.batch = (pass, document.statedReduction != nil) }
        return CheckOutput(report.render(), failed: comparison.first != nil)
    }

    /// The network and examples to run: the file's when it has them, else the session's; and a
    /// line saying where each came from.
    private func comparedPass(_ document: TraceFile.Document,
                              path: String) throws(CommandError) -> ((network: Network, batch: Batch), [String]) {
        let used: Network
        var sources: [String] = []
        if let n = document.network {
            used = n
            sources.append("network  from \(path): \(n.shapeDescription)")
        } else {
            if let s = document.sizesWithoutWeights, s != network.sizes {
                throw CommandError(TraceFileError.shapeMismatch(source: path, found: s, expected: network.sizes).description)
            }
            used = network
            let why = document.sizesWithoutWeights == nil ? "the file has none" : "the file's has no weights"
            sources.append("network  the session's (\(networkName)): \(network.shapeDescription) — \(why)")
        }
        let batch: Batch
        if let given = document.batch ?? document.example.map({ Batch($0) }) {
            for e in given.examples {
                do { try used.validate(e) } catch { throw CommandError(TraceFileError.example(source: path, error).description) }
            }
            batch = given
            sources.append("example  from \(path): " + describe(given, stated: document.statedReduction))
        } else {
            for e in self.batch.examples {
                do { try used.validate(e) } catch {
                    throw CommandError("\(path) has no example, and the session's does not fit its network: \(error.description)")
                }
            }
            batch = self.batch
            sources.append("example  the session's: " + describe(batch, stated: batch.reduction) + " — the file has none")
        }
        return ((used, batch), sources)
    }

    /// One example as `describe` says it, or "a batch of 4, the mean (as the file says)".
    private func describe(_ batch: Batch, stated: Reduction?) -> String {
        guard batch.count > 1 else { return describe(batch.examples[0]) }
        return "a batch of \(batch.count), gradients \(batch.reduction.describe(count: batch.count))"
            + (stated == nil ? " (the file states no reduction: the mean is assumed)" : "")
    }
}
