import BackpropCore

extension Session {
    /// `bug [NAME | off]`: list the bugs, plant one in the backward pass, or remove it.
    func bugCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.count <= 1 else { throw CommandError("bug takes one name, or off", showUsage: true) }
        guard let word = words.first else { return bugList() }
        if word.lowercased() == "off" {
            guard let old = bug else { return "no bug is planted: the backward pass is correct" }
            plant(nil)
            return "removed \(old.rawValue): the backward pass is correct again" + recomputedNote()
        }
        guard let chosen = BackpropBug(rawValue: word.lowercased()) else {
            throw CommandError("unknown bug '\(word)'; choose " + BackpropBug.allCases.map(\.rawValue).joined(separator: ", ") + ", or off", showUsage: true)
        }
        let previous = bug
        plant(chosen)
        var lines = [
            (previous.map { $0 == chosen ? "\(chosen.rawValue) is planted (again)" : "replaced \($0.rawValue) with \(chosen.rawValue)" } ?? "planted \(chosen.rawValue)")
                + ": " + chosen.summary,
            "  here it changes " + bugReach(chosen),
        ]
        // The longest names and summaries would pass 100 columns on one line: the summary gets its own.
        if visibleWidth(lines[0]) > 100, let colon = lines[0].range(of: ": ") {
            lines.insert("  " + lines[0][colon.upperBound...], at: 1)
            lines[0] = String(lines[0][..<colon.upperBound].dropLast())
        }
        let note = recomputedNote()
        if !note.isEmpty { lines.append("  " + note.dropFirst()) }
        if chosen.changesReduction {
            lines.append(style.dim(batch.count > 1
                ? "  `gradcheck` on this batch should now fail; `grads` shows the buggy batch gradient."
                : "  It shows only in a batch: `batch add X… -> Y…` (or `batch images A-B`), then `gradcheck`."))
        } else {
            lines.append(style.dim("  `gradcheck` should now fail; `step`, `backward` and `explain` show the buggy formulas."))
        }
        lines.append(style.dim("  Only the debugger's backward pass has it: training and the costs J(θ ± ε) of the check never do."))
        lines.append(style.dim("  `bug off` removes it."))
        return lines.joined(separator: "\n")
    }

    /// "\n(the pass was recomputed …)" when some steps had been taken, else "".
    private func recomputedNote() -> String {
        guard stepper.position > 0 else { return "" }
        return "\n" + style.dim("(the pass was recomputed up to where you were: \(stepper.position) of \(stepper.stepCount) steps)")
    }

    /// Every bug, what it does, where it applies on this network, and which one is planted.
    private func bugList() -> String {
        let width = (BackpropBug.allCases.map(\.rawValue.count).max() ?? 0) + 2
        var lines = [style.bold("bugs to plant in the backward pass") + style.dim("   (`bug NAME` plants one, `bug off` removes it)")]
        for b in BackpropBug.allCases {
            let name = pad(b.rawValue, width)
            lines.append("  " + (b == bug ? style.warning(name) : name) + b.summary)
            lines.append("  " + pad("", width) + style.dim("here: " + bugReach(b)))
        }
        lines.append(bug.map { "planted: " + style.warning($0.rawValue) } ?? "planted: none — the backward pass is correct")
        return lines.joined(separator: "\n")
    }

    /// "the δs of layers 2, 3" / "∂C/∂Θ(1)" / "nothing: …" — where a bug changes a formula, in the current notation.
    func bugReach(_ b: BackpropBug) -> String {
        let layers = Array(1...network.outputLayer)
        let deltaLayers = layers.filter { b.changesDeltas(layer: $0, in: network) }
        let gradientLayers = layers.filter { b.changesGradients(layer: $0, in: network) }
        var parts: [String] = []
        if !deltaLayers.isEmpty {
            let names = deltaLayers.map { "\(notation.layer($0))" }.joined(separator: ", ")
            parts.append("the δs of layer\(deltaLayers.count == 1 ? "" : "s") \(names), and everything computed from them")
        }
        if !gradientLayers.isEmpty {
            if b.changesBiasGradients {
                parts.append("every ∂C/∂b" + (notation == .ng ? " (column 0 of each ∂C/∂Θ)" : ""))
            } else {
                parts.append(gradientLayers.map { "∂C/∂" + notation.weightMatrixName($0 - 1) }.joined(separator: ", "))
            }
        }
        if b.changesReduction {
            parts.append("the batch's gradient" + (batch.count > 1 ? ", this batch of \(batch.count)" : " (in a batch of 2 or more)"))
        }
        if !parts.isEmpty { return parts.joined(separator: "; ") }
        guard let shape = b.missingShape else { return "nothing on this network" }
        return "nothing: \(shape) (NumPy would raise a shape error instead)"
    }
}
