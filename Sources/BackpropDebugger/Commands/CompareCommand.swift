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

        let (reported, problems) = TraceFile.reportedValues(in: document.json, sizes: used.network.sizes, source: path)
        guard problems.isEmpty else {
            var lines = problems.prefix(Session.shownProblems).map(\.description)
            if problems.count > Session.shownProblems { lines.append("… and \(problems.count - Session.shownProblems) more problems") }
            throw CommandError(lines.joined(separator: "\n"))
        }
        guard !reported.isEmpty else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }

        let trace: Trace
        do { trace = try used.network.trace(used.example) } catch { throw CommandError(error.description) }
        let comparison = TraceComparison(trace: trace, reported: reported, tolerance: tolerance)
        // Every value given may be null.
        guard comparison.compared > 0 else { throw CommandError(TraceFileError.nothingToCompare(source: path).description) }
        let report = CompareReport(comparison: comparison, network: used.network, trace: trace, file: path,
                                   sources: sources, notation: notation, style: style)
        return CheckOutput(report.render(), failed: comparison.first != nil)
    }

    /// The network and example to run: the file's when it has them, else the session's; and a line
    /// saying where each came from.
    private func comparedPass(_ document: TraceFile.Document,
                              path: String) throws(CommandError) -> ((network: Network, example: Example), [String]) {
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
        let example: Example
        if let e = document.example {
            do { try used.validate(e) } catch { throw CommandError(TraceFileError.example(source: path, error).description) }
            example = e
            sources.append("example  from \(path): " + describe(e))
        } else {
            do { try used.validate(self.example) } catch {
                throw CommandError("\(path) has no example, and the session's does not fit its network: \(error.description)")
            }
            example = self.example
            sources.append("example  the session's: " + describe(example) + " — the file has none")
        }
        return ((used, example), sources)
    }
}
