import BackpropCore

extension Session {
    /// `batch [add X… -> Y… | images A-B | off] [--mean | --sum]`: several examples taken at once.
    func batchCommand(_ args: Arguments) throws(CommandError) -> String {
        let words = args.positional
        guard !(args.flag("mean") && args.flag("sum")) else {
            throw CommandError("a batch's gradient is its examples' mean or their sum, not both", showUsage: true)
        }
        let reduction: Reduction = args.flag("sum") ? .sum : args.flag("mean") ? .mean : batch.reduction
        var examples = batch.examples
        var image = imageIndex
        switch words.first?.lowercased() {
        case nil:
            guard reduction != batch.reduction else { return batchTable() }
        case "add":
            examples.append(try typedExample(Array(words.dropFirst())))
            image = nil
        case "images":
            examples = try imageExamples(Array(words.dropFirst()))
            image = nil
        case "off":
            guard words.count == 1 else { throw CommandError("batch off takes nothing more", showUsage: true) }
            examples = [example]
            image = batch.count == 1 ? imageIndex : nil
        default:
            throw CommandError("batch takes add X… -> Y…, images A-B, or off (or nothing, to list the batch)", showUsage: true)
        }
        let changed: Batch
        do {
            changed = try Batch(examples, reduction: reduction)
            try replace(batch: changed)
        } catch {
            throw CommandError(error.description)
        }
        imageIndex = changed.count == 1 ? image : nil
        let what = changed.count == 1 ? "one example" : "a batch of \(changed.count): \(changed.reduction.describe(count: changed.count))"
        return "the pass is now over \(what); it starts again\n" + batchTable()
    }

    /// `add X… -> Y…`: an example typed as its input values, `->`, then its target values.
    private func typedExample(_ words: [String]) throws(CommandError) -> Example {
        guard let arrow = words.firstIndex(of: "->") else {
            throw CommandError("batch add takes the input values, ->, then the target values: "
                               + "`batch add 0.9 -0.3 -> 0`", showUsage: true)
        }
        let x = try values(Array(words[..<arrow]), what: "input", expected: network.sizes[0])
        let y = try values(Array(words[(arrow + 1)...]), what: "target", expected: network.sizes[network.outputLayer])
        try checkTargets(y, for: network.cost)
        return Example(input: x, target: y)
    }

    /// `images A-B` or `images N M …`: MNIST test images (those `image` shows) as the batch.
    private func imageExamples(_ words: [String]) throws(CommandError) -> [Example] {
        try requireDigitNetwork("batch images")
        let digits = try currentDigits()
        let last = digits.test.count - 1
        var indices: [Int] = []
        for word in words {
            let ends = word.split(separator: "-", maxSplits: 1).map(String.init)
            if ends.count == 2 {
                let a = try Arguments.count(ends[0], name: "image", in: 0...last)
                let b = try Arguments.count(ends[1], name: "image", in: a...last)
                indices += Array(a...b)
            } else {
                indices.append(try Arguments.count(word, name: "image", in: 0...last))
            }
            guard indices.count <= Session.largestBatch else {
                throw CommandError("a batch holds at most \(Session.largestBatch) examples (train learns from more)", showUsage: true)
            }
        }
        guard !indices.isEmpty else {
            throw CommandError("batch images takes image numbers: `batch images 0-9` or `batch images 3 7 12`", showUsage: true)
        }
        return indices.map { digits.example(at: $0) }
    }

    /// The most examples a batch holds: each is stepped through and kept whole.
    static let largestBatch = 1_000

    /// Each example of the batch, its target, whether its pass is done, and the reduction.
    func batchTable() -> String {
        let m = batch.count
        guard m > 1 else {
            return style.dim("one example: " + exampleDescription() + " — `batch add X… -> Y…` or `batch images A-B` makes a batch")
        }
        var table = Table(["example", "x", "y", "pass"])
        let done = stepper.position / stepper.schedule.count
        for (i, e) in batch.examples.enumerated() {
            let state = i < done ? "done" : i == stepper.nextExampleIndex && stepper.position % stepper.schedule.count > 0 ? "under way" : "to do"
            table.add(["\(i + 1)" + (i == stepper.exampleIndex ? " ◂" : ""), Session.vector(e.input), Session.vector(e.target) + (e.label.map { "  (a \($0))" } ?? ""), state])
        }
        return [style.bold("batch of \(m): C and ∇C are \(batch.reduction.describe(count: m))")
                    + style.dim("   (--sum or --mean switches)"),
                table.render(style: style)].joined(separator: "\n")
    }

    /// "(0.05, 0.1)", or "784 values" past 12.
    static func vector(_ v: [Double]) -> String {
        v.count > 12 ? "\(v.count) values" : "(" + v.map { NumberFormat.significant($0) }.joined(separator: ", ") + ")"
    }
}
