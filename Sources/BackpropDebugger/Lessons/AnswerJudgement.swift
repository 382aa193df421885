import Foundation

/// How a number answer compares with the engine's value, by significant digits, as people round.
///
/// An answer given to d significant digits is right to d digits when
/// |answer − value| ≤ ½·10^(e−d+1), e being the exponent of the answer's leading digit: 0.377,
/// 0.378 and 0.38 are all right for 0.3775, and 0.60 for 0.601329. The bound is inclusive, with a
/// hair of relative slack, since a value such as 0.3775 is not exact in binary.
enum AnswerJudgement: Equatable {
    /// Right: to `digits` significant digits, or exactly (nil), or within the author's tolerance (nil).
    case right(digits: Int?)
    /// Right only to `digits` digits, fewer than the question wants; `typed` is how many were given.
    case close(digits: Int, typed: Int)
    /// It is one of the mistakes the lesson names: what that mistake means.
    case mistake(String)
    /// The size is right, the sign is not.
    case flippedSign
    /// The digits are right but the decimal point is `shift` places off (positive: too large).
    case decimalPoint(shift: Int)
    case tooHigh
    case tooLow

    /// The relative slack on every bound (0.3775 is 0.37749999999999999 in binary).
    static let slack = 1e-9

    /// How many of its `digits` significant digits `answer` is right to, against `value`: the
    /// largest d ≤ `digits` with |answer − value| ≤ ½·10^(e−d+1); 0 when not even the first digit is.
    static func agreement(_ answer: Double, digits: Int, with value: Double) -> Int {
        guard answer.isFinite, value.isFinite else { return 0 }
        if answer == 0 { return value == 0 ? digits : 0 }
        let e = Int(floor(log10(abs(answer))))
        var d = digits
        while d >= 1 {
            if abs(answer - value) <= 0.5 * pow(10, Double(e - d + 1)) * (1 + slack) { return d }
            d -= 1
        }
        return 0
    }

    /// Whether `answer` is the value itself, to the last few bits (an exact count, or arithmetic
    /// that reproduces the engine's sum).
    static func isExact(_ answer: Double, _ value: Double) -> Bool {
        abs(answer - value) <= slack * max(abs(value), 1e-300)
    }

    /// Whether `answer` counts as `value` for a question that wants `wanted` digits or sets `tolerance`.
    static func matches(_ answer: LearnerAnswer.Number, _ value: Double, wanted: Int, tolerance: Double?) -> Bool {
        if let tolerance { return abs(answer.value - value) <= tolerance * (1 + slack) }
        return isExact(answer.value, value) || agreement(answer.value, digits: answer.digits, with: value) >= wanted
    }

    /// Judges `answer` against `value` and the named `mistakes` (their values and meanings).
    static func judge(_ answer: LearnerAnswer.Number, value: Double, wanted: Int, tolerance: Double?,
                      mistakes: [(value: Double, meaning: String)]) -> AnswerJudgement {
        if matches(answer, value, wanted: wanted, tolerance: tolerance) {
            if tolerance != nil || isExact(answer.value, value) { return .right(digits: nil) }
            return .right(digits: agreement(answer.value, digits: answer.digits, with: value))
        }
        let named = mistakes.filter { matches(answer, $0.value, wanted: wanted, tolerance: tolerance) }
        if let nearest = named.min(by: { abs(answer.value - $0.value) < abs(answer.value - $1.value) }) {
            return .mistake(nearest.meaning)
        }
        if tolerance == nil {
            let close = agreement(answer.value, digits: answer.digits, with: value)
            if close >= 1 { return .close(digits: close, typed: answer.digits) }
        }
        let sized = LearnerAnswer.Number(value: -answer.value, digits: answer.digits)
        if value != 0, matches(sized, value, wanted: wanted, tolerance: tolerance) { return .flippedSign }
        for shift in [1, -1, 2, -2, 3, -3] {
            let moved = LearnerAnswer.Number(value: answer.value / pow(10, Double(shift)), digits: answer.digits)
            if value != 0, matches(moved, value, wanted: wanted, tolerance: tolerance.map { $0 }) { return .decimalPoint(shift: shift) }
        }
        return answer.value < value ? .tooLow : .tooHigh
    }
}
