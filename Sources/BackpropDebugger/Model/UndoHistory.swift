import BackpropCore

/// Everything a change to the network's parameters (`set`, `descend`, `train`) replaces, kept so
/// `back` can put it back bit for bit: the network, the stepper with its cursor and every value
/// computed so far, the steps shown, and what was measured on the old network.
///
/// The stepper is kept whole, whatever it steps through (one example, or a batch's examples one
/// after another): undoing `train` on a batch puts back the weights and the cursor inside the
/// batch's pass where it was.
struct SessionState {
    var network: Network
    var stepper: Stepper
    var records: [StepRecord]
    var lastCheck: GradientCheck?
    var lastParameterCheck: GradientCheck?
    var lastSweep: EpsilonSweep?
    var lastNudges: Nudges?
    var lastNudgeAverage: NudgeAverage?
    var trainingHistory: TrainingHistory?
    var trainingOptions: (options: TrainingOptions, images: Int)?
    var imageIndex: Int?
    var changes: [NetworkChange.Kind]

    /// How many doubles the state holds that the live session may stop sharing (the network's
    /// parameters and the trace's gradient): what the history's memory budget counts.
    var weight: Int { 2 * network.parameterCount + stepper.trace.a.reduce(0) { $0 + 3 * $1.count } }
}

/// One change to the network's parameters that `back` can undo, with the state before it.
struct NetworkChange {
    /// What was done, as `where` and `back` name it.
    enum Kind: Equatable, Sendable {
        /// `set PARAM VALUE`: one parameter set by hand.
        case set(Parameter, from: Double, to: Double)
        /// `descend`: one gradient-descent step with learning rate η on m examples.
        case descend(eta: Double, examples: Int)
        /// `train`: `steps` gradient-descent updates with learning rate η.
        case train(eta: Double, epochs: Int, steps: Int)
    }

    let kind: Kind
    let before: SessionState
}

extension NetworkChange.Kind {
    /// The change as an export writes it (`changes` in `TraceFormat.md`).
    var json: JSON {
        switch self {
        case let .set(p, from, to):
            .object([(key: "kind", value: .string("set")), (key: "parameter", value: .string(p.description)),
                     (key: "from", value: .number(from)), (key: "to", value: .number(to))])
        case let .descend(eta, m):
            .object([(key: "kind", value: .string("descend")), (key: "learningRate", value: .number(eta)),
                     (key: "examples", value: .number(Double(m)))])
        case let .train(eta, epochs, steps):
            .object([(key: "kind", value: .string("train")), (key: "learningRate", value: .number(eta)),
                     (key: "epochs", value: .number(Double(epochs))), (key: "updates", value: .number(Double(steps)))])
        }
    }
}

/// The changes to the network `back` can undo, latest last. Steps are not kept here: the stepper
/// undoes its own (`Stepper.back()`), and every change starts the pass again, so the steps taken
/// since the latest change are exactly the stepper's position.
///
/// The history holds at most `limit` changes and at most `budget` doubles; the oldest are dropped
/// first, and a network too large for the budget keeps no history at all (`isAvailable` is false).
struct UndoHistory {
    private(set) var changes: [NetworkChange] = []
    /// Changes dropped because the history was full (counted since the last `clear`).
    private(set) var dropped = 0
    let limit = 1_000
    /// 8 M doubles, 64 MB: about 300 changes of the MNIST network, every change of `small`.
    let budget = 8 << 20

    var latest: NetworkChange? { changes.last }
    var isEmpty: Bool { changes.isEmpty }

    /// Whether a network of this many parameters can be kept at all.
    func canKeep(_ state: SessionState) -> Bool { state.weight <= budget }

    mutating func push(_ change: NetworkChange) {
        guard canKeep(change.before) else { return }
        changes.append(change)
        var total = changes.reduce(0) { $0 + $1.before.weight }
        while changes.count > limit || total > budget {
            total -= changes.removeFirst().before.weight
            dropped += 1
        }
    }

    mutating func pop() -> NetworkChange? { changes.popLast() }

    mutating func clear() {
        changes = []
        dropped = 0
    }
}
