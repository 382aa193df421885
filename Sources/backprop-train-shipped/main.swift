// backprop-train-shipped — makes the trained MNIST network and the image sample the package ships.
//
//   swift run -c release backprop-train-shipped MNIST_DIR [OUT_DIR]
//
// MNIST_DIR holds the four standard MNIST files (raw or .gz); OUT_DIR defaults to the resource
// folder Sources/BackpropDebugger/Resources/MNIST. The run is seeded: the same command writes the
// same files on every platform. Each file is written atomically (temporary file, then rename).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import GzipWriter

/// The recipe of the shipped network: 3Blue1Brown's 784-16-16-10 sigmoid network, started from the
/// same seeded weights as `load mnist --untrained`, trained as Nielsen's `network2.py` trains.
enum Recipe {
    static let seed = Network.untrainedMNISTSeed
    static let options = TrainingOptions(epochs: 60, batchSize: 10, learningRate: 0.3, regularization: 3.0,
                                         learningRateDecay: 0.97, seed: seed)
    /// How many test images (the first ones, in file order) the sample keeps.
    static let sampleCount = 1000
    /// The files written into OUT_DIR (the names `ShippedMNIST` reads).
    static let networkFile = "mnist-784-16-16-10.json"
    static let imagesFile = "t10k-sample-images-idx3-ubyte.gz"
    static let labelsFile = "t10k-sample-labels-idx1-ubyte.gz"
    static let command = "swift run -c release backprop-train-shipped MNIST_DIR"
}

func fail(_ message: String) -> Never {
    fputs("backprop-train-shipped: \(message)\n", stderr)
    exit(1)
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func write(_ bytes: [UInt8], to path: String) {
    do { try AtomicFile.write(bytes, to: path) } catch { fail(error.description) }
    print("wrote \(path) (\(bytes.count) bytes)")
}

var arguments = Array(CommandLine.arguments.dropFirst())
var options = Recipe.options
/// Options for experiments; the shipped files come from the defaults (the recipe above).
func takeOption(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name) else { return nil }
    guard i + 1 < arguments.count else { fail("\(name) needs a value") }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return value
}
func number(_ name: String) -> Double? {
    guard let text = takeOption(name) else { return nil }
    guard let x = Double(text), x.isFinite else { fail("\(name) '\(text)' is not a number") }
    return x
}
if let n = number("--epochs") { options.epochs = Int(n) }
if let n = number("--batch") { options.batchSize = Int(n) }
if let x = number("--eta") { options.learningRate = x }
if let x = number("--lambda") { options.regularization = x }
if let x = number("--decay") { options.learningRateDecay = x }
if let n = number("--seed") { options.seed = UInt64(n) }
let isRecipe = options == Recipe.options
guard (1...2).contains(arguments.count), !arguments[0].hasPrefix("-") else {
    fail("usage: backprop-train-shipped MNIST_DIR [OUT_DIR] [--epochs N --batch M --eta E --lambda L --decay D --seed S]")
}
let dataDirectory = arguments[0]
let outDirectory = arguments.count > 1 ? arguments[1] : "Sources/BackpropDebugger/Resources/MNIST"

let data: (training: ImageSet, test: ImageSet)
do { data = try MNISTFolder.load(directory: dataDirectory) } catch { fail(error.description) }
print("training on \(data.training.count) images, testing on \(data.test.count)")

var network: Network
do {
    network = try Network.untrainedMNIST.with(cost: .crossEntropy)
} catch {
    fail(error.description)
}
let start = now()
var epochStart = start
do {
    try network.train(on: data.training, options: options, evaluation: data.test, onEpoch: { report in
        let t = now()
        print("epoch \(report.epoch): training cost \(report.trainingCost), test accuracy \(report.accuracy ?? 0), "
              + "\(Int((t - epochStart) * 1000)) ms")
        epochStart = t
        fflush(stdout)
    })
} catch {
    fail(error.description)
}
let seconds = now() - start
let sample = data.test.subset(Array(0..<min(Recipe.sampleCount, data.test.count)))
let full = network.evaluate(data.test)
let onSample = network.evaluate(sample)
print("trained in \(Int(seconds.rounded())) s (\(options.epochs) epochs)")
print("accuracy on the \(full.count) test images: \(full.correct)/\(full.count)")
print("accuracy on the \(onSample.count)-image sample: \(onSample.correct)/\(onSample.count)")

let images = IDXImages(count: sample.count, rows: sample.rows, columns: sample.columns, pixels: sample.pixels)
let record = TrainingRecord(
    data: "MNIST training set", trainingCount: data.training.count, initialization: .scaledNormal,
    initializationSeed: Recipe.seed, cost: network.cost, options: options,
    testCorrect: full.correct, testCount: full.count, sampleCorrect: onSample.correct, sampleCount: onSample.count,
    command: Recipe.command + (isRecipe ? "" : " (with options changed from the recipe)"))
write(NetworkFile.encode(network, record: record), to: outDirectory + "/" + Recipe.networkFile)
write(Gzip.compress(IDXReader.encode(images: images)), to: outDirectory + "/" + Recipe.imagesFile)
write(Gzip.compress(IDXReader.encode(labels: IDXLabels(labels: sample.labels))), to: outDirectory + "/" + Recipe.labelsFile)
