/// Colour and emphasis for the debugger's text. Every escape goes through `wrap`, which returns the
/// text unchanged when colour is off, so plain output (pipes, `NO_COLOR`, tests) has no escapes.
public struct Style: Sendable, Equatable {
    /// Whether escapes are written at all (the executable decides from the terminal and `NO_COLOR`).
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// No colour at all.
    public static let plain = Style(enabled: false)

    func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Headings and names.
    public func bold(_ s: String) -> String { wrap(s, "1") }
    /// Secondary text: formulas' symbolic line, hints.
    public func dim(_ s: String) -> String { wrap(s, "2") }
    /// A result the step just computed.
    public func result(_ s: String) -> String { wrap(s, "1;36") }
    /// Positive and negative values (weights, nudges).
    public func positive(_ s: String) -> String { wrap(s, "34") }
    public func negative(_ s: String) -> String { wrap(s, "31") }
    /// Errors and warnings.
    public func error(_ s: String) -> String { wrap(s, "1;31") }
    public func warning(_ s: String) -> String { wrap(s, "33") }
    public func success(_ s: String) -> String { wrap(s, "32") }

    /// One character cell of a greyscale picture holding two pixels (0 = background, 255 = ink), the
    /// upper above the lower. With colour: "▀" in the upper pixel's grey on the lower pixel's grey
    /// (the 24 greys of the 256-colour palette, ink white on black). Without: a pixel is ink from 128
    /// up, drawn as "▀", "▄", "█" or a space.
    public func halfBlock(upper: UInt8, lower: UInt8) -> String {
        guard enabled else {
            switch (upper >= 128, lower >= 128) {
            case (true, true): return "█"
            case (true, false): return "▀"
            case (false, true): return "▄"
            case (false, false): return " "
            }
        }
        func grey(_ p: UInt8) -> Int { 232 + Int(p) * 23 / 255 }
        return wrap("▀", "38;5;\(grey(upper));48;5;\(grey(lower))")
    }

    /// A value coloured by its sign.
    public func signed(_ s: String, _ value: Double) -> String {
        value < 0 ? negative(s) : (value > 0 ? positive(s) : s)
    }
}

/// The number of terminal columns a string occupies, ignoring colour escapes.
func visibleWidth(_ s: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in s.unicodeScalars {
        if inEscape {
            if scalar == "m" { inEscape = false }
            continue
        }
        if scalar == "\u{1B}" { inEscape = true; continue }
        // Combining marks (the prime in σ′ is not one) take no column.
        if (0x0300...0x036F).contains(scalar.value) { continue }
        width += 1
    }
    return width
}

/// `s` padded with spaces to `width` visible columns, on the right (left-aligned) or left.
func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let gap = max(0, width - visibleWidth(s))
    return right ? String(repeating: " ", count: gap) + s : s + String(repeating: " ", count: gap)
}
