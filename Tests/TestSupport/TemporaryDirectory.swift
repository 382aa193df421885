import Foundation

/// Runs `body` with the path of a fresh, empty directory, and removes the directory and all it
/// holds afterwards, whether `body` returns or throws.
public func inTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}
