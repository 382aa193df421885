#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor one at a time, as they arrive: a pipe, a FIFO, a file, a
/// terminal in its normal mode. A line is handed out as soon as its newline is read, so a program
/// writing commands one by one gets each answer before it writes the next; memory stays bounded
/// whatever comes in (at most `maximumLength` characters of one line, plus one read's chunk).
///
/// - A line ends at LF; a CR before it is dropped. The last line may lack its LF.
/// - Bytes that are not UTF-8 become U+FFFD (the command then fails by name, never silently).
/// - A line holding a NUL byte is handed out as `.containsNUL`, whole lines around it unharmed.
/// - A line longer than `maximumLength` characters ends the reading: `.tooLong` comes as soon as
///   the limit is passed (not when the line ends: `/dev/zero` has no end), with an excerpt of its
///   start; after it there is only `.end`. Where the line would end is unknown, so nothing after
///   it can be trusted to be a command.
/// - A read that fails (EIO, EISDIR…) ends the reading with `.failed`, never taken for the end.
public struct LineReader {
    /// One line, or what is wrong with it.
    public enum Line: Equatable, Sendable {
        /// The text of the line, without its line ending.
        case text(String)
        /// The line holds a NUL byte at `column` (from 1, in characters); `excerpt` is its start.
        case containsNUL(column: Int, excerpt: String)
    }

    /// What `next()` found.
    public enum Event: Equatable, Sendable {
        /// Line `number` (from 1).
        case line(number: Int, Line)
        /// Line `number` passed `maximumLength` characters; `excerpt` is its start. Nothing more is read.
        case tooLong(number: Int, excerpt: String)
        /// Reading failed; `reason` is the C library's text for the error. Nothing more is read.
        case failed(reason: String)
        /// The end of the input.
        case end
    }

    /// The longest line accepted, in characters: the terminal line editor's limit.
    public static let maximumLength = 65_536

    private let descriptor: Int32
    private let maximumLength: Int
    /// Bytes read and not yet handed out, from `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// How far `buffer` has been searched for a newline, and the characters counted up to there.
    private var scanned = 0
    private var characters = 0
    private var lineNumber = 0
    private var finished = false

    /// A reader of `descriptor` (which it does not close), with lines of at most `maximumLength`
    /// characters.
    public init(descriptor: Int32, maximumLength: Int = LineReader.maximumLength) {
        self.descriptor = descriptor
        self.maximumLength = max(1, maximumLength)
    }

    /// The next line, waiting for it only as long as it takes to arrive.
    public mutating func next() -> Event {
        guard !finished else { return .end }
        while true {
            // Look for a newline in what has not been searched yet, counting characters as we go.
            while scanned < buffer.count {
                let b = buffer[scanned]
                if b == UInt8(ascii: "\n") {
                    let line = take(upTo: scanned)
                    start = scanned + 1
                    scanned = start
                    characters = 0
                    compact()
                    return line
                }
                if b & 0xC0 != 0x80 { characters += 1 }
                scanned += 1
                if characters > maximumLength {
                    finished = true
                    lineNumber += 1
                    let excerpt = LineReader.excerpt(buffer[start..<scanned])
                    buffer = []
                    return .tooLong(number: lineNumber, excerpt: excerpt)
                }
            }
            switch fill() {
            case .some(nil):
                continue
            case let .some(.some(reason)):
                finished = true
                return .failed(reason: reason)
            case .none:
                finished = true
                guard start < buffer.count else { return .end }
                return take(upTo: buffer.count)
            }
        }
    }

    /// The line from `start` to `end` (exclusive), as an event.
    private mutating func take(upTo end: Int) -> Event {
        lineNumber += 1
        var bytes = buffer[start..<end]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if let nul = bytes.firstIndex(of: 0) {
            let before = bytes[bytes.startIndex..<nul]
            let column = before.reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            return .line(number: lineNumber, .containsNUL(column: column, excerpt: LineReader.excerpt(before)))
        }
        return .line(number: lineNumber, .text(String(decoding: bytes, as: UTF8.self)))
    }

    /// Drops the bytes handed out once they are most of the buffer (amortised: each byte moves at most once).
    private mutating func compact() {
        guard start > 0, start >= buffer.count / 2 else { return }
        buffer.removeFirst(start)
        scanned -= start
        start = 0
    }

    /// Reads once: nil-in-some when bytes came, a reason when reading failed, none at the end.
    private mutating func fill() -> String?? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += chunk[..<count]
                return .some(nil)
            }
            if count == 0 { return .none }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // A descriptor left non-blocking by whoever started us: wait until there is input.
                var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&ready, 1, -1)
                continue
            }
            return .some(strerror(code).map { String(cString: $0) } ?? "error \(code)")
        }
    }

    /// `Excerpt.of` the text of `bytes`, decoding only the bytes it can quote.
    static func excerpt<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let decoded = String(decoding: bytes.prefix(Excerpt.length * 4 + 4), as: UTF8.self)
        return Excerpt.of(bytes.count > Excerpt.length * 4 + 4 ? decoded + "…" : decoded)
    }
}
