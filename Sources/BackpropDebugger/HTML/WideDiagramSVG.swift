import BackpropCore

/// The page's diagram of a network with a wide layer (3Blue1Brown's 784-16-16-10): the input as
/// an image when it is square (MNIST's 28 × 28 digit), the other layers as columns of units shaded
/// by activation with their values beside them, every weight between those columns as a faint
/// line drawn by sign and size, and the strongest weights into the unit the current step computes
/// drawn bold (from the image's pixels for the first layer).
struct WideDiagramSVG {
    let parts: DiagramParts
    /// Bold lines drawn into each unit: the weights of largest |w|.
    var strongestEdges = 8
    /// Layers joined by more lines than this are joined only by the bold ones.
    var mostFaintEdges = 600

    private var network: Network { parts.network }
    private var trace: Trace { parts.trace }
    private var timeline: StepTimeline { parts.timeline }
    /// The example's label, when it has one (its output unit is marked).
    private var label: Int? { trace.example.label }

    let width = 1100.0
    let height = 660.0
    private let middle = 330.0
    private let columnHeight = 540.0

    /// The side of the input image, when the input is a square of at least 4 × 4 pixels.
    var imageSide: Int? { WideDiagramSVG.imageSide(inputs: network.sizes[0]) }

    /// The side of a square image of `n` pixels, at least 4 × 4; nil when `n` is not such a square.
    static func imageSide(inputs n: Int) -> Int? {
        var side = 1
        while side * side < n { side += 1 }
        return side * side == n && side >= 4 ? side : nil
    }

    private var pixel: Double { imageSide.map { min(12, 336 / Double($0)) } ?? 0 }
    private var imageTop: Double { middle - Double(imageSide ?? 0) * pixel / 2 }
    private let imageLeft = 30.0

    /// The x of layer l's column (the input's, when it is not an image).
    func x(_ l: Int) -> Double {
        let first = imageSide == nil ? 0 : 1
        let left = imageSide == nil ? 80.0 : 440.0, right = width - 250
        let columns = network.outputLayer - first
        return columns == 0 ? right : left + Double(l - first) * (right - left) / Double(columns)
    }

    func spacing(_ l: Int) -> Double { min(34, columnHeight / Double(network.sizes[l])) }
    func radius(_ l: Int) -> Double { max(1.5, min(12, spacing(l) * 0.36)) }
    func y(_ l: Int, _ j: Int) -> Double { middle + (Double(j) - Double(network.sizes[l] - 1) / 2) * spacing(l) }
    /// Whether layer l's units have room for their values beside them.
    func isLabelled(_ l: Int) -> Bool { spacing(l) >= 18 }

    /// Where the line from input k starts: its pixel's centre, or its unit.
    private func source(layer l: Int, _ k: Int) -> (Double, Double) {
        if l == 0, let side = imageSide {
            return (imageLeft + (Double(k % side) + 0.5) * pixel, imageTop + (Double(k / side) + 0.5) * pixel)
        }
        return (x(l), y(l, k))
    }

    /// The weights are drawn once; the image, the units' values and the cost once per example of
    /// a batch.
    func render() -> String {
        var out: [String] = []
        // The image goes under the lines, so the bold lines from its pixels (and their rings) show
        // on it, starting at the pixels they come from.
        if imageSide != nil {
            for e in parts.traces.indices {
                let one = WideDiagramSVG(parts: parts.of(example: e), strongestEdges: strongestEdges, mostFaintEdges: mostFaintEdges)
                out.append(one.parts.exampleGroup(one.image()))
            }
        }
        out.append("<g class=\"edges\">")
        for l in 1...network.outputLayer where network.sizes[l] * network.sizes[l - 1] <= mostFaintEdges && !(l == 1 && imageSide != nil) {
            for j in 0..<network.sizes[l] { for k in 0..<network.sizes[l - 1] { out.append(faintEdge(layer: l, from: k, to: j)) } }
        }
        for l in 1...network.outputLayer {
            for j in 0..<network.sizes[l] { out.append(strongEdges(layer: l, into: j)) }
        }
        out.append("</g>\n<g class=\"units\">")
        for l in 0..<network.outputLayer where !(l == 0 && imageSide != nil) { out.append(biasUnit(layer: l)) }
        for l in 0...network.outputLayer where l > 0 || imageSide == nil { out.append(caption(layer: l)) }
        for e in parts.traces.indices {
            let one = WideDiagramSVG(parts: parts.of(example: e), strongestEdges: strongestEdges, mostFaintEdges: mostFaintEdges)
            out.append(one.parts.exampleGroup(one.exampleValues()))
        }
        out.append("</g>")
        return out.joined(separator: "\n")
    }

    /// One example's units and cost (its image is drawn under the lines).
    private func exampleValues() -> String {
        var out: [String] = []
        for l in 0...network.outputLayer where l > 0 || imageSide == nil {
            for j in 0..<network.sizes[l] { out.append(unit(layer: l, neuron: j)) }
        }
        out.append(costLabel())
        return out.joined(separator: "\n")
    }

    /// The input image, one square per pixel in its grey, with its caption.
    private func image() -> String {
        guard let side = imageSide else { return "" }
        let input = trace.a[0]
        var out = "<g class=\"image\" id=\"input-image\(parts.idSuffix)\"><title>the input x as a \(side) × \(side) image</title>"
        out += "<rect class=\"frame\" x=\"\(svgNumber(imageLeft - 1))\" y=\"\(svgNumber(imageTop - 1))\" width=\"\(svgNumber(Double(side) * pixel + 2))\" height=\"\(svgNumber(Double(side) * pixel + 2))\"/>"
        for k in 0..<input.count where parts.level(layer: 0, value: input[k]) > 0 {
            // Blank pixels are the white background: only ink is written, which keeps MNIST's page small.
            out += "<rect x=\"\(svgNumber(imageLeft + Double(k % side) * pixel))\" y=\"\(svgNumber(imageTop + Double(k / side) * pixel))\" "
                + "width=\"\(svgNumber(pixel))\" height=\"\(svgNumber(pixel))\" fill=\"\(DiagramParts.grey(parts.level(layer: 0, value: input[k])))\"/>"
        }
        let captionX = svgNumber(imageLeft + Double(side) * pixel / 2)
        out += "<text class=\"caption\" x=\"\(captionX)\" y=\"\(svgNumber(imageTop - 14))\">input x" + (label.map { " · label \($0)" } ?? "") + "</text>"
        out += "<text class=\"caption\" x=\"\(captionX)\" y=\"\(svgNumber(height - 34))\">"
            + parts.named { "layer \($0.layer(0))" } + "<tspan x=\"\(captionX)\" dy=\"20\">input, \(side)×\(side) pixels</tspan></text>"
        return out + "</g>"
    }

    private func faintEdge(layer l: Int, from k: Int, to j: Int) -> String {
        let w = network.weights[l - 1][j, k]
        let (x1, y1) = source(layer: l - 1, k)
        let opacity = w.isFinite ? 0.12 + 0.5 * min(1, abs(w) / parts.largestParameter) : 1
        return "<line \(parts.useInEvery(timeline.edgeSteps(layer: l, from: k, to: j), classes: "edge faint \(DiagramParts.signClass(w))")) "
            + "x1=\"\(svgNumber(x1 + radius(l - 1)))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x(l) - radius(l)))\" y2=\"\(svgNumber(y(l, j)))\" "
            + "stroke-width=\"\(parts.width(w, thinnest: 0.5, thickest: 2.5))\" stroke-opacity=\"\(svgNumber(opacity))\"/>"
    }

    /// The `strongestEdges` weights of largest |w| into unit j of layer l, bold, shown while a
    /// step computes one of that unit's values; from the image, each ends in a ring on its pixel.
    private func strongEdges(layer l: Int, into j: Int) -> String {
        let row = network.weights[l - 1].row(j)
        let order = row.indices.sorted { abs(row[$0]) > abs(row[$1]) || (abs(row[$0]) == abs(row[$1]) && $0 < $1) }
        let fromImage = l == 1 && imageSide != nil
        var out = "<g \(parts.useInEvery(timeline.unitSteps(layer: l, neuron: j), classes: "strong"))>"
        for k in order.prefix(strongestEdges) {
            let w = row[k]
            let (x1, y1) = source(layer: l - 1, k)
            let start = fromImage ? 0 : radius(l - 1)
            let name = parts.titled { $0.name(of: .weight(layer: l - 1, j: j, k: k)) }
            out += "<line class=\"edge \(DiagramParts.signClass(w))\" x1=\"\(svgNumber(x1 + start))\" y1=\"\(svgNumber(y1))\" "
                + "x2=\"\(svgNumber(x(l) - radius(l)))\" y2=\"\(svgNumber(y(l, j)))\" stroke-width=\"\(parts.width(w, thinnest: 1.5, thickest: 5))\">"
                + "<title>\(name) = \(parts.number(w))</title></line>"
            if fromImage {
                out += "<circle class=\"pixel-ring \(DiagramParts.signClass(w))\" cx=\"\(svgNumber(x1))\" cy=\"\(svgNumber(y1))\" r=\"\(svgNumber(max(3, pixel * 0.6)))\"/>"
            }
        }
        return out + "</g>"
    }

    private func biasUnit(layer l: Int) -> String {
        let cy = y(l, 0) - max(spacing(l), 28)
        return "<g class=\"unit bias n-ng\"><circle class=\"unit-c\" cx=\"\(svgNumber(x(l)))\" cy=\"\(svgNumber(cy))\" r=\"11\">"
            + "<title>bias unit of layer \(l + 1): always +1; Θ(\(l + 1))j,0 are the biases into layer \(l + 2)</title></circle>"
            + "<text class=\"tiny\" x=\"\(svgNumber(x(l)))\" y=\"\(svgNumber(cy + 4))\">+1</text></g>"
    }

    private func unit(layer l: Int, neuron j: Int) -> String {
        let (cx, cy, r) = (x(l), y(l, j), radius(l))
        let a = trace.a[l][j]
        let level = parts.level(layer: l, value: a)
        let known = l == 0 ? nil : timeline.forward[l][j]
        var uses = timeline.unitSteps(layer: l, neuron: j)
        if l == network.outputLayer { uses.append(timeline.cost) }
        var out = "<g \(parts.use(uses.sorted(), classes: "unit")) id=\"u-\(l)-\(j)\(parts.idSuffix)\">"
        out += "<circle \(parts.at(known, classes: "unit-c")) cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(cy))\" r=\"\(svgNumber(r))\" fill=\"\(DiagramParts.shade(level))\">"
            + "<title>\(parts.titled { $0.name("a", layer: l, neuron: j) })</title></circle>"
        guard isLabelled(l) else { return out + "</g>" }
        let textX = svgNumber(cx + r + 5)
        out += "<text \(parts.at(known, classes: "value")) x=\"\(textX)\" y=\"\(svgNumber(cy + 2))\">\(parts.number(a))</text>"
        if l > 0 {
            out += "<text \(parts.at(timeline.delta[l][j], classes: "tiny delta")) x=\"\(textX)\" y=\"\(svgNumber(cy + 14))\">δ \(parts.number(trace.delta[l][j]))</text>"
        }
        if l == network.outputLayer {
            // The class number left of the unit: for MNIST the digit this output stands for.
            if label != nil {
                out += "<text class=\"digit\" x=\"\(svgNumber(cx - r - 6))\" y=\"\(svgNumber(cy + 5))\">\(j)</text>"
            }
            // The label is known from the start; the guess once every output is computed.
            let guess = Network.argmax(trace.output)
            let allOutputs = timeline.forward[l].max() ?? 0
            // Just past the widest value beside the unit: at the desk a (12 px) over δ (10 px); in
            // the projector view a or δ at 16 px, so the style moves the mark right by the difference.
            // Widths estimated at 0.64 em a character (DejaVu Sans digits are 0.64 em, "." less).
            let (value, delta) = (NumberFormat.significant(a, 4).count, 2 + NumberFormat.significant(trace.delta[l][j], 4).count)
            let desk = 0.64 * max(12 * Double(value), 10 * Double(delta)), projector = 0.64 * 16 * Double(max(value, delta))
            let place = "x=\"\(svgNumber(cx + r + 5 + desk + 10))\" y=\"\(svgNumber(cy + 5))\" "
                + "style=\"--projector-shift: \(svgNumber(projector - desk))px\""
            if j == label {
                let guessed = j == guess ? "<tspan \(parts.at(allOutputs, classes: "mark"))>, guess</tspan>" : ""
                out += "<text class=\"mark\" \(place)>← label\(guessed)</text>"
            } else if j == guess {
                out += "<text \(parts.at(allOutputs, classes: "mark")) \(place)>← guess</text>"
            }
        }
        return out + "</g>"
    }

    private func caption(layer l: Int) -> String {
        // Two short lines: columns are close together.
        let x = svgNumber(x(l))
        return "<text class=\"caption\" x=\"\(x)\" y=\"\(svgNumber(height - 34))\">\(parts.named { "layer \($0.layer(l))" })"
            + "<tspan x=\"\(x)\" dy=\"20\">\(network.sizes[l]) \(parts.role(l))</tspan></text>"
    }

    private func costLabel() -> String {
        let l = network.outputLayer
        // Above the output column, starting at its units and running right, clear of the values
        // of the column before.
        let cy = y(l, 0) - 40
        // In a batch, the example's own cost Cₓ: the batch's C is its examples' mean or sum.
        return "<g \(parts.use([timeline.cost], classes: "cost"))><text \(parts.at(timeline.cost, classes: "cost-value start")) x=\"\(svgNumber(x(l) - radius(l)))\" y=\"\(svgNumber(cy))\">"
            + (parts.isBatch ? "Cₓ" : "C") + " = \(parts.number(trace.cost))</text></g>"
    }
}
