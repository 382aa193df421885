import BackpropCore

/// `picture NAME`: a vector with one value per input pixel as an image (`VectorPicture`).
extension Session {
    /// What `picture` can show, with the engine's neuron of the first layer where there is one.
    enum PictureSubject: Equatable {
        /// x, the input (a(0) in 3Blue1Brown's notation, a(1) in Ng's).
        case input
        /// The weights into first-layer neuron `j` (Ng's Θ(1) row j + 1 without its bias column).
        case weights(Int)
        /// Their gradient ∂C/∂w for this example.
        case gradient(Int)
        /// −∂C/∂a(0): what this example asks of each pixel, Σⱼ w(1)jk·(−δ(1)j).
        case wishes
    }

    func pictureCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.count == 1 else {
            throw CommandError("picture takes one name: " + pictureListing(), showUsage: true)
        }
        let name = args.positional[0]
        let subject = try pictureSubject(name)
        guard let shape = imageShape else {
            let n = network.sizes[0]
            throw CommandError("\(name) has \(n) value\(n == 1 ? "" : "s") here, and a picture needs one per pixel of a square image\n"
                               + "(784 for MNIST's 28 × 28): \(networkName)'s input is not an image; `print \(name)` shows the values")
        }
        // A gradient and the wishes come from the backward pass: it is finished first, as `grads` does.
        var ran = 0
        if case .gradient = subject { ran = completePass() }
        if case .wishes = subject { ran = completePass() }
        var title: String
        var values: [Double]
        var notes: [String] = []
        switch subject {
        case .input:
            values = example.input
            title = "x = " + notation.name("a", layer: 0) + ": the input, \(shape.count) pixels"
            if let i = imageIndex { title += " of image \(i)" }
            if let label = example.label { title += " (label \(label))" }
        case let .weights(j):
            values = network.weights[0].row(j)
            title = pictureName(weights: j, gradient: false) + ": the \(shape.count) weights into " + notation.name("a", layer: 1, neuron: j)
                + style.dim(" (its bias " + notation.name(of: .bias(layer: 0, j: j)) + " = "
                            + NumberFormat.significant(network.biases[0][j], 4) + " is no pixel's)")
        case let .gradient(j):
            values = trace.gradient.weights[0].row(j)
            title = pictureName(weights: j, gradient: true) + ": ∂C/∂w = a(pixel)·" + notation.name("δ", layer: 1, neuron: j)
                + " for this example" + style.dim(" (0 where the pixel is black)")
            if let marker = bugTableMarker { notes.append(marker) }
        case .wishes:
            values = network.nudges(trace, layer: 1, neuron: 0).summedPreviousActivationNudges
            title = "wishes −∂C/∂" + notation.name("a", layer: 0) + " = Σⱼ w(1)jk·(−δ(1)j): what this example asks of each pixel"
            notes.append("pixels are data, not parameters: nothing changes them; these are layer \(notation.layer(1))'s desires added up")
            if let marker = bugTableMarker { notes.append(marker) }
        }
        guard values.count == shape.count else {
            throw CommandError("\(name) has \(values.count) values; a picture needs \(shape.count)")
        }
        let picture = VectorPicture(values: values, shape: shape, style: style, notation: notation)
        var lines = ran > 0 ? [style.dim("(computed the rest of the pass first: \(ran) step\(ran == 1 ? "" : "s"))")] : []
        lines.append(style.bold(title))
        lines += picture.lines()
        lines += picture.legend().map { style.dim($0) }
        var extremeLines = extremes(values, shape)
        if let legend = legendOnce("picture", "pixel k is row k / \(shape.columns), column k % \(shape.columns)"
                                   + (notation == .ng ? ", counted from 1 as Ng counts units" : ", counted from 0")) {
            // Beside the pixel it explains when both fit 100 columns (a picture is tall enough).
            if let last = extremeLines.last, visibleWidth(last + "; " + legend) <= 100 {
                extremeLines[extremeLines.count - 1] = last + style.dim("; " + legend)
            } else {
                notes.append(legend)
            }
        }
        lines += extremeLines
        lines += notes.map { style.dim($0) }
        return lines.joined(separator: "\n")
    }

    /// The largest and the most negative value with their pixels.
    private func extremes(_ values: [Double], _ shape: ImageShape) -> [String] {
        guard let hi = values.indices.max(by: { values[$0] < values[$1] }),
              let lo = values.indices.min(by: { values[$0] < values[$1] }) else { return [] }
        func place(_ k: Int) -> String {
            notation.name("a", layer: 0, neuron: k) + " (" + shape.describe(k, notation) + ")"
        }
        var parts: [String] = []
        if values[hi] > 0 { parts.append("largest " + NumberFormat.signed(values[hi], 3) + " at " + place(hi)) }
        if values[lo] < 0 { parts.append("most negative " + NumberFormat.significant(values[lo], 3) + " at " + place(lo)) }
        return parts.isEmpty ? [] : [parts.joined(separator: "; ")]
    }

    /// "w(1)3" or "Θ(1)4" / "dw(1)3" or "dΘ(1)4", in the current notation.
    func pictureName(weights j: Int, gradient: Bool) -> String {
        (gradient ? "d" : "") + (notation == .ng ? "Θ(1)\(j + 1)" : "w(1)\(j)")
    }

    /// "x, wishes, w(1)0 … w(1)15 or Θ(1)1 … Θ(1)16, dw(1)J or dΘ(1)J", on lines of at most 90 columns.
    func pictureListing() -> String {
        let n = network.sizes.count > 1 ? network.sizes[1] : 1
        return "x (the input), wishes (−∂C/∂x),\n  w(1)0 … w(1)\(n - 1) or Θ(1)1 … Θ(1)\(n) (the weights into a first-layer neuron),\n"
            + "  dw(1)J or dΘ(1)J (their gradient)"
    }

    /// The subject a name refers to, or an error listing the valid names.
    func pictureSubject(_ name: String) throws(CommandError) -> PictureSubject {
        switch name.lowercased() {
        case "x", "input": return .input
        case "wishes", "wish": return .wishes
        default: break
        }
        let ref: ValueReference
        do { ref = try parser.parse(name) } catch {
            throw CommandError(error.description + "\npicture shows one of: " + pictureListing(), showUsage: true)
        }
        switch ref {
        case .input, .a(0?, nil): return .input
        case let .weight(0?, j?, nil): return .weights(j)
        case let .theta(0?, i?, nil): return .weights(i - 1)
        case let .weightGradient(0?, j?, nil): return .gradient(j)
        case let .weight(l?, _?, nil) where l > 0, let .weightGradient(l?, _?, nil) where l > 0:
            throw CommandError("\(name) holds \(network.sizes[l]) values, one per neuron of layer \(notation.layer(l)), not one per pixel:\n"
                               + "only the first layer's weights come from the pixels (`print \(name)` shows them)", showUsage: true)
        case let .theta(l?, _?, nil) where l > 0:
            throw CommandError("\(name) holds \(network.sizes[l] + 1) values (bias column and one per unit of layer \(l + 1)), not one per pixel:\n"
                               + "only Θ(1) comes from the pixels (`print \(name)` shows them)", showUsage: true)
        default:
            throw CommandError("\(name) is not a picture; picture shows one of: " + pictureListing(), showUsage: true)
        }
    }
}
