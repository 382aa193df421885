import Foundation

/// How numbers are written for a learner: a fixed number of significant digits per table, the
/// same digits everywhere a value appears, and never "nan" or "inf" in disguise.
enum NumberFormat {
    /// `x` with `digits` significant digits, in plain notation for 1e-4 ≤ |x| < 1e6 and scientific
    /// otherwise; exact zero is "0".
    static func significant(_ x: Double, _ digits: Int = 6) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        var s: String
        if magnitude >= 1e-4 && magnitude < 1e6 {
            let exponent = Int(floor(log10(magnitude)))
            let decimals = max(0, digits - 1 - exponent)
            s = String(format: "%.\(decimals)f", x)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
        } else {
            s = String(format: "%.\(max(0, digits - 1))e", x)
            // 1.50000e-05 → 1.5e-05
            if let e = s.firstIndex(of: "e") {
                var mantissa = String(s[..<e])
                let exponentPart = String(s[e...])
                if mantissa.contains(".") {
                    while mantissa.hasSuffix("0") { mantissa.removeLast() }
                    if mantissa.hasSuffix(".") { mantissa.removeLast() }
                }
                s = mantissa + exponentPart
            }
        }
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// Like `significant`, but a negative value is wrapped in parentheses, for use inside a product.
    static func factor(_ x: Double, _ digits: Int = 6) -> String {
        x < 0 ? "(\(significant(x, digits)))" : significant(x, digits)
    }

    /// A value with an explicit sign: "+0.15", "−0.6".
    static func signed(_ x: Double, _ digits: Int = 6) -> String {
        x < 0 ? significant(x, digits) : "+" + significant(x, digits)
    }

    /// A ratio such as "32.0".
    static func ratio(_ x: Double) -> String {
        guard x.isFinite else { return "∞" }
        return x >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x)
    }

    /// A percentage with one decimal (or `decimals`): "95.3%".
    static func percent(_ x: Double, decimals: Int = 1) -> String { String(format: "%.\(decimals)f%%", 100 * x) }

    /// A count with thousands separated by commas: "60,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "−" : "") + out
    }

    /// The shortest text that reads back as exactly the same double.
    static func exact(_ x: Double) -> String { "\(x)" }
}
