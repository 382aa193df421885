import BackpropCore

extension Session {
    /// "[3/16] forward · layer 2, neuron 1" — the header over a step's arithmetic; in a batch,
    /// "[19/48] example 2 of 3 · forward · layer 2, neuron 1".
    func header(for step: Step, position: Int) -> String {
        let total = stepper.stepCount
        let example = batch.count == 1 ? "" : "example \((position - 1) / stepper.schedule.count + 1) of \(batch.count) · "
        let place: String
        switch step {
        case let .forward(l, j): place = "forward · layer \(notation.layer(l)), neuron \(notation.neuron(j))"
        case .cost: place = "cost"
        case let .delta(l, j): place = "backward · δ of layer \(notation.layer(l)), neuron \(notation.neuron(j))"
        case let .gradient(l, j): place = "gradients · into layer \(notation.layer(l)), neuron \(notation.neuron(j))"
        }
        return style.dim("[\(position)/\(total)] \(example)\(place)")
    }

    /// One line saying what a step computed.
    /// One step as cells — name, value, and for a forward step the activation's name and value —
    /// so a layer's steps line up in columns.
    func brief(_ step: Step) -> [String] {
        let t = trace
        func f(_ x: Double) -> String { NumberFormat.significant(x) }
        switch step {
        case let .forward(l, j):
            return [notation.name("z", layer: l, neuron: j) + " =", f(t.z[l][j]),
                    notation.name("a", layer: l, neuron: j) + " =", f(t.a[l][j])]
        case .cost:
            return ["C =", f(t.cost)]
        case let .delta(l, j):
            return [notation.name("δ", layer: l, neuron: j) + " =", f(t.delta[l][j])]
        case let .gradient(l, j):
            let b = Parameter.bias(layer: l - 1, j: j)
            let count = network.sizes[l - 1]
            return [notation.gradientName(of: b) + " =", f(t.gradient[b]),
                    "and \(count) weight gradient\(count == 1 ? "" : "s") a·δ"]
        }
    }

    /// Rows of cells in aligned columns: names left-aligned, values (odd columns) right-aligned.
    func alignedRows(_ rows: [[String]], indent: String = "  ") -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? visibleWidth($0[c]) : 0 }.max() ?? 0 }
        return rows.map { cells in
            var line = indent
            for (c, cell) in cells.enumerated() {
                if c > 0 { line += c % 2 == 0 ? "   " : " " }
                line += c == cells.count - 1 && c % 2 == 0 ? cell : pad(cell, widths[c], right: c % 2 == 1)
            }
            return line
        }
    }

    /// What the end of a pass means, said under its last step; in a batch, the end of one example's
    /// pass or, after the last, the batch's cost (two lines where one would pass 100 columns).
    func endOfPassNote() -> String {
        let m = batch.count
        func note(_ first: String, _ second: String) -> String {
            style.dim(visibleWidth(first + "; " + second) <= 100 ? first + "; " + second : first + "\n  " + second)
        }
        if m > 1 && !stepper.isFinished {
            let e = stepper.exampleIndex
            return note("example \(e + 1) of \(m) is done: every z, a, δ and gradient of its pass is known",
                        "`step` goes on to example \(e + 2)")
        }
        if m > 1, let whole = stepper.batchTrace {
            return note("the batch is complete: C = \(NumberFormat.significant(whole.cost)), \(batch.reduction.describe(count: m))' Cₓ",
                        "`grads` shows its gradient")
        }
        return style.dim("the pass is complete: every z, a, δ and gradient is known (`back` undoes a step, `reset` restarts)")
    }

    /// Takes steps up to the end of the pass of the example the next step belongs to.
    func stepToEndOfExample() {
        let e = stepper.nextExampleIndex
        while stepper.nextExampleIndex == e, takeStep() != nil {}
    }

    /// The watched values, one line each, or "" when nothing is watched.
    func watchLines() -> String {
        guard !watches.isEmpty else { return "" }
        let printer = ValuePrinter(session: self)
        let lines = watches.map { text -> String in
            do {
                let ref = try parser.parse(text)
                return style.dim("watch ") + printer.render(ref).replacingOccurrences(of: "\n", with: "\n      ")
            } catch {
                return style.dim("watch ") + text + ": " + String(describing: error)
            }
        }
        return "\n" + lines.joined(separator: "\n")
    }

    func stepCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        let n = try words.first.map { w throws(CommandError) in try Arguments.count(w, name: "step count", in: 1...1_000_000) } ?? 1
        guard words.count <= 1 else { throw CommandError("step takes at most one number", showUsage: true) }
        guard !stepper.isFinished else { return endOfPassNote() }
        var blocks: [String] = []
        for i in 0..<n {
            if i > 0, let next = stepper.next, let b = breakpointIndex(matching: next) {
                blocks.append(stoppedAt(next, breakpoint: b))
                break
            }
            guard let text = takeStep(), let step = stepper.last else { break }
            blocks.append(header(for: step, position: stepper.position) + "\n" + text)
            if stepper.isExampleFinished { blocks.append(endOfPassNote()) }
            if stepper.isFinished { break }
        }
        return blocks.joined(separator: "\n") + watchLines()
    }

    func nextCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        let n = try words.first.map { w throws(CommandError) in try Arguments.count(w, name: "layer count", in: 1...10_000) } ?? 1
        guard words.count <= 1 else { throw CommandError("next takes at most one number", showUsage: true) }
        guard !stepper.isFinished else { return endOfPassNote() }
        var blocks: [String] = []
        var taken = 0
        outer: for _ in 0..<n {
            guard let first = stepper.next else { break }
            var group: [Step] = []
            while let next = stepper.next, next.phase == first.phase, next.layer == first.layer {
                if taken > 0, let b = breakpointIndex(matching: next) {
                    if !group.isEmpty { blocks.append(describe(group)) }
                    blocks.append(stoppedAt(next, breakpoint: b))
                    break outer
                }
                _ = takeStep()
                if let s = stepper.last { group.append(s) }
                taken += 1
            }
            blocks.append(describe(group))
            // As `step` says it: the end of each example's pass in a batch, and of the whole pass.
            if stepper.isExampleFinished && (batch.count > 1 || stepper.isFinished) { blocks.append(endOfPassNote()) }
        }
        return blocks.joined(separator: "\n") + watchLines()
    }

    /// A group of steps: with their arithmetic when there are few, one line each otherwise.
    func describe(_ steps: [Step]) -> String {
        guard let first = steps.first else { return "" }
        let start = stepper.position - steps.count
        if steps.count <= 3 {
            return steps.enumerated().map { i, s in
                header(for: s, position: start + i + 1) + "\n" + renderer.render(s)
                    + (StepRenderer.biasUnitLayer(after: s, network: network, notation: notation).map { "\n" + renderer.biasUnitDelta(layer: $0) } ?? "")
            }.joined(separator: "\n")
        }
        let title = header(for: first, position: start + 1) + style.dim(" … [\(stepper.position)/\(stepper.stepCount)]")
        let shown = steps.count > 24 ? Array(steps.prefix(12)) + Array(steps.suffix(6)) : steps
        var lines = alignedRows(shown.map(brief))
        if steps.count > 24 { lines.insert(style.dim("  … \(steps.count - 18) more"), at: 12) }
        if let last = steps.last, let l = StepRenderer.biasUnitLayer(after: last, network: network, notation: notation) {
            lines.append("  " + renderer.biasUnitDeltaSummary(layer: l))
        }
        if steps.contains(where: { $0.phase >= .backward }), let marker = bugTableMarker { lines.append(marker) }
        return title + "\n" + lines.joined(separator: "\n") + style.dim("\n  (`explain` any of them for its arithmetic)")
    }

    func breakpointIndex(matching step: Step) -> Int? {
        breakpoints.firstIndex { $0.matches(step) }
    }

    /// "breakpoint 1: stopped before backward δ(3)1 — next: δ(3)1"; in a batch, which example's
    /// pass it stopped in (a breakpoint stops in each).
    func stoppedAt(_ step: Step, breakpoint: Int) -> String {
        let place = batch.count > 1 ? " in example \((stepper.nextExampleIndex ?? 0) + 1) of \(batch.count)" : ""
        let stop = style.warning("breakpoint \(breakpoint + 1)") + ": stopped before " + breakpoints[breakpoint].describe(notation) + place
        let next = "next: " + nextDescription(step)
        return visibleWidth(stop + " — " + next) <= 100 ? stop + style.dim(" — " + next) : stop + "\n" + style.dim("  " + next)
    }

    func nextDescription(_ step: Step) -> String {
        switch step {
        case let .forward(l, j): "\(notation.name("z", layer: l, neuron: j)) and \(notation.name("a", layer: l, neuron: j))"
        case .cost: "the cost C"
        case let .delta(l, j): notation.name("δ", layer: l, neuron: j)
        case let .gradient(l, j): "the gradients into \(notation.name("z", layer: l, neuron: j)) (∂C/∂b and ∂C/∂w)"
        }
    }

    /// `continue`: steps until a breakpoint's step is next or the pass is complete — in a batch,
    /// through every example's pass in turn (gdb's continue runs to a breakpoint or the end of the
    /// program; a breakpoint stops in each example's pass, as one in a loop stops on each turn).
    func continueCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("continue takes no arguments", showUsage: true) }
        guard !stepper.isFinished else { return endOfPassNote() }
        var steps: [Step] = []
        var stop: String?
        let (start, firstExample) = (stepper.position, stepper.nextExampleIndex ?? 0)
        while let next = stepper.next {
            if !steps.isEmpty, let b = breakpointIndex(matching: next) {
                stop = stoppedAt(next, breakpoint: b)
                break
            }
            _ = takeStep()
            if let s = stepper.last { steps.append(s) }
        }
        var text = "ran \(steps.count) step\(steps.count == 1 ? "" : "s")"
        let lastExample = stepper.exampleIndex
        if lastExample > firstExample {
            text += ", through examples \(firstExample + 1) to \(lastExample + 1) of \(batch.count)"
            for e in firstExample..<lastExample { text += "\n" + finishedExampleLine(e, from: start) }
            steps = Array(steps.suffix(stepper.position - lastExample * stepper.schedule.count))
        }
        if !steps.isEmpty { text += "\n" + describe(steps) }
        // Stopped before the first step of the next example: this one's pass is done.
        if stop != nil && stepper.isExampleFinished { text += "\n" + endOfPassNote() }
        text += "\n" + (stop ?? endOfPassNote())
        return text + watchLines()
    }

    /// One line for an example whose pass `continue` ran to its end and went past (from the step
    /// after `start`): the steps it took there, and the example's cost.
    private func finishedExampleLine(_ e: Int, from start: Int) -> String {
        let first = max(start, e * stepper.schedule.count) + 1, last = (e + 1) * stepper.schedule.count
        return style.dim("[\(first)–\(last)/\(stepper.stepCount)] example \(e + 1) of \(batch.count): its pass is done, ")
            + "Cₓ = \(NumberFormat.significant(stepper.traces[e].cost))"
    }

    func backCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        let n = try words.first.map { w throws(CommandError) in try Arguments.count(w, name: "step count", in: 1...1_000_000) } ?? 1
        guard words.count <= 1 else { throw CommandError("back takes at most one number", showUsage: true) }
        var undone: [Undone] = []
        for _ in 0..<n {
            guard let u = undoLatest() else { break }
            undone.append(u)
        }
        guard !undone.isEmpty else { return "already at the start of the pass: only the input is known" }
        return describeUndone(undone) + "\n" + style.dim("next: " + (stepper.next.map(nextDescription) ?? "nothing")) + watchLines()
    }

    /// "undid 2 steps: δ(3)1, a(4)1" or "undid descend with η = 0.5 …: every weight and bias is back".
    func describeUndone(_ undone: [Undone]) -> String {
        var lines: [String] = []
        var steps: [Step] = []
        func flushSteps() {
            guard !steps.isEmpty else { return }
            lines.append(undoneStepsLine(steps))
            steps = []
        }
        for u in undone {
            switch u {
            case let .step(s):
                steps.append(s)
            case let .change(kind):
                flushSteps()
                let what: String = if case let .set(p, _, _) = kind { notation.name(of: p) + " is" } else { "every weight and bias is" }
                lines.append("undid " + describe(kind) + ": " + what + " back as it was, bit for bit")
                lines.append(style.dim("  and the pass is back where it was: \(stepper.position) of \(stepper.stepCount) steps done"))
            }
        }
        flushSteps()
        return lines.joined(separator: "\n")
    }

    /// "undid 3 steps: δ(3)1, z(4)1 and a(4)1, the cost C": as many names as fit 100 columns (at
    /// most six), then how many more.
    private func undoneStepsLine(_ steps: [Step]) -> String {
        let names = steps.map(nextDescription)
        let head = "undid \(steps.count) step\(steps.count == 1 ? "" : "s"): "
        if names.count <= 6, visibleWidth(head + names.joined(separator: ", ")) <= 100 { return head + names.joined(separator: ", ") }
        for k in stride(from: min(5, names.count - 1), to: 0, by: -1) {
            let line = head + names.prefix(k).joined(separator: ", ") + ", … (\(names.count - k) more)"
            if visibleWidth(line) <= 100 { return line }
        }
        return head + names[0] + (names.count > 1 ? ", … (\(names.count - 1) more)" : "")
    }

    /// `reverse-continue`: undoes steps until the cursor is just before a breakpoint's step, or at
    /// the start of the pass (gdb's reverse-continue). It never undoes a change to the network.
    func reverseContinueCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard arguments.positional.isEmpty else { throw CommandError("reverse-continue takes no arguments", showUsage: true) }
        guard stepper.position > 0 else {
            let before = undoHistory.latest.map { " (`back` would undo " + describe($0.kind) + ")" } ?? ""
            return "already at the start of the pass: only the input is known" + before
        }
        var undone: [Undone] = []
        var stop: String?
        while stepper.position > 0, let s = undoStep() {
            undone.append(.step(s))
            if let next = stepper.next, let b = breakpointIndex(matching: next) {
                stop = stoppedAt(next, breakpoint: b)
                break
            }
        }
        let end = stop ?? ("back at the start of the pass" + (undoHistory.latest.map { "; `back` would undo " + describe($0.kind) } ?? ""))
        return describeUndone(undone) + "\n" + end + watchLines()
    }

    func resetCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("reset takes no arguments", showUsage: true) }
        rewind()
        return "back at the start: only the input is known\n" + style.dim("next: " + (stepper.next.map(nextDescription) ?? "nothing"))
    }

    func whereCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("where takes no arguments", showUsage: true) }
        var lines = [
            "network  \(networkName) (\(network.shapeDescription))",
        ]
        if let changes = changesSummary() { lines.append("changed  " + style.warning(changes)) }
        lines += [
            "notation \(notation.rawValue): \(notation.title)",
            exampleLine(),
            "cursor   \(stepper.position) of \(stepper.stepCount) steps done" + (stepper.last.map { ", last: " + nextDescription($0) } ?? ""),
        ]
        if let next = stepper.next {
            lines.append("next     " + nextDescription(next) + " (\(next.phase.rawValue) phase)")
        } else {
            lines.append("next     nothing: the pass is complete")
        }
        lines.append("back     " + (nextUndo.map { "would undo " + $0 } ?? "has nothing to undo"))
        if !breakpoints.isEmpty { lines.append("breaks   " + breakpoints.enumerated().map { "\($0 + 1): \($1.describe(notation))" }.joined(separator: "; ")) }
        if !watches.isEmpty { lines.append("watching " + watches.joined(separator: ", ")) }
        if let bug { lines.append("bug      " + style.warning(bug.rawValue) + " planted in the backward pass (`bug off` removes it)") }
        return lines.joined(separator: "\n")
    }

    /// `where`'s example line; in a batch, which example of how many, the values on a line of their
    /// own when one line would pass 100 columns.
    private func exampleLine() -> String {
        guard batch.count > 1 else { return "example  " + exampleDescription() }
        let place = "example  \(stepper.exampleIndex + 1) of a batch of \(batch.count) (\(batch.reduction.describe(count: batch.count))):"
        let values = exampleDescription()
        return visibleWidth(place + " " + values) <= 100 ? place + " " + values : place + "\n         " + values
    }

    func exampleDescription() -> String { describe(example) }

    /// "x = (0.05, 0.1), y = (1)", with a count instead of values past 12, and the label if any.
    func describe(_ example: Example) -> String {
        func vector(_ v: [Double]) -> String {
            if v.count > 12 { return "\(v.count) values" }
            return "(" + v.map { NumberFormat.significant($0) }.joined(separator: ", ") + ")"
        }
        var text = "x = \(vector(example.input)), y = \(vector(example.target))"
        if let label = example.label { text += ", label \(label)" }
        return text
    }

    func forwardCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("forward takes no arguments", showUsage: true) }
        var ran = 0
        while let next = stepper.next, next.phase == .forward {
            _ = takeStep()
            ran += 1
        }
        let note = ran == 0 ? style.dim("(the forward pass was already complete)\n") : ""
        return exampleHeading() + note + PassTables(session: self).forward() + watchLines()
    }

    /// In a batch, the example whose values the tables show: "example 2 of 3: x = …, y = …".
    private func exampleHeading() -> String {
        guard batch.count > 1 else { return "" }
        return style.bold("example \(stepper.exampleIndex + 1) of \(batch.count)") + ": " + exampleDescription() + "\n"
    }

    func backwardCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.isEmpty else { throw CommandError("backward takes no arguments", showUsage: true) }
        let forwardDone = !(stepper.next?.phase == .forward), batchDone = stepper.isFinished
        // Like gdb's `finish`, it ends the pass it is in: in a batch, one example's (the next
        // example's when the cursor is at the end of one). `continue` runs every example's.
        stepToEndOfExample()
        var note = forwardDone ? "" : style.dim("(ran the forward pass first: backprop needs every z and a)\n")
        if batchDone && batch.count > 1 {
            note = style.dim("(every example's pass was already done: these are the last example's values)\n")
        }
        return exampleHeading() + note + PassTables(session: self).backward() + "\n\n" + costLine() + watchLines()
    }

    /// "cost C = 0.601329"; in a batch, the example's cost and, once every pass is done, the batch's.
    private func costLine() -> String {
        let c = NumberFormat.significant(trace.cost)
        guard batch.count > 1 else { return style.bold("cost") + " C = \(c)" }
        var line = style.bold("cost") + " of example \(stepper.exampleIndex + 1) of \(batch.count): Cₓ = \(c)"
        if let whole = stepper.batchTrace {
            line += "; of the batch (\(batch.reduction.describe(count: batch.count))): C = \(NumberFormat.significant(whole.cost))"
        } else {
            let e = stepper.exampleIndex + 1
            line += "\n" + style.dim("example \(e) of \(batch.count) is done; `backward` again for example \(e + 1), "
                                     + "`continue` for every example left")
        }
        return line
    }

    func costCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        var switched = ""
        if let name = words.first {
            guard words.count == 1, let cost = Cost(rawValue: name.lowercased()) else {
                throw CommandError("unknown cost '\(words.joined(separator: " "))'; choose " + Cost.allCases.map(\.rawValue).joined(separator: ", "), showUsage: true)
            }
            let changed: Network
            do { changed = try network.with(cost: cost) } catch {
                throw CommandError(pairingMessage(error) + pairingHint(error, changingCost: true))
            }
            try checkTargets(example.target, for: cost)
            let image = imageIndex
            do { try replace(network: changed, name: networkName, batch: batch, keepingChanges: true) } catch {
                throw CommandError(error.description)
            }
            imageIndex = image
            switched = "cost is now \(cost.rawValue): \(cost.formula); the pass starts again\n"
        }
        var ran = 0
        while let next = stepper.next, next.phase == .forward {
            _ = takeStep()
            ran += 1
        }
        if stepper.next == .cost { _ = takeStep() }
        let note = ran > 0 ? style.dim("(computed the rest of the forward pass first: \(ran) step\(ran == 1 ? "" : "s"))\n") : ""
        return switched + note + style.dim(network.cost.rawValue + " cost") + "\n" + renderer.cost()
    }

    func breakCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        if words.isEmpty {
            guard !breakpoints.isEmpty else { return "no breakpoints; e.g. `break backward \(notation.layer(1))` or `break δ(\(notation.layer(1)))\(notation.neuron(0))`" }
            return breakpoints.enumerated().map { "\($0 + 1): \($1.describe(notation))" }.joined(separator: "\n")
        }
        let b = try parseBreakpoint(words)
        guard !breakpoints.contains(b) else { return "breakpoint already set: \(b.describe(notation))" }
        breakpoints.append(b)
        return "breakpoint \(breakpoints.count): \(b.describe(notation))"
    }

    private func parseBreakpoint(_ words: [String]) throws(CommandError) -> Breakpoint {
        var rest = words
        var direction: Breakpoint.Direction?
        if let d = Breakpoint.Direction(rawValue: rest[0].lowercased()) {
            direction = d
            rest.removeFirst()
        }
        if direction == nil, rest.count == 1, Int(rest[0]) == nil {
            // An expression: z(2)1, a(3), δ(2), delta(3)1.
            let ref: ValueReference
            do { ref = try parser.parse(rest[0]) } catch { throw CommandError(error.description, showUsage: true) }
            switch ref {
            case let .z(l?, j), let .a(l?, j):
                guard l >= 1 else { throw CommandError("the input layer is never computed, so a breakpoint there would never stop", showUsage: true) }
                return Breakpoint(direction: .forward, layer: l, neuron: j)
            case let .delta(l?, j):
                return Breakpoint(direction: .backward, layer: l, neuron: j)
            default:
                throw CommandError("break takes a layer or a neuron's z, a or δ, like z(2)1 or δ(3)", showUsage: true)
            }
        }
        guard !rest.isEmpty, rest.count <= 2 else { throw CommandError("break takes a layer and optionally a neuron", showUsage: true) }
        let shownLayer = try Arguments.count(rest[0], name: "layer", in: notation.layer(1)...notation.layer(network.outputLayer))
        let l = notation == .ng ? shownLayer - 1 : shownLayer
        var j: Int?
        if rest.count == 2 {
            let shown = try Arguments.count(rest[1], name: "neuron", in: notation.neuron(0)...notation.neuron(network.sizes[l] - 1))
            j = notation == .ng ? shown - 1 : shown
        }
        return Breakpoint(direction: direction ?? .forward, layer: l, neuron: j)
    }

    func deleteCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.count == 1 else { throw CommandError("delete takes a breakpoint number or 'all'", showUsage: true) }
        if words[0].lowercased() == "all" {
            let n = breakpoints.count
            breakpoints.removeAll()
            return "deleted \(n) breakpoint\(n == 1 ? "" : "s")"
        }
        guard !breakpoints.isEmpty else { throw CommandError("there are no breakpoints to delete") }
        let i = try Arguments.count(words[0], name: "breakpoint", in: 1...breakpoints.count)
        let removed = breakpoints.remove(at: i - 1)
        return "deleted breakpoint \(i): \(removed.describe(notation))"
    }
}
