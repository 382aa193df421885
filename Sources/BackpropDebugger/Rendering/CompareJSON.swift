import BackpropCore

extension CompareReport {
    /// The `compare --json` document (format `backprop-compare`, version 1): the verdict, the file,
    /// the network and example run and where each came from, the tolerance, the counts, the first
    /// difference and the largest one, each array's counts, and the hints. Names follow the
    /// session's notation; paths are the file's own. Numbers are exact, as in a trace.
    func json() -> JSON {
        let t = comparison.tolerance
        let passed = comparison.first == nil
        let network = ResultDocument.network(pass.network, name: pass.networkName, [
            (key: "from", value: .string(pass.networkFromFile ? "file" : "session")),
            (key: "reason", value: pass.networkReason.map(JSON.string) ?? .null),
        ])
        var example = TraceFile.example(pass.batch).object ?? []
        example.insert((key: "from", value: .string(pass.exampleFromFile ? "file" : "session")), at: 0)
        return .object([
            (key: "format", value: ResultDocument.format("backprop-compare")),
            (key: "verdict", value: .string(passed ? "match" : "differ")),
            (key: "passed", value: .bool(passed)),
            (key: "file", value: .string(file)),
            (key: "notation", value: .string(notation.rawValue)),
            (key: "network", value: network),
            (key: "example", value: .object(example)),
            (key: "tolerance", value: .object([
                (key: "atol", value: .number(t.absolute)),
                (key: "rtol", value: .number(t.relative)),
            ])),
            (key: "counts", value: .object([
                (key: "compared", value: .number(Double(comparison.compared))),
                (key: "differing", value: .number(Double(comparison.differences.count))),
                (key: "agreeingBeforeFirst", value: .number(Double(comparison.agreeingBeforeFirst))),
            ])),
            (key: "first", value: comparison.first.map(value) ?? .null),
            (key: "largest", value: comparison.largest.map(value) ?? .null),
            (key: "arrays", value: .array(comparison.groups.map { g in
                .object([
                    (key: "path", value: .string(g.path)),
                    (key: "name", value: .string(groupName(g.first))),
                    (key: "compared", value: .number(Double(g.compared))),
                    (key: "differing", value: .number(Double(g.differing))),
                    (key: "largestDifference", value: g.differing == 0 ? .null : .number(g.largestError)),
                ])
            })),
            (key: "hints", value: .array(hints.map(\.json))),
        ])
    }

    /// One value: its name, its example in a batch (from 0), its path in the file, ours, yours,
    /// and how far apart they are.
    private func value(_ d: TraceComparison.Difference) -> JSON {
        .object([
            (key: "name", value: .string(name(d.quantity))),
        ] + (d.example.map { [(key: "example", value: JSON.number(Double($0)))] } ?? []) + [
            (key: "path", value: .string(d.path)),
            (key: "ours", value: .number(d.ours)),
            (key: "yours", value: .number(d.theirs)),
            (key: "absoluteError", value: .number(d.absoluteError)),
            (key: "relativeError", value: ResultDocument.number(d.relativeError)),
        ])
    }
}
