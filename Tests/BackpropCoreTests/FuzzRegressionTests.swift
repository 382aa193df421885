import Foundation
import Testing
import BackpropCore

/// The inputs in Tests/Fuzz/Regressions/TARGET for the core's fuzz targets: each once trapped its
/// harness (or exhausted time or memory); now each is refused with an error.
struct FuzzRegressionTests {
    /// Every file of one target's regression folder, by name (none yet is fine).
    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }

    @Test(arguments: ["network-file", "trace"])
    func networkAndTraceFilesAreRefused(target: String) {
        for (name, bytes) in FuzzRegressionTests.inputs(target) {
            #expect(throws: NetworkFileError.self, "\(target)/\(name)") { try NetworkFile.decode(bytes, source: name) }
        }
    }

    @Test func idxFilesAreRefused() {
        for (name, bytes) in FuzzRegressionTests.inputs("idx") {
            #expect(throws: IDXError.self, "\(name)") { try IDXReader.images(from: bytes, source: name) }
            #expect(throws: IDXError.self, "\(name)") { try IDXReader.labels(from: bytes, source: name) }
        }
    }
}
