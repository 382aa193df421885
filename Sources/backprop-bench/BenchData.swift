#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import BackpropDebugger

/// Why the benchmark's data could not be read.
struct BenchDataError: Error, CustomStringConvertible {
    let description: String
}

/// The images the benchmark trains and checks on.
struct BenchData {
    /// The training images.
    let set: ImageSet
    /// What they are, for the report ("MNIST training set", "shipped sample", …).
    let name: String
    /// True when neither real MNIST nor the shipped sample was used.
    let isSynthetic: Bool

    /// The standard MNIST training file names (raw or with `.gz`).
    static let imagesName = "train-images-idx3-ubyte"
    static let labelsName = "train-labels-idx1-ubyte"

    /// The training set of the MNIST folder `directory` when given, else the shipped sample (the
    /// first 1,000 MNIST test images, from the package's resources). This is the one place that
    /// decides where the benchmark's images come from; `synthetic(count:seed:)` is only a last
    /// resort for a build whose resources are missing.
    static func load(directory: String?) throws(BenchDataError) -> BenchData {
        if let directory {
            return BenchData(set: try mnistTrainingSet(directory: directory),
                             name: "MNIST training set from \(directory)", isSynthetic: false)
        }
        if let sample = try? ShippedMNIST.sample() {
            return BenchData(set: sample, name: "the 1,000 shipped MNIST test images, repeated where 60,000 are needed",
                             isSynthetic: false)
        }
        return BenchData(set: synthetic(count: 1000, seed: 1),
                         name: "synthetic MNIST-like set (the shipped sample is missing from this build)",
                         isSynthetic: true)
    }

    /// Reads and decodes `train-images-idx3-ubyte[.gz]` and `train-labels-idx1-ubyte[.gz]`.
    static func mnistTrainingSet(directory: String) throws(BenchDataError) -> ImageSet {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw BenchDataError(description: "--data \(directory): no such folder")
        }
        func path(_ name: String) throws(BenchDataError) -> String {
            let base = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            for candidate in [base, base + ".gz"] where access(candidate, R_OK) == 0 { return candidate }
            throw BenchDataError(description: "--data \(directory): missing \(name) (or \(name).gz)")
        }
        let imagesPath = try path(imagesName), labelsPath = try path(labelsName)
        let images: IDXImages, labels: IDXLabels
        do {
            images = try IDXReader.images(atPath: imagesPath)
            labels = try IDXReader.labels(atPath: labelsPath)
        } catch {
            throw BenchDataError(description: error.description)
        }
        guard images.count == labels.count else {
            throw BenchDataError(description: "\(imagesPath) holds \(images.count) images but \(labelsPath) \(labels.count) labels")
        }
        return ImageSet(pixels: images.pixels, labels: labels.labels, rows: images.rows, columns: images.columns)
    }

    /// `count` 28×28 images shaped like MNIST's: ink only inside the central 20×20 box (MNIST's
    /// digits are scaled to fit 20×20 and centred), about 39 % of that box inked with a brightness
    /// in 1…255, so about 80 % of all pixels are exactly 0, as in MNIST; labels uniform over the 10
    /// digits. The same for the same seed.
    static func synthetic(count: Int, seed: UInt64) -> ImageSet {
        var rng = SeededGenerator(seed: seed)
        var pixels = [UInt8](repeating: 0, count: count * 784)
        for i in 0..<count {
            for r in 4..<24 {
                for c in 4..<24 where rng.nextUniform() < 0.39 {
                    pixels[i * 784 + r * 28 + c] = UInt8(1 + rng.nextInt(below: 255))
                }
            }
        }
        let labels = (0..<count).map { _ in UInt8(rng.nextInt(below: 10)) }
        return ImageSet(pixels: pixels, labels: labels, rows: 28, columns: 28)
    }
}

/// A small set repeated until it has `count` examples, so an epoch over a sample has MNIST's
/// 60,000 steps.
struct Tiled: ExampleSource {
    let base: ImageSet
    let count: Int

    func fill(input: inout [Double], target: inout [Double], at i: Int) {
        base.fill(input: &input, target: &target, at: i % base.count)
    }

    func fill(input: inout [Double], nonzero: inout [Int], count previous: Int, target: inout [Double], at i: Int) -> Int {
        base.fill(input: &input, nonzero: &nonzero, count: previous, target: &target, at: i % base.count)
    }

    func label(at i: Int) -> Int? { base.label(at: i % base.count) }

    func prefetch(at i: Int) { base.prefetch(at: i % base.count) }
}

extension ImageSet {
    /// This set's images repeated until there are `count`, held as bytes like a full training set.
    func repeated(to count: Int) -> ImageSet {
        let size = pixelsPerImage
        var p = [UInt8](repeating: 0, count: count * size)
        var l = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let from = (i % self.count) * size
            for q in 0..<size { p[i * size + q] = pixels[from + q] }
            l[i] = labels[i % self.count]
        }
        return ImageSet(pixels: p, labels: l, rows: rows, columns: columns, classes: classes)
    }
}
