import Foundation
import Testing
@testable import BackpropCore
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private func contents(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

private func names(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

@Test func writesANewFile() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("hello\n".utf8), to: path)
        #expect(contents(path) == Array("hello\n".utf8))
        #expect(try names(in: directory) == ["net.json"])
    }
}

@Test func writesAnEmptyFile() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/empty"
        try AtomicFile.write([], to: path)
        #expect(contents(path) == [])
    }
}

@Test func replacesAnExistingFileAndKeepsItsPermissions() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        #expect(chmod(path, 0o640) == 0)
        let large = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        try AtomicFile.write(large, to: path)
        #expect(contents(path) == large)
        #expect(try names(in: directory) == ["net.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}

@Test func aMissingDirectoryIsNamed() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/nope/net.json"
        #expect(throws: FileWriteError.directoryMissing(path: path, directory: directory + "/nope")) {
            try AtomicFile.write([1, 2, 3], to: path)
        }
        let error = FileWriteError.directoryMissing(path: path, directory: directory + "/nope")
        #expect(error.description == "cannot write \(directory)/nope/net.json: the directory \(directory)/nope does not exist")
    }
}

@Test func aDirectoryIsNotOverwritten() throws {
    try inTemporaryDirectory { directory in
        #expect(throws: FileWriteError.isDirectory(path: directory)) { try AtomicFile.write([1], to: directory) }
        #expect(throws: FileWriteError.isDirectory(path: directory + "/")) { try AtomicFile.write([1], to: directory + "/") }
        #expect(FileWriteError.isDirectory(path: "/tmp").description == "cannot write /tmp: it is a directory")
    }
}

// Root ignores permission bits, so this can only be checked as an ordinary user.
@Test(.enabled(if: getuid() != 0, "root may write anywhere"))
func anUnwritableDirectoryIsReported() throws {
    try inTemporaryDirectory { directory in
        let locked = directory + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        #expect(chmod(locked, 0o555) == 0)
        defer { _ = chmod(locked, 0o755) }
        let path = locked + "/net.json"
        #expect(throws: FileWriteError.permissionDenied(path: path)) { try AtomicFile.write([1], to: path) }
        #expect(try names(in: locked) == [])
    }
}

@Test(arguments: [
    (ENOSPC, "cannot write PATH: the disk is full"),
    (EACCES, "cannot write PATH: permission denied"),
    (EIO, "cannot write PATH: rename failed: Input/output error (errno \(EIO))"),
])
func aFailureBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile(code: Int32, message: String) throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("old contents".utf8), to: path)
        do throws(FileWriteError) {
            try AtomicFile.write(Array("new contents".utf8), to: path, failBeforeRename: code)
            Issue.record("the simulated failure did not throw")
        } catch {
            #expect(error.description == message.replacingOccurrences(of: "PATH", with: path))
        }
        #expect(contents(path) == Array("old contents".utf8))
        #expect(try names(in: directory) == ["net.json"])
    }
}

@Test func aNetworkIsSavedAndLoadedBack() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/small.json"
        try NetworkFile.save(Network.small, to: path)
        let bytes = try #require(contents(path))
        #expect(try NetworkFile.decode(bytes, source: path) == Network.small)
    }
}

// MARK: What the target may be

@Test func aFIFOOrASocketIsRefusedByNameAndNothingIsMade() throws {
    try inTemporaryDirectory { directory in
        let fifo = directory + "/pipe.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileWriteError.notRegular(path: fifo, kind: "a named pipe (FIFO)", target: nil)) {
            try AtomicFile.write([1], to: fifo)
        }
        #expect(FileWriteError.notRegular(path: "/dev/null", kind: "a character device", target: nil).description
                == "cannot write /dev/null: it is a character device, not a regular file (`export -` writes to standard output)")
        let socketPath = directory + "/socket.json"
        try #require(makeSocket(at: socketPath))
        #expect(throws: FileWriteError.notRegular(path: socketPath, kind: "a socket", target: nil)) {
            try AtomicFile.write([1], to: socketPath)
        }
        // A link to a FIFO names both.
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "pipe.json")
        #expect(throws: FileWriteError.notRegular(path: directory + "/link.json", kind: "a named pipe (FIFO)", target: fifo)) {
            try AtomicFile.write([1], to: directory + "/link.json")
        }
        #expect(try names(in: directory) == ["link.json", "pipe.json", "socket.json"])
    }
}

@Test func anEmptyNameIsNotADirectory() {
    #expect(throws: FileWriteError.noName) { try AtomicFile.write([1], to: "") }
    #expect(FileWriteError.noName.description == "cannot write a file without a name")
}

@Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
    try inTemporaryDirectory { directory in
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: false)
        let target = directory + "/real/net.json"
        try AtomicFile.write(Array("old".utf8), to: target)
        try FileManager.default.createSymbolicLink(atPath: directory + "/net.json", withDestinationPath: "real/net.json")
        let outcome = try AtomicFile.write(Array("new".utf8), to: directory + "/net.json")
        #expect(outcome == AtomicFile.Outcome(path: target, throughLink: true, otherLinks: 0))
        #expect(contents(target) == Array("new".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/net.json") == "real/net.json")
        #expect(try names(in: directory + "/real") == ["net.json"], "the temporary file was made beside the target")
        // A link to nothing makes the file it names.
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling", withDestinationPath: "real/new.json")
        try AtomicFile.write(Array("made".utf8), to: directory + "/dangling")
        #expect(contents(directory + "/real/new.json") == Array("made".utf8))
    }
}

@Test func aHardLinkIsSplitAndTheOutcomeSaysSo() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        #expect(link(path, directory + "/other-name.json") == 0)
        let outcome = try AtomicFile.write(Array("new".utf8), to: path)
        #expect(outcome.otherLinks == 1)
        #expect(contents(path) == Array("new".utf8))
        #expect(contents(directory + "/other-name.json") == Array("old".utf8), "the other name keeps the old contents")
        #expect(try AtomicFile.write(Array("again".utf8), to: path).otherLinks == 0)
    }
}

@Test func aWriteProtectedFileIsDescribedWithItsMode() {
    #expect(FileWriteError.writeProtected(path: "net.json", mode: 0o444).description
            == "cannot write net.json: it is write-protected (mode 0444); --force replaces it")
}

// Root may write any file, so this is checked here only as an ordinary user (and for root through
// the executable run as nobody, in BackpropDebuggerTests' WritingFilesTests).
@Test(.enabled(if: getuid() != 0, "root may write any file"))
func aWriteProtectedFileIsRefusedUnlessForced() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        #expect(chmod(path, 0o444) == 0)
        #expect(throws: FileWriteError.writeProtected(path: path, mode: 0o444)) { try AtomicFile.write([1], to: path) }
        try AtomicFile.write(Array("new".utf8), to: path, options: AtomicFile.Options(force: true))
        #expect(contents(path) == Array("new".utf8))
    }
}

@Test func aCancelledWriteLeavesTheOldFileAndNoTemporaryFile() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/net.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        // Cancelled before it starts, and after its first mebibyte.
        for cancelAfter in [0, 1] {
            let asked = Counter()
            let options = AtomicFile.Options(isCancelled: { asked.next() >= cancelAfter })
            #expect(throws: FileWriteError.cancelled(path: path)) {
                try AtomicFile.write([UInt8](repeating: 7, count: 5 << 20), to: path, options: options)
            }
            #expect(contents(path) == Array("old".utf8))
            #expect(try names(in: directory) == ["net.json"])
        }
    }
}

/// A thread-safe count of calls, for closures the writer calls.
private final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n - 1
    }
}

@Test func staleTemporaryFilesOfGoneProcessesAreRemovedOnTheNextWrite() throws {
    try inTemporaryDirectory { directory in
        // A process number no process has now.
        var gone: pid_t = 99_999
        while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
        let old = Double(time(nil)) - AtomicFile.staleAge - 60
        let files: [(name: String, age: Double?)] = [
            (".net.json.tmp-\(gone)-1f2e3d", old),         // stale: removed
            (".net.json.tmp-\(gone)-abc", nil),           // recent: its write may still be going
            (".net.json.tmp-\(getppid())-abc", old),     // its process is alive
            (".net.json.tmp-12x-abc", old),               // not our naming
            ("net.json.tmp-\(gone)-abc", old),            // not hidden: not ours
        ]
        for file in files {
            let path = directory + "/" + file.name
            try AtomicFile.write([1], to: path)
            if let age = file.age {
                var times = [timeval(tv_sec: Int(age), tv_usec: 0), timeval(tv_sec: Int(age), tv_usec: 0)]
                #expect(utimes(path, &times) == 0)
            }
        }
        try AtomicFile.write([2], to: directory + "/other.json")
        #expect(try names(in: directory) == files.dropFirst().map(\.name).sorted() + ["other.json"])
        #expect(AtomicFile.temporaryFileProcess(".a.b.tmp-42-ff") == 42)
        #expect(AtomicFile.temporaryFileProcess(".tmp-42-ff") == nil)
    }
}

@Test func theRegisteredTemporaryFileIsWhatASignalHandlerRemoves() throws {
    try inTemporaryDirectory { directory in
        let path = directory + "/.net.json.tmp-1-a"
        try AtomicFile.write([1], to: path)
        let slot = TemporaryFileSlot()
        slot.register(path)
        #expect(slot.registered == path)
        slot.removeFromSignalHandler()
        #expect(try names(in: directory) == [])
        slot.clear()
        #expect(slot.registered == nil)
        slot.removeFromSignalHandler()   // nothing registered: nothing happens
        slot.register(String(repeating: "x", count: TemporaryFileSlot.capacity))
        #expect(slot.registered == nil, "a path too long to hold is not held in part")
    }
}
