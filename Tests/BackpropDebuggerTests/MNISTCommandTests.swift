import Foundation
import Testing
@testable import BackpropCore
import GzipWriter
@testable import BackpropDebugger

/// The shipped MNIST network and images, and the commands that use them: load, image, digit,
/// accuracy, nudges, train and data. Expected values come from outside the code: the MNIST
/// README's checks (first test labels 7 2 1 0 4 1 4 9 5 9) and Python over the original files
/// (label counts of the first 1,000 test images: 85 126 116 107 110 87 87 99 89 94; the first 2s
/// are images 1, 35 and 38).
struct MNISTCommandTests {
    static func session(_ commands: String...) -> Session {
        let s = Session()
        for c in commands { #expect(s.execute(c).error == nil, "\(c)") }
        return s
    }

    @Test func shippedSampleLoads() throws {
        let sample = try ShippedMNIST.sample()
        #expect(sample.count == 1000 && sample.rows == 28 && sample.columns == 28)
        #expect(sample.labels.prefix(10).map { Int($0) } == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect((0...9).map { d in sample.labels.filter { $0 == d }.count } == [85, 126, 116, 107, 110, 87, 87, 99, 89, 94])
    }

    @Test func shippedNetworkLoadsWithItsRecord() throws {
        let (network, record) = try ShippedMNIST.network()
        #expect(network.sizes == [784, 16, 16, 10])
        #expect(network.sharedActivation == .sigmoid && network.cost == .crossEntropy)
        #expect(record.testCount == 10_000 && record.sampleCount == 1000 && record.trainingCount == 60_000)
        #expect(record.testCorrect >= 9500, "at least 95% on the full test set")
        #expect(record.options.epochs == 60 && record.initialization == .scaledNormal)
    }

    @Test func shippedNetworkScoresWhatTheReadmesSay() throws {
        let (network, record) = try ShippedMNIST.network()
        let evaluation = network.evaluate(try ShippedMNIST.sample())
        #expect(evaluation.correct == record.sampleCorrect)
        let sampleFigure = "\(evaluation.correct) of the 1,000 shipped images (\(NumberFormat.percent(evaluation.accuracy)))"
        let testFigure = "\(NumberFormat.grouped(record.testCorrect)) of the 10,000 MNIST test images"
        let testPercent = NumberFormat.percent(Double(record.testCorrect) / 10_000, decimals: 2)
        for (name, text) in [("README.md", ReadmeTests.readme), ("Resources/MNIST/README.md", Self.dataReadme)] {
            #expect(text.contains(sampleFigure), "\(name) states \(sampleFigure)")
            #expect(text.contains(testFigure) && text.contains(testPercent), "\(name) states \(testFigure) (\(testPercent))")
        }
    }

    static let dataReadme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/BackpropDebugger/Resources/MNIST/README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func dataReadmeCreditsMNISTAndGivesTheCommand() {
        let text = Self.dataReadme
        for phrase in ["Yann LeCun", "Corinna Cortes", "Burges", "CC BY-SA 3.0", "swift run -c release backprop-train-shipped MNIST_DIR"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }

    @Test func loadMnistShowsTheTrainedNetworkAndImageZero() throws {
        let s = Session()
        let text = s.execute("load mnist").text
        #expect(text.hasPrefix("loaded mnist: 3Blue1Brown's 784-16-16-10 sigmoid network, trained on MNIST's 60,000 training images\nit gets 96."))
        #expect(s.network.cost == .sumOfSquares)
        #expect(s.imageIndex == 0 && s.example.label == 7)
        #expect(s.notation == .threeBlueOneBrown)
        let untrained = s.execute("load mnist --untrained")
        #expect(untrained.text.hasPrefix("loaded mnist --untrained:"))
        #expect(s.network == Network.untrainedMNIST)
    }

    @Test func digitFindsTheFirstAndTheNext() {
        let s = Self.session("load mnist")
        #expect(s.execute("digit 2").text.hasPrefix("image 1 of the 1,000 shipped MNIST test images, the first 2 · label 2"))
        #expect(s.imageIndex == 1 && s.example.label == 2)
        #expect(s.execute("digit 2 --next").text.hasPrefix("image 35 of the 1,000 shipped MNIST test images, 2 number 2 of 116 · label 2"))
        #expect(s.execute("digit 2 --next").text.hasPrefix("image 38 of"))
    }

    @Test func imageShowsPictureBarsAndGuess() throws {
        let s = Self.session("load mnist")
        let sample = try ShippedMNIST.sample()
        let lines = s.execute("image 0").text.split(separator: "\n").map(String.init)
        #expect(lines.count == 20)
        #expect(lines[1] == "┌────────────────────────────┐   output a(3) (bar = activation, 0 to 1)")
        // Row 9 of the 7 (pixels 252–255 ink from column 19 on): the upper stroke.
        #expect(lines.contains { $0.hasPrefix("│      ▀▀▀▀███████████▄      │") })
        #expect(lines.contains { $0.contains("a(3)7") && $0.hasSuffix("← label, guess") })
        #expect(lines[17].hasPrefix("guess: 7   (a(3)7 = ") && lines[17].hasSuffix("— right"))
        #expect(lines[18].hasPrefix("cost of this example: C = ") && lines[18].hasSuffix(" (sum-of-squares)"))
        #expect(s.example.input[7 * 28 + 10] == Double(sample.pixels[7 * 28 + 10]) / 255)
    }

    @Test func nudgesSumForTheLastHiddenLayerIsBackprop() throws {
        let s = Self.session("load mnist", "digit 2")
        let reply = s.execute("nudges")
        #expect(reply.error == nil)
        let nudges = try #require(s.lastNudges)
        let trace = try s.network.trace(s.example)
        #expect(nudges.layer == 3 && nudges.neuron == 2)
        let bp = try #require(nudges.backprop)
        for k in 0..<16 {
            #expect(abs(nudges.summedPreviousActivationNudges[k] + trace.activationGradient[2][k]) <= 1e-15)
            #expect(abs(nudges.summedPreviousActivationNudges[k] * bp.activationSlopes[k] + trace.delta[2][k]) <= 1e-15)
        }
        // Sum-of-squares: each output's desire is 2(y − a).
        for j in 0..<10 {
            #expect(nudges.desiredActivationChanges[j] == 2 * (s.example.target[j] - trace.a[3][j]))
        }
        #expect(reply.text.contains("largest difference: sum vs −∂C/∂a 0, sum·σ′ vs −δ 0 — the same numbers"))
        #expect(s.execute("nudges --layer 2").succeeded)
        #expect(s.lastNudges?.layer == 2)
        #expect(s.execute("nudges --layer 1 5").text.contains("a(0) is the input"))
    }

    /// `--average N --brief`: the bias's row alone, the same numbers as the full table's row.
    @Test func briefAveragedNudgesShowTheBiasRowOnly() throws {
        let s = Self.session("load mnist --untrained")
        let full = s.execute("nudges 2 --average 10").text
        let brief = s.execute("nudges 2 --average 10 --brief")
        #expect(brief.succeeded)
        // The same cells (the columns are narrower without the weights' rows).
        let row = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("  b(3)2 ") }?.split(separator: " ") }
        #expect(row(brief.text) != nil && row(brief.text) == row(full))
        #expect(!brief.text.contains("w(3)2,"), "no weight rows")
        #expect(brief.text.contains("(the bias alone: without --brief, its 16 weights too)"))
        #expect(brief.text.contains("— the same numbers"))
        #expect(brief.text.split(separator: "\n").count == 7, "title, images, header, rule, row, note, check: \(brief.text)")
    }

    @Test func averagedNudgesAreTheNegativeMeanGradient() throws {
        let s = Self.session("load mnist")
        #expect(s.execute("nudges --average 20").text.contains("— the same numbers"))
        let average = try #require(s.lastNudgeAverage)
        let sample = try ShippedMNIST.sample()
        let examples = (0..<20).map { sample.example(at: $0, inputSize: 784, targetSize: 10) }
        let mean = try s.network.batch(examples).gradient
        #expect(average.examples == Array(0..<20) && average.neuron == 7)
        #expect(abs(average.average[0] + mean.biases[2][7]) <= 1e-15)
        for k in 0..<16 { #expect(abs(average.average[k + 1] + mean.weights[2][7, k]) <= 1e-15) }
        #expect(average.largestDifference <= 1e-15)
    }

    @Test func accuracyOnTheSampleHasAConfusionMatrix() throws {
        let s = Self.session("load mnist")
        let text = s.execute("accuracy").text
        let record = try ShippedMNIST.network().record
        #expect(text.hasPrefix("accuracy of mnist on the 1,000 shipped MNIST test images: \(NumberFormat.percent(Double(record.sampleCorrect) / 1000, decimals: 2))"))
        #expect(text.contains("  label   0    1    2    3    4   5   6   7   8   9  images  right"))
    }

    @Test func seededTrainingLowersTheCostAndRepeatsExactly() throws {
        func run() throws -> (TrainingHistory, Network, Double) {
            let s = Self.session("load mnist --untrained")
            let images = try ShippedMNIST.sample().subset(Array(0..<300))
            let before = s.network.evaluate(images).cost
            let reply = s.execute("train --images 300 --epochs 2 --batch 30 --seed 7")
            #expect(reply.error == nil)
            #expect(reply.text.contains("trained mnist --untrained on the first 300 of the 1,000 shipped MNIST test images"))
            let history = try #require(s.trainingHistory)
            #expect(history.batchCosts.count == 20 && history.epochs.count == 2 && !history.stoppedEarly)
            #expect(s.network.evaluate(images).cost < before)
            return (history, s.network, before)
        }
        let (first, network, _) = try run()
        let (second, again, _) = try run()
        #expect(first == second)
        #expect(network == again)
    }

    @Test func trainingOnlyTheLastLayerKeepsTheHiddenLayers() throws {
        let s = Self.session("load mnist --untrained")
        let reply = s.execute("train --images 100 --batch 10 --only 3")
        #expect(reply.error == nil)
        #expect(reply.text.contains("only w(3) and b(3) learn (the weights and biases into layer 3); every other layer keeps its values"))
        #expect(reply.text.contains(" on all 1,000 of them, 900 of which it never learned from)"))
        // 10 mini-batches fit the plot's 60 columns one each.
        #expect(reply.text.contains("1       10  mini-batches\n"))
        let start = Network.untrainedMNIST
        #expect(s.network.weights[0] == start.weights[0] && s.network.biases[1] == start.biases[1])
        #expect(s.network.weights[2] != start.weights[2] && s.network.biases[2] != start.biases[2])
        _ = s.execute("load mnist --untrained")
        _ = s.execute("notation ng")
        #expect(s.execute("train --images 100 --batch 10 --only 4").text.contains("only Θ(3) learns (the weights and biases into layer 4)"))
    }

    @Test func briefNudgesShowOnlyTheDesiredChanges() {
        let s = Self.session("load mnist --untrained")
        _ = s.execute("digit 2")
        let text = s.execute("nudges --brief").text
        #expect(text.hasPrefix("nudges: what image 1 (label 2) wants"))
        #expect(text.contains("  a(3)2   0.6018  1  +0.7964  ↑"))
        #expect(!text.contains("three ways") && !text.contains("Σⱼ"))
        #expect(text.hasSuffix("(without --brief: one neuron's three avenues, and the desires for the layer before added up)"))
    }

    @Test func avenuesShowOnlyOneNeuronsThreeWays() {
        let s = Self.session("load mnist --untrained")
        _ = s.execute("digit 2")
        let text = s.execute("nudges 4 --avenues").text
        #expect(text.hasPrefix("a(3)4: three ways to lower it"))
        #expect(!text.contains("nudges: what") && !text.contains("Σⱼ"))
        #expect(s.execute("nudges --brief --avenues").error?.hasPrefix("nudges takes one of --brief (the desires), --avenues (one neuron's avenues) and --sum") == true)
    }

    @Test func sumShowsOnlyTheDesiresAddedUpBesideBackprop() {
        let s = Self.session("load mnist --untrained")
        _ = s.execute("digit 2")
        let text = s.execute("nudges --sum").text
        #expect(text.hasPrefix("every neuron of layer 3 has a desire for each a(2)k; added up:"))
        #expect(!text.contains("three ways") && !text.contains("nudges: what"))
        // a(2)15: the ten desires add up to −0.116129 = −∂C/∂a(2)15, times σ′ = 0.2378 that is −δ(2)15 = −0.0276195.
        let row = text.split(separator: "\n").first { $0.hasPrefix("  a(2)15 ") }.map(String.init) ?? ""
        #expect(row.contains("−0.116129") && row.contains("0.2378") && row.contains("−0.0276195"), "\(row)")
    }

    @Test func printAcrossImagesShowsALayerSideBySideWithItsSpread() {
        let s = Self.session("load mnist --untrained")
        let text = s.execute("print a(2) --images 2").text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "a(2) (16 neurons) for images 0 and 1 of the 1,000 shipped MNIST test images")
        #expect(lines[1].hasPrefix("  neuron  image 0 (7)  image 1 (2)  spread"))
        // Each row's values are the ones `nudges --brief --layer 2` shows for that image alone.
        let seven = Self.session("load mnist --untrained").execute("nudges --brief --layer 2").text
        #expect(seven.contains("  a(2)4    0.3416 ") && lines.contains { $0.hasPrefix("  a(2)4 ") && $0.contains("0.3416") && $0.contains("0.3061") })
        // 0.3416 − 0.3061 to two digits.
        #expect(lines.contains { $0.hasPrefix("  a(2)4 ") && $0.hasSuffix("0.036") })
        #expect(s.execute("print w(1) --images 2").error?.hasPrefix("--images shows a neuron's z, a or δ") == true)
        #expect(s.execute("print a(0) --images 2").error?.hasPrefix("layer 0 has 784 neurons") == true)
        #expect(s.execute("print a(2) --images 7").error?.hasPrefix("--images 7 is out of range") == true)
        #expect(Self.session("load small").execute("print a(2) --images 2").error?.hasPrefix("print --images needs a network with 784 inputs") == true)
    }

    @Test func briefImageIsTheHeadingTheGuessAndTheCost() {
        let s = Self.session("load mnist --untrained")
        #expect(s.execute("image 1 --brief").text == """
            image 1 of the 1,000 shipped MNIST test images · label 2
            guess: 4   (a(3)4 = 0.775 is the largest output) — wrong (the label is 2)
            cost of this example: C = 2.06612 (sum-of-squares)
            """)
        #expect(s.imageIndex == 1)
    }

    @Test func tenOutputsCostIsWrittenInLinesThatFitOneHundredColumns() {
        // Untrained, each term is about 17 columns: five to a line. Trained, the outputs near 0
        // print as 0.000369322 or 1.25403e-08 and only four fit: the lines break by width.
        for setup in ["load mnist --untrained", "load mnist"] {
            let s = Self.session(setup)
            let lines = s.execute("cost").text.split(separator: "\n").map(String.init)
            let terms = lines.filter { $0.hasPrefix("  = (") || $0.hasPrefix("    + (") }
            #expect(terms.map { $0.components(separatedBy: ")²").count - 1 }.reduce(0, +) == 10, "\(setup)")
            #expect(terms.allSatisfy { visibleWidth($0) <= 100 }, "\(setup)")
            #expect(terms.count == (setup.hasSuffix("untrained") ? 2 : 3), "\(setup): \(terms)")
        }
    }

    @Test func drawCountsEachLayersWeightsAndBiases() throws {
        // Nielsen's 784-30-10 is too wide to draw neuron by neuron: 784·30 = 23,520 weights + 30 biases
        // = 23,550; 30·10 + 10 = 310; 23,520 + 300 = 23,820 weights, 40 biases, 23,860 in all.
        let s = Session()
        let network = try Network.random(sizes: [784, 30, 10], activation: .sigmoid, cost: .quadratic, initialization: .scaledNormal, seed: 1)
        try s.replace(network: network, name: "nielsen", example: Example(input: Array(repeating: 0, count: 784), target: Array(repeating: 0, count: 10)))
        s.notation = .threeBlueOneBrown
        let text = s.execute("draw").text
        #expect(text.hasPrefix("nielsen: 784-30-10, 23,860 weights and biases"))
        #expect(text.contains("  w(1)    30×784   23,520      30  23,550"))
        #expect(text.contains("  w(2)    10×30       300      10     310"))
        #expect(text.contains("  all              23,820      40  23,860\n"))
    }

    @Test func costPlotSaysHowManyValuesEachColumnAverages() {
        // 90 values in 60 columns: columns c = 0 … 59 take values ⌊90c/60⌋ ..< ⌊90(c+1)/60⌋, 1 or 2 of them.
        let plot = CostPlot(values: (0..<90).map { Double($0) }).render()
        #expect(plot.contains("90  mini-batches\n") && plot.hasSuffix(" (each column averages 1 or 2 mini-batches)"))
        let even = CostPlot(values: (0..<120).map { Double($0) }).render()
        #expect(even.contains("120  mini-batches\n") && even.hasSuffix(" (each column averages 2 mini-batches)"))
    }

    @Test func costPlotOfCostsNearTheLargestDoubleDoesNotTrap() {
        // 120 values in 60 columns of 2: the first column averages 1e308 + 1e308 = ∞ (overflow), so
        // the span from the lowest column (1) is ∞ and (∞ − 1)/∞ is NaN, which Int() trapped on.
        let plot = CostPlot(values: [1e308, 1e308] + Array(repeating: 1, count: 118)).render()
        #expect(plot.hasPrefix("∞ ┤"))
        #expect(plot.contains("120  mini-batches"))
    }

    @Test func ctrlCStopsTrainingAndKeepsTheNetwork() throws {
        let s = Self.session("load mnist --untrained")
        nonisolated(unsafe) var calls = 0
        s.isInterrupted = { calls += 1; return calls >= 3 }
        let reply = s.execute("train --images 200 --batch 20 --epochs 3")
        #expect(reply.text.contains("stopped by Ctrl-C after mini-batch 3 of 10 in epoch 1; the network keeps every update made so far"))
        #expect(s.trainingHistory?.batchCosts.count == 3)
        #expect(s.network != Network.untrainedMNIST)
    }

    @Test func dataExpandsTheHomeFolder() {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        #expect(Session.expandingHome("~/mnist") == (home.isEmpty ? "~/mnist" : home + "/mnist"))
        #expect(Session.expandingHome("/data/~/x") == "/data/~/x")
        #expect(Session.expandingHome("~user/x") == "~user/x")
    }

    @Test func dataFolderErrorsAreClear() throws {
        let s = Self.session("load mnist")
        #expect(s.execute("data /no/such/folder").error == "/no/such/folder: no such folder")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-data-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(s.execute("data \(directory)").error?.hasPrefix("\(directory): missing train-images-idx3-ubyte (or train-images-idx3-ubyte.gz)") == true)
        // A gzip file cut short.
        for name in MNISTFolder.fileNames {
            try AtomicFile.write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1, 2], to: directory + "/" + name + ".gz")
        }
        #expect(s.execute("data \(directory)").error == "\(directory)/train-images-idx3-ubyte.gz: gzip data ends early: more bytes needed at offset 12")
        // Not IDX at all.
        try AtomicFile.write(Gzip.compress(Array("not an idx file".utf8)), to: directory + "/train-images-idx3-ubyte.gz")
        #expect(s.execute("data \(directory)").error == "\(directory)/train-images-idx3-ubyte.gz: not an IDX images file: expected magic 0x00000803, found 0x6e6f7420")
        #expect(s.digits?.folder == nil, "the session keeps the images it had")
        #expect(s.execute("image 3").succeeded)
    }

    @Test(arguments: [
        ("image 1000", "image 1000 is out of range; it must be from 0 to 999\nusage: image [N] [--brief]\n   e.g. image 1"),
        ("image two", "image 'two' is not a whole number\nusage: image [N] [--brief]\n   e.g. image 1"),
        ("digit 11", "digit 11 is out of range; it must be from 0 to 9\nusage: digit D [--next]\n   e.g. digit 2"),
        ("digit", "digit takes one digit, 0 to 9\nusage: digit D [--next]\n   e.g. digit 2"),
        ("nudges --layer 0", "--layer 0 is out of range; it must be from 1 to 3\nusage: nudges [NEURON] [--layer L] [--average N] [--brief | --avenues | --sum]\n   e.g. nudges"),
        ("nudges 10", "neuron 10 is out of range; it must be from 0 to 9\nusage: nudges [NEURON] [--layer L] [--average N] [--brief | --avenues | --sum]\n   e.g. nudges"),
        ("nudges --average 5 --avenues", "--average shows its own table; it takes no --avenues or --sum (--brief keeps the bias's row)\nusage: nudges [NEURON] [--layer L] [--average N] [--brief | --avenues | --sum]\n   e.g. nudges"),
        ("nudges --average 0", "--average 0 is out of range; it must be from 1 to 1000\nusage: nudges [NEURON] [--layer L] [--average N] [--brief | --avenues | --sum]\n   e.g. nudges"),
        ("train --eta 0", "--eta 0 must be above 0: a step of size 0 changes nothing\nusage: train [--epochs N] [--batch M] [--eta E] [--lambda L] [--decay D] [--seed S] [--images N]\n             [--only L]\n   e.g. train --epochs 1"),
        ("train --epochs 0", "--epochs 0 is out of range; it must be from 1 to 10000\nusage: train [--epochs N] [--batch M] [--eta E] [--lambda L] [--decay D] [--seed S] [--images N]\n             [--only L]\n   e.g. train --epochs 1"),
        ("train --bogus 1", "unknown option --bogus\ntrain takes --batch, --decay, --epochs, --eta, --images, --lambda, --only, --seed\nusage: train [--epochs N] [--batch M] [--eta E] [--lambda L] [--decay D] [--seed S] [--images N]\n             [--only L]\n   e.g. train --epochs 1"),
        ("train --only 0", "--only 0 is out of range; it must be from 1 to 3\nusage: train [--epochs N] [--batch M] [--eta E] [--lambda L] [--decay D] [--seed S] [--images N]\n             [--only L]\n   e.g. train --epochs 1"),
        ("accuracy 5", "accuracy takes no arguments\nusage: accuracy\n   e.g. accuracy"),
        ("data a b", "data takes one folder\nusage: data [DIR | --sample]\n   e.g. data ~/mnist"),
        ("load small --untrained", "--untrained goes with mnist: `load mnist --untrained`\nusage: load small | mnist [--untrained] | FILE.json\n   e.g. load small"),
    ])
    func mnistCommandMistakesGiveTheirOwnMessage(line: String, message: String) {
        let s = Self.session("load mnist")
        let before = s.network
        #expect(s.execute(line).error == message)
        #expect(s.network == before)
        #expect(s.execute("image 2").succeeded, "the session goes on")
    }

    @Test func imageCommandsNeedAnMNISTShapedNetwork() {
        let s = Session()
        let message = "image needs a network with 784 inputs (28 × 28 pixels) and 10 outputs (one per digit);\nsmall is 2-2-2-1 — `load mnist` first"
        #expect(s.execute("image 3").error == message)
        #expect(s.execute("train --images 3").error?.hasPrefix("--images picks MNIST training images of 784 pixels") == true)
        // Off MNIST, --average N averages the session's batch, here of one example.
        #expect(s.execute("nudges --average 5").error
                == "--average 5: the batch has 1 example (`batch add X… -> Y…` adds one; on MNIST, --average takes test images)")
        #expect(s.execute("nudges").succeeded, "nudges alone works on any network")
    }
}
