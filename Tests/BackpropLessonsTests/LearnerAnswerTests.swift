import Testing
@testable import BackpropDebugger

/// Answers read as people type them, and judged by significant digits as people round.
struct LearnerAnswerTests {
    @Test(arguments: [
        ("b", "b"), ("B", "b"), ("A)", "a"), ("(b)", "b"), ("b.", "b"), ("b)", "b"), ("c:", "c"), (" (C) ", "c"),
        ("b) the logistic cost", "b"), ("a. up", "a"),
    ])
    func aLetterIsAChoiceHoweverItIsDressed(text: String, letter: String) {
        #expect(LearnerAnswer.letter(text) == letter.first)
    }

    @Test(arguments: ["15", "bb", "(b", "b(", "k", "break", "b)c", "", "ab)"])
    func otherTextIsNotALetter(text: String) {
        #expect(LearnerAnswer.letter(text) == nil)
    }

    @Test(arguments: [
        ("0.3775", 0.3775, 4), ("0.38", 0.38, 2), (".38", 0.38, 2), ("−0.45", -0.45, 2), ("0.60", 0.6, 2), ("6.8e-5", 6.8e-5, 2),
        ("13,002", 13_002, 5), ("13000", 13_000, 2), ("12,960", 12_960, 4), ("0,38", 0.38, 2), ("about 0.2", 0.2, 1),
        ("≈ 0.38", 0.38, 2), ("0.38?", 0.38, 2), ("~0.38", 0.38, 2), ("roughly −0.45", -0.45, 2), ("z(2)2 = 0.39", 0.39, 2),
        ("0.38 or so", 0.38, 2), ("I think it's 0.6", 0.6, 1), ("12,544 weights", 12_544, 5),
    ])
    func numbersWithWordsAroundThemAreNumbers(text: String, value: Double, digits: Int) throws {
        let n = try #require(LearnerAnswer.number(text), "\(text)")
        #expect(abs(n.value - value) < 1e-12 * max(1, abs(value)), "\(text)")
        #expect(n.digits == digits, "\(text)")
    }

    @Test(arguments: [
        // σ(0.19) = 1 / (1 + e^−0.19) = 0.547357…; ln(0.548) = −0.601480…; e^−0.19 = 0.826959…
        ("σ(0.19)", 0.547357, 2), ("sigmoid(0.19)", 0.547357, 2), ("1/(1+e^(-0.19))", 0.547357, 2),
        ("1 / (1 + exp(−0.19))", 0.547357, 2), ("e^-0.19", 0.826959, 2), ("-ln(0.548)", 0.601480, 3),
        ("2(1 − 0.548)", 0.904, 3), ("2·(1 − 0.548)", 0.904, 3), ("0.35·1 + 0.15·0.05 + 0.20·0.10", 0.3775, 2),
        ("(0.548 − 1)²", 0.204304, 3), ("784*16", 12_544, LearnerAnswer.Number.exact), ("784 × 16 + 16", 12_560, 15),
        ("6.8×10^-5", 6.8e-5, 2), ("0.0002 × −0.34", -0.000068, 2), ("√0.25", 0.5, 2),
    ])
    func arithmeticWithTheLecturesFunctionsIsANumber(text: String, value: Double, digits: Int) throws {
        let n = try #require(LearnerAnswer.number(text), "\(text)")
        #expect(abs(n.value - value) < 1e-6 * max(1, abs(value)), "\(text): \(n.value)")
        #expect(n.digits == digits, "\(text)")
    }

    @Test(arguments: ["a(3)2", "step 3", "hint", "", "e", "π", "12,54", "1,2345", "help", "print z(2)1", "2 * a(3)2", "ln(", "σ"])
    func namesCommandsAndBrokenNumbersAreNotNumbers(text: String) {
        #expect(LearnerAnswer.number(text) == nil, "\(text)")
    }

    private func judge(_ text: String, _ value: Double, wanted: Int = 2, tolerance: Double? = nil,
                       mistakes: [(Double, String)] = []) throws -> AnswerJudgement {
        let n = try #require(LearnerAnswer.number(text))
        return AnswerJudgement.judge(n, value: value, wanted: wanted, tolerance: tolerance, mistakes: mistakes.map { ($0.0, $0.1) })
    }

    @Test func correctlyRoundedAnswersAreRightToTheirDigits() throws {
        // The rule: d digits are right when |answer − value| ≤ ½·10^(e−d+1), inclusive.
        // 0.377 and 0.378 are each 0.0005 from 0.3775 (= ½·10^(−1−3+1)); 0.38 is 0.0025 from it.
        #expect(try judge("0.377", 0.3775) == .right(digits: 3))
        #expect(try judge("0.378", 0.3775) == .right(digits: 3))
        #expect(try judge("0.38", 0.3775) == .right(digits: 2))
        #expect(try judge("0.3775", 0.3775) == .right(digits: nil))
        #expect(try judge("0.60", 0.601329) == .right(digits: 2))
        #expect(try judge("-0.452", -0.451917) == .right(digits: 3))
        #expect(try judge("12,544", 12_544, tolerance: 0.5) == .right(digits: nil))
        // A fourth digit off by rounding in the learner's working: still right to three.
        #expect(try judge("0.3776", 0.3775) == .right(digits: 3))
    }

    @Test func oneDigitIsCloseUnlessTheQuestionSaysItIsEnough() throws {
        #expect(try judge("0.6", 0.601329) == .close(digits: 1, typed: 1))
        #expect(try judge("0.6", 0.601329, wanted: 1) == .right(digits: 1))
        #expect(try judge("0.4", 0.3775) == .close(digits: 1, typed: 1))
        #expect(try judge("0.37", 0.3775) == .close(digits: 1, typed: 2))
        #expect(try judge("0.3", 0.3775) == .tooLow)
    }

    @Test func namedMistakesSignsAndDecimalPointsAreDiagnosed() throws {
        let mistakes = [(0.451917, "the sign of Ng's slide"), (0.548083, "that is a(4)1, not δ")]
        #expect(try judge("0.452", -0.451917, mistakes: mistakes) == .mistake("the sign of Ng's slide"))
        #expect(try judge("0.55", -0.451917, mistakes: mistakes) == .mistake("that is a(4)1, not δ"))
        #expect(try judge("0.45", -0.451917) == .flippedSign)
        #expect(try judge("3.775", 0.3775) == .decimalPoint(shift: 1))
        #expect(try judge("0.03775", 0.3775) == .decimalPoint(shift: -1))
        #expect(try judge("12,960", 13_002, tolerance: 0.5, mistakes: [(12_960, "no biases")]) == .mistake("no biases"))
        #expect(try judge("13,000", 13_002, tolerance: 0.5) == .tooLow)
    }
}
