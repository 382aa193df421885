import BackpropCore

extension Session {
    func parseExpression(_ text: String) throws(CommandError) -> ValueReference {
        do { return try parser.parse(text) } catch { throw CommandError(error.description) }
    }

    func printCommand(_ args: Arguments) throws(CommandError) -> String {
        guard !args.positional.isEmpty else { throw CommandError("print needs a value to show", showUsage: true) }
        let ref = try parseExpression(args.positional.joined(separator: " "))
        if let n = try args.count("images", in: 1...Session.imagesShownAtMost) {
            guard !args.flag("all") else { throw CommandError("--images shows its own table; it takes no --all", showUsage: true) }
            return try printAcrossImages(ref, images: n)
        }
        var printer = ValuePrinter(session: self)
        printer.showAll = args.flag("all")
        return printer.render(ref)
    }

    func explainCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard !words.isEmpty else { throw CommandError("explain needs a value, like z(2)1 or δ(3)1", showUsage: true) }
        let ref = try parseExpression(words.joined(separator: " "))
        let printer = ValuePrinter(session: self)
        func needs(_ step: Step, _ name: String) throws(CommandError) {
            guard stepper.isComputed(step) else { throw CommandError(printer.notYet(name, step)) }
        }
        switch ref {
        case let .z(l?, j?), let .a(l?, j?):
            guard l > 0 else { return "\(notation.name("a", layer: 0, neuron: j)) is an input: it is x\(notation.neuron(j)) = \(NumberFormat.significant(example.input[j])), given, not computed" }
            try needs(.forward(layer: l, neuron: j), notation.name(ref.symbol(notation), layer: l, neuron: j))
            return renderer.forward(layer: l, neuron: j)
        case let .delta(l?, j?):
            try needs(.delta(layer: l, neuron: j), notation.name("δ", layer: l, neuron: j))
            return style.dim("δ = ∂C/∂z: how much the cost changes per unit change of this neuron's z\n") + renderer.delta(layer: l, neuron: j)
        case .cost:
            try needs(.cost, "C")
            return renderer.cost()
        case let .weightGradient(l?, j?, k?):
            try needs(.gradient(layer: l + 1, neuron: j), notation.gradientName(of: .weight(layer: l, j: j, k: k)))
            return renderer.weightGradient(layer: l, j: j, k: k)
        case let .biasGradient(l?, j?):
            try needs(.gradient(layer: l + 1, neuron: j), notation.gradientName(of: .bias(layer: l, j: j)))
            return renderer.biasGradient(layer: l, j: j)
        case let .weight(l?, j?, k?):
            let p = Parameter.weight(layer: l, j: j, k: k)
            return "\(notation.name(of: p)) = \(NumberFormat.significant(network.value(of: p))) is a parameter, not a computed value: it comes from the network (\(networkName)).\n"
                + "It multiplies \(notation.name("a", layer: l, neuron: k)) in the sum for \(notation.name("z", layer: l + 1, neuron: j)); `explain d\(notation == .ng ? "Θ(\(l + 1))\(j + 1),\(k + 1)" : "w(\(l + 1))\(j),\(k)")` shows its gradient."
        case let .bias(l?, j?):
            let p = Parameter.bias(layer: l, j: j)
            return "\(notation.name(of: p)) = \(NumberFormat.significant(network.value(of: p))) is a parameter: the bias added into \(notation.name("z", layer: l + 1, neuron: j))"
                + (notation == .ng ? " (Ng: the weight from the bias unit, whose activation is always 1)." : ".")
        case .input, .target:
            return printer.render(ref) + style.dim("   (given with the example, not computed)")
        default:
            throw CommandError("explain shows one value at a time; name a neuron, like \(notation.name("z", layer: 1, neuron: 0)) or \(notation.name("δ", layer: network.outputLayer, neuron: 0))")
        }
    }

    func watchCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        if words.isEmpty {
            return watches.isEmpty ? "nothing watched; e.g. `watch \(notation.name("a", layer: network.outputLayer))`" : "watching: " + watches.joined(separator: ", ")
        }
        let text = words.joined(separator: " ")
        if text == "clear" {
            watches.removeAll()
            return "cleared every watch"
        }
        _ = try parseExpression(text)
        guard !watches.contains(text) else { return "already watching \(text)" }
        watches.append(text)
        return "watching \(text): shown after every step, next, continue and back"
    }

    func unwatchCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard !words.isEmpty else { throw CommandError("unwatch needs a watched value or 'all'", showUsage: true) }
        let text = words.joined(separator: " ")
        if text == "all" {
            watches.removeAll()
            return "cleared every watch"
        }
        guard let i = watches.firstIndex(of: text) else {
            throw CommandError("\(text) is not watched" + (watches.isEmpty ? "" : "; watching: " + watches.joined(separator: ", ")))
        }
        watches.remove(at: i)
        return "stopped watching \(text)"
    }

    func notationCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard let word = words.first else { return "notation \(notation.rawValue): \(notation.title)" }
        guard words.count == 1, let n = Notation(rawValue: word.lowercased()) else {
            throw CommandError("unknown notation '\(words.joined(separator: " "))'; choose ng or 3b1b", showUsage: true)
        }
        notation = n
        return "notation \(n.rawValue): \(n.title)"
    }

    func drawCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.count <= 1 else { throw CommandError("draw takes at most one neuron, like a(2)5", showUsage: true) }
        var diagram = Diagram(session: self)
        if let word = words.first {
            let ref = try parseExpression(word)
            switch ref {
            case let .a(l?, j?), let .z(l?, j?), let .delta(l?, j?):
                guard l >= 1 else {
                    throw CommandError("\(word) is an input: nothing comes into it; name a neuron of layer \(notation.layer(1)) or later",
                                       showUsage: true)
                }
                guard Diagram.drawsNeurons(network) else {
                    throw CommandError("\(networkName) is drawn as a summary of its layers, so draw cannot point at one neuron;\n"
                                       + "`print` and `explain` show \(word)", showUsage: true)
                }
                diagram.focus = (l, j)
            default:
                throw CommandError("draw takes one neuron, like \(notation.name("a", layer: network.outputLayer, neuron: 0)); \(word) is not one",
                                   showUsage: true)
            }
        }
        return diagram.render()
    }
}
