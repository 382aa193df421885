import Foundation
import BackpropCore

/// The trained MNIST network and the sample of MNIST test images shipped with the package, in
/// `Resources/MNIST` (made by `backprop-train-shipped`; see the README there). Read from the bundle,
/// so they are found from any working directory, with no download.
public enum ShippedMNIST {
    /// The network file: the 784-16-16-10 sigmoid network with its training record.
    public static let networkFile = "mnist-784-16-16-10.json"
    /// The first 1,000 MNIST test images and their labels, gzipped IDX.
    public static let imagesFile = "t10k-sample-images-idx3-ubyte.gz"
    public static let labelsFile = "t10k-sample-labels-idx1-ubyte.gz"

    /// The trained network, as trained (cross-entropy cost), and how it was made.
    public static func network() throws(CommandError) -> (network: Network, record: TrainingRecord) {
        try loaded.get().network
    }

    /// The shipped images with their labels.
    public static func sample() throws(CommandError) -> ImageSet {
        try loaded.get().sample
    }

    /// Read once, on first use.
    private static let loaded: Result<(network: (network: Network, record: TrainingRecord), sample: ImageSet), CommandError> = {
        do throws(CommandError) {
            return .success((try readNetwork(), try readSample()))
        } catch {
            return .failure(error)
        }
    }()

    private static func path(_ name: String) throws(CommandError) -> String {
        guard let folder = Bundle.module.url(forResource: "MNIST", withExtension: nil) else {
            throw CommandError("the shipped MNIST files are missing from this build (no MNIST folder in its resources)")
        }
        return folder.appendingPathComponent(name).path
    }

    private static func readNetwork() throws(CommandError) -> (network: Network, record: TrainingRecord) {
        let file = try path(networkFile)
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: file, limit: NetworkFile.maximumFileSize) } catch {
            throw CommandError(error.description)
        }
        // Read as any network file is (load FILE): only the keys read are built.
        let json: JSONSlice
        do { json = try JSON.document(bytes, limit: NetworkFile.maximumFileSize) } catch {
            throw CommandError(NetworkFileError.json(source: file, error).description)
        }
        let network: Network
        do { network = try NetworkFile.network(from: json, path: file) } catch { throw CommandError(error.description) }
        guard let record = (try? json["training"]?.tree()).flatMap({ $0 }).flatMap(TrainingRecord.init(json:)) else {
            throw CommandError("\(file): the shipped network has no valid \"training\" record")
        }
        return (network, record)
    }

    private static func readSample() throws(CommandError) -> ImageSet {
        let images = try path(imagesFile), labels = try path(labelsFile)
        do { return try MNISTFolder.imageSet(imagesAt: images, labelsAt: labels) } catch {
            throw CommandError(error.description)
        }
    }
}
