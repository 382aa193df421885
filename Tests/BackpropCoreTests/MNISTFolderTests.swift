import Foundation
import Testing
@testable import BackpropCore
import GzipWriter

/// A folder of MNIST files made here: `count` 28 × 28 images (image i filled with byte i) per set.
private func mnistFolder(training: Int = 3, test: Int = 2, gzip: Bool = true,
                         _ body: (String) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-mnist-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    func write(_ bytes: [UInt8], _ name: String) throws {
        try AtomicFile.write(gzip ? Gzip.compress(bytes) : bytes, to: directory + "/" + name + (gzip ? ".gz" : ""))
    }
    for (count, images, labels) in [(training, MNISTFolder.trainingImages, MNISTFolder.trainingLabels),
                                    (test, MNISTFolder.testImages, MNISTFolder.testLabels)] {
        let pixels = (0..<count).flatMap { [UInt8](repeating: UInt8($0), count: 784) }
        try write(IDXReader.encode(images: IDXImages(count: count, rows: 28, columns: 28, pixels: pixels)), images)
        try write(IDXReader.encode(labels: IDXLabels(labels: (0..<count).map { UInt8($0 % 10) })), labels)
    }
    try body(directory)
}

struct MNISTFolderTests {
    @Test(arguments: [true, false])
    func readsTheFourStandardFilesRawOrGzipped(gzip: Bool) throws {
        try mnistFolder(gzip: gzip) { directory in
            let (training, test) = try MNISTFolder.load(directory: directory)
            #expect(training.count == 3 && test.count == 2)
            #expect(training.labels == [0, 1, 2] && test.labels == [0, 1])
            #expect(Array(training.pixels[784..<(2 * 784)]) == [UInt8](repeating: 1, count: 784))
        }
    }

    @Test func aMissingFolderIsNamed() {
        #expect(throws: MNISTError.notAFolder(path: "/no/such/folder")) { try MNISTFolder.load(directory: "/no/such/folder") }
        #expect(MNISTError.notAFolder(path: "/x").description == "/x: no such folder")
    }

    @Test func aMissingFileIsNamedWithTheStandardNames() throws {
        try mnistFolder { directory in
            try FileManager.default.removeItem(atPath: directory + "/t10k-labels-idx1-ubyte.gz")
            let error = MNISTError.missing(directory: directory, name: "t10k-labels-idx1-ubyte")
            #expect(throws: error) { try MNISTFolder.load(directory: directory) }
            #expect(error.description == "\(directory): missing t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz); an MNIST folder holds "
                    + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte")
        }
    }

    @Test func aTruncatedGzipFileIsNamedWithItsProblem() throws {
        try mnistFolder { directory in
            let path = directory + "/train-images-idx3-ubyte.gz"
            let bytes = try FileBytes.read(path: path, limit: 1 << 20)
            try AtomicFile.write(Array(bytes.prefix(bytes.count / 2)), to: path)
            do throws(MNISTError) {
                _ = try MNISTFolder.load(directory: directory)
                Issue.record("a truncated file was accepted")
            } catch {
                guard case let .idx(.gzip(source, _)) = error else { Issue.record("unexpected \(error)"); return }
                #expect(source == path)
                #expect(error.description.hasPrefix(path + ": "))
                #expect(error.description.contains("gzip data ends early"))
            }
        }
    }

    @Test func imagesAndLabelsMustAgree() throws {
        try mnistFolder { directory in
            let labels = directory + "/t10k-labels-idx1-ubyte.gz"
            try AtomicFile.write(Gzip.compress(IDXReader.encode(labels: IDXLabels(labels: [1, 2, 3]))), to: labels)
            let error = MNISTError.countMismatch(imagesFile: directory + "/t10k-images-idx3-ubyte.gz", images: 2,
                                                 labelsFile: labels, labels: 3)
            #expect(throws: error) { try MNISTFolder.load(directory: directory) }
            #expect(error.description == "\(directory)/t10k-images-idx3-ubyte.gz holds 2 images but \(labels) holds 3 labels")
        }
    }

    @Test func aFileWithNoImagesIsRefused() throws {
        // Before this was refused, `data` accepted it and `image N` built the range 0...−1 (a trap),
        // as did `load mnist`'s image 0, `train --images`, `train --batch` and `nudges --average`.
        try mnistFolder(test: 0) { directory in
            let error = MNISTError.noImages(imagesFile: directory + "/t10k-images-idx3-ubyte.gz")
            #expect(throws: error) { try MNISTFolder.load(directory: directory) }
            #expect(error.description == "\(directory)/t10k-images-idx3-ubyte.gz holds no images; every MNIST file holds at least one")
        }
        try mnistFolder(training: 0) { directory in
            #expect(throws: MNISTError.noImages(imagesFile: directory + "/train-images-idx3-ubyte.gz")) {
                try MNISTFolder.load(directory: directory)
            }
        }
    }

    @Test func imagesMustBe28By28() throws {
        let images = IDXImages(count: 1, rows: 2, columns: 3, pixels: [0, 0, 0, 0, 0, 0])
        let error = MNISTError.imageSize(source: "i", rows: 2, columns: 3)
        #expect(throws: error) {
            try MNISTFolder.imageSet(images: images, labels: IDXLabels(labels: [1]), imagesSource: "i", labelsSource: "l")
        }
        #expect(error.description == "i: images are 2 × 3; MNIST's are 28 × 28")
    }
}
