import BackpropCore

/// `draw` on a small network: the network left to right as Ng draws it — layers as columns of
/// units, Ng's bias unit (+1) on top of each layer but the last, each unit with its z, a and δ as
/// far as the pass has computed them (· where not yet), and the output units with their target y.
///
/// Each pair of layers is joined by a bus: every unit's line runs into it and one leaves it for
/// every unit of the next layer (fully connected: each to each). The last step is drawn heavy, as
/// Ng colours the edges that feed one sum: a forward step's unit and the edges into it, labelled
/// with their weights (a gradient step: with their gradients ∂C/∂θ = a·δ); a δ step's unit and the
/// edges it sends to the next layer's δs, labelled with their weights, arrows pointing back. In
/// colour each labelled edge has its own colour, the same as its term in the line under the picture.
///
/// Any network of at most 4 layers of at most 4 units fits in 98 columns.
struct NetworkDiagram {
    let session: Session
    /// A unit `draw NEURON` named (engine indices): drawn with the edges into it, whatever the last step.
    var chosen: (layer: Int, neuron: Int)?

    static let boxWidth = 14
    /// The width of a value in a box: "−0.45192".
    static let valueWidth = 8
    static let gapWidth = 14
    /// Where the bus runs in a gap, from its left edge: right of the labels going forward, left of
    /// them going back.
    static let forwardBus = 9
    static let backwardBus = 4
    /// The colours of the labelled edges, one per term of the sum in order (never the blue and red
    /// that mean positive and negative elsewhere).
    static let edgeColours = ["35", "36", "33", "32", "95"]
    static let highlight = "1;97"

    /// Whether `network` is drawn this way (else `draw` shows another picture or the summary).
    static func fits(_ network: Network) -> Bool {
        network.sizes.count <= 4 && network.sizes.allSatisfy { $0 <= 4 }
    }

    private var network: Network { session.network }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private var trace: Trace { session.trace }
    private var stepper: Stepper { session.stepper }
    private var L: Int { network.outputLayer }

    /// One box of the picture: a unit, a bias unit or the cost.
    struct Box {
        enum Kind: Equatable { case bias, unit(Int), cost }
        let kind: Kind
        let x: Int, y: Int, height: Int
    }

    /// What the last step computed, which the picture draws heavy.
    enum Focus: Equatable {
        case none, cost
        /// Forward (z, a) or gradient step into unit `neuron` of `layer`: the edges into it.
        case into(layer: Int, neuron: Int, gradient: Bool)
        /// δ step of unit `neuron` of `layer`: the edges out of it, to the next layer's δs.
        case delta(layer: Int, neuron: Int)
    }

    var focus: Focus {
        if let chosen { return chosen.layer == 0 ? .none : .into(layer: chosen.layer, neuron: chosen.neuron, gradient: false) }
        return switch stepper.last {
        case nil: .none
        case .cost: .cost
        case let .forward(l, j)?: .into(layer: l, neuron: j, gradient: false)
        case let .gradient(l, j)?: .into(layer: l, neuron: j, gradient: true)
        case let .delta(l, j)?: .delta(layer: l, neuron: j)
        }
    }

    /// Going back (a δ was the last step): lines attach to the δ rows and arrows point left.
    private var backward: Bool { if case .delta = focus { true } else { false } }

    /// The boxes of each layer, top to bottom, placed in their columns and centred vertically.
    func layout() -> (boxes: [[Box]], height: Int) {
        var kinds: [[(Box.Kind, Int)]] = []
        for l in 0...L {
            var column: [(Box.Kind, Int)] = []
            if notation == .ng && l < L { column.append((.bias, 3)) }
            for j in 0..<network.sizes[l] { column.append((.unit(j), l == L ? 6 : 5)) }
            if l == L { column.append((.cost, 3)) }
            kinds.append(column)
        }
        let heights = kinds.map { $0.reduce(0) { $0 + $1.1 } + $0.count - 1 }
        let tallest = heights.max() ?? 0
        let boxes = kinds.enumerated().map { l, column -> [Box] in
            var y = 1 + (tallest - heights[l]) / 2
            return column.map { kind, h in
                defer { y += h + 1 }
                return Box(kind: kind, x: l * (Self.boxWidth + Self.gapWidth), y: y, height: h)
            }
        }
        return (boxes, tallest + 1)
    }

    /// The row a box's line attaches to: a bias unit's "+1", a unit's a going forward (its z
    /// receiving), its δ going back.
    private func attachRow(_ box: Box, sending: Bool) -> Int {
        switch box.kind {
        case .bias, .cost: box.y + 1
        case .unit: box.y + (backward ? 3 : (sending ? 2 : 1))
        }
    }

    func render() -> String {
        let (boxes, height) = layout()
        let width = L * (Self.boxWidth + Self.gapWidth) + Self.boxWidth
        var canvas = TextCanvas(width: width, height: height)
        for l in 0...L {
            let role = l == 0 ? "input" : (l == L ? "output" : "hidden")
            let title = "layer \(notation.layer(l)) \(role)"
            canvas.put(title, x: l * (Self.boxWidth + Self.gapWidth) + (Self.boxWidth - title.count) / 2, y: 0, code: "1")
        }
        for l in 0...L { for box in boxes[l] { drawBox(box, layer: l, on: &canvas) } }
        for l in 0..<L { drawGap(after: l, boxes: boxes, on: &canvas) }
        var lines = canvas.render(style: style)
        lines += caption()
        return lines.joined(separator: "\n")
    }

    // MARK: Boxes

    private func isFocus(_ box: Box, layer l: Int) -> Bool {
        switch (focus, box.kind) {
        case (.cost, .cost): true
        case let (.into(fl, fj, _), .unit(j)), let (.delta(fl, fj), .unit(j)): fl == l && fj == j
        default: false
        }
    }

    /// "0.59327" in at most `width` characters: fewer significant digits until it fits.
    static func fitted(_ x: Double, _ width: Int, digits: Int = 6) -> String {
        var d = digits
        var text = NumberFormat.significant(x, d)
        while text.count > width && d > 1 {
            d -= 1
            text = NumberFormat.significant(x, d)
        }
        return text
    }

    private func drawBox(_ box: Box, layer l: Int, on canvas: inout TextCanvas) {
        let w = Self.boxWidth
        let heavy = isFocus(box, layer: l)
        let weight: TextCanvas.Weight = heavy ? .heavy : .light
        let code = heavy ? Self.highlight : ""
        let right = box.x + w - 1, bottom = box.y + box.height - 1
        canvas.horizontal(from: box.x, to: right, y: box.y, weight, code: code)
        canvas.horizontal(from: box.x, to: right, y: bottom, weight, code: code)
        canvas.vertical(x: box.x, from: box.y, to: bottom, weight, code: code)
        canvas.vertical(x: right, from: box.y, to: bottom, weight, code: code)
        func row(_ r: Int, _ label: String, _ value: String?, code valueCode: String = "") {
            canvas.put(" " + label, x: box.x + 1, y: box.y + r)
            let text = value ?? "·"
            let shown = String(repeating: " ", count: max(0, Self.valueWidth - text.count)) + text
            canvas.put(shown, x: box.x + 4, y: box.y + r, code: value == nil ? "2" : valueCode)
        }
        switch box.kind {
        case .bias:
            canvas.put(" +1", x: box.x + 1, y: box.y + 1, code: "1")
            canvas.put("bias", x: box.x + w - 6, y: box.y + 1, code: "2")
        case .cost:
            canvas.put(" cost ", x: box.x + 2, y: box.y, code: code)
            row(1, "C", stepper.isComputed(.cost) ? Self.fitted(trace.cost, Self.valueWidth) : nil, code: heavy ? Self.highlight : "")
        case let .unit(j):
            canvas.put(" " + notation.name("a", layer: l, neuron: j) + " ", x: box.x + 2, y: box.y, code: heavy ? Self.highlight : "1")
            if l == 0 {
                canvas.put(" x\(notation.neuron(j))", x: box.x + 1, y: box.y + 1)
                canvas.put("input", x: box.x + w - 7, y: box.y + 1, code: "2")
                row(2, "a", Self.fitted(trace.a[0][j], Self.valueWidth))
                return
            }
            let known = stepper.isComputed(.forward(layer: l, neuron: j))
            row(1, "z", known ? Self.fitted(trace.z[l][j], Self.valueWidth) : nil)
            row(2, "a", known ? Self.fitted(trace.a[l][j], Self.valueWidth) : nil)
            row(3, "δ", stepper.isComputed(.delta(layer: l, neuron: j)) ? Self.fitted(trace.delta[l][j], Self.valueWidth) : nil)
            if l == L { row(4, "y", Self.fitted(trace.example.target[j], Self.valueWidth)) }
        }
    }

    // MARK: Lines between layers

    /// The label of the line from `source` into unit `j` of layer `l + 1` (forward), or of the
    /// line from unit `j` of layer `l` to unit `source` of layer `l + 1` (backward), if it is drawn heavy.
    private func label(gap l: Int, source: Box.Kind, target: Int, gradient: Bool) -> String {
        let value: Double
        switch source {
        case .bias: value = gradient ? trace.gradient.biases[l][target] : network.biases[l][target]
        case let .unit(k): value = gradient ? trace.gradient.weights[l][target, k] : network.weights[l][target, k]
        case .cost: return ""
        }
        return Self.fitted(value, 7, digits: 3)
    }

    private func drawGap(after l: Int, boxes: [[Box]], on canvas: inout TextCanvas) {
        let gx = l * (Self.boxWidth + Self.gapWidth) + Self.boxWidth
        let bus = gx + (backward ? Self.backwardBus : Self.forwardBus)
        let sources = boxes[l].filter { $0.kind != .cost && (!backward || $0.kind != .bias) }
        let targets = boxes[l + 1].filter { if case .unit = $0.kind { true } else { false } }
        // Which lines are heavy: forward, every line into the focused unit; back, the focused unit's
        // own line and every line from the next layer.
        var heavyTarget: Int?, heavySource: Int?, gradient = false
        switch focus {
        case let .into(fl, fj, g) where fl == l + 1: (heavyTarget, gradient) = (fj, g)
        case let .delta(fl, fj) where fl == l && fl < L: heavySource = fj
        default: break
        }
        let gapIsHeavy = heavyTarget != nil || heavySource != nil
        func unitIndex(_ b: Box) -> Int? { if case let .unit(j) = b.kind { j } else { nil } }

        var rows: [Int] = [], heavyRows: [Int] = []
        for (i, box) in sources.enumerated() {
            let y = attachRow(box, sending: true)
            rows.append(y)
            let heavy = heavyTarget != nil || (heavySource != nil && unitIndex(box) == heavySource)
            if heavy { heavyRows.append(y) }
            let code = heavy ? (backward ? Self.highlight : Self.edgeColours[i % Self.edgeColours.count]) : "2"
            if backward {
                canvas.horizontal(from: gx, to: bus, y: y, heavy ? .heavy : .light, code: code)
                canvas.put(heavy ? "◀" : "◁", x: gx, y: y, code: code)
            } else {
                canvas.horizontal(from: gx - 1, to: bus, y: y, heavy ? .heavy : .light, code: code)
                if heavy, let target = heavyTarget {
                    canvas.put(label(gap: l, source: box.kind, target: target, gradient: gradient), x: gx + 1, y: y, code: code)
                }
            }
        }
        for (i, box) in targets.enumerated() {
            let y = attachRow(box, sending: false)
            rows.append(y)
            let j = unitIndex(box)
            let heavy = (heavyTarget != nil && j == heavyTarget) || heavySource != nil
            if heavy { heavyRows.append(y) }
            let code = heavy ? (backward ? Self.edgeColours[i % Self.edgeColours.count] : Self.highlight) : "2"
            if backward {
                canvas.horizontal(from: bus, to: gx + Self.gapWidth, y: y, heavy ? .heavy : .light, code: code)
                if heavy, let source = heavySource, let j {
                    canvas.put(label(gap: l, source: .unit(source), target: j, gradient: false), x: bus + 2, y: y, code: code)
                }
            } else {
                canvas.horizontal(from: bus, to: gx + Self.gapWidth - 1, y: y, heavy ? .heavy : .light, code: code)
                canvas.put(heavy ? "▶" : "▷", x: gx + Self.gapWidth - 1, y: y, code: code)
            }
        }
        if let top = rows.min(), let bottom = rows.max() {
            canvas.vertical(x: bus, from: top, to: bottom, .light, code: "2")
        }
        if gapIsHeavy, let top = heavyRows.min(), let bottom = heavyRows.max() {
            canvas.vertical(x: bus, from: top, to: bottom, .heavy, code: Self.highlight)
        }
    }

    // MARK: The line under the picture

    /// The last step's formula with its terms in the colours of their edges, what comes next, and
    /// (the first time in a session) what the heavy lines mean.
    private func caption() -> [String] {
        var lines = [""]
        let a = { (l: Int, k: Int) in notation.name("a", layer: l, neuron: k) }
        func coloured(_ text: String, _ i: Int) -> String { style.wrap(text, Self.edgeColours[i % Self.edgeColours.count]) }
        switch focus {
        case .none:
            lines.append("nothing computed yet: only the input is known")
        case .cost:
            lines.append("last step: the cost " + style.result("C = " + NumberFormat.significant(trace.cost))
                         + " (\(network.cost.rawValue), from a(\(notation.layer(L))) and y)")
        case let .into(l, j, false):
            let g = network.activation(layer: l).symbol
            var terms: [String] = []
            let bias = notation.name(of: .bias(layer: l - 1, j: j))
            terms.append(coloured(notation == .ng ? bias + "·1" : bias, 0))
            for k in 0..<network.sizes[l - 1] {
                terms.append(coloured(notation.name(of: .weight(layer: l - 1, j: j, k: k)) + "·" + a(l - 1, k), notation == .ng ? k + 1 : k))
            }
            // A unit named with `draw NEURON` is not the last step: say which it is, and whether
            // the pass has computed it yet (its formula then without numbers).
            let head = chosen == nil ? "last step: " : a(l, j) + ": "
            let z = notation.name("z", layer: l, neuron: j)
            guard stepper.isComputed(.forward(layer: l, neuron: j)) else {
                lines.append(head + "not computed yet; " + z + " = " + terms.joined(separator: " + "))
                break
            }
            lines.append(head + z + " = " + terms.joined(separator: " + "))
            lines.append(String(repeating: " ", count: head.count + z.count) + " = "
                         + style.result(NumberFormat.significant(trace.z[l][j])) + ", and " + a(l, j)
                         + " = " + g + "(" + z + ") = " + style.result(NumberFormat.significant(trace.a[l][j])))
        case let .into(l, j, true):
            let d = notation.name("δ", layer: l, neuron: j)
            lines.append("last step: the gradients into " + notation.name("z", layer: l, neuron: j) + ": ∂C/∂" + notation.name(of: .bias(layer: l - 1, j: j)) + " = " + d
                         + " = " + style.result(NumberFormat.significant(trace.delta[l][j])) + ", and on each edge a·" + d)
        case let .delta(l, j) where l == L:
            lines.append("last step: " + notation.name("δ", layer: l, neuron: j) + " = ∂C/∂" + notation.name("z", layer: l, neuron: j)
                         + " = " + style.result(NumberFormat.significant(trace.delta[l][j])) + style.dim("   (`explain` shows its arithmetic)"))
        case let .delta(l, j):
            let slope = network.activation(layer: l).symbol + "′(" + notation.name("z", layer: l, neuron: j) + ")"
            let terms = (0..<network.sizes[l + 1]).map { i in
                coloured(notation.name(of: .weight(layer: l, j: i, k: j)) + "·" + notation.name("δ", layer: l + 1, neuron: i), i)
            }
            lines.append("last step: " + notation.name("δ", layer: l, neuron: j) + " = (" + terms.joined(separator: " + ") + ")·" + slope)
            lines.append("           " + String(repeating: " ", count: notation.name("δ", layer: l, neuron: j).count) + " = "
                         + style.result(NumberFormat.significant(trace.delta[l][j])))
        }
        lines.append(style.dim("next: " + (stepper.next.map(session.nextDescription) ?? "nothing, the pass is complete")))
        if (1...L).contains(where: { stepper.isComputed(.delta(layer: $0, neuron: 0)) }), let marker = session.bugTableMarker {
            lines.append(marker)
        }
        if let legend = session.legendOnce("diagram", legendText) { lines.append(legend) }
        return lines
    }

    private var legendText: String {
        let heavy = chosen != nil ? "heavy: the unit named, and the edges into it with their weights"
            : (backward ? "heavy: the last δ, and the weights its error came back along" : "heavy: the last step, and the edges into it with their weights")
            + (style.enabled ? " (each edge in the colour of its term)" : "")
        // With colour the line would pass 100 columns: the dot's meaning then gets its own.
        return heavy + (visibleWidth(heavy + "; · not computed yet") <= 100 ? "; " : "\n") + "· not computed yet"
    }
}
