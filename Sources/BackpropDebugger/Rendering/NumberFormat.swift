import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are written for a learner: a fixed number of significant digits per table, the
/// same digits everywhere a value appears, and never "nan" or "inf" in disguise.
enum NumberFormat {
    /// `x` with `digits` significant digits, in plain notation for 1e-4 ≤ |x| < 1e6 and scientific
    /// otherwise; exact zero is "0".
    static func significant(_ x: Double, _ digits: Int = 6) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        var s: [UInt8]
        if magnitude >= 1e-4 && magnitude < 1e6 {
            let exponent = Int(floor(log10(magnitude)))
            let decimals = max(0, digits - 1 - exponent)
            s = printfBytes("%.\(decimals)f", x)
            dropTrailingZeros(&s)
        } else {
            s = printfBytes("%.\(max(0, digits - 1))e", x)
            // 1.50000e-05 → 1.5e-05
            if let e = s.firstIndex(of: UInt8(ascii: "e")) {
                var mantissa = Array(s[..<e])
                dropTrailingZeros(&mantissa)
                s = mantissa + s[e...]
            }
        }
        if s.first == UInt8(ascii: "-") { return "−" + String(decoding: s.dropFirst(), as: UTF8.self) }
        return String(decoding: s, as: UTF8.self)
    }

    /// Removes the zeros at the end of a decimal fraction, and its point if nothing is left after it.
    private static func dropTrailingZeros(_ s: inout [UInt8]) {
        guard s.contains(UInt8(ascii: ".")) else { return }
        while s.last == UInt8(ascii: "0") { s.removeLast() }
        if s.last == UInt8(ascii: ".") { s.removeLast() }
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
        return x >= 100 ? printf("%.0f", x) : printf("%.1f", x)
    }

    /// A percentage with one decimal (or `decimals`): "95.3%".
    static func percent(_ x: Double, decimals: Int = 1) -> String { printf("%.\(max(0, min(decimals, 17)))f%%", 100 * x) }

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

    /// `x` formatted by the C library's printf (`vsnprintf`, C locale): the same text as Foundation's
    /// `String(format:)`, at a fraction of the cost — a step of the MNIST network formats dozens of numbers.
    static func printf(_ format: String, _ x: Double) -> String {
        String(decoding: printfBytes(format, x), as: UTF8.self)
    }

    /// `printf` as UTF-8 bytes.
    static func printfBytes(_ format: String, _ x: Double) -> [UInt8] {
        var capacity = 64
        while true {
            let bytes: [UInt8]? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let n = withVaList([x]) { vsnprintf(buffer.baseAddress, capacity, format, $0) }
                guard n >= 0 else { return [] }
                guard n < capacity else { return nil }
                return UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)).map { $0 }
            }
            if let bytes { return bytes }
            capacity *= 8
        }
    }

    /// The shortest text that reads back as exactly the same double.
    static func exact(_ x: Double) -> String { "\(x)" }
}
