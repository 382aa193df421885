import Foundation
import Testing
@testable import BackpropDebugger

/// Numbers are formatted through the C library's printf (cheap enough for a step of the MNIST
/// network); Foundation's `String(format:)` is the oracle for the digits.
struct NumberFormatTests {
    static let values: [Double] = [0.5, 2.5, -2.5, 0.125, 1e-4, 9.99995e-5, 0.000123456789, 0.3775, -0.0590977,
                                   0.59327, 1 / 3, 2.0 / 3, 123456.5, 999999.5, 1e6, 3.14159265358979,
                                   -1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 0.1 + 0.2]

    @Test func printfGivesFoundationsDigits() {
        for x in Self.values {
            for format in ["%.0f", "%.1f", "%.5f", "%.9f", "%.5e", "%.1f%%"] {
                #expect(NumberFormat.printf(format, x) == String(format: format, x), "\(format) \(x)")
            }
        }
    }

    @Test func significantDigitsAsBefore() {
        // Hand-checked: six significant digits, trailing zeros dropped, a real minus sign.
        #expect(NumberFormat.significant(0.3775) == "0.3775")
        #expect(NumberFormat.significant(0.593269992) == "0.59327")
        #expect(NumberFormat.significant(-0.0590977) == "−0.0590977")
        #expect(NumberFormat.significant(1.5e-5) == "1.5e-05")
        #expect(NumberFormat.significant(2e6) == "2e+06")
        #expect(NumberFormat.significant(0) == "0")
        #expect(NumberFormat.significant(100) == "100")
        #expect(NumberFormat.ratio(1e300).count == 301)
    }

    @Test func strippingEscapesKeepsEveryOtherCharacter() {
        #expect(Session.stripEscapes("\u{1B}[1mz(2)1\u{1B}[0m = σ(0.3775) — δ²") == "z(2)1 = σ(0.3775) — δ²")
        #expect(Session.stripEscapes("no escapes: ∑ é") == "no escapes: ∑ é")
    }
}
