import BackpropCore

/// One undo history for the pass and the network: `step` (and `next`, `continue`, …) move the
/// stepper's cursor, which undoes its own steps; `set`, `descend` and `train` change the
/// parameters and start the pass again, and are kept in `undoHistory` with the state before them.
/// `back` undoes the latest of either: a step while the cursor is past the start of the pass, else
/// the latest change (which puts back the cursor where it was before it).
extension Session {
    /// Everything a change of parameters replaces (see `SessionState`).
    var state: SessionState {
        SessionState(network: network, stepper: stepper, records: records, lastCheck: lastCheck,
                     lastParameterCheck: lastParameterCheck, lastSweep: lastSweep, lastNudges: lastNudges,
                     lastNudgeAverage: lastNudgeAverage, trainingHistory: trainingHistory,
                     trainingOptions: trainingOptions, imageIndex: imageIndex, changes: networkChanges)
    }

    /// Puts back a state kept by `change(to:_:)`. A bug planted or removed since is kept as it is
    /// now (`keepingPlantedBug`): the pass is recomputed with it up to the same cursor (the same
    /// values, bit for bit, when the bug is the same). Otherwise the state's own bug comes back with
    /// its stepper (a lesson putting back its page).
    func restore(_ s: SessionState, keepingPlantedBug: Bool = true) {
        let planted = bug
        network = s.network
        stepper = s.stepper
        records = s.records
        lastCheck = s.lastCheck
        lastParameterCheck = s.lastParameterCheck
        lastSweep = s.lastSweep
        lastNudges = s.lastNudges
        lastNudgeAverage = s.lastNudgeAverage
        trainingHistory = s.trainingHistory
        trainingOptions = s.trainingOptions
        imageIndex = s.imageIndex
        networkChanges = s.changes
        if keepingPlantedBug && s.stepper.bug != planted { plant(planted) }
    }

    /// Makes `changed` (the same network with other parameter values) the session's network and
    /// starts the pass again on the same example; `back` undoes it. Checks and nudges measured on
    /// the old values are dropped.
    func change(to changed: Network, _ kind: NetworkChange.Kind) {
        precondition(changed.sizes == network.sizes, "a change keeps the network's shape")
        let before = state
        undoHistory.push(NetworkChange(kind: kind, before: before))
        network = changed
        stepper = Session.makeStepper(network: changed, batch: batch, bug: bug)
        records = []
        forgetChecks()
        lastNudges = nil
        lastNudgeAverage = nil
        networkChanges.append(kind)
    }

    /// What `back` would undo now, in words ("the step that computed δ(3)1"), or nil.
    var nextUndo: String? {
        if let last = stepper.last { return "the step that computed " + nextDescription(last) }
        return undoHistory.latest.map { describe($0.kind) }
    }

    /// Undoes the latest step or change, and says what it undid (nil when there is nothing).
    func undoLatest() -> Undone? {
        if let step = undoStep() { return .step(step) }
        guard let change = undoHistory.pop() else { return nil }
        restore(change.before)
        return .change(change.kind)
    }

    /// What one `back` undid.
    enum Undone {
        case step(Step)
        case change(NetworkChange.Kind)
    }

    /// "descend with η = 0.5 on the example", "set Θ(1)1,0 to 0.5 (it was 0.35)".
    func describe(_ kind: NetworkChange.Kind) -> String {
        func f(_ x: Double) -> String { NumberFormat.significant(x) }
        switch kind {
        case let .set(p, from, to):
            return "set \(notation.name(of: p)) to \(f(to)) (it was \(f(from)))"
        case let .descend(eta, m):
            return "descend with η = \(f(eta)) on " + (m == 1 ? "the example" : "the \(m) examples")
        case let .train(eta, epochs, steps):
            return "train: \(epochs) epoch\(epochs == 1 ? "" : "s"), \(steps) update\(steps == 1 ? "" : "s") with η = \(f(eta))"
        }
    }

    /// The changes made to the network since it was loaded, in a few words for `where`:
    /// "set Θ(1)1,0 to 0.5 (it was 0.35); 3 descend steps; train (1 epoch, 1 update)".
    func changesSummary() -> String? {
        guard !networkChanges.isEmpty else { return nil }
        var parts: [String] = []
        var i = 0
        while i < networkChanges.count {
            // Runs of descend steps are counted, not listed.
            if case .descend = networkChanges[i] {
                var n = 0
                while i < networkChanges.count, case .descend = networkChanges[i] { n += 1; i += 1 }
                parts.append(n == 1 ? describe(networkChanges[i - 1]) : "\(n) descend steps")
                continue
            }
            parts.append(describe(networkChanges[i]))
            i += 1
        }
        if parts.count > 4 { parts = Array(parts.prefix(1)) + ["… \(parts.count - 3) more"] + Array(parts.suffix(2)) }
        return parts.joined(separator: "; ")
    }
}
