import BackpropCore

/// Escaping for the page: text and attribute values for HTML, and JSON placed inside a
/// `<script type="application/json">` element.
enum HTMLText {
    /// `s` as HTML text or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'` become
    /// character references, so text from a file (a network's path, a lesson's prose) is shown,
    /// never read as markup.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `json` written compactly for a `<script type="application/json">` element, so that nothing
    /// inside it can end the element or open a comment: every `<`, `>` and `&` (they occur only in
    /// strings) is written `\u003c`, `\u003e`, `\u0026`, which covers `</script>` and `<!--`; U+2028
    /// and U+2029 (line terminators to older script parsers) are written `\u2028`, `\u2029`. The
    /// result is valid JSON that parses to exactly `json` (every number reads back as the same double).
    static func scriptJSON(_ json: JSON) -> String {
        let bytes = json.serialized(.compact)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 64)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                out += Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
