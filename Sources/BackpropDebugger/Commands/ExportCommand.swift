import BackpropCore

extension Session {
    /// The top-level sections of an exported trace, in order, each built by one function; a nil
    /// value leaves its key out. A new section is one more line here (and a property in
    /// `trace.schema.json`, a paragraph in `TraceFormat.md`).
    func traceSections(includeWeights: Bool) -> [(key: String, value: JSON?)] {
        [
            ("format", TraceFile.format(batch: batch.count > 1)),
            ("network", TraceFile.network(network, includeWeights: includeWeights)),
            ("example", TraceFile.example(batch)),
            ("layers", TraceFile.layers(stepper)),
            ("gradients", TraceFile.gradients(stepper)),
            ("cost", TraceFile.cost(stepper)),
            ("steps", TraceFile.steps(records.map { (step: $0.step, example: $0.example, shown: $0.shown) },
                                      traces: stepper.traces, batch: batch.count > 1)),
            ("gradcheck", TraceFile.gradcheck(full: lastCheck, parameter: lastParameterCheck, sweep: lastSweep)),
            ("nudges", TraceFile.nudges(lastNudges, average: lastNudgeAverage)),
            ("training", trainingHistory.map { TraceFile.training($0, options: trainingOptions?.options, images: trainingOptions?.images) }),
            ("changes", networkChanges.isEmpty ? nil : .array(networkChanges.map(\.json))),
        ]
    }

    /// The session's trace as one JSON document (see `TraceFile`).
    func traceDocument(includeWeights: Bool) -> JSON {
        .object(traceSections(includeWeights: includeWeights).compactMap { key, value in
            value.map { (key: key, value: $0) }
        })
    }

    func exportCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.count == 1 else {
            throw CommandError("export takes one file name, or - for standard output", showUsage: true)
        }
        let path = args.positional[0]
        if Session.isPagePath(path) {
            guard !args.flag("no-weights") else {
                throw CommandError("--no-weights is for JSON traces: a page draws every weight", showUsage: true)
            }
            return try exportPage(to: path, force: args.flag("force"))
        }
        let document = traceDocument(includeWeights: !args.flag("no-weights"))
        let bytes = document.serialized(.pretty)
        if path == "-" {
            // The reply is printed with its own newline.
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
        let outcome = try write(bytes, to: path, force: args.flag("force"))
        let keys = document.object?.map(\.key).joined(separator: ", ") ?? ""
        let steps = records.count
        return "exported the trace to \(path): \(steps) step\(steps == 1 ? "" : "s"), \(bytes.count) bytes\n"
            + style.dim("keys: \(keys)" + (args.flag("no-weights") ? " (network without weights: `load` cannot reopen it)" : ""))
            + notes(outcome, bytes: bytes.count)
    }

    /// Writes a file for `export` or `save` (atomically; Ctrl-C cancels it, leaving the file as it was).
    func write(_ bytes: [UInt8], to path: String, force: Bool) throws(CommandError) -> AtomicFile.Outcome {
        let options = AtomicFile.Options(force: force, isCancelled: isInterrupted)
        do { return try writeFile(bytes, path, options) } catch { throw CommandError(error.description) }
    }

    /// What a write did that its user may not expect: a symbolic link followed, hard links split,
    /// a file too large for `load` and `compare` to read back.
    func notes(_ outcome: AtomicFile.Outcome, bytes: Int) -> String {
        var lines: [String] = []
        if outcome.throughLink { lines.append("written through the symbolic link, to \(outcome.path)") }
        if outcome.otherLinks > 0 {
            let names = outcome.otherLinks == 1 ? "1 other name (a hard link) keeps" : "\(outcome.otherLinks) other names (hard links) keep"
            lines.append("note: the file was replaced, so its \(names) the old contents")
        }
        if bytes > NetworkFile.maximumFileSize {
            lines.append("note: \(bytes) bytes is more than load and compare read (\(NetworkFile.maximumFileSize) bytes)")
        }
        return lines.map { "\n" + style.warning($0) }.joined()
    }
}

extension Session {
    /// Whether `export` writes a page (FILE.html or FILE.htm, any case) rather than JSON.
    static func isPagePath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    /// `export FILE.html`: the whole pass as one offline page (`HTMLPage`), written atomically.
    func exportPage(to path: String, force: Bool) throws(CommandError) -> String {
        let content = try pageContent()
        let bytes = Array(HTMLPage(content: content).render().utf8)
        let outcome = try write(bytes, to: path, force: force)
        let (perExample, m) = (content.network.schedule.count, content.exampleCount)
        let what = m == 1 ? "the whole pass, \(perExample) steps"
            : "every example's pass, \(m) × \(perExample) = \(NumberFormat.grouped(m * perExample)) steps"
        return "exported the page to \(path): \(what), \(NumberFormat.grouped(bytes.count)) bytes\n"
            + style.dim("one file, offline: open it in a browser; ← → step, P for the projector view, #step=N opens step N")
            + notes(outcome, bytes: 0)
    }
}
