import Testing
import Foundation
import LineEditing

@Test func savedHistoryLoadsBackAndLeavesNoTemporaryFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = HistoryFile(path: directory.appendingPathComponent("h").path)
    #expect(file.load(limit: 10).entries == [])
    var history = History(limit: 2)
    for line in ["a", "b", "c"] { history.add(line) }
    #expect(file.save(history))
    #expect(file.load(limit: 10).entries == ["b", "c"])
    #expect(file.load(limit: 1).entries == ["c"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["h"])
}

@Test func unwritableLocationFailsQuietly() {
    let file = HistoryFile(path: "/nonexistent-dir/h")
    #expect(!file.save(History(entries: ["x"])))
    #expect(file.load(limit: 10).entries == [])
}
