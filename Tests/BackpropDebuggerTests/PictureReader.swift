import Foundation
@testable import BackpropDebugger

/// Reads pictures back: numbers as printed, cells of a character grid, and colour codes per cell.
/// The tests compare what is read with the trace's numbers, never with another rendering.
enum PictureReader {
    /// A printed number ("−0.0591", "9.2e-05", "+0.35") as a Double.
    static func number(_ token: String) -> Double? {
        Double(token.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: ""))
    }

    /// Whether `token` is `value` rounded to the digits it shows: |value − printed| is at most half
    /// a unit in its last digit (a hair more for the rounding of the decimal text itself).
    static func rounds(_ token: String, to value: Double) -> Bool {
        guard let printed = number(token) else { return false }
        let plain = token.replacingOccurrences(of: "−", with: "-")
        var mantissa = plain, exponent = 0
        if let e = plain.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(plain[..<e])
            exponent = Int(plain[plain.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        let unit = pow(10, Double(exponent - decimals))
        return abs(value - printed) <= unit / 2 * (1 + 1e-9) + 1e-300
    }

    /// The first number in `text` (a run of digits, signs, points and exponents), if any.
    static func firstNumber(in text: String) -> String? {
        let allowed = Set("0123456789.−-+e")
        var token = ""
        for c in text {
            if allowed.contains(c) && !(token.isEmpty && (c == "e" || c == ".")) {
                token.append(c)
            } else if !token.isEmpty {
                if number(token) != nil { return token }
                token = ""
            }
        }
        return token.isEmpty || number(token) == nil ? nil : token
    }

    /// Plain text as rows of characters (one column each in these pictures).
    static func grid(_ text: String) -> [[Character]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    /// The characters of a row from column `x` for `count` columns (spaces past the end).
    static func slice(_ grid: [[Character]], _ y: Int, _ x: Int, _ count: Int) -> String {
        guard y >= 0 && y < grid.count else { return "" }
        return String((x..<(x + count)).map { $0 >= 0 && $0 < grid[y].count ? grid[y][$0] : " " })
    }

    /// Coloured text as rows of (character, SGR code) cells: the code in force at each character.
    static func colouredGrid(_ text: String) -> [[(Character, String)]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var cells: [(Character, String)] = []
            var code = ""
            var chars = Array(line)[...]
            while let c = chars.first {
                if c == "\u{1B}", let m = chars.firstIndex(of: "m") {
                    let inside = String(chars[chars.index(chars.startIndex, offsetBy: 2)..<m])
                    code = inside == "0" ? "" : inside
                    chars = chars[chars.index(after: m)...]
                    continue
                }
                cells.append((c, code))
                chars = chars.dropFirst()
            }
            return cells
        }
    }

    /// The width of the widest line, without colour escapes.
    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { visibleWidth(String($0)) }.max() ?? 0
    }
}
