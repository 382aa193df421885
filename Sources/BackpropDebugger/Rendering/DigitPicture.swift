import BackpropCore

/// An MNIST image in the terminal: two pixel rows per line (a 28 × 28 image takes 14 lines of 28
/// columns), framed, with the network's ten outputs as bars beside it.
struct DigitPicture {
    let images: ImageSet
    let index: Int
    let style: Style

    /// The framed picture, one string per line (16 lines for MNIST).
    func lines() -> [String] {
        let base = index * images.pixelsPerImage
        let columns = images.columns
        func pixel(_ r: Int, _ c: Int) -> UInt8 { r < images.rows ? images.pixels[base + r * columns + c] : 0 }
        var out = ["┌" + String(repeating: "─", count: columns) + "┐"]
        for r in stride(from: 0, to: images.rows, by: 2) {
            var line = "│"
            for c in 0..<columns { line += style.halfBlock(upper: pixel(r, c), lower: pixel(r + 1, c)) }
            out.append(line + "│")
        }
        out.append("└" + String(repeating: "─", count: columns) + "┘")
        return out
    }
}

/// A value from 0 to 1 as a bar of `width` cells, in eighths of a cell ("▏" to "█").
func fractionBar(_ value: Double, width: Int) -> String {
    let clamped = value.isFinite ? min(1, max(0, value)) : 0
    let eighths = Int((clamped * Double(width) * 8).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
    return String(repeating: "█", count: eighths / 8) + partial
}

/// `image` and `digit`: the picture, the label, the ten outputs as bars and the network's guess.
struct ImageView {
    let session: Session
    let digits: DigitData
    let index: Int
    /// What the first line says about how the image was chosen, e.g. "the first 2".
    let choice: String
    let barWidth = 20

    /// The picture with the ten outputs beside it, the guess and the cost; `brief`: the heading,
    /// the guess and the cost only.
    func render(trace: Trace, brief: Bool = false) -> String {
        let style = session.style
        let notation = session.notation
        let network = session.network
        let L = network.outputLayer
        let output = trace.output
        let label = digits.test.label(at: index)
        let guess = Network.argmax(output)
        let top = NumberFormat.significant(output[guess], 3)
        var heading = "image \(index) of \(digits.testDescription)"
        if !choice.isEmpty { heading += ", " + choice }
        if let label { heading += " · label \(label)" }

        if brief { return ([style.bold(heading)] + verdictLines(trace: trace, label: label, guess: guess, top: top)).joined(separator: "\n") }
        var right = [style.dim("output \(notation.name("a", layer: L)) (bar = activation, 0 to 1)"), ""]
        for j in 0..<output.count {
            var marks: [String] = []
            if j == label { marks.append("label") }
            if j == guess { marks.append("guess") }
            let bar = pad(fractionBar(output[j], width: barWidth), barWidth)
            right.append(pad(notation.name("a", layer: L, neuron: j), 7) + " " + pad(NumberFormat.significant(output[j], 3), 9, right: true)
                         + "  " + (j == guess ? style.result(bar) : bar) + (marks.isEmpty ? "" : "  ← " + marks.joined(separator: ", ")))
        }
        let picture = DigitPicture(images: digits.test, index: index, style: style).lines()
        var lines = [style.bold(heading)]
        for i in 0..<max(picture.count, right.count) {
            let left = i < picture.count ? picture[i] : String(repeating: " ", count: digits.test.columns + 2)
            let text = i < right.count ? "   " + right[i] : ""
            var line = left + text
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        lines += verdictLines(trace: trace, label: label, guess: guess, top: top)
        lines.append(style.dim("`nudges` shows what it wants changed, `step` steps through its pass"))
        return lines.joined(separator: "\n")
    }

    /// The network's guess, right or wrong, and the example's cost.
    private func verdictLines(trace: Trace, label: Int?, guess: Int, top: String) -> [String] {
        let style = session.style
        let verdict = label.map { $0 == guess ? style.success("right") : style.error("wrong") + " (the label is \($0))" } ?? ""
        return ["guess: \(guess)   (\(session.notation.name("a", layer: session.network.outputLayer, neuron: guess)) = \(top) is the largest output)"
                + (verdict.isEmpty ? "" : " — " + verdict),
                style.dim("cost of this example: C = \(NumberFormat.significant(trace.cost)) (\(session.network.cost.rawValue))")]
    }
}
