import BackpropCore

/// `print EXPR --images N`: one value, or a layer's values, for MNIST test images 0 … N − 1 side
/// by side, each image made the example in turn (its whole pass, as `average(…)` in a lesson
/// reads it), with the spread max − min of each row: how much the value depends on the image.
extension Session {
    /// The most images shown side by side (columns), and the most rows (neurons of a layer).
    static let imagesShownAtMost = 6
    static let rowsShownAcrossImages = 20

    func printAcrossImages(_ ref: ValueReference, images n: Int) throws(CommandError) -> String {
        try requireDigitNetwork("print --images")
        let digits = try currentDigits()
        guard n <= digits.test.count else {
            throw CommandError("--images \(n): there are only \(digits.test.count) images", showUsage: true)
        }
        let (layer, neurons, symbol) = try acrossImagesRows(ref)
        var traces: [Trace] = []
        for i in 0..<n {
            do { traces.append(try network.trace(digits.example(at: i), bug: bug)) } catch { throw CommandError(error.description) }
        }
        let labels = (0..<n).map { i in digits.test.label(at: i).map { "image \(i) (\($0))" } ?? "image \(i)" }
        var table = Table(["neuron"] + labels + ["spread"], rightAligned: Set(1...(n + 1)))
        for j in neurons {
            let values = traces.map { t in symbol == "δ" ? t.delta[layer][j] : symbol == "z" ? t.z[layer][j] : t.a[layer][j] }
            let spread = (values.max() ?? 0) - (values.min() ?? 0)
            table.add([notation.name(symbol, layer: layer, neuron: j)] + values.map { NumberFormat.significant($0, 4) }
                      + [NumberFormat.significant(spread, 2)])
        }
        let what = notation.name(symbol, layer: layer) + (neurons.count == 1 ? "" : " (\(neurons.count) neurons)")
        let which = n == 1 ? "image 0" : n == 2 ? "images 0 and 1" : "images 0 to \(n - 1)"
        return style.bold("\(what) for \(which) of \(digits.testDescription)") + "\n"
            + table.render(style: style) + "\n"
            + style.dim("spread: the largest value of the row minus the smallest — how much it depends on the image")
    }

    /// The engine layer, the neurons and the symbol `print --images` shows for `ref`.
    private func acrossImagesRows(_ ref: ValueReference) throws(CommandError) -> (Int, [Int], String) {
        let (layer, neuron, symbol): (Int?, Int?, String)
        switch ref {
        case let .z(l, j): (layer, neuron, symbol) = (l, j, "z")
        case let .a(l, j): (layer, neuron, symbol) = (l, j, "a")
        case let .delta(l, j): (layer, neuron, symbol) = (l, j, "δ")
        default: throw CommandError("--images shows a neuron's z, a or δ, or a whole layer's: print a(2) --images 2", showUsage: true)
        }
        guard let l = layer else { throw CommandError("--images needs a layer: print a(2) --images 2", showUsage: true) }
        guard symbol == "a" || l > 0 else { throw CommandError("the input layer has no \(symbol)", showUsage: true) }
        if let j = neuron { return (l, [j], symbol) }
        guard network.sizes[l] <= Session.rowsShownAcrossImages else {
            throw CommandError("layer \(notation.layer(l)) has \(network.sizes[l]) neurons; --images shows a layer of at most "
                               + "\(Session.rowsShownAcrossImages)\nor one neuron: `print \(notation.name(symbol, layer: l, neuron: 0)) --images 2`",
                               showUsage: true)
        }
        return (l, Array(0..<network.sizes[l]), symbol)
    }
}
