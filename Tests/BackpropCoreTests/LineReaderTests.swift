import Foundation
import Testing
@testable import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `LineReader` over a pipe: each line as soon as it arrives, bounded whatever arrives.
struct LineReaderTests {
    /// A pipe: (read end, write end).
    func pipeEnds() throws -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        return (fds[0], fds[1])
    }

    func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            sent += n
        }
    }

    @Test func aLineIsHandedOutBeforeTheNextIsWritten() throws {
        let (r, w) = try pipeEnds()
        defer { close(r) }
        var reader = LineReader(descriptor: r)
        send("print x\n", to: w)
        // The pipe is still open and nothing more is in it: the first line must come back now.
        #expect(reader.next() == .line(number: 1, .text("print x")))
        send("print y\r\nlast", to: w)
        close(w)
        #expect(reader.next() == .line(number: 2, .text("print y")))
        #expect(reader.next() == .line(number: 3, .text("last")), "a last line without its newline still counts")
        #expect(reader.next() == .end)
        #expect(reader.next() == .end)
    }

    @Test func aLineWithANulIsNamedAndTheLinesAroundItAreWhole() throws {
        let (r, w) = try pipeEnds()
        defer { close(r) }
        send("step\nprint x\u{0}; quit\nnext\n", to: w)
        close(w)
        var reader = LineReader(descriptor: r)
        #expect(reader.next() == .line(number: 1, .text("step")))
        #expect(reader.next() == .line(number: 2, .containsNUL(column: 8, excerpt: "print x")))
        #expect(reader.next() == .line(number: 3, .text("next")))
    }

    @Test func anEndlessLineEndsTheReadingAtTheLimitWithAnExcerpt() throws {
        let (r, w) = try pipeEnds()
        defer { close(r) }
        var reader = LineReader(descriptor: r, maximumLength: 100)
        // More than the limit and no newline, the pipe left open: the answer must not wait for the rest.
        let writer = Thread { self.send("ok\n" + String(repeating: "é", count: 5_000), to: w) }
        writer.start()
        #expect(reader.next() == .line(number: 1, .text("ok")))
        #expect(reader.next() == .tooLong(number: 2, excerpt: String(repeating: "é", count: 39) + "…"))
        #expect(reader.next() == .end)
        close(w)
    }

    @Test func bytesThatAreNotUTF8BecomeReplacementCharacters() throws {
        let (r, w) = try pipeEnds()
        defer { close(r) }
        [UInt8]([0x70, 0xFF, 0x0A]).withUnsafeBytes { _ = write(w, $0.baseAddress, 3) }
        close(w)
        var reader = LineReader(descriptor: r)
        #expect(reader.next() == .line(number: 1, .text("p\u{FFFD}")))
    }

    @Test func aReadErrorIsNotTakenForTheEnd() throws {
        // Reading a directory fails with EISDIR on Linux (macOS returns EISDIR too).
        let fd = open(NSTemporaryDirectory(), O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var reader = LineReader(descriptor: fd)
        guard case let .failed(reason) = reader.next() else {
            Issue.record("a directory read as lines")
            return
        }
        #expect(reason == String(cString: strerror(EISDIR)))
        #expect(reader.next() == .end)
    }

    @Test func excerptsAreShortAndShowControlCharacters() {
        #expect(Excerpt.of("print \u{1B}[2J") == "print ␛[2J")
        #expect(Excerpt.of(String(repeating: "x", count: 100)) == String(repeating: "x", count: 39) + "…")
        #expect(Excerpt.of(String(repeating: "x", count: 40)) == String(repeating: "x", count: 40))
    }
}
