import BackpropCore

extension Session {
    func load(_ arguments: Arguments) throws(CommandError) -> String {
        let text = try loadNetwork(arguments)
        guard let bug else { return text }
        return text + "\n" + style.warning("bug \(bug.rawValue) is still planted") + style.dim(" — here it changes \(bugReach(bug)) (`bug off` removes it)")
    }

    private func loadNetwork(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.count == 1 else {
            throw CommandError("load takes one name: small, mnist, or a .json file", showUsage: true)
        }
        let name = args.positional[0]
        if args.flag("untrained") && name.lowercased() != "mnist" {
            throw CommandError("--untrained goes with mnist: `load mnist --untrained`", showUsage: true)
        }
        switch name.lowercased() {
        case "small":
            try adopt(loading: .small, name: "small", batch: Batch(Network.smallExample))
            notation = .ng
            return "loaded small: Ng's 2-2-2-1 sigmoid network, cross-entropy cost, example x = (0.05, 0.10), y = 1\n" + style.dim("notation: Ng's (layers 1 to 4, Θ(l)ij with the bias unit as j = 0)")
        case "mnist":
            return try loadMNIST(untrained: args.flag("untrained"))
        default:
            return try loadFile(name)
        }
    }

    func adopt(_ network: Network, name: String, example: Example) throws(CommandError) {
        do {
            try replace(network: network, name: name, example: example)
        } catch {
            throw CommandError("\(name): \(error.description)")
        }
    }

    /// Adopts a network that `load` read: nothing of the network before it stays (see `replace(loading:…)`).
    func adopt(loading network: Network, name: String, batch: Batch) throws(CommandError) {
        do {
            try replace(loading: network, name: name, batch: batch)
        } catch {
            throw CommandError("\(name): \(error.description)")
        }
    }

    func loadFile(_ path: String) throws(CommandError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path, limit: NetworkFile.maximumFileSize)
        } catch {
            if case .notFound = error, !path.contains("/"), !path.contains(".") {
                throw CommandError("'\(path)' is neither a built-in network (small, mnist) nor a file", showUsage: true)
            }
            throw CommandError(error.description)
        }
        let loaded: Network
        let document: JSONSlice
        do throws(NetworkFileError) {
            do throws(JSONError) { document = try JSON.document(bytes, limit: NetworkFile.maximumFileSize) } catch {
                throw .json(source: path, error)
            }
            loaded = try NetworkFile.network(from: document, path: path)
        } catch {
            throw CommandError(error.description)
        }
        // A network for MNIST's digits is shown as 3Blue1Brown shows his, on an MNIST image.
        let digitNetwork = loaded.sizes[0] == Session.digitInputs && loaded.sizes[loaded.outputLayer] == Session.digitOutputs
        let digits = digitNetwork ? try currentDigits() : nil
        var (batch, note, image) = loadedBatch(for: loaded, trace: try? TraceFile.document(document, source: path), digits: digits)
        if image == nil, batch == self.batch { image = imageIndex }
        try adopt(loading: loaded, name: path, batch: batch)
        imageIndex = image
        if digitNetwork {
            notation = .threeBlueOneBrown
            note += "\nnotation: 3Blue1Brown's (layers 0 to \(loaded.outputLayer), w(L)jk and b(L)j), as for `load mnist`"
        }
        return "loaded \(path): \(loaded.shapeDescription), \(loaded.parameterCount) weights and biases\n" + style.dim(note)
    }

    /// The examples to step through after loading `network`: a trace's own example or batch when
    /// it fits, else the session's when it fits, else MNIST image 0 for a digit network (`digits`
    /// given), else zeros (a log-likelihood network's target is one-hot: class 0); a line saying
    /// which; and the image's index when it is image 0.
    private func loadedBatch(for network: Network, trace: TraceFile.Document?,
                             digits: DigitData?) -> (Batch, String, Int?) {
        func fits(_ b: Batch) -> Bool { b.examples.allSatisfy { (try? network.validate($0)) != nil } }
        if let given = trace?.batch ?? trace?.example.map({ Batch($0) }), fits(given) {
            return (given, given.count == 1 ? "example from the trace: " + describe(given.examples[0])
                        : "the trace's batch of \(given.count): \(given.reduction.describe(count: given.count))", nil)
        }
        if fits(batch) {
            return (batch, batch.count == 1 ? "example kept: " + exampleDescription() : "batch of \(batch.count) kept", nil)
        }
        if let digits, fits(Batch(digits.example(at: 0))) {
            let label = digits.test.label(at: 0).map { ", a \($0)" } ?? ""
            return (Batch(digits.example(at: 0)),
                    "example: image 0 of \(digits.testDescription)\(label) — `image N` or `digit D` shows one", 0)
        }
        let outputs = network.sizes[network.outputLayer]
        let oneHot = network.cost == .logLikelihood
        let zeros = Example(input: Array(repeating: 0, count: network.sizes[0]),
                            target: oneHot ? Example.oneHot(0, classes: outputs) : Array(repeating: 0, count: outputs))
        return (Batch(zeros), "example: x all zeros, y " + (oneHot ? "class 0" : "all zeros") + " — set them with `input` and `target`", nil)
    }

    /// The shape of a network for MNIST's digits: 28 × 28 pixels in, one output per digit.
    static let digitInputs = 784
    static let digitOutputs = 10

    /// The layouts `save --format` writes.
    static let saveFormats = ["backprop", "nielsen"]

    func saveCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        guard words.count == 1 else { throw CommandError("save takes one file name", showUsage: true) }
        let path = words[0]
        let format = arguments.value("format") ?? "backprop"
        let bytes: [UInt8]
        let layout: String
        switch format.lowercased() {
        case "backprop":
            bytes = NetworkFile.encode(network)
            layout = ""
        case "nielsen":
            do { bytes = try NielsenFormat.encode(network) } catch {
                throw CommandError("cannot save \(networkName) in Nielsen's format: \(error.description)")
            }
            layout = "\nin Nielsen's network2.py layout: his load() reads it"
        default:
            let shown = format.count > 40 ? String(format.prefix(39)) + "…" : format
            throw CommandError("--format '\(shown)' is not one of \(Session.saveFormats.joined(separator: ", "))",
                               showUsage: true)
        }
        let outcome = try write(bytes, to: path, force: arguments.flag("force"))
        return "saved \(networkName) to \(path) (written to a temporary file, then renamed into place)" + layout
            + notes(outcome, bytes: bytes.count)
    }

    func values(_ words: [String], what: String, expected: Int) throws(CommandError) -> [Double] {
        guard !words.isEmpty else {
            let current = what == "input" ? example.input : example.target
            if current.count > 20 { throw CommandError("\(what) needs \(expected) values", showUsage: true) }
            throw CommandError("\(what) needs \(expected) value\(expected == 1 ? "" : "s"); now it is " + current.map { NumberFormat.significant($0) }.joined(separator: " "), showUsage: true)
        }
        let parts = words.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        guard parts.count == expected else {
            throw CommandError("\(what) needs \(expected) value\(expected == 1 ? "" : "s") (one per \(what == "input" ? "input" : "output") neuron), got \(parts.count)", showUsage: true)
        }
        var result: [Double] = []
        for (i, p) in parts.enumerated() { result.append(try Arguments.number(p, name: "\(what) value \(i + 1)")) }
        return result
    }

    func setInput(_ arguments: Arguments) throws(CommandError) -> String {
        let x = try values(arguments.positional, what: "input", expected: network.sizes[0])
        var e = example
        e.input = x
        e.label = nil
        try changeExample(e)
        return "x = (" + x.map { NumberFormat.significant($0) }.joined(separator: ", ") + "); the pass starts again from the input"
    }

    func setTarget(_ arguments: Arguments) throws(CommandError) -> String {
        let y = try values(arguments.positional, what: "target", expected: network.sizes[network.outputLayer])
        try checkTargets(y, for: network.cost)
        var e = example
        e.target = y
        try changeExample(e)
        return "y = (" + y.map { NumberFormat.significant($0) }.joined(separator: ", ") + "); the pass starts again from the input"
    }

    /// The cross-entropy cost reads each y as a probability: a target outside [0, 1] makes its
    /// cost meaningless (it can be negative), so it is refused.
    func checkTargets(_ y: [Double], for cost: Cost) throws(CommandError) {
        guard cost == .crossEntropy, let (j, value) = y.enumerated().first(where: { !(0...1).contains($0.element) }) else { return }
        let name = y.count == 1 ? "y" : notation.name("y", layer: network.outputLayer, neuron: j)
        throw CommandError("\(name) = \(NumberFormat.significant(value)): the cross-entropy cost needs every y "
                           + "between 0 and 1 (a probability); `cost quadratic` takes any y")
    }

    /// Makes `e` the example: in a batch, in place of the example the cursor is in (the batch and
    /// its reduction are kept), else the one example. The pass starts again.
    func changeExample(_ e: Example) throws(CommandError) {
        var examples = batch.examples
        examples[stepper.exampleIndex] = e
        do { try replace(batch: Batch(examples, reduction: batch.reduction)) } catch { throw CommandError(error.description) }
    }
}
