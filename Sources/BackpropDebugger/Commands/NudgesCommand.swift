import BackpropCore

extension Session {
    func nudgesCommand(_ args: Arguments) throws(CommandError) -> String {
        guard args.positional.count <= 1 else { throw CommandError("nudges takes at most one neuron", showUsage: true) }
        guard [args.flag("brief"), args.flag("avenues"), args.flag("sum")].filter({ $0 }).count <= 1 else {
            throw CommandError("nudges takes one of --brief (the desires), --avenues (one neuron's avenues) and --sum (the desires added up)",
                               showUsage: true)
        }
        let L = network.outputLayer
        var l = L
        if let shown = try args.count("layer", in: notation.layer(1)...notation.layer(L)) {
            l = shown - notation.layer(0)
        }
        var j = defaultNudgedNeuron(layer: l)
        if let text = args.positional.first {
            let shown = try Arguments.count(text, name: "neuron", in: notation.neuron(0)...notation.neuron(network.sizes[l] - 1))
            j = shown - notation.neuron(0)
        }
        if let text = args.value("average") {
            guard !args.flag("avenues") && !args.flag("sum") else {
                throw CommandError("--average shows its own table; it takes no --avenues or --sum "
                                   + "(--brief keeps the bias's row)", showUsage: true)
            }
            return try averageNudges(text, layer: l, neuron: j, brief: args.flag("brief"))
        }
        let trace: Trace
        do { trace = try network.trace(example) } catch { throw CommandError(error.description) }
        let nudges = network.nudges(trace, layer: l, neuron: j)
        lastNudges = nudges
        var report = NudgesReport(nudges: nudges, session: self, exampleName: currentExampleName)
        report.brief = args.flag("brief")
        report.avenuesOnly = args.flag("avenues")
        report.sumOnly = args.flag("sum")
        return report.render()
    }

    /// The output neuron of the example's label (3Blue1Brown's "2" neuron), else the neuron whose
    /// activation the example most wants changed.
    func defaultNudgedNeuron(layer l: Int) -> Int {
        if l == network.outputLayer, let label = example.label, label >= 0, label < network.sizes[l] { return label }
        if l == network.outputLayer, example.target.count > 1, example.target.filter({ $0 == 1 }).count == 1 {
            return Network.argmax(example.target)
        }
        guard let trace = try? network.trace(example) else { return 0 }
        return Network.argmax(trace.activationGradient[l].map(abs))
    }

    /// "image 3 (label 1)" or "the current example".
    var currentExampleName: String {
        guard let i = imageIndex else { return "the current example" }
        return "image \(i)" + (example.label.map { " (label \($0))" } ?? "")
    }

    private func averageNudges(_ text: String, layer l: Int, neuron j: Int, brief: Bool) throws(CommandError) -> String {
        guard isDigitNetwork else { return try averageBatchNudges(text, layer: l, neuron: j, brief: brief) }
        let digits = try currentDigits()
        let n = try Arguments.count(text, name: "--average", in: 1...digits.test.count)
        let average: NudgeAverage?
        do {
            average = try network.averageNudges(over: digits.test, indices: Array(0..<n), layer: l, neuron: j) { done in
                self.progress("nudges: example \(done)/\(n)")
                return !self.isInterrupted()
            }
        } catch {
            throw CommandError(error.description)
        }
        guard let average else { throw CommandError("stopped by Ctrl-C before every example was seen; nothing averaged") }
        lastNudgeAverage = average
        return NudgeAverageReport(average: average, session: self, setName: digits.testDescription, brief: brief).render()
    }

    /// On a network that does not take MNIST's images, `--average N` averages the nudges of the
    /// first N examples of the session's batch: the batch `grads`, `descend` and `train` use.
    private func averageBatchNudges(_ text: String, layer l: Int, neuron j: Int, brief: Bool) throws(CommandError) -> String {
        let n = try Arguments.count(text, name: "--average", in: 1...Int.max)
        guard n <= batch.count else {
            throw CommandError("--average \(n): the batch has \(batch.count) example\(batch.count == 1 ? "" : "s") "
                               + "(`batch add X… -> Y…` adds one; on MNIST, --average takes test images)")
        }
        let average: NudgeAverage?
        do { average = try network.averageNudges(over: batch.examples, indices: Array(0..<n), layer: l, neuron: j) } catch {
            throw CommandError(error.description)
        }
        guard let average else { throw CommandError("stopped before every example was seen; nothing averaged") }
        lastNudgeAverage = average
        return NudgeAverageReport(average: average, session: self, setName: "the batch's \(batch.count)", exampleNoun: "example", brief: brief).render()
    }

    /// Whether the network takes MNIST's images (784 inputs, 10 outputs).
    var isDigitNetwork: Bool { network.sizes[0] == 784 && network.sizes[network.outputLayer] == 10 }
}
