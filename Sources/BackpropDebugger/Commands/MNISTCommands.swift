import Foundation
import BackpropCore

extension Session {
    /// `load mnist [--untrained]`: the shipped trained network (or its seeded starting point) and
    /// the MNIST images, with image 0 as the example.
    func loadMNIST(untrained: Bool) throws(CommandError) -> String {
        let digits = try currentDigits()
        var lines: [String] = []
        let network: Network
        if untrained {
            network = Network.untrainedMNIST
            lines.append("loaded mnist --untrained: 3Blue1Brown's 784-16-16-10 sigmoid network before any training")
            lines.append(style.dim("weights N(0, 1)/√(fan-in) and biases N(0, 1), seed \(Network.untrainedMNISTSeed): its outputs are noise"))
            lines.append(style.dim("the shipped trained network (`load mnist`) started from these very weights"))
        } else {
            let (trained, record) = try ShippedMNIST.network()
            do { network = try trained.with(cost: .sumOfSquares) } catch { throw CommandError(error.description) }
            let accuracy = NumberFormat.percent(Double(record.testCorrect) / Double(record.testCount), decimals: 2)
            lines.append("loaded mnist: 3Blue1Brown's 784-16-16-10 sigmoid network, trained on MNIST's "
                         + "\(NumberFormat.grouped(record.trainingCount)) training images")
            lines.append("it gets \(accuracy) of the \(NumberFormat.grouped(record.testCount)) MNIST test images right")
            lines.append(style.dim("cost: sum-of-squares, C = Σⱼ (aⱼ − yⱼ)², as in 3Blue1Brown's lecture"))
            lines.append(style.dim("(it was trained with \(record.cost.rawValue); `cost \(record.cost.rawValue)` switches)"))
        }
        try adopt(loading: network, name: untrained ? "mnist --untrained" : "mnist", batch: Batch(digits.example(at: 0)))
        imageIndex = 0
        notation = .threeBlueOneBrown
        let label = digits.test.label(at: 0).map { ", a \($0)" } ?? ""
        lines.append(style.dim("example: image 0 of \(digits.testDescription)\(label) — `image N` or `digit D` shows one"))
        lines.append(style.dim("notation: 3Blue1Brown's (layers 0 to 3, w(L)jk and b(L)j)"))
        return lines.joined(separator: "\n")
    }

    /// The images in use, reading the shipped sample on first use.
    func currentDigits() throws(CommandError) -> DigitData {
        if let digits { return digits }
        let shipped = try DigitData.shipped()
        digits = shipped
        return shipped
    }

    /// Checks that the network takes a 28 × 28 image and gives one output per digit.
    func requireDigitNetwork(_ command: String) throws(CommandError) {
        guard network.sizes[0] == 784 && network.sizes[network.outputLayer] == 10 else {
            let sizes = network.sizes.map(String.init).joined(separator: "-")
            throw CommandError("\(command) needs a network with 784 inputs (28 × 28 pixels) and 10 outputs (one per digit);\n"
                               + "\(networkName) is \(sizes) — `load mnist` first")
        }
    }

    /// `data DIR` for the executable's `--data DIR`: reads the full MNIST database from a folder.
    public func useData(folder: String) -> Reply {
        do { return Reply(text: try readData(folder: folder)) } catch { return Reply(error: error.message) }
    }

    func dataCommand(_ args: Arguments) throws(CommandError) -> String {
        if args.flag("sample") {
            guard args.positional.isEmpty else { throw CommandError("data takes a folder or --sample, not both", showUsage: true) }
            let shipped = try DigitData.shipped()
            setDigits(shipped)
            return "using \(shipped.testDescription) (no training set: `train` learns from them too)"
        }
        guard let given = args.positional.first else {
            let digits = try currentDigits()
            if digits.folder == nil {
                return "using \(digits.testDescription); `data DIR` reads the full MNIST database from a folder"
            }
            return "using \(digits.trainingDescription) for `train` and \(digits.testDescription) for image, digit and accuracy"
        }
        guard args.positional.count == 1 else { throw CommandError("data takes one folder", showUsage: true) }
        return try readData(folder: given)
    }

    /// Reads the full MNIST database from a folder (`~` is the home folder) and uses its images.
    private func readData(folder given: String) throws(CommandError) -> String {
        let folder = Session.expandingHome(given)
        let sets: (training: ImageSet, test: ImageSet)
        do { sets = try MNISTFolder.load(directory: folder) } catch { throw CommandError(error.description) }
        let loaded = DigitData(training: sets.training, test: sets.test, folder: folder)
        setDigits(loaded)
        return "read \(NumberFormat.grouped(sets.training.count)) training and \(NumberFormat.grouped(sets.test.count)) test images from \(folder)\n"
            + style.dim("`train` learns from the training images; `image`, `digit` and `accuracy` use the test images")
    }

    /// `~/x` as $HOME/x (the REPL has no shell to do it); any other path unchanged.
    static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty
        else { return path }
        return home + path.dropFirst()
    }

    /// Switches to other images; the current example stays, but is no longer one of them.
    private func setDigits(_ new: DigitData) {
        digits = new
        imageIndex = nil
        lastNudgeAverage = nil
    }

    func imageCommand(_ arguments: Arguments) throws(CommandError) -> String {
        let words = arguments.positional
        try requireDigitNetwork("image")
        let digits = try currentDigits()
        guard words.count <= 1 else { throw CommandError("image takes one image number", showUsage: true) }
        guard let word = words.first else {
            guard let index = imageIndex else {
                throw CommandError("the example is not an MNIST image; `image N` picks one", showUsage: true)
            }
            return try showImage(index, digits: digits, choice: "", brief: arguments.flag("brief"))
        }
        let index = try Arguments.count(word, name: "image", in: 0...(digits.test.count - 1))
        return try showImage(index, digits: digits, choice: "", brief: arguments.flag("brief"))
    }

    func digitCommand(_ args: Arguments) throws(CommandError) -> String {
        try requireDigitNetwork("digit")
        guard args.positional.count == 1 else { throw CommandError("digit takes one digit, 0 to 9", showUsage: true) }
        let digit = try Arguments.count(args.positional[0], name: "digit", in: 0...9)
        let digits = try currentDigits()
        let labels = digits.test.labels
        let start = args.flag("next") ? (imageIndex ?? -1) + 1 : 0
        let order = Array(start..<labels.count) + Array(0..<min(start, labels.count))
        guard let index = order.first(where: { Int(labels[$0]) == digit }) else {
            throw CommandError("there is no \(digit) among \(digits.testDescription)")
        }
        let ordinal = labels[0...index].filter { Int($0) == digit }.count
        let count = labels.filter { Int($0) == digit }.count
        let choice = ordinal == 1 ? "the first \(digit)" : "\(digit) number \(ordinal) of \(count)"
        let wrapped = args.flag("next") && index < start ? " (back to the first: that was the last one)" : ""
        return try showImage(index, digits: digits, choice: choice + wrapped)
    }

    /// Makes test image `index` the example and shows it with the network's outputs.
    func showImage(_ index: Int, digits: DigitData, choice: String, brief: Bool = false) throws(CommandError) -> String {
        let example = digits.example(at: index)
        do { try replace(example: example) } catch { throw CommandError(error.description) }
        imageIndex = index
        let trace: Trace
        do { trace = try network.trace(example) } catch { throw CommandError(error.description) }
        return ImageView(session: self, digits: digits, index: index, choice: choice).render(trace: trace, brief: brief)
    }

    func accuracyCommand(_ arguments: Arguments) throws(CommandError) -> String {
        guard arguments.positional.isEmpty else { throw CommandError("accuracy takes no arguments", showUsage: true) }
        try requireDigitNetwork("accuracy")
        let digits = try currentDigits()
        let evaluation = network.evaluate(digits.test)
        return AccuracyReport(evaluation: evaluation, setName: digits.testDescription, networkName: networkName,
                              cost: network.cost, style: style).render()
    }
}
