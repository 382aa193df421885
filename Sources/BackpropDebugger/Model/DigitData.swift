import BackpropCore

/// The MNIST images a session works with: the shipped sample, or the full database from a folder.
///
/// `image`, `digit`, `accuracy` and the accuracy `train` reports after each epoch use the test
/// images; `train` uses the training images. With only the shipped sample there is no training set,
/// so `train` uses the sample itself (and says so).
public struct DigitData: Sendable {
    /// The images `train` learns from; nil with only the shipped sample.
    public let training: ImageSet?
    /// The images `image`, `digit` and `accuracy` use.
    public let test: ImageSet
    /// The folder given to `data`, or nil for the shipped sample.
    public let folder: String?

    /// The shipped sample: the first 1,000 MNIST test images.
    static func shipped() throws(CommandError) -> DigitData {
        DigitData(training: nil, test: try ShippedMNIST.sample(), folder: nil)
    }

    /// What `train` learns from.
    var trainingSet: ImageSet { training ?? test }

    /// "the 1,000 shipped MNIST test images" or "the 10,000 test images in DIR".
    var testDescription: String {
        folder.map { "the \(NumberFormat.grouped(test.count)) test images in \($0)" }
            ?? "the \(NumberFormat.grouped(test.count)) shipped MNIST test images"
    }

    /// "the 60,000 training images in DIR" or the shipped sample's description.
    var trainingDescription: String {
        guard let training, let folder else { return testDescription }
        return "the \(NumberFormat.grouped(training.count)) training images in \(folder)"
    }

    /// Test image `i` as an example for a 784-input, 10-output network: pixels/255, one-hot target.
    func example(at i: Int) -> Example {
        test.example(at: i, inputSize: test.pixelsPerImage, targetSize: test.classes)
    }
}
