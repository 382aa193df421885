import CPrefetch

/// A set of examples the trainer can read one at a time without holding them all as doubles.
public protocol ExampleSource: Sendable {
    /// How many examples there are.
    var count: Int { get }
    /// Writes example `i`'s input into `input` and its target into `target` (both already sized).
    func fill(input: inout [Double], target: inout [Double], at i: Int)
    /// Example `i`'s class label, if the set is labelled.
    func label(at i: Int) -> Int?
    /// `fill` for an `input` that is 0 everywhere except at the first `count` positions listed in
    /// `nonzero` (as the previous call left it): writes example `i`'s input and target, lists the
    /// positions of its non-zero inputs in `nonzero`, ascending, and returns how many there are.
    /// The default calls `fill` and scans; a set of sparse images can touch far fewer values.
    func fill(input: inout [Double], nonzero: inout [Int], count: Int, target: inout [Double], at i: Int) -> Int
    /// A hint that example `i` will be filled soon: a set kept in memory can start bringing it into
    /// the cache while the trainer still works on the current one. Changes nothing; the default does nothing.
    func prefetch(at i: Int)
}

extension ExampleSource {
    public func prefetch(at i: Int) {}

    /// The sparse `fill` for any source: the whole `fill`, then a scan for the non-zero inputs.
    public func fill(input: inout [Double], nonzero: inout [Int], count: Int, target: inout [Double], at i: Int) -> Int {
        fill(input: &input, target: &target, at: i)
        var found = 0
        for k in input.indices where input[k] != 0 {
            nonzero[found] = k
            found += 1
        }
        return found
    }

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
    /// Where each image's ink is, listed once when the set is made, so the trainer reads a few
    /// hundred bytes per image instead of scanning all of them (nil for images over 65,536 pixels).
    let ink: InkIndex?

    /// A set from bytes; the caller has checked that the counts agree and labels are below `classes`.
    public init(pixels: [UInt8], labels: [UInt8], rows: Int, columns: Int, classes: Int = 10) {
        precondition(pixels.count == labels.count * rows * columns, "sizes are validated by the IDX reader")
        self.pixels = pixels
        self.labels = labels
        self.rows = rows
        self.columns = columns
        self.classes = classes
        ink = InkIndex(pixels: pixels, pixelsPerImage: rows * columns)
    }

    public var count: Int { labels.count }
    public var pixelsPerImage: Int { rows * columns }

    /// Example i: pixel/255 for every pixel (read from `brightness`, so no division per pixel) and
    /// the one-hot target of its label.
    public func fill(input: inout [Double], target: inout [Double], at i: Int) {
        let n = pixelsPerImage, base = i * n
        precondition(input.count == n && i >= 0 && i < count, "sizes are validated by the caller")
        ImageSet.brightness.withUnsafeBufferPointer { table in
            pixels.withUnsafeBufferPointer { p in
                input.withUnsafeMutableBufferPointer { x in
                    for q in 0..<n { x[q] = table[Int(p[base + q])] }
                }
            }
        }
        for c in 0..<classes { target[c] = 0 }
        target[Int(labels[i])] = 1
    }

    /// The sparse `fill`: clears the previous image's non-zero inputs, then writes only this image's
    /// non-zero pixels, read from the ink index (MNIST images are about 80 % background), or, for
    /// images too large to index, found by skipping eight zero bytes at a time.
    public func fill(input: inout [Double], nonzero: inout [Int], count previous: Int, target: inout [Double],
                     at i: Int) -> Int {
        let n = pixelsPerImage, base = i * n
        precondition(input.count == n && nonzero.count >= n && i >= 0 && i < count, "sizes are validated by the caller")
        let found: Int
        if let ink {
            found = ink.fill(input: &input, nonzero: &nonzero, count: previous, at: i)
        } else {
            found = scanFill(input: &input, nonzero: &nonzero, count: previous, base: base)
        }
        for c in 0..<classes { target[c] = 0 }
        target[Int(labels[i])] = 1
        return found
    }

    /// The sparse fill without an index: every byte of the image is looked at.
    private func scanFill(input: inout [Double], nonzero: inout [Int], count previous: Int, base: Int) -> Int {
        let n = pixelsPerImage
        return ImageSet.brightness.withUnsafeBufferPointer { table in
            pixels.withUnsafeBufferPointer { bytes in
                input.withUnsafeMutableBufferPointer { x in
                    nonzero.withUnsafeMutableBufferPointer { list in
                        let pixel = start(bytes) + base, x = start(x), list = start(list)
                        for q in 0..<previous { x[list[q]] = 0 }
                        var found = 0, k = 0
                        while n &- k >= 8 {
                            // Eight background pixels in a row (most of an MNIST image) cost one test;
                            // otherwise all eight are written, without a branch per pixel.
                            if UnsafeRawPointer(pixel + k).loadUnaligned(as: UInt64.self) != 0 {
                                for b in 0..<8 {
                                    let v = pixel[k &+ b]
                                    x[k &+ b] = table[Int(v)]
                                    list[found] = k &+ b
                                    found &+= (Int(v) &+ 255) &>> 8  // 1 when v ≠ 0, without a branch
                                }
                            }
                            k &+= 8
                        }
                        while k < n {
                            let v = pixel[k]
                            if v != 0 {
                                x[k] = table[Int(v)]
                                list[found] = k
                                found &+= 1
                            }
                            k &+= 1
                        }
                        return found
                    }
                }
            }
        }
    }

    /// Starts reading image `i`'s ink (or its pixels) and label into the cache. Over 60,000 images
    /// in a shuffled order, nearly every image is a cache miss; asked for one example ahead, it
    /// arrives while the previous example's pass runs.
    public func prefetch(at i: Int) {
        guard i >= 0, i < count else { return }
        labels.withUnsafeBufferPointer { backprop_prefetch(start($0) + i) }
        if let ink {
            ink.prefetch(at: i)
        } else {
            pixels.withUnsafeBufferPointer { p in
                let first = start(p) + i * pixelsPerImage
                for offset in stride(from: 0, to: pixelsPerImage, by: 64) { backprop_prefetch(first + offset) }
                backprop_prefetch(first + (pixelsPerImage - 1))
            }
        }
    }

    /// Double(p) / 255 for every byte p: the input value of a pixel, computed once.
    static let brightness: [Double] = (0..<256).map { Double($0) / 255 }

    public func label(at i: Int) -> Int? { Int(labels[i]) }

    /// The images whose positions are given, in that order.
    public func subset(_ indices: [Int]) -> ImageSet {
        var p: [UInt8] = []
        p.reserveCapacity(indices.count * pixelsPerImage)
        for i in indices { p += pixels[(i * pixelsPerImage)..<((i + 1) * pixelsPerImage)] }
        return ImageSet(pixels: p, labels: indices.map { labels[$0] }, rows: rows, columns: columns, classes: classes)
    }
}
