import BackpropCore

extension GradientCheckReport {
    /// The `gradcheck --json` document (format `backprop-gradcheck`, version 1) of a whole check, a
    /// sample (`--sample`) or one parameter: the verdict, the network and example, ε and the
    /// tolerance, the counts, Ng's ‖n − a‖ / ‖n + a‖, the worst parameters (each by its name, its
    /// path in a network file and its gradient's path in a trace), the failures per layer, and the
    /// hints. Numbers are exact.
    func json(check kind: String, networkName: String, examples: Batch) -> JSON {
        let s = check.summary
        let stopped = (planned ?? s.parameters) > s.parameters
        let passed = s.passed || failuresAreTruncation
        let verdict = !passed ? "FAIL" : (stopped ? "none" : "PASS")
        return .object([
            (key: "format", value: ResultDocument.format("backprop-gradcheck")),
            (key: "verdict", value: .string(verdict)),
            (key: "passed", value: .bool(passed)),
            (key: "check", value: .string(kind)),
            (key: "notation", value: .string(notation.rawValue)),
            (key: "network", value: ResultDocument.network(network, name: networkName)),
            (key: "example", value: TraceFile.example(examples)),
            (key: "bug", value: s.bug.map { .string($0.rawValue) } ?? .null),
            (key: "epsilon", value: .number(s.epsilon)),
            (key: "tolerance", value: .object([
                (key: "atol", value: .number(s.absoluteTolerance)),
                (key: "rtol", value: .number(s.relativeTolerance)),
            ])),
            (key: "cost", value: .number(s.cost)),
            (key: "counts", value: .object([
                (key: "planned", value: .number(Double(planned ?? s.parameters))),
                (key: "checked", value: .number(Double(s.parameters))),
                (key: "failed", value: .number(Double(s.failed))),
                (key: "tinyGradients", value: .number(Double(s.tinyGradients))),
            ])),
            (key: "normDifference", value: .number(s.normDifference)),
            (key: "maxRelativeError", value: .number(s.maxRelativeError)),
            (key: "maxAbsoluteError", value: .number(s.maxAbsoluteError)),
            (key: "worst", value: .array(s.worst.map(row))),
            (key: "failuresByLayer", value: .array(layerCounts())),
            (key: "hints", value: .array(GradcheckHints(patterns: patterns, network: network, notation: notation,
                                                        batchSize: s.exampleCount).hints().map(\.json))),
        ])
    }

    /// One parameter's check, worst first in `worst`.
    private func row(_ r: GradientCheck.Row) -> JSON {
        .object(ResultDocument.parameter(r.parameter, notation: notation) + [
            (key: "analytic", value: .number(r.analytic)),
            (key: "numeric", value: .number(r.numeric)),
            (key: "costPlus", value: .number(r.costPlus)),
            (key: "costMinus", value: .number(r.costMinus)),
            (key: "absoluteError", value: .number(r.absoluteError)),
            (key: "relativeError", value: .number(r.relativeError)),
            (key: "tolerance", value: .number(r.tolerance)),
            (key: "passed", value: .bool(r.passed)),
        ])
    }

    /// Per weight layer with a parameter checked: how many of its weights and biases were checked
    /// and how many failed (the table the report shows on a FAIL).
    private func layerCounts() -> [JSON] {
        (0..<(network.sizes.count - 1)).compactMap { l -> JSON? in
            let rows = check.rows.filter { $0.parameter.layer == l }
            guard !rows.isEmpty else { return nil }
            func counts(weights: Bool) -> JSON {
                let kind = rows.filter { $0.parameter.isWeight == weights }
                return .object([
                    (key: "checked", value: .number(Double(kind.count))),
                    (key: "failed", value: .number(Double(kind.filter { !$0.passed }.count))),
                ])
            }
            return .object([
                (key: "layer", value: .number(Double(l))),
                (key: "name", value: .string(notation == .ng ? "Θ(\(l + 1))" : "w(\(l + 1)), b(\(l + 1))")),
                (key: "weights", value: counts(weights: true)),
                (key: "biases", value: counts(weights: false)),
            ])
        }
    }
}

extension SweepReport {
    /// The `gradcheck --sweep --json` document: the sweep has no verdict (`"none"`, and it never
    /// fails); the parameter by name and paths, why it was chosen, and every ε's errors as in a
    /// trace's `gradcheck.sweep`. Its reference gradient is always backprop's correct one, so no
    /// planted bug is named.
    func json(networkName: String, network: Network, examples: Batch) -> JSON {
        var sweepMembers = TraceFile.epsilonSweep(sweep).object ?? []
        sweepMembers.removeAll { $0.key == "parameter" || $0.key == "index" }
        return .object([
            (key: "format", value: ResultDocument.format("backprop-gradcheck")),
            (key: "verdict", value: .string("none")),
            (key: "passed", value: .bool(true)),
            (key: "check", value: .string("sweep")),
            (key: "notation", value: .string(notation.rawValue)),
            (key: "network", value: ResultDocument.network(network, name: networkName)),
            (key: "example", value: TraceFile.example(examples)),
            (key: "parameter", value: .object(ResultDocument.parameter(sweep.parameter, notation: notation) + [
                (key: "chosen", value: chosen.isEmpty ? .null : .string(chosen)),
            ])),
            (key: "sweep", value: .object(sweepMembers)),
            (key: "hints", value: .array([])),
        ])
    }
}
