/// The trace file: format "backprop-trace", version 1 — one example's pass as JSON, for other
/// people's scripts to read, check and diff. Each function here builds one top-level section;
/// the debugger puts them together in order (see `TraceFormat.md` in the documentation catalog
/// and `trace.schema.json` beside it).
///
/// Conventions every section shares:
/// - Layers, neurons and parameters use the engine's 0-based indices: `layers[l]` is layer l with
///   the input layer as 0 (Ng's layer l + 1, 3Blue1Brown's L = l), and `weights[l][j][k]` is the
///   weight from neuron k of layer l to neuron j of layer l + 1, as in network files.
/// - A value that does not exist is `null` as a whole (the input layer's `z` and `delta`); a value
///   not computed yet is a `null` element inside its array (or `cost: null`).
/// - Numbers are written in shortest round-trip form, so they read back as the identical doubles;
///   a non-finite number is the string `"NaN"`, `"Infinity"` or `"-Infinity"` (valid JSON).
public enum TraceFile {
    /// The `format.name` of a trace.
    public static let formatName = NetworkFile.traceFormatName
    /// The version of a trace of one example (unchanged since the first).
    public static let version = 1
    /// The version of a trace of a batch: `example.input` and `example.target`, and each layer's
    /// `z`, `a` and `delta`, hold one array per example; `cost` and `gradients` are the batch's.
    public static let batchVersion = 2
    /// The versions `compare` and `load` read.
    public static let versions = [version, batchVersion]
    /// The most examples a batch trace holds.
    public static let maximumBatchSize = 10_000

    /// `{"name": "backprop-trace", "version": 1, "tool": "backprop"}` (version 2 for a batch).
    public static func format(batch: Bool = false) -> JSON {
        .object([
            (key: "name", value: .string(formatName)),
            (key: "version", value: .number(Double(batch ? batchVersion : version))),
            (key: "tool", value: .string("backprop")),
        ])
    }

    /// The network file's own keys (`NetworkFile.json`); without `weights` and `biases` when
    /// `includeWeights` is false.
    public static func network(_ network: Network, includeWeights: Bool) -> JSON {
        let json = NetworkFile.json(network)
        guard !includeWeights, let members = json.object else { return json }
        return .object(members.filter { $0.key != "weights" && $0.key != "biases" })
    }

    /// `input`, `target`, and `label` when the example has one.
    public static func example(_ example: Example) -> JSON {
        var members: [(key: String, value: JSON)] = [
            (key: "input", value: numbers(example.input)),
            (key: "target", value: numbers(example.target)),
        ]
        if let label = example.label { members.append((key: "label", value: .number(Double(label)))) }
        return .object(members)
    }

    /// One example as `example(_:)` writes it; a batch of several as one `input` and one `target`
    /// array per example, `label` (one per example, `null` where there is none) when any has one,
    /// and `reduction`.
    public static func example(_ batch: Batch) -> JSON {
        guard batch.count > 1 else { return example(batch.examples[0]) }
        var members: [(key: String, value: JSON)] = [
            (key: "input", value: .array(batch.examples.map { numbers($0.input) })),
            (key: "target", value: .array(batch.examples.map { numbers($0.target) })),
        ]
        if batch.examples.contains(where: { $0.label != nil }) {
            members.append((key: "label", value: .array(batch.examples.map { $0.label.map { .number(Double($0)) } ?? .null })))
        }
        members.append((key: "reduction", value: .string(batch.reduction.rawValue)))
        return .object(members)
    }

    /// One object per layer, input layer first, each with `z`, `a` and `delta`. The input layer's
    /// `z` and `delta` are `null` (they do not exist); its `a` is the input. Elsewhere a neuron's
    /// values are `null` until the stepper has computed them. For a batch, each of `z`, `a` and
    /// `delta` holds one array per example.
    public static func layers(_ stepper: Stepper) -> JSON {
        let sizes = stepper.network.sizes, batch = stepper.batch.count > 1
        func perExample(_ values: (Int) -> JSON) -> JSON {
            batch ? .array(stepper.traces.indices.map(values)) : values(0)
        }
        let input: JSON = .object([
            (key: "z", value: .null),
            (key: "a", value: perExample { numbers(stepper.traces[$0].a[0]) }),
            (key: "delta", value: .null),
        ])
        let rest = (1..<sizes.count).map { l -> JSON in
            func known(_ e: Int, _ step: (Int) -> Step) -> [Bool] {
                (0..<sizes[l]).map { stepper.isComputed(step($0), inExample: e) }
            }
            return .object([
                (key: "z", value: perExample { e in numbers(stepper.traces[e].z[l], known: known(e) { .forward(layer: l, neuron: $0) }) }),
                (key: "a", value: perExample { e in numbers(stepper.traces[e].a[l], known: known(e) { .forward(layer: l, neuron: $0) }) }),
                (key: "delta", value: perExample { e in numbers(stepper.traces[e].delta[l], known: known(e) { .delta(layer: l, neuron: $0) }) }),
            ])
        }
        return .array([input] + rest)
    }

    /// ∂C/∂w and ∂C/∂b shaped like the network's `weights` and `biases`; the gradients into a
    /// neuron are `null` until its gradient step is taken. For a batch, the batch's gradient (its
    /// examples' mean or sum), `null` until every example's pass is done.
    public static func gradients(_ stepper: Stepper) -> JSON {
        let sizes = stepper.network.sizes
        let gradient = stepper.batch.count > 1 ? stepper.batchTrace?.gradient ?? stepper.trace.gradient : stepper.trace.gradient
        var weights: [JSON] = [], biases: [JSON] = []
        for l in 0..<(sizes.count - 1) {
            let known = (0..<sizes[l + 1]).map { j in
                stepper.batch.count > 1 ? stepper.isFinished : stepper.isComputed(.gradient(layer: l + 1, neuron: j))
            }
            let matrix = gradient.weights[l]
            weights.append(.array((0..<matrix.rows).map { j in
                known[j] ? numbers(matrix.row(j)) : .array(Array(repeating: .null, count: matrix.columns))
            }))
            biases.append(numbers(gradient.biases[l], known: known))
        }
        return .object([(key: "weights", value: .array(weights)), (key: "biases", value: .array(biases))])
    }

    /// The cost of the example, or `null` before the cost step; for a batch, the batch's cost,
    /// `null` until every example's pass is done.
    public static func cost(_ stepper: Stepper) -> JSON {
        if stepper.batch.count > 1 { return stepper.batchTrace.map { .number($0.cost) } ?? .null }
        return stepper.isComputed(.cost) ? .number(stepper.trace.cost) : .null
    }

    /// Every step taken, in order, with the values it computed (read from `trace`) and the
    /// arithmetic that was shown for it.
    ///
    /// Each step: `index` (from 1), `phase`, `layer` and `neuron` (engine indices; `null` for the
    /// cost), `quantity` and `value` (the step's result: `a` for a forward step, `cost`, `delta`,
    /// or `dC/db` for a gradient step), `values` (everything the step computed, in the order shown:
    /// `z` and `a`; `cost`; `dC/da` and `delta`; `dC/db` and `dC/dw`, the row of weight gradients
    /// indexed by k), and `shown`.
    public static func steps(_ taken: [(step: Step, shown: String)], trace: Trace) -> JSON {
        steps(taken.map { (step: $0.step, example: 0, shown: $0.shown) }, traces: [trace], batch: false)
    }

    /// The same for a batch: each step also says which `example` (from 0) it belongs to, and its
    /// values are read from that example's trace.
    public static func steps(_ taken: [(step: Step, example: Int, shown: String)], traces: [Trace], batch: Bool) -> JSON {
        .array(taken.enumerated().map { n, entry in
            let step = entry.step
            let (values, result) = stepValues(step, trace: traces[entry.example])
            var members: [(key: String, value: JSON)] = [(key: "index", value: .number(Double(n + 1)))]
            if batch { members.append((key: "example", value: .number(Double(entry.example)))) }
            members += [
                (key: "phase", value: .string(step.phase.rawValue)),
                (key: "layer", value: step.layer.map { .number(Double($0)) } ?? .null),
                (key: "neuron", value: step.neuron.map { .number(Double($0)) } ?? .null),
                (key: "quantity", value: .string(result)),
                (key: "value", value: values.first { $0.key == result }?.value ?? .null),
                (key: "values", value: .object(values)),
                (key: "shown", value: .string(entry.shown)),
            ]
            return .object(members)
        })
    }

    /// The values one step computes, in the order they are shown, and the key of its result.
    private static func stepValues(_ step: Step, trace: Trace) -> (values: [(key: String, value: JSON)], result: String) {
        switch step {
        case let .forward(l, j):
            ([(key: "z", value: .number(trace.z[l][j])), (key: "a", value: .number(trace.a[l][j]))], "a")
        case .cost:
            ([(key: "cost", value: .number(trace.cost))], "cost")
        case let .delta(l, j):
            ([(key: "dC/da", value: .number(trace.activationGradient[l][j])),
              (key: "delta", value: .number(trace.delta[l][j]))], "delta")
        case let .gradient(l, j):
            ([(key: "dC/db", value: .number(trace.gradient.biases[l - 1][j])),
              (key: "dC/dw", value: numbers(trace.gradient.weights[l - 1].row(j)))], "dC/db")
        }
    }

    /// The gradient check: `summary` and one row per parameter checked, in the order checked.
    public static func gradcheck(_ check: GradientCheck) -> JSON {
        .object(checkMembers(check))
    }

    /// The `gradcheck` section from whatever checks were run: the whole check (`summary`, `rows`),
    /// the last one-parameter check (`parameter`) and the last ε sweep (`sweep`); nil when none was.
    public static func gradcheck(full: GradientCheck?, parameter: GradientCheck?, sweep: EpsilonSweep?) -> JSON? {
        guard full != nil || parameter != nil || sweep != nil else { return nil }
        var members: [(key: String, value: JSON)] = full.map(checkMembers) ?? []
        if let parameter { members.append((key: "parameter", value: .object(checkMembers(parameter)))) }
        if let sweep { members.append((key: "sweep", value: epsilonSweep(sweep))) }
        return .object(members)
    }

    /// An ε sweep: per ε, both costs, the one-sided and central differences and their errors
    /// against backprop's gradient.
    public static func epsilonSweep(_ sweep: EpsilonSweep) -> JSON {
        let rows = sweep.rows.map { r -> JSON in
            .object([
                (key: "epsilon", value: .number(r.epsilon)),
                (key: "costPlus", value: .number(r.costPlus)),
                (key: "costMinus", value: .number(r.costMinus)),
                (key: "oneSided", value: .number(r.oneSided)),
                (key: "central", value: .number(r.central)),
                (key: "oneSidedError", value: .number(r.oneSidedError)),
                (key: "centralError", value: .number(r.centralError)),
            ])
        }
        return .object([
            (key: "parameter", value: .string(sweep.parameter.description)),
            (key: "index", value: indexJSON(sweep.parameter)),
            (key: "value", value: .number(sweep.value)),
            (key: "cost", value: .number(sweep.cost)),
            (key: "gradient", value: .number(sweep.gradient)),
            (key: "bestOneSidedEpsilon", value: sweep.bestOneSided.map { .number($0.epsilon) } ?? .null),
            (key: "bestCentralEpsilon", value: sweep.bestCentral.map { .number($0.epsilon) } ?? .null),
            (key: "rows", value: .array(rows)),
        ])
    }

    static func indexJSON(_ p: Parameter) -> JSON {
        let index: [Int]
        switch p {
        case let .weight(l, j, k): index = [l, j, k]
        case let .bias(l, j): index = [l, j]
        }
        return .array(index.map { .number(Double($0)) })
    }

    static func checkMembers(_ check: GradientCheck) -> [(key: String, value: JSON)] {
        let s = check.summary
        let summary: JSON = .object([
            (key: "epsilon", value: .number(s.epsilon)),
            (key: "atol", value: .number(s.absoluteTolerance)),
            (key: "rtol", value: .number(s.relativeTolerance)),
            (key: "cost", value: .number(s.cost)),
            (key: "parameters", value: .number(Double(s.parameters))),
            (key: "failed", value: .number(Double(s.failed))),
            (key: "maxRelativeError", value: .number(s.maxRelativeError)),
            (key: "maxAbsoluteError", value: .number(s.maxAbsoluteError)),
            (key: "normDifference", value: .number(s.normDifference)),
            (key: "tinyGradients", value: .number(Double(s.tinyGradients))),
            (key: "passed", value: .bool(s.passed)),
            (key: "bug", value: s.bug.map { .string($0.rawValue) } ?? .null),
        ] + (s.exampleCount > 1 ? [(key: "examples", value: .number(Double(s.exampleCount))),
                                   (key: "reduction", value: .string(s.reduction.rawValue))] : []))
        let rows = check.rows.map { r -> JSON in
            .object([
                (key: "parameter", value: .string(r.parameter.description)),
                (key: "kind", value: .string(r.parameter.isWeight ? "weights" : "biases")),
                (key: "index", value: indexJSON(r.parameter)),
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
        return [(key: "summary", value: summary), (key: "rows", value: .array(rows))]
    }

    // MARK: Nudges and training

    /// The `nudges` section: the last nudges shown for this example (engine layers and neurons:
    /// `layer` 1 … output, `neuron` from 0) and the last average over examples; nil when neither.
    public static func nudges(_ nudges: Nudges?, average: NudgeAverage?) -> JSON? {
        guard nudges != nil || average != nil else { return nil }
        var members: [(key: String, value: JSON)] = []
        if let n = nudges {
            members += [
                (key: "layer", value: .number(Double(n.layer))),
                (key: "neuron", value: .number(Double(n.neuron))),
                (key: "cost", value: .string(n.cost.rawValue)),
                (key: "activations", value: numbers(n.activations)),
                (key: "targets", value: n.targets.map(numbers) ?? .null),
                (key: "desiredActivationChanges", value: numbers(n.desiredActivationChanges)),
                (key: "activationSlopes", value: numbers(n.activationSlopes)),
                (key: "desiredWeightedInputChanges", value: numbers(n.desiredWeightedInputChanges)),
                (key: "previousActivations", value: numbers(n.previousActivations)),
                (key: "weights", value: numbers(n.weights)),
                (key: "biasNudge", value: .number(n.biasNudge)),
                (key: "weightNudges", value: numbers(n.weightNudges)),
                (key: "previousActivationNudges", value: numbers(n.previousActivationNudges)),
                (key: "summedPreviousActivationNudges", value: numbers(n.summedPreviousActivationNudges)),
                (key: "backprop", value: n.backprop.map { b in
                    .object([
                        (key: "desiredActivationChanges", value: numbers(b.desiredActivationChanges)),
                        (key: "activationSlopes", value: numbers(b.activationSlopes)),
                        (key: "desiredWeightedInputChanges", value: numbers(b.desiredWeightedInputChanges)),
                    ])
                } ?? .null),
            ]
        }
        if let a = average {
            members.append((key: "average", value: .object([
                (key: "examples", value: .array(a.examples.map { .number(Double($0)) })),
                (key: "layer", value: .number(Double(a.layer))),
                (key: "neuron", value: .number(Double(a.neuron))),
                (key: "perExample", value: .array(a.perExample.map(numbers))),
                (key: "average", value: numbers(a.average)),
                (key: "negativeMeanGradient", value: numbers(a.negativeMeanGradient)),
                (key: "largestDifference", value: .number(a.largestDifference)),
                (key: "parameterCount", value: .number(Double(a.parameterCount))),
            ])))
        }
        return .object(members)
    }

    /// The `training` section: the settings of the last run (when known), the cost of every
    /// mini-batch in order, and each epoch's results.
    public static func training(_ history: TrainingHistory, options: TrainingOptions?, images: Int?) -> JSON {
        var members: [(key: String, value: JSON)] = []
        if let o = options {
            members.append((key: "options", value: .object([
                (key: "epochs", value: .number(Double(o.epochs))),
                (key: "batchSize", value: .number(Double(o.batchSize))),
                (key: "learningRate", value: .number(o.learningRate)),
                (key: "regularization", value: .number(o.regularization)),
                (key: "learningRateDecay", value: .number(o.learningRateDecay)),
                (key: "seed", value: .number(Double(o.seed))),
            ] + (o.trainedLayers.map { [(key: "trainedLayers", value: .array($0.map { .number(Double($0)) }))] } ?? []))))
        }
        if let images { members.append((key: "images", value: .number(Double(images)))) }
        members += [
            (key: "batchCosts", value: numbers(history.batchCosts)),
            (key: "epochs", value: .array(history.epochs.map { e in
                .object([
                    (key: "epoch", value: .number(Double(e.epoch))),
                    (key: "trainingCost", value: .number(e.trainingCost)),
                    (key: "evaluationCost", value: e.evaluationCost.map(JSON.number) ?? .null),
                    (key: "accuracy", value: e.accuracy.map(JSON.number) ?? .null),
                ])
            })),
            (key: "stoppedEarly", value: .bool(history.stoppedEarly)),
        ]
        return .object(members)
    }

    // MARK: Numbers

    /// An array of numbers (non-finite ones become the writer's strings).
    static func numbers(_ values: [Double]) -> JSON {
        .array(values.map(JSON.number))
    }

    /// An array with `null` where `known` is false.
    static func numbers(_ values: [Double], known: [Bool]) -> JSON {
        .array(zip(values, known).map { value, isKnown in isKnown ? .number(value) : .null })
    }
}

extension Parameter {
    /// Whether this is a weight (not a bias).
    public var isWeight: Bool {
        if case .weight = self { true } else { false }
    }
}
