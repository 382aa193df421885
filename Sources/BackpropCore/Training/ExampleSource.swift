/// A set of examples the trainer can read one at a time without holding them all as doubles.
public protocol ExampleSource: Sendable {
    /// How many examples there are.
    var count: Int { get }
    /// Writes example `i`'s input into `input` and its target into `target` (both already sized).
    func fill(input: inout [Double], target: inout [Double], at i: Int)
    /// Example `i`'s class label, if the set is labelled.
    func label(at i: Int) -> Int?
}

extension ExampleSource {
    /// Example `i` as a value.
    public func example(at i: Int, inputSize: Int, targetSize: Int) -> Example {
        var x = [Double](repeating: 0, count: inputSize)
        var y = [Double](repeating: 0, count: targetSize)
        fill(input: &x, target: &y, at: i)
        return Example(input: x, target: y, label: label(at: i))
    }
}

extension Array: ExampleSource where Element == Example {
    public func fill(input: inout [Double], target: inout [Double], at i: Int) {
        input = self[i].input
        target = self[i].target
    }

    public func label(at i: Int) -> Int? { self[i].label }
}

/// Labelled greyscale images kept as bytes (0…255) until a batch needs them, as MNIST is stored.
/// An input is pixel/255; the target is one-hot over `classes`.
public struct ImageSet: ExampleSource, Equatable {
    /// Pixels, image after image, each `pixelsPerImage` bytes.
    public let pixels: [UInt8]
    /// One label per image, each below `classes`.
    public let labels: [UInt8]
    /// Rows and columns of one image.
    public let rows: Int
    public let columns: Int
    /// Number of classes (10 digits).
    public let classes: Int

    /// A set from bytes; the caller has checked that the counts agree and labels are below `classes`.
    public init(pixels: [UInt8], labels: [UInt8], rows: Int, columns: Int, classes: Int = 10) {
        precondition(pixels.count == labels.count * rows * columns, "sizes are validated by the IDX reader")
        self.pixels = pixels
        self.labels = labels
        self.rows = rows
        self.columns = columns
        self.classes = classes
    }

    public var count: Int { labels.count }
    public var pixelsPerImage: Int { rows * columns }

    public func fill(input: inout [Double], target: inout [Double], at i: Int) {
        let base = i * pixelsPerImage
        for p in 0..<pixelsPerImage { input[p] = Double(pixels[base + p]) / 255 }
        for c in 0..<classes { target[c] = 0 }
        target[Int(labels[i])] = 1
    }

    public func label(at i: Int) -> Int? { Int(labels[i]) }

    /// The images whose positions are given, in that order.
    public func subset(_ indices: [Int]) -> ImageSet {
        var p: [UInt8] = []
        p.reserveCapacity(indices.count * pixelsPerImage)
        for i in indices { p += pixels[(i * pixelsPerImage)..<((i + 1) * pixelsPerImage)] }
        return ImageSet(pixels: p, labels: indices.map { labels[$0] }, rows: rows, columns: columns, classes: classes)
    }
}
