import BackpropCore

extension Session {
    /// The top-level sections of an exported trace, in order, each built by one function; a nil
    /// value leaves its key out. A new section is one more line here (and a property in
    /// `trace.schema.json`, a paragraph in `TraceFormat.md`).
    func traceSections(includeWeights: Bool) -> [(key: String, value: JSON?)] {
        [
            ("format", TraceFile.format()),
            ("network", TraceFile.network(network, includeWeights: includeWeights)),
            ("example", TraceFile.example(example)),
            ("layers", TraceFile.layers(stepper)),
            ("gradients", TraceFile.gradients(stepper)),
            ("cost", TraceFile.cost(stepper)),
            ("steps", TraceFile.steps(records.map { (step: $0.step, shown: $0.shown) }, trace: trace)),
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
        let document = traceDocument(includeWeights: !args.flag("no-weights"))
        let bytes = document.serialized(.pretty)
        if path == "-" {
            // The reply is printed with its own newline.
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
        do { try writeFile(bytes, path) } catch { throw CommandError(error.description) }
        let keys = document.object?.map(\.key).joined(separator: ", ") ?? ""
        let steps = records.count
        return "exported the trace to \(path): \(steps) step\(steps == 1 ? "" : "s"), \(bytes.count) bytes\n"
            + style.dim("keys: \(keys)" + (args.flag("no-weights") ? " (network without weights: `load` cannot reopen it)" : ""))
    }
}
