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
