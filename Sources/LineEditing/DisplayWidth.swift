/// How many terminal columns text occupies.
///
/// A deliberately small table, not full Unicode East Asian Width: ASCII and most letters are
/// one column; CJK ideographs, Hangul, kana, fullwidth forms and emoji are two; control
/// characters are zero. Right for everything a learner types into the debugger.
public enum DisplayWidth {
    /// Columns taken by one character.
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 } // emoji presentation
        return isWide(value) ? 2 : 1
    }

    /// Columns taken by `text`.
    public static func of<Text: Sequence>(_ text: Text) -> Int where Text.Element == Character {
        text.reduce(0) { $0 + of($1) }
    }

    /// Columns taken by a prompt, not counting SGR colour sequences (`ESC[…m`) or any other
    /// CSI sequence, which take no space on screen.
    public static func ofPrompt(_ prompt: String) -> Int {
        of(strippingEscapes(prompt))
    }

    /// `text` without its CSI escape sequences (`ESC [` parameters, final byte in @…~).
    public static func strippingEscapes(_ text: String) -> String {
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\u{1B}" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let next = iterator.next() else { break }
            guard next == "[" else { continue } // two-byte escape: both take no space
            while let byte = iterator.next(), !(0x40...0x7E).contains(byte.value) {}
        }
        return result
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F,   // Hangul Jamo initials
             0x2E80...0x303E,   // CJK radicals, punctuation
             0x3041...0x33FF,   // kana, CJK symbols
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xA000...0xA4CF,   // Yi
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFE30...0xFE4F,   // CJK compatibility forms
             0xFF00...0xFF60,   // fullwidth forms
             0xFFE0...0xFFE6,
             0x1F300...0x1F64F, // pictographs, emoticons
             0x1F900...0x1F9FF, // supplemental symbols and pictographs
             0x20000...0x3FFFD: // CJK extensions B and beyond
            return true
        default:
            return false
        }
    }
}
