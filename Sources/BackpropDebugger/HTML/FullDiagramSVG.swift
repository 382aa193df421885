import BackpropCore

/// The page's diagram of a network whose layers are all small (such as Ng's 2-2-2-1): every unit
/// a circle shaded by its activation with its name and values, every weight a line drawn by its
/// sign (solid positive, dashed negative) and size (thickness) and labelled with its value, and in
/// Ng's notation the +1 bias unit at the top of each layer with the bias weights Θ(l)j,0 leaving it.
/// Every number is the engine's, written as `draw` writes it.
struct FullDiagramSVG {
    let parts: DiagramParts
    /// Layers with at most this many units are drawn this way.
    static let largestLayer = 8

    private var network: Network { parts.network }
    private var trace: Trace { parts.trace }
    private var timeline: StepTimeline { parts.timeline }

    // Geometry, in the SVG's own units (it scales to fit the page).
    private let width = 1000.0
    private let radius = 40.0
    private let spacing = 170.0
    private let biasRow = 80.0
    private let firstRow = 210.0
    private var columnsLeft: Double { 110 }
    private var columnsRight: Double { width - 150 }
    private var mostUnits: Int { network.sizes.max() ?? 1 }
    var height: Double { firstRow + Double(mostUnits - 1) * spacing + radius + 100 }

    func x(_ l: Int) -> Double {
        columnsLeft + Double(l) * (columnsRight - columnsLeft) / Double(max(1, network.outputLayer))
    }

    func y(_ l: Int, _ j: Int) -> Double {
        firstRow + Double(j) * spacing + Double(mostUnits - network.sizes[l]) * spacing / 2
    }

    /// The whole `<svg>` element's contents (edges under units, labels over both). The weights
    /// are drawn once; the values (units, ∂C/∂w, the cost) once per example of a batch.
    func render() -> String {
        var edges: [String] = [], labels: [String] = [], units: [String] = []
        let places = weightLabelPlaces()
        for (i, (l, j, k)) in edgeIndices().enumerated() {
            let (edge, label) = k.map { weightEdge(layer: l, from: $0, to: j, label: places[i]) }
                ?? biasEdge(layer: l, neuron: j, label: places[i])
            edges.append(edge)
            labels.append(label)
        }
        var gradients: [String] = []
        for e in parts.traces.indices {
            let one = FullDiagramSVG(parts: parts.of(example: e))
            units.append(one.parts.exampleGroup(one.exampleUnits()))
            gradients.append(one.parts.exampleGroup(one.edgeIndices().map { l, j, k in one.gradientLabel(layer: l, to: j, from: k) }
                .joined(separator: "\n")))
        }
        for l in 0..<network.outputLayer { units.insert(biasUnit(layer: l), at: l) }
        units += (0...network.outputLayer).map(caption)
        return "<g class=\"edges\">\n" + edges.joined(separator: "\n") + "\n</g>\n<g class=\"units\">\n"
            + units.joined(separator: "\n") + "\n</g>\n<g class=\"edge-labels\">\n" + labels.joined(separator: "\n") + "\n"
            + gradients.joined(separator: "\n") + "\n</g>"
    }

    /// Every line into a unit, in drawing order: for each layer and unit, its weights from each
    /// unit k of the layer before, then (k nil) its bias.
    private func edgeIndices() -> [(layer: Int, to: Int, from: Int?)] {
        (1...network.outputLayer).flatMap { l in
            (0..<network.sizes[l]).flatMap { j in (0..<network.sizes[l - 1]).map { (l, j, Optional($0)) } + [(l, j, nil)] }
        }
    }

    /// One example's units and cost.
    private func exampleUnits() -> String {
        var out: [String] = []
        for l in 0...network.outputLayer {
            for j in 0..<network.sizes[l] { out.append(unit(layer: l, neuron: j)) }
        }
        out.append(costLabel())
        return out.joined(separator: "\n")
    }

    /// A point `t` of the way along the line from (x1, y1) to (x2, y2).
    private func along(_ t: Double, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> (Double, Double) {
        (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
    }

    /// Where a label goes beside a line (x1, y1)–(x2, y2) drawn `strokeWidth` wide: the x of its
    /// middle and its baseline, `t` of the way along, moved off the line on its right (above a level
    /// line), or `above` it, until the text's box clears the stroke — so a dash never runs through the text and a
    /// minus sign never reads as a piece of a dashed line. The box is estimated for `text` in bold
    /// at `fontSize` (the largest the page draws it, in the projector view): about 0.7 em a
    /// character, digits 0.73 em tall.
    private func beside(line: (Double, Double, Double, Double), at t: Double, above: Bool = false, strokeWidth: Double,
                        text: String, fontSize: Double) -> (Double, Double) {
        let (x1, y1, x2, y2) = line
        let (dx, dy) = (x2 - x1, y2 - y1)
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        var (nx, ny) = (dy / length, -dx / length)
        if above ? (ny > 0.01 || (abs(ny) <= 0.01 && nx < 0)) : (nx < -0.01 || (abs(nx) <= 0.01 && ny > 0)) { (nx, ny) = (-nx, -ny) }
        let (halfWidth, halfHeight) = (0.35 * fontSize * Double(text.count), 0.365 * fontSize)
        let clearance = strokeWidth / 2 + 4 + halfWidth * abs(nx) + halfHeight * abs(ny)
        let (mx, my) = along(t, x1, y1, x2, y2)
        return (mx + clearance * nx, my + clearance * ny + halfHeight)
    }

    /// Where a line from one circle's rim to another's runs: its two ends.
    private func rims(from: (Double, Double), to: (Double, Double)) -> (Double, Double, Double, Double) {
        let dx = to.0 - from.0, dy = to.1 - from.1
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        return (from.0 + dx / length * radius, from.1 + dy / length * radius, to.0 - dx / length * radius, to.1 - dy / length * radius)
    }

    /// Every line (weights' and biases') as drawn, in `edgeIndices` order: its ends and width.
    private func lineGeometry() -> [(x1: Double, y1: Double, x2: Double, y2: Double, width: Double)] {
        edgeIndices().map { l, j, k in
            let (x1, y1, x2, y2) = rims(from: k.map { (x(l - 1), y(l - 1, $0)) } ?? (x(l - 1), biasRow), to: (x(l), y(l, j)))
            return (x1, y1, x2, y2, lineWidth(layer: l, to: j, from: k))
        }
    }

    private func lineWidth(layer l: Int, to j: Int, from k: Int?) -> Double {
        parts.strokeWidth(k.map { network.weights[l - 1][j, $0] } ?? network.biases[l - 1][j], thinnest: 1.5, thickest: 9)
    }

    /// Where each weight's label goes (`edgeIndices` order): beside its line, above it if it can,
    /// about a third of the way from the unit it leaves (lines fan out there and crowd together
    /// where they arrive), at the first place near there where the label's box touches no other
    /// line, no unit, no unit's name or values and no label placed before it; the least crowded
    /// place when none is free.
    private func weightLabelPlaces() -> [(Double, Double)] {
        let lines = lineGeometry()
        var obstacles: [Box] = []
        for l in 0...network.outputLayer {
            for j in 0..<network.sizes[l] {
                let (cx, cy) = (x(l), y(l, j))
                obstacles.append(Box(x: cx, y: cy, halfWidth: radius + 2, halfHeight: radius + 2))
                obstacles.append(Box(x: cx, y: cy - radius - 18, halfWidth: 40, halfHeight: 11))
                if l > 0 { obstacles.append(Box(x: cx, y: cy + radius + 30, halfWidth: 62, halfHeight: 22)) }
            }
            if l < network.outputLayer { obstacles.append(Box(x: x(l), y: biasRow, halfWidth: radius * 0.75 + 2, halfHeight: radius * 0.75 + 2)) }
        }
        var places: [(Double, Double)] = []
        for (i, (l, j, k)) in edgeIndices().enumerated() {
            let w = k.map { network.weights[l - 1][j, $0] } ?? network.biases[l - 1][j]
            let text = NumberFormat.significant(w, 4)
            let line = lines[i]
            var best: (place: (Double, Double), box: Box, clashes: Int)?
            for t in [0.3, 0.25, 0.35, 0.2, 0.4, 0.15, 0.45, 0.5, 0.55] {
              for above in [true, false] {
                let place = beside(line: (line.x1, line.y1, line.x2, line.y2), at: t, above: above, strokeWidth: line.width,
                                   text: text, fontSize: 19)
                let box = Box(label: text, fontSize: 19, at: place)
                let clashes = lines.indices.filter { $0 != i && box.touches(lines[$0]) }.count
                    + obstacles.filter { box.overlaps($0) }.count
                if best == nil || clashes < (best?.clashes ?? 0) { best = (place, box, clashes) }
              }
              if best?.clashes == 0 { break }
            }
            guard let chosen = best else { continue }
            places.append(chosen.place)
            obstacles.append(chosen.box)
        }
        return places
    }

    /// A line between two circles' rims, shared by every example, and its weight's label at `place`
    /// (its middle and baseline).
    private func edge(from: (Double, Double), to: (Double, Double), value w: Double, name: (Notation) -> String,
                      uses: [Int], label place: (Double, Double), extraClass: String) -> (String, String) {
        let (x1, y1, x2, y2) = rims(from: from, to: to)
        let line = "<line \(parts.useInEvery(uses, classes: "edge \(DiagramParts.signClass(w))\(extraClass)")) "
            + "x1=\"\(svgNumber(x1))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x2))\" y2=\"\(svgNumber(y2))\" "
            + "stroke-width=\"\(svgNumber(parts.strokeWidth(w, thinnest: 1.5, thickest: 9)))\"><title>\(parts.titled(name)) = \(parts.number(w))</title></line>"
        let (lx, ly) = place
        let label = "<g \(parts.useInEvery(uses, classes: "edge-label\(extraClass)"))>"
            + "<text class=\"w halo\" x=\"\(svgNumber(lx))\" y=\"\(svgNumber(ly))\">\(parts.number(w))</text></g>"
        return (line, label)
    }

    /// ∂C/∂w of the current example on the line into unit j of layer l from unit k (nil: the bias),
    /// shown at its gradient step in place of the weights' labels (the style hides those then):
    /// halfway along, where lines into one unit are apart, just off the line on its right (above a
    /// level line), away from the values written under the units it leaves.
    private func gradientLabel(layer l: Int, to j: Int, from k: Int?) -> String {
        let p = k.map { Parameter.weight(layer: l - 1, j: j, k: $0) } ?? .bias(layer: l - 1, j: j)
        let start = k.map { (x(l - 1), y(l - 1, $0)) } ?? (x(l - 1), biasRow)
        let g = trace.gradient[p]
        let (gx, gy) = beside(line: rims(from: start, to: (x(l), y(l, j))), at: 0.5,
                              strokeWidth: lineWidth(layer: l, to: j, from: k), text: NumberFormat.significant(g, 4), fontSize: 17)
        let name = parts.titled { (parts.isBatch ? "∂Cₓ/∂" : "∂C/∂") + $0.name(of: p) }
            + (parts.isBatch ? ", example \(parts.example + 1)" : "")
        return "<text \(parts.at(timeline.gradient[l][j], classes: "grad halo" + (k == nil ? " n-ng" : ""))) "
            + "x=\"\(svgNumber(gx))\" y=\"\(svgNumber(gy))\">"
            + "\(parts.number(g))<title>\(name) = \(parts.number(g))</title></text>"
    }

    private func weightEdge(layer l: Int, from k: Int, to j: Int, label: (Double, Double)) -> (String, String) {
        let p = Parameter.weight(layer: l - 1, j: j, k: k)
        return edge(from: (x(l - 1), y(l - 1, k)), to: (x(l), y(l, j)), value: network.weights[l - 1][j, k],
                    name: { $0.name(of: p) }, uses: timeline.edgeSteps(layer: l, from: k, to: j), label: label, extraClass: "")
    }

    /// Ng's bias weight Θ(l)j,0 from the +1 unit; shown in Ng's notation only (3Blue1Brown writes
    /// the bias b beside the unit instead).
    private func biasEdge(layer l: Int, neuron j: Int, label: (Double, Double)) -> (String, String) {
        let p = Parameter.bias(layer: l - 1, j: j)
        return edge(from: (x(l - 1), biasRow), to: (x(l), y(l, j)), value: network.biases[l - 1][j],
                    name: { $0.name(of: p) }, uses: timeline.biasSteps(layer: l, neuron: j), label: label, extraClass: " n-ng")
    }

    private func biasUnit(layer l: Int) -> String {
        let (cx, cy) = (svgNumber(x(l)), svgNumber(biasRow))
        return "<g class=\"unit bias n-ng\"><circle class=\"unit-c\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(svgNumber(radius * 0.75))\">"
            + "<title>bias unit of layer \(l + 1): always +1</title></circle>"
            + "<text class=\"val\" x=\"\(cx)\" y=\"\(svgNumber(biasRow + 7))\">+1</text></g>"
    }

    private func unit(layer l: Int, neuron j: Int) -> String {
        let (cx, cy) = (x(l), y(l, j))
        let a = trace.a[l][j]
        let level = parts.level(layer: l, value: a)
        let known = l == 0 ? nil : timeline.forward[l][j]
        var uses = timeline.unitSteps(layer: l, neuron: j)
        if l == network.outputLayer { uses.append(timeline.cost) }
        let name = parts.named { $0.name("a", layer: l, neuron: j) }
        var out = "<g \(parts.use(uses.sorted(), classes: "unit")) id=\"u-\(l)-\(j)\(parts.idSuffix)\">"
        out += "<circle \(parts.at(known, classes: "unit-c")) cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(cy))\" r=\"\(svgNumber(radius))\" fill=\"\(DiagramParts.shade(level))\"/>"
        out += "<text \(parts.at(known, classes: "val" + (level > 0.5 ? " on-dark" : ""))) x=\"\(svgNumber(cx))\" y=\"\(svgNumber(cy + 7))\">\(parts.number(a))</text>"
        // The name above; in 3Blue1Brown's notation the bias b beside it (Ng's is the +1 unit's line).
        var above = name
        if l > 0 {
            above += "<tspan class=\"n-3b1b bias-b\"> b \(parts.number(network.biases[l - 1][j]))</tspan>"
        }
        out += "<text class=\"name\" x=\"\(svgNumber(cx))\" y=\"\(svgNumber(cy - radius - 12))\">\(above)</text>"
        if l > 0 {
            out += "<text \(parts.at(known, classes: "small")) x=\"\(svgNumber(cx))\" y=\"\(svgNumber(cy + radius + 24))\">"
                + "\(parts.named { $0.name("z", layer: l, neuron: j) }) = \(parts.number(trace.z[l][j]))</text>"
            out += "<text \(parts.at(timeline.delta[l][j], classes: "small delta")) x=\"\(svgNumber(cx))\" y=\"\(svgNumber(cy + radius + 46))\">"
                + "\(parts.named { $0.name("δ", layer: l, neuron: j) }) = \(parts.number(trace.delta[l][j]))</text>"
        }
        if l == network.outputLayer {
            let y = trace.example.target[j]
            out += "<text class=\"small target\" x=\"\(svgNumber(cx + radius + 12))\" y=\"\(svgNumber(cy + 6))\">"
                + "y\(parts.named { "\($0.neuron(j))" }) = \(parts.number(y))</text>"
        }
        return out + "</g>"
    }

    private func caption(layer l: Int) -> String {
        let text = parts.named { "layer \($0.layer(l))" } + " · " + parts.role(l)
        return "<text class=\"caption\" x=\"\(svgNumber(x(l)))\" y=\"\(svgNumber(height - 18))\">\(text)</text>"
    }

    /// C in the output column's top row (which has no bias unit), from the cost step on.
    /// In a batch, the example's own cost Cₓ: the batch's C is its examples' mean or sum.
    private func costLabel() -> String {
        let cx = svgNumber(x(network.outputLayer))
        let (label, symbol) = parts.isBatch ? ("cost of example \(parts.example + 1)", "Cₓ") : ("cost", "C")
        return "<g \(parts.use([timeline.cost], classes: "cost"))><text class=\"small\" x=\"\(cx)\" y=\"\(svgNumber(biasRow - 22))\">\(label)</text>"
            + "<text \(parts.at(timeline.cost, classes: "cost-value")) x=\"\(cx)\" y=\"\(svgNumber(biasRow + 10))\">\(symbol) = \(parts.number(trace.cost))</text></g>"
    }
}

/// A label's box (estimated as `beside` does) or an obstacle's, by its centre and half sizes.
private struct Box {
    let x, y, halfWidth, halfHeight: Double

    init(x: Double, y: Double, halfWidth: Double, halfHeight: Double) {
        (self.x, self.y, self.halfWidth, self.halfHeight) = (x, y, halfWidth, halfHeight)
    }

    /// The box of `text` at `fontSize` whose middle and baseline are `place`.
    init(label text: String, fontSize: Double, at place: (Double, Double)) {
        self.init(x: place.0, y: place.1 - 0.365 * fontSize, halfWidth: 0.35 * fontSize * Double(text.count), halfHeight: 0.365 * fontSize)
    }

    func overlaps(_ other: Box) -> Bool {
        abs(x - other.x) < halfWidth + other.halfWidth + 3 && abs(y - other.y) < halfHeight + other.halfHeight + 3
    }

    /// Whether a line drawn `width` wide passes through the box (or within 2 units of it).
    func touches(_ line: (x1: Double, y1: Double, x2: Double, y2: Double, width: Double)) -> Bool {
        let length = ((line.x2 - line.x1) * (line.x2 - line.x1) + (line.y2 - line.y1) * (line.y2 - line.y1)).squareRoot()
        let samples = max(1, Int(length / 2))
        let (mx, my) = (halfWidth + line.width / 2 + 2, halfHeight + line.width / 2 + 2)
        return (0...samples).contains { i in
            let t = Double(i) / Double(samples)
            return abs(line.x1 + (line.x2 - line.x1) * t - x) < mx && abs(line.y1 + (line.y2 - line.y1) * t - y) < my
        }
    }
}
