import BackpropCore

extension Session {
    /// `activation [LAYER] [NAME …] [--cost NAME]`: show each layer's activation, or change one
    /// layer's, every layer's, or each layer's (and the cost with them); the pass starts again.
    func activationCommand(_ args: Arguments) throws(CommandError) -> String {
        let words = args.positional
        let cost = try args.value("cost").map { name throws(CommandError) in try Session.cost(named: name) }
        guard !words.isEmpty || cost != nil else { return activationTable() }
        let activations = words.isEmpty ? network.activations : try requestedActivations(words)
        let changed: Network
        do {
            changed = try network.with(activations: activations, cost: cost ?? network.cost)
        } catch {
            throw CommandError(pairingMessage(error) + pairingHint(error, changingCost: words.isEmpty))
        }
        let image = imageIndex
        do { try replace(network: changed, name: networkName, batch: batch, keepingChanges: true) } catch {
            throw CommandError(error.description)
        }
        imageIndex = image
        let text = "activations now \(changed.activationNames)" + (cost.map { ", cost \($0.rawValue)" } ?? "")
        return text + "; the pass starts again\n" + activationTable()
    }

    /// The cost of that name, or an error listing the names.
    static func cost(named name: String) throws(CommandError) -> Cost {
        guard let cost = Cost(rawValue: name.lowercased()) else {
            throw CommandError("unknown cost '\(name)'; choose " + Cost.allCases.map(\.rawValue).joined(separator: ", "), showUsage: true)
        }
        return cost
    }

    /// The activations asked for: `NAME` for every layer after the input, `LAYER NAME` for one
    /// layer (numbered in the current notation), or one `NAME` per layer.
    private func requestedActivations(_ words: [String]) throws(CommandError) -> [Activation] {
        let layers = network.outputLayer
        if words.count == 2, words[0].first?.isNumber == true {
            let shown = try Arguments.count(words[0], name: "layer", in: notation.layer(1)...notation.layer(layers))
            var activations = network.activations
            activations[shown - notation.layer(0) - 1] = try Session.activation(named: words[1])
            return activations
        }
        guard words.count == 1 || words.count == layers else {
            throw CommandError("activation takes one name (every layer), a layer and a name, or \(layers) names "
                               + "(one per layer after the input)", showUsage: true)
        }
        var activations: [Activation] = []
        for word in words { activations.append(try Session.activation(named: word)) }
        return words.count == 1 ? Array(repeating: activations[0], count: layers) : activations
    }

    private static func activation(named name: String) throws(CommandError) -> Activation {
        guard let g = Activation(rawValue: name.lowercased()) else {
            throw CommandError("unknown activation '\(name)'; choose " + Activation.allCases.map(\.rawValue).joined(separator: ", "),
                               showUsage: true)
        }
        return g
    }

    /// A refused activation or cost, its layers numbered in the session's notation (the core's
    /// words number them as the network file's `activations` list does).
    func pairingMessage(_ error: NetworkError) -> String {
        guard case let .softmaxNotOutput(layer, outputLayer) = error else { return error.description }
        return "softmax is for the output layer only (layer \(notation.layer(outputLayer))), not layer "
            + "\(notation.layer(layer)): it turns a layer into probabilities"
    }

    /// How to make a refused pairing of output activation and cost, which needs both changed at
    /// once: keeping the cost asked for (`changingCost`) or the activation asked for.
    func pairingHint(_ error: NetworkError, changingCost: Bool) -> String {
        let output = notation.layer(network.outputLayer)
        func both(_ g: Activation, _ cost: Cost) -> String {
            "\n  change both at once: `activation \(output) \(g.rawValue) --cost \(cost.rawValue)`"
        }
        switch error {
        case let .softmaxNeedsLogLikelihood(cost):
            return changingCost ? both(.sigmoid, cost) : both(.softmax, .logLikelihood)
        case let .costNeedsActivation(cost, needed, found):
            return changingCost ? both(needed, cost) : both(found, found == .sigmoid ? .crossEntropy : .quadratic)
        case .softmaxNotOutput:
            return "\n  for a softmax output: `activation \(output) softmax --cost log-likelihood`"
        default:
            return ""
        }
    }

    /// Each layer after the input with its activation.
    func activationTable() -> String {
        var table = Table(["layer", "neurons", "activation"], rightAligned: [1])
        for l in 1...network.outputLayer {
            let g = network.activation(layer: l)
            table.add(["\(notation.layer(l))" + (l == network.outputLayer ? " (output)" : ""), "\(network.sizes[l])",
                       g.rawValue + (g == .softmax ? style.dim("   (with the \(network.cost.rawValue) cost)") : "")])
        }
        return table.render(style: style)
    }
}
