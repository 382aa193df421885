import Foundation
import Testing
import TestSupport
@testable import BackpropCore
@testable import BackpropDebugger
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The debugger's own files (lesson progress, saved networks) are written through `AtomicFile`: a
/// failure between writing the temporary file and renaming it leaves the old file exactly as it
/// was. (The history file's tests are in LineEditingTests/HistorySafetyTests.swift.)
struct SafeFileTests {
    func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes like `AtomicFile.write` but fails with EIO after the temporary file is complete,
    /// just before the rename: what a crash or a full disk at the worst moment looks like.
    static let failBeforeRename: @Sendable ([UInt8], String) throws(FileWriteError) -> Void = { bytes, path throws(FileWriteError) in
        try AtomicFile.write(bytes, to: path, failBeforeRename: EIO)
    }

    @Test func progressThatFailsToSaveLeavesTheOldFileAndIsKeptInMemory() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/lessons"
            FileProgressStore(path: path).markCompleted(1)
            #expect(text(path) == "1\n")
            let failing = FileProgressStore(path: path, write: SafeFileTests.failBeforeRename)
            failing.markCompleted(2)
            #expect(failing.completedLessons() == [1, 2], "the session still knows")
            #expect(text(path) == "1\n", "the old file is intact")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names == ["lessons"], "no temporary file is left")
            #expect(FileProgressStore(path: path).completedLessons() == [1])
            // Said once, not at every page.
            #expect(failing.takeProblem() == "cannot write \(path): rename failed: Input/output error (errno \(EIO)); "
                    + "lesson progress is kept for this session only")
            failing.markCompleted(3)
            #expect(failing.takeProblem() == nil)
        }
    }

    @Test func aProgressFileThatIsAFIFOIsSaidAtOnce() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/lessons"
            #expect(mkfifo(path, 0o600) == 0)
            let store = FileProgressStore(path: path)
            #expect(store.takeProblem() == "\(path) is a named pipe (FIFO), not a regular file; only regular files are read; "
                    + "lesson progress is kept for this session only")
            #expect(FileProgressStore(path: folder + "/none").takeProblem() == nil, "no file yet is no problem")
        }
    }

    @Test func aNetworkSaveThatFailsBeforeTheRenameLeavesTheOldNetwork() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/net.json"
            let session = Session()
            #expect(session.execute("save \(path)").succeeded)
            let old = text(path)
            #expect(throws: FileWriteError.self) {
                try AtomicFile.write(NetworkFile.encode(.untrainedMNIST), to: path, failBeforeRename: ENOSPC)
            }
            #expect(text(path) == old)
            #expect(session.execute("load \(path)").succeeded)
            #expect(session.network == .small)
        }
    }
}
