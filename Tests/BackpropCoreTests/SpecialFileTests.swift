import Foundation
import Testing
import TestSupport
@testable import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Unix-domain socket bound at `path` (closed at once: the file stays).
func makeSocket(at path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (k, b) in bytes.enumerated() { raw[k] = b }
    }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
    }
}

/// Files that are not regular files (a FIFO with no writer, a socket) are refused by name, at once:
/// opened without blocking and checked with fstat. Tests never touch a real /dev entry.
struct SpecialFileTests {
    @Test func aFIFOIsRefusedByNameWithoutBlocking() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/t10k-labels-idx1-ubyte"
            #expect(mkfifo(path, 0o644) == 0)
            #expect(throws: FileReadError.notRegular(path: path, kind: "a named pipe (FIFO)")) {
                try FileBytes.read(path: path, limit: 1 << 20)
            }
            #expect(FileReadError.notRegular(path: path, kind: "a named pipe (FIFO)").description
                    == "\(path) is a named pipe (FIFO), not a regular file; only regular files are read")
            #expect(throws: IDXError.file(.notRegular(path: path, kind: "a named pipe (FIFO)"))) {
                try IDXReader.labels(atPath: path)
            }
        }
    }

    @Test func aSocketIsRefusedByName() throws {
        try inTemporaryDirectory { folder in
            let path = folder + "/net.json"
            try #require(makeSocket(at: path), "could not make a socket")
            #expect(throws: FileReadError.notRegular(path: path, kind: "a socket")) {
                try FileBytes.read(path: path, limit: 1 << 20)
            }
        }
    }

    @Test func aSymbolicLinkToARegularFileIsRead() throws {
        try inTemporaryDirectory { folder in
            try Data("[1]".utf8).write(to: URL(fileURLWithPath: folder + "/real"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/real")
            #expect(try FileBytes.read(path: folder + "/link", limit: 10) == Array("[1]".utf8))
        }
    }
}
