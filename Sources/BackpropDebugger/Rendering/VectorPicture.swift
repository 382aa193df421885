/// `picture`: a vector with one value per pixel (784 for MNIST) as an image, each pixel two
/// columns wide so the image is square, rows and columns numbered at the edges.
///
/// Values diverge from zero: the sign is the hue (blue positive, red negative, as 3Blue1Brown colours
/// weights), the size |v| / max |v| the brightness, in five levels: 0 for [0, 0.2), 1 for [0.2, 0.4),
/// … 4 for [0.8, 1]. Without colour a pixel is a shade character for its level (blank, ░, ▒, ▓, █)
/// written twice when it is positive, and followed by "-" when it is negative; with colour it is two
/// spaces on a background of its hue and level (level 0 none: black near 0, as 3Blue1Brown draws it).
struct VectorPicture {
    let values: [Double]
    let shape: ImageShape
    let style: Style
    let notation: Notation

    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// 256-colour backgrounds by level: blues (0, 0, 95…255) and reds (95…255, 0, 0).
    static let blues = [17, 18, 19, 20, 21]
    static let reds = [52, 88, 124, 160, 196]

    /// The largest |v|, the scale of the levels (0 when every value is 0).
    var scale: Double { values.reduce(0) { max($0, $1.isFinite ? abs($1) : 0) } }

    /// The level of a value from 0 to 4 (see the type's description).
    static func level(_ v: Double, scale: Double) -> Int {
        guard scale > 0, v.isFinite else { return 0 }
        return min(4, max(0, Int(abs(v) / scale * 5)))
    }

    /// One pixel: its text (two columns) and its SGR code ("" for none).
    func cell(_ v: Double) -> (text: String, code: String) {
        let l = Self.level(v, scale: scale)
        if style.enabled {
            guard l > 0 else { return ("  ", "") }
            return ("  ", "48;5;\((v > 0 ? Self.blues : Self.reds)[l])")
        }
        guard l > 0 else { return ("  ", "") }
        let shade = Self.shades[l]
        return (v > 0 ? String([shade, shade]) : String([shade, "-"]), "")
    }

    /// The framed rows, the top edge numbering the columns (every fifth) and each row numbered at
    /// the left, counted as the notation counts.
    func lines() -> [String] {
        let indent = "    "
        var top = Array(repeating: Character("─"), count: 2 * shape.columns)
        for c in 0..<shape.columns {
            let shown = notation.neuron(c)
            guard shown == notation.neuron(0) || shown % 5 == 0 else { continue }
            for (i, ch) in String(shown).enumerated() where 2 * c + i < top.count { top[2 * c + i] = ch }
        }
        var out = [indent + "┌" + String(top) + "┐"]
        for r in 0..<shape.rows {
            var line = style.dim(pad(String(notation.neuron(r)), 3, right: true)) + " │"
            for c in 0..<shape.columns {
                let (text, code) = cell(values[r * shape.columns + c])
                line += code.isEmpty ? text : style.wrap(text, code)
            }
            out.append(line + "│")
        }
        out.append(indent + "└" + String(repeating: "─", count: 2 * shape.columns) + "┘")
        return out
    }

    /// What the shades or colours mean, and the scale: the smallest |v| of each level.
    func legend() -> [String] {
        let s = scale
        guard s > 0 else { return ["every value is 0"] }
        func f(_ x: Double) -> String { NumberFormat.significant(x, 3) }
        let steps = (1...4).map { l -> String in
            let mark = style.enabled ? style.wrap("  ", "48;5;\(Self.blues[l])") + style.wrap("  ", "48;5;\(Self.reds[l])")
                                     : String([Self.shades[l], Self.shades[l]])
            return "≥ " + f(s * Double(l) / 5) + " " + mark
        }
        let signs = style.enabled
            ? style.positive("blue") + " positive, " + style.negative("red") + " negative, none near 0; the brighter, the larger |v|"
            : "▓▓ positive, ▓- negative, blank near 0; the lighter the shade, the smaller |v|"
        return [signs, "|v| " + steps.joined(separator: "  ") + "   largest \(f(s))"]
    }
}
