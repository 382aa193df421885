import Foundation
import Testing
import TestSupport
@testable import BackpropCore
@testable import LineEditing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history file is written through `AtomicFile`: a failure between writing the temporary file
/// and renaming it leaves the old file exactly as it was; it is private to its owner; only its end
/// is read when it is huge.
struct HistorySafetyTests {
    func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes like `AtomicFile.write` but fails with EIO after the temporary file is complete,
    /// just before the rename: what a crash or a full disk at the worst moment looks like.
    static let failBeforeRename: @Sendable ([UInt8], String) throws(FileWriteError) -> Void = { bytes, path throws(FileWriteError) in
        try AtomicFile.write(bytes, to: path, failBeforeRename: EIO)
    }

    @Test func aHistorySaveThatFailsBeforeTheRenameLeavesTheOldFile() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            #expect(HistoryFile(path: path).save(History(entries: ["step", "next"])))
            let failing = HistoryFile(path: path, write: HistorySafetyTests.failBeforeRename)
            #expect(!failing.save(History(entries: ["print z", "quit"])))
            #expect(text(path) == "step\nnext\n")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names == ["history"], "no temporary file is left")
            #expect(HistoryFile(path: path).load(limit: 10).entries == ["step", "next"])
        }
    }

    @Test func aNewHistoryFileIsReadableByItsOwnerOnly() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            #expect(HistoryFile(path: path).save(History(entries: ["step"])))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aHistorySavedThroughASymbolicLinkReplacesTheFileItPointsTo() throws {
        try inTemporaryDirectory { folder in
            let target = folder + "/real-history"
            #expect(HistoryFile(path: target).save(History(entries: ["old"])))
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: target)
            #expect(HistoryFile(path: folder + "/link").save(History(entries: ["new"])))
            #expect(text(target) == "new\n")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link") == target)
        }
    }

    @Test func onlyTheEndOfAHugeHistoryFileIsRead() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            // 2.3 MB of numbered lines: more than HistoryFile.maximumBytes (1 MiB).
            let padding = String(repeating: "·", count: 90)
            let lines = (0..<12_000).map { "print z(2)1 # \($0) \(padding)" }
            try AtomicFile.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
            #expect(HistoryFile(path: path).load(limit: 3).entries == Array(lines.suffix(3)))
            let all = HistoryFile(path: path).load(limit: 1_000_000).entries
            #expect(all.count < lines.count && all.count > 5_000, "about a megabyte of whole lines")
            #expect(all.first.map(lines.contains) == true, "the line cut by the 1 MiB boundary is dropped")
            #expect(all.last == lines.last)
        }
    }

    @Test func historyKeepsTheNewestEntriesOfALongList() {
        let entries = (0..<20_000).map { "step \($0)" }
        #expect(History(entries: entries, limit: 3).entries == ["step 19997", "step 19998", "step 19999"])
    }

    @Test func linesAreAppendedAndReadBack() throws {
        try inTemporaryDirectory { folder in
            let file = HistoryFile(path: folder + "/history")
            #expect(file.append("step", limit: 10) == nil)
            #expect(file.append("print x", limit: 10) == nil)
            #expect(text(folder + "/history") == "step\nprint x\n")
            #expect(file.read(limit: 10).history.entries == ["step", "print x"])
            #expect(file.read(limit: 10).problem == nil)
        }
    }

    @Test func manyWritersAtOnceLoseNoLine() throws {
        // Threads of one process, each with its own descriptors and the lock file, as two sessions
        // have; the built program, two processes at once, is in ProgramTests.
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            DispatchQueue.concurrentPerform(iterations: 4) { writer in
                let file = HistoryFile(path: path)
                for n in 0..<200 { _ = file.append("print x # \(writer) \(n)", limit: 10_000) }
            }
            let lines = (text(path) ?? "").split(separator: "\n")
            #expect(lines.count == 800)
            #expect(Set(lines).count == 800)
        }
    }

    @Test func aFileThatKeepsGrowingIsTrimmedToTheNewestEntries() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            let padding = String(repeating: "·", count: 200)
            let file = HistoryFile(path: path)
            for n in 0..<5_000 { _ = file.append("print x # \(n) \(padding)", limit: 1_000) }
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            #expect(size <= 2 * HistoryFile.maximumBytes + 1_000)
            #expect(file.read(limit: 1_000).history.entries.last == "print x # 4999 \(padding)")
        }
    }

    @Test func aFIFOAsTheHistoryFileIsRefusedAtOnceAndSaidOnce() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            #expect(mkfifo(path, 0o600) == 0)
            let file = HistoryFile(path: path)
            let (history, problem) = file.read(limit: 10)
            #expect(history.entries.isEmpty)
            #expect(problem == "\(path) is a named pipe (FIFO), not a regular file; only regular files are read; "
                    + "history is kept for this session only")
            #expect(file.append("step", limit: 10) == "\(path) is a named pipe (FIFO), not a regular file; "
                    + "history is kept for this session only")
        }
    }

    // Root may write anything: checked as an ordinary user only.
    @Test(.enabled(if: getuid() != 0, "root may write any file"))
    func anUnwritableHistoryIsSaid() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/history"
            #expect(FileManager.default.createFile(atPath: path, contents: Data("step\n".utf8)))
            #expect(chmod(path, 0o400) == 0)
            #expect(HistoryFile(path: path).append("next", limit: 10)
                    == "cannot write \(path): Permission denied; history is kept for this session only")
        }
    }
}
