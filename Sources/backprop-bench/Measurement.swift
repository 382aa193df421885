import BackpropCore

/// One figure of the benchmark and its target (the figure must be at most the target).
struct Measurement {
    let name: String
    let value: Double
    let unit: String
    let target: Double
    /// False when the figure is within its target but a correctness check attached to it failed.
    var valid = true
    /// Whether the target is met.
    var met: Bool { valid && value <= target }

    /// The JSON object {name, value, unit, target, met}.
    var json: JSON {
        .object([("name", .string(name)), ("value", .number(value)), ("unit", .string(unit)),
                 ("target", .number(target)), ("met", .bool(met))])
    }

    /// One aligned line: name, value, unit, target, met.
    var line: String {
        pad(name, 20) + pad(Measurement.format(value), 10, right: true) + " " + pad(unit, 3)
            + "   target ≤ " + pad(Measurement.shortest(target), 5, right: true) + " " + pad(unit, 3)
            + "   " + (met ? "met" : "NOT MET")
    }

    /// Four significant digits, without exponent for the ranges the benchmark produces.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        let magnitude = x == 0 ? 0 : Int((abs(x)).log10Floor)
        let decimals = max(0, 3 - magnitude)
        return fixed(x, decimals: decimals)
    }

    /// The shortest form that reads back as `x`, without a trailing ".0" (targets: 5, 0.3, 0.03).
    static func shortest(_ x: Double) -> String {
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func fixed(_ x: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        var digits = String(Int(scaled))
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (x < 0 ? "-" : "") + digits
    }
}

extension Double {
    /// ⌊log₁₀ x⌋ for x > 0, by repeated division (no Foundation).
    var log10Floor: Double {
        var x = self, e = 0.0
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }
}

func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, n - s.count))
    return right ? gap + s : s + gap
}
