// MNISTFolder.swift — the MNIST database as it is downloaded: four IDX files under standard names.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem found while reading MNIST files. Every description names the folder or file.
public enum MNISTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `path` does not exist, or is not a folder.
    case notAFolder(path: String)
    /// The folder has neither `name` nor `name.gz`.
    case missing(directory: String, name: String)
    /// One of the files is unreadable or not a valid IDX file.
    case idx(IDXError)
    /// The images file holds `images` images but its labels file `labels` labels.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// The images are not 28 × 28.
    case imageSize(source: String, rows: Int, columns: Int)
    /// The images file (and its labels file) hold no images: nothing to show, train on or count.
    case noImages(imagesFile: String)

    public var description: String {
        switch self {
        case let .notAFolder(path):
            "\(path): no such folder"
        case let .missing(directory, name):
            "\(directory): missing \(name) (or \(name).gz); an MNIST folder holds "
                + MNISTFolder.fileNames.joined(separator: ", ")
        case let .idx(error):
            error.description
        case let .countMismatch(imagesFile, images, labelsFile, labels):
            "\(imagesFile) holds \(images) images but \(labelsFile) holds \(labels) labels"
        case let .imageSize(source, rows, columns):
            "\(source): images are \(rows) × \(columns); MNIST's are 28 × 28"
        case let .noImages(imagesFile):
            "\(imagesFile) holds no images; every MNIST file holds at least one"
        }
    }
}

/// Reads the MNIST database (Yann LeCun, Corinna Cortes, Christopher J. C. Burges; CC BY-SA 3.0)
/// from a folder holding its four files under their standard names, raw or gzipped.
public enum MNISTFolder {
    /// The standard names: training images and labels, then test images and labels.
    public static let trainingImages = "train-images-idx3-ubyte"
    public static let trainingLabels = "train-labels-idx1-ubyte"
    public static let testImages = "t10k-images-idx3-ubyte"
    public static let testLabels = "t10k-labels-idx1-ubyte"
    public static let fileNames = [trainingImages, trainingLabels, testImages, testLabels]

    /// The 60,000 training and 10,000 test images of the folder at `directory` (any counts are
    /// accepted if images and labels agree, there is at least one image, and the images are 28 × 28). A raw file is preferred to
    /// its `.gz` twin when both are there. The pixels are the files' bytes, unchanged.
    public static func load(directory: String) throws(MNISTError) -> (training: ImageSet, test: ImageSet) {
        guard isFolder(directory) else { throw .notAFolder(path: directory) }
        var paths: [String] = []
        for name in fileNames {
            let base = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if exists(base) {
                paths.append(base)
            } else if exists(base + ".gz") {
                paths.append(base + ".gz")
            } else {
                throw .missing(directory: directory, name: name)
            }
        }
        // All four must be regular files: a FIFO among them is refused before any file is read.
        for path in paths {
            var status = stat()
            if stat(path, &status) == 0, let kind = RegularFile.kind(mode: status.st_mode) {
                throw .idx(.file(kind == "a directory" ? .isDirectory(path: path) : .notRegular(path: path, kind: kind)))
            }
        }
        let training = try imageSet(imagesAt: paths[0], labelsAt: paths[1])
        let test = try imageSet(imagesAt: paths[2], labelsAt: paths[3])
        return (training, test)
    }

    /// One images file and its labels file, checked to agree, as a labelled set.
    public static func imageSet(imagesAt imagesPath: String, labelsAt labelsPath: String) throws(MNISTError) -> ImageSet {
        let images: IDXImages, labels: IDXLabels
        do {
            images = try IDXReader.images(atPath: imagesPath)
            labels = try IDXReader.labels(atPath: labelsPath)
        } catch {
            throw .idx(error)
        }
        return try imageSet(images: images, labels: labels, imagesSource: imagesPath, labelsSource: labelsPath)
    }

    /// Images and labels already read, checked to agree (same count, at least one image, 28 × 28),
    /// as a labelled set. Every command that picks an image by number relies on the set not being empty.
    public static func imageSet(images: IDXImages, labels: IDXLabels, imagesSource: String,
                                labelsSource: String) throws(MNISTError) -> ImageSet {
        guard images.rows == 28 && images.columns == 28 else {
            throw .imageSize(source: imagesSource, rows: images.rows, columns: images.columns)
        }
        guard images.count == labels.count else {
            throw .countMismatch(imagesFile: imagesSource, images: images.count, labelsFile: labelsSource,
                                 labels: labels.count)
        }
        guard images.count > 0 else { throw .noImages(imagesFile: imagesSource) }
        return ImageSet(pixels: images.pixels, labels: labels.labels, rows: images.rows, columns: images.columns)
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}
