import BackpropCore

/// `draw` on a network whose input is an image (MNIST's 784-16-16-10) as 3Blue1Brown draws it:
/// the input digit, then each layer as a column of cells shaded by activation with the value beside
/// each, the label and the guess marked on the output; once the backward pass has reached a neuron,
/// its nudge −∂C/∂a as ↑ or ↓ with a bar for its size (relative to the largest in its layer).
/// `draw NEURON` adds the strongest connections into one neuron (largest |w·a|, what moves its z
/// most), labelled with their weights and, in colour, coloured by sign.
///
/// Every value shown is the stepper's: what the pass has not computed yet is "·".
struct MNISTDiagram {
    let session: Session
    /// The neuron `draw NEURON` named (engine indices), or nil.
    var focus: (layer: Int, neuron: Int)?
    /// How many connections into the focused neuron are drawn.
    var connections = 5

    static let columnWidth = 13
    static let gap = 3
    static let fanGap = 9

    /// Whether `network` is drawn this way: an image input and at most three more layers of at most 16.
    static func fits(_ network: Network) -> Bool {
        ImageShape.of(network) != nil && network.sizes.count <= 4 && network.sizes.dropFirst().allSatisfy { $0 <= 16 }
    }

    private var network: Network { session.network }
    private var notation: Notation { session.notation }
    private var style: Style { session.style }
    private var trace: Trace { session.trace }
    private var stepper: Stepper { session.stepper }
    private var L: Int { network.outputLayer }

    /// The shade of an activation from 0 to 1 in five steps: 0 for [0, 0.2), … 4 for [0.8, 1].
    static func shadeLevel(_ a: Double) -> Int {
        guard a.isFinite else { return 0 }
        return min(4, max(0, Int(a * 5)))
    }
    static let shades = [" ", "░", "▒", "▓", "█"]
    /// The bar beside a nudge: its size over the largest in the layer, in eighths (1 … 8).
    static let sizes = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static func sizeLevel(_ magnitude: Double, largest: Double) -> Int {
        guard largest > 0, magnitude.isFinite else { return 0 }
        return min(7, max(0, Int((magnitude / largest * 8).rounded(.up)) - 1))
    }

    /// The left edge of each layer's column (layer 0 is the picture).
    func columnStarts() -> [Int] {
        let pictureWidth = (ImageShape.of(network)?.columns ?? 28) + 2
        var starts = [0]
        var x = pictureWidth
        for l in 1...L {
            x += focus?.layer == l && l >= 2 ? Self.fanGap : Self.gap
            starts.append(x)
            x += Self.columnWidth
        }
        return starts
    }

    /// The row of neuron `j` of layer `l`: the 16 rows of the picture, a shorter layer centred.
    func row(layer l: Int, neuron j: Int) -> Int {
        let height = (ImageShape.of(network)?.rows ?? 28) / 2 + 2
        return 1 + (height - network.sizes[l]) / 2 + j
    }

    func render() -> String {
        guard let shape = ImageShape.of(network) else { return "" }
        let starts = columnStarts()
        let height = shape.rows / 2 + 3
        let width = starts[L] + Self.columnWidth + 16
        var canvas = TextCanvas(width: width, height: height)
        canvas.put("x (\(shape.rows)×\(shape.columns))", x: 1, y: 0, code: "1")
        drawPicture(shape, on: &canvas)
        for l in 1...L {
            canvas.put(notation.name("a", layer: l), x: starts[l] + 3, y: 0, code: "1")
            drawColumn(l, x: starts[l], on: &canvas)
        }
        drawOutputMarks(x: starts[L] + Self.columnWidth, on: &canvas)
        if let focus, focus.layer >= 2 { drawConnections(into: focus, starts: starts, on: &canvas) }
        var lines = [heading()] + canvas.render(style: style)
        lines += caption()
        return lines.joined(separator: "\n")
    }

    private func heading() -> String {
        let example = session.example
        var text = session.imageIndex.map { "image \($0)" } ?? "the example"
        if let label = example.label { text += " (label \(label))" }
        let output = (0..<network.sizes[L]).allSatisfy { stepper.isComputed(.forward(layer: L, neuron: $0)) }
        if output {
            let guess = Network.argmax(trace.a[L])
            text += " through \(session.networkName): guess \(guess)"
            if let label = example.label { text += label == guess ? " — right" : " — wrong" }
        } else {
            text += " through \(session.networkName)"
        }
        return style.bold(text)
    }

    /// The input, two pixel rows a line, from the trace's a(0) (x as the network sees it, 0 to 1).
    private func drawPicture(_ shape: ImageShape, on canvas: inout TextCanvas) {
        let x = trace.a[0]
        func pixel(_ r: Int, _ c: Int) -> UInt8 {
            guard r < shape.rows else { return 0 }
            let v = x[r * shape.columns + c]
            return UInt8(max(0, min(255, (v * 255).rounded())))
        }
        let top = 1, bottom = top + shape.rows / 2 + 1
        canvas.horizontal(from: 0, to: shape.columns + 1, y: top, .light)
        canvas.horizontal(from: 0, to: shape.columns + 1, y: bottom, .light)
        canvas.vertical(x: 0, from: top, to: bottom, .light)
        canvas.vertical(x: shape.columns + 1, from: top, to: bottom, .light)
        for r in stride(from: 0, to: shape.rows, by: 2) {
            for c in 0..<shape.columns {
                let (text, code) = Self.split(style.halfBlock(upper: pixel(r, c), lower: pixel(r + 1, c)))
                canvas.put(text, x: c + 1, y: top + 1 + r / 2, code: code)
            }
        }
        // The pixels of the strongest connections into a focused first-layer neuron, by the sign of their weight.
        if let focus, focus.layer == 1 {
            for k in strongest(into: focus) {
                let w = network.weights[0][focus.neuron, k]
                canvas.put(w < 0 ? "−" : "+", x: k % shape.columns + 1, y: top + 1 + k / shape.columns / 2, code: w < 0 ? "1;31" : "1;34")
            }
        }
    }

    /// A styled cell's text and its escape code ("" for plain text).
    static func split(_ cell: String) -> (String, String) {
        guard cell.hasPrefix("\u{1B}["), let m = cell.firstIndex(of: "m") else { return (cell, "") }
        let code = String(cell[cell.index(cell.startIndex, offsetBy: 2)..<m])
        var text = String(cell[cell.index(after: m)...])
        if let end = text.range(of: "\u{1B}[0m") { text = String(text[..<end.lowerBound]) }
        return (text, code)
    }

    /// One layer: index, shaded cell, value, and the nudge once the backward pass reached the neuron.
    private func drawColumn(_ l: Int, x: Int, on canvas: inout TextCanvas) {
        let n = network.sizes[l]
        let nudges = (0..<n).map { -trace.activationGradient[l][$0] }
        let known = (0..<n).map { stepper.isComputed(.delta(layer: l, neuron: $0)) }
        let largest = (0..<n).filter { known[$0] }.map { abs(nudges[$0]) }.max() ?? 0
        for j in 0..<n {
            let y = row(layer: l, neuron: j)
            let focused = focus.map { $0.layer == l && $0.neuron == j } ?? false
            let index = String(notation.neuron(j))
            canvas.put(String(repeating: " ", count: max(0, 2 - index.count)) + index, x: x, y: y, code: focused ? "1;7" : "2")
            guard stepper.isComputed(.forward(layer: l, neuron: j)) else {
                canvas.put("··", x: x + 3, y: y, code: "2")
                continue
            }
            let a = trace.a[l][j]
            canvas.put(Self.swatch(a, style: style).text, x: x + 3, y: y, code: Self.swatch(a, style: style).code)
            canvas.put(Self.value(a), x: x + 6, y: y, code: focused ? "1" : "")
            if known[j] {
                let v = nudges[j]
                let arrow = v > 0 ? "↑" : (v < 0 ? "↓" : "·")
                let bar = v == 0 ? "" : Self.sizes[Self.sizeLevel(abs(v), largest: largest)]
                canvas.put(arrow + bar, x: x + 11, y: y, code: v > 0 ? "34" : (v < 0 ? "31" : "2"))
            }
        }
    }

    /// Two cells shaded by an activation from 0 to 1: shade characters without colour, a grey
    /// background (black 0 to white 1) with colour.
    static func swatch(_ a: Double, style: Style) -> (text: String, code: String) {
        guard style.enabled else { return (String(repeating: shades[shadeLevel(a)], count: 2), "") }
        let clamped = a.isFinite ? min(1, max(0, a)) : 0
        return ("  ", "48;5;\(232 + Int((clamped * 23).rounded()))")
    }

    /// "0.93": two decimals for an activation from 0 to 10, else the fewest digits that fit 4 columns.
    static func value(_ a: Double) -> String {
        if a >= 0 && a < 9.995 { return NumberFormat.printf("%.2f", a) }
        return NetworkDiagram.fitted(a, 4, digits: 3)
    }

    private func drawOutputMarks(x: Int, on canvas: inout TextCanvas) {
        let computed = (0..<network.sizes[L]).allSatisfy { stepper.isComputed(.forward(layer: L, neuron: $0)) }
        let label = session.example.label
        let guess = computed ? Network.argmax(trace.a[L]) : nil
        for j in 0..<network.sizes[L] {
            var marks: [String] = []
            if j == label { marks.append("label") }
            if j == guess { marks.append("guess") }
            guard !marks.isEmpty else { continue }
            canvas.put(" ← " + marks.joined(separator: ", "), x: x, y: row(layer: L, neuron: j), code: j == guess ? "1" : "")
        }
    }

    /// The previous layer's neurons with the largest |w·a| into the focused one (|w| while the
    /// previous layer is not computed yet), largest first.
    func strongest(into focus: (layer: Int, neuron: Int)) -> [Int] {
        let l = focus.layer, j = focus.neuron
        let w = network.weights[l - 1]
        let previousKnown = l == 1 || (0..<network.sizes[l - 1]).allSatisfy { stepper.isComputed(.forward(layer: l - 1, neuron: $0)) }
        let strength = (0..<network.sizes[l - 1]).map { k in abs(w[j, k] * (previousKnown ? trace.a[l - 1][k] : 1)) }
        let order = strength.indices.sorted { strength[$0] != strength[$1] ? strength[$0] > strength[$1] : $0 < $1 }
        return Array(order.prefix(connections).filter { strength[$0] > 0 })
    }

    /// Lines from the strongest neurons of the previous column into the focused one, each labelled
    /// with its weight (blue positive, red negative in colour), meeting in a bus.
    private func drawConnections(into focus: (layer: Int, neuron: Int), starts: [Int], on canvas: inout TextCanvas) {
        let l = focus.layer
        let gx = starts[l - 1] + Self.columnWidth
        let bus = gx + Self.fanGap - 2
        let target = row(layer: l, neuron: focus.neuron)
        var rows = [target]
        for k in strongest(into: focus) {
            let w = network.weights[l - 1][focus.neuron, k]
            let y = row(layer: l - 1, neuron: k)
            rows.append(y)
            let code = w < 0 ? "1;31" : "1;34"
            let label = NetworkDiagram.fitted(w, 5, digits: 2)
            canvas.horizontal(from: gx + label.count, to: bus, y: y, .heavy, code: code)
            canvas.put(label, x: gx + 1, y: y, code: code)
        }
        canvas.vertical(x: bus, from: rows.min() ?? target, to: rows.max() ?? target, .heavy, code: "1;36")
        canvas.horizontal(from: bus, to: gx + Self.fanGap - 1, y: target, .heavy, code: "1;36")
        canvas.put("▶", x: gx + Self.fanGap - 1, y: target, code: "1;36")
    }

    private func caption() -> [String] {
        var lines: [String] = []
        let anyDelta = (1...L).contains { l in (0..<network.sizes[l]).contains { stepper.isComputed(.delta(layer: l, neuron: $0)) } }
        if stepper.position == 0 {
            lines.append(style.dim("nothing computed yet: `forward` lights the columns, `backward` adds each neuron's nudge ↑/↓"))
        } else if !anyDelta {
            lines.append(style.dim("`backward` adds each neuron's nudge −∂C/∂a: ↑ raise it, ↓ lower it"))
        }
        if anyDelta, let marker = session.bugTableMarker { lines.append(marker) }
        if let focus { lines += connectionList(focus) }
        if let legend = session.legendOnce("mnist-diagram", "shade: the activation, dark 0 to bright 1 (░ ▒ ▓ █ from 0.2, 0.4, 0.6, 0.8); "
                                           + "↑/↓ the nudge −∂C/∂a,\nwith ▁ to █ for its size against the layer's largest") {
            lines.append(legend)
        }
        if anyDelta, let colours = session.signColourLegend() { lines.append(colours) }
        return lines
    }

    /// "into a(2)5, the strongest w·a: a(1)3 +2.31·0.93 = +2.15, …", a line per connection when they are pixels.
    private func connectionList(_ focus: (layer: Int, neuron: Int)) -> [String] {
        let l = focus.layer, j = focus.neuron
        let strongest = strongest(into: focus)
        let name = notation.name("a", layer: l, neuron: j)
        let previousKnown = l == 1 || stepper.isComputed(.forward(layer: l - 1, neuron: network.sizes[l - 1] - 1))
        var lines = [style.bold("into \(name)") + ", the \(strongest.count) strongest connections"
                     + (previousKnown ? " (largest |w·a|, what moves \(notation.name("z", layer: l, neuron: j)) most):" : " (largest |w|):")]
        for k in strongest {
            let p = Parameter.weight(layer: l - 1, j: j, k: k)
            let w = network.weights[l - 1][j, k], a = trace.a[l - 1][k]
            let source = l == 1 ? session.inputName(k) : notation.name("a", layer: l - 1, neuron: k)
            var line = "  " + pad(notation.name(of: p), 11) + style.signed(pad(NumberFormat.signed(w, 3), 7, right: true), w) + "  from " + source
            if previousKnown { line += " = " + NumberFormat.significant(a, 3) + ",  w·a = " + NumberFormat.signed(w * a, 3) }
            lines.append(line)
        }
        if l == 1 { lines.append(style.dim("  (+ and − mark those pixels in the picture; `picture \(pictureName(j))` shows all 784 weights)")) }
        return lines
    }

    private func pictureName(_ j: Int) -> String {
        notation == .ng ? "Θ(1)\(j + 1)" : "w(1)\(j)"
    }
}
