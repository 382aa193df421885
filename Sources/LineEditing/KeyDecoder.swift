/// Turns the bytes a terminal sends in raw mode into `Key`s.
///
/// Feed bytes as they arrive, in chunks of any size; a sequence split across chunks
/// (an escape sequence or a multi-byte UTF-8 character) is held until it is complete.
/// A lone ESC cannot be told from the start of a sequence, so after a short wait
/// without further input the caller calls `flush()`, which gives up on the held bytes.
///
/// Pure: no I/O, no terminal, so every byte form can be tested directly.
public struct KeyDecoder: Sendable {
    private enum Phase: Sendable {
        case ground
        /// After ESC.
        case escape
        /// After `ESC [`: collecting parameter bytes until a final byte.
        case csi([UInt8])
        /// After `ESC O` (SS3, sent by terminals in application cursor mode).
        case ss3
        /// Inside a multi-byte UTF-8 character: the bytes so far and how many are expected.
        case utf8([UInt8], expected: Int)
    }

    private var phase: Phase = .ground
    private var lastWasCarriageReturn = false

    public init() {}

    /// True while bytes are held for an unfinished sequence.
    public var isPending: Bool {
        if case .ground = phase { return false }
        return true
    }

    /// Decodes a chunk of bytes. Adjacent printable characters are joined into one
    /// `.insert`, so a paste is inserted (and redrawn) once, not once per character.
    public mutating func decode<Bytes: Sequence>(_ bytes: Bytes) -> [Key] where Bytes.Element == UInt8 {
        var keys: [Key] = []
        for byte in bytes {
            guard let key = decode(byte) else { continue }
            if case let .insert(text) = key, case let .insert(previous)? = keys.last {
                keys[keys.count - 1] = .insert(previous + text)
            } else {
                keys.append(key)
            }
        }
        return keys
    }

    /// Gives up on a held, unfinished sequence. A lone ESC or an incomplete sequence
    /// becomes `.ignored`; an incomplete UTF-8 character is dropped the same way.
    public mutating func flush() -> [Key] {
        defer { phase = .ground }
        return isPending ? [.ignored] : []
    }

    /// Decodes one byte; `nil` while a sequence is still incomplete.
    public mutating func decode(_ byte: UInt8) -> Key? {
        let afterCarriageReturn = lastWasCarriageReturn
        lastWasCarriageReturn = false
        switch phase {
        case .ground:
            return ground(byte, afterCarriageReturn: afterCarriageReturn)
        case .escape:
            return escape(byte)
        case let .csi(parameters):
            return csi(parameters, byte)
        case .ss3:
            phase = .ground
            return Self.finalKey(byte, parameters: [])
        case let .utf8(sofar, expected):
            return utf8(sofar, expected, byte)
        }
    }

    private mutating func ground(_ byte: UInt8, afterCarriageReturn: Bool) -> Key? {
        switch byte {
        case 0x01: return .home            // Ctrl-A
        case 0x02: return .left            // Ctrl-B
        case 0x03: return .interrupt       // Ctrl-C
        case 0x04: return .endOfFile       // Ctrl-D
        case 0x05: return .end             // Ctrl-E
        case 0x06: return .right           // Ctrl-F
        case 0x08, 0x7F: return .backspace // Ctrl-H, DEL
        case 0x09: return .tab
        case 0x0A:
            // A paste of "a\r\nb" must submit once, not also an empty line.
            return afterCarriageReturn ? nil : .enter
        case 0x0D:
            lastWasCarriageReturn = true
            return .enter
        case 0x0B: return .killToEnd       // Ctrl-K
        case 0x0C: return .clearScreen     // Ctrl-L
        case 0x0E: return .down            // Ctrl-N
        case 0x10: return .up              // Ctrl-P
        case 0x15: return .killToStart     // Ctrl-U
        case 0x17: return .deleteWordBefore // Ctrl-W
        case 0x19: return .yank            // Ctrl-Y
        case 0x1A: return .suspend         // Ctrl-Z
        case 0x1B:
            phase = .escape
            return nil
        case 0x00..<0x20:
            return .ignored
        case 0x20..<0x80:
            return .insert(String(UnicodeScalar(byte)))
        case 0xC2...0xDF:
            phase = .utf8([byte], expected: 2)
            return nil
        case 0xE0...0xEF:
            phase = .utf8([byte], expected: 3)
            return nil
        case 0xF0...0xF4:
            phase = .utf8([byte], expected: 4)
            return nil
        default:
            // A stray continuation byte or a byte never valid in UTF-8.
            return .ignored
        }
    }

    private mutating func escape(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "["):
            phase = .csi([])
            return nil
        case UInt8(ascii: "O"):
            phase = .ss3
            return nil
        case 0x1B:
            // ESC ESC: the first was a lone ESC; keep waiting on the second.
            return .ignored
        default:
            phase = .ground
            switch byte {
            case UInt8(ascii: "b"): return .wordLeft          // Alt-B
            case UInt8(ascii: "f"): return .wordRight         // Alt-F
            case 0x7F, 0x08: return .deleteWordBefore         // Alt-Backspace
            default: return .ignored
            }
        }
    }

    private mutating func csi(_ parameters: [UInt8], _ byte: UInt8) -> Key? {
        switch byte {
        case 0x20...0x3F:
            // Parameter and intermediate bytes: digits, ';' and the like. Bound the length so
            // a stream of garbage cannot grow the buffer.
            phase = parameters.count < 16 ? .csi(parameters + [byte]) : .ground
            return parameters.count < 16 ? nil : .ignored
        case 0x40...0x7E:
            phase = .ground
            return Self.finalKey(byte, parameters: parameters)
        default:
            phase = .ground
            return .ignored
        }
    }

    /// The key named by a sequence's final byte, given its parameters
    /// (`ESC[1;5C` has parameters "1;5" and final byte "C").
    private static func finalKey(_ final: UInt8, parameters: [UInt8]) -> Key {
        let fields = String(decoding: parameters, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.flatMap { Int($0) }
        // Modifier 5 is Ctrl, 3 is Alt (xterm's "1 + bits" encoding).
        let modifier = fields.count > 1 ? Int(fields[1]) ?? 1 : 1
        let byWord = modifier == 5 || modifier == 3
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return byWord ? .wordRight : .right
        case UInt8(ascii: "D"): return byWord ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            default: return .ignored
            }
        default: return .ignored
        }
    }

    private mutating func utf8(_ sofar: [UInt8], _ expected: Int, _ byte: UInt8) -> Key? {
        guard byte & 0xC0 == 0x80 else {
            // Not a continuation byte: drop the broken character, decode this byte afresh.
            phase = .ground
            return ground(byte, afterCarriageReturn: false) ?? .ignored
        }
        let bytes = sofar + [byte]
        guard bytes.count == expected else {
            phase = .utf8(bytes, expected: expected)
            return nil
        }
        phase = .ground
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return .ignored }
        return .insert(String(scalar))
    }
}
