import Testing
@testable import BackpropDebugger

/// The expressions a lesson's `answer:` and `check:` lines are written in.
struct LessonExpressionTests {
    @Test(arguments: [
        ("dΘ(3)1,1", LessonExpression.value("dΘ(3)1,1")),
        ("0.0002 * dΘ(3)1,1", .binary("*", .number(0.0002), .value("dΘ(3)1,1"))),
        ("2 * (1 - a(3)2)", .binary("*", .number(2), .binary("-", .number(1), .value("a(3)2")))),
        ("1 − 2 × 3", .binary("-", .number(1), .binary("*", .number(2), .number(3)))),
        ("-1.5 * db(3)2", .binary("*", .negated(.number(1.5)), .value("db(3)2"))),
        ("∂C/∂b(1)0 / 2", .binary("/", .value("∂C/∂b(1)0"), .number(2))),
        ("abs(numeric(Θ(2)1,2, 1e-10) - dΘ(2)1,2)",
         .abs(.binary("-", .numeric(parameter: "Θ(2)1,2", epsilon: .number(1e-10)), .value("dΘ(2)1,2")))),
        ("numeric(Θ(2)1,2)", .numeric(parameter: "Θ(2)1,2", epsilon: nil)),
        ("count(w(1)) + count(b(1))", .binary("+", .count("w(1)"), .count("b(1)"))),
        ("average(db(3)2, 100)", .average(.value("db(3)2"), images: .number(100))),
        ("accuracy", .accuracy),
        ("guess", .guess),
    ])
    func expressionsParseAsWritten(text: String, expected: LessonExpression) throws {
        #expect(try LessonExpression.parse(text) == expected)
    }

    @Test(arguments: [
        ("2 *", "2 *: expected a number or a value at the end"),
        ("abs(1", "abs(1: expected ')' at the end"),
        ("1 2", "1 2: unexpected '2' at character 3"),
        ("average(cost)", "average(cost): expected ',' at character 13"),
    ])
    func malformedExpressionSaysWhere(text: String, message: String) {
        #expect(throws: ExpressionError(message)) { try LessonExpression.parse(text) }
    }

    @Test(arguments: [
        ("0.2", 0.2), ("−0.3", -0.3), ("6.8e-5", 6.8e-5), ("12,544", 12_544), ("13,002.5", 13_002.5), ("-1,000", -1_000),
        ("784*16", 12_544), ("784 × 16", 12_544), ("0.0002 * -0.34", -0.000068), ("(1 - 0.6) * 2", 0.8),
    ])
    func learnersMayAnswerWithArithmeticOrThousandsSeparators(text: String, value: Double) throws {
        let x = try #require(LessonExpression.learnerNumber(text))
        #expect(abs(x - value) < 1e-12)
    }

    @Test func nestingIsLimitedSoALearnersAnswerCannotOverflowTheStack() throws {
        // 64 levels of each kind read; a 65th is refused by name. Before the limit, an answer of
        // 65,536 "(" (a pasted line) overflowed the stack and ended the program.
        let deepest = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(try LessonExpression.parse(deepest) == .number(1))
        #expect(try LessonExpression.parse(String(repeating: "-", count: 64) + "1").constant == 1)
        let tooDeep = String(repeating: "(", count: 65) + "1"
        #expect(throws: ExpressionError(tooDeep + ": parentheses, signs and functions nest more than 64 deep at character 65")) {
            try LessonExpression.parse(tooDeep)
        }
        #expect(throws: ExpressionError.self) { try LessonExpression.parse(String(repeating: "abs(", count: 65) + "1") }
        for text in [String(repeating: "(", count: 65_536) + "1", String(repeating: "−", count: 65_536) + "1",
                     String(repeating: "average(", count: 10_000)] {
            #expect(LessonExpression.learnerNumber(text) == nil)
        }
    }

    @Test(arguments: ["a(3)2", "2 * a(3)2", "12,54", "1,2345", "hint", "count(w)", ""])
    func namesAndMalformedNumbersAreNotAnswers(text: String) {
        #expect(LessonExpression.learnerNumber(text) == nil)
    }

    @Test func arithmeticUsesTheEnginesValues() throws {
        let session = Session()
        // README (checked against NumPy in SmallNetworkTests): ∂C/∂Θ(3)1,1 = −0.3395549965,
        // so 2ε·g = 0.0002 × (−0.3395549965) = −6.79109993e-05, the J(θ+ε) − J(θ−ε) gradcheck shows.
        #expect(abs(try session.expectedNumber("0.0002 * dΘ(3)1,1") - (-6.79109993e-05)) < 1e-13)
        // The central difference at ε = 1e-4 agrees with backprop to about 1e-11 (README's gradcheck).
        #expect(abs(try session.expectedNumber("numeric(Θ(3)1,1)") - (-0.3395549965)) < 1e-9)
        // (1 − a)·a for a(3)1 = 0.751365: 0.186816, the σ′ lesson 5 shows.
        #expect(abs(try session.expectedNumber("(1 - a(3)1) * a(3)1") - 0.186816) < 1e-6)
        #expect(try session.evaluateCheck("abs(numeric(Θ(2)1,2, 1e-10) - dΘ(2)1,2) > abs(numeric(Θ(2)1,2) - dΘ(2)1,2)"))
    }

    @Test func countsFollowTheLayerSizes() throws {
        let session = Session()
        // small is 2-2-2-1: Θ(1) is 2 × 3 with its bias column; w holds 4 + 4 + 2 weights, b 2 + 2 + 1 biases.
        #expect(try session.expectedNumber("count(Θ(1))") == 6)
        #expect(try session.expectedNumber("count(w) + count(b)") == 15)
        _ = session.execute("load mnist")
        // 784·16 = 12,544 weights into layer 1; 784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13,002.
        #expect(try session.expectedNumber("count(w(1))") == 12_544)
        #expect(try session.expectedNumber("count(w) + count(b)") == 13_002)
        #expect(try session.expectedNumber("count(a(2))") == 16)
    }

    @Test func answersReadThePlantedBugLikeTheLearnerSeesIt() throws {
        let session = Session()
        _ = session.execute("bug missing-derivative")
        // README's gradcheck with this bug: backprop −0.18767635, numeric −0.03506087 for Θ(2)1,1.
        #expect(abs(try session.expectedNumber("dΘ(2)1,1") - (-0.18767635)) < 1e-8)
        // Their ratio is the forgotten σ′(z(3)1) = 0.751365·(1 − 0.751365) = 0.186816.
        #expect(abs(try session.expectedNumber("numeric(Θ(2)1,1) / dΘ(2)1,1") - 0.186816) < 1e-6)
        _ = session.execute("bug off")
        #expect(abs(try session.expectedNumber("dΘ(2)1,1") - (-0.03506087)) < 1e-8)
    }

    @Test func anAverageInsideAnAverageIsComputedOnce() throws {
        let session = Session()
        _ = session.execute("load mnist --untrained")
        // An average does not depend on the image of an enclosing average, so each level's mean of a
        // constant is that constant. Remembering only the last average, the two inner ones of each
        // level pushed each other out: (10 images × 2 averages)^5 = 3.2 million traces for this.
        var a = "average(cost, 10)", b = "average(a(3)1, 10)"
        for _ in 1...5 { (a, b) = ("average(\(a) + \(b), 10)", "average(\(a) - \(b), 10)") }
        let sum = try session.expectedNumber("average(cost, 10) + average(a(3)1, 10)")
        let difference = try session.expectedNumber("average(cost, 10) - average(a(3)1, 10)")
        // Level 1: (S, D) = (sum, difference); level 2: (S + D, S − D) = (2c, 2a); level 3: (2c + 2a, 2c − 2a) = (2S, 2D);
        // level 5: (4S, 4D).
        #expect(abs(try session.expectedNumber(a) - 4 * sum) < 1e-9)
        #expect(abs(try session.expectedNumber(b) - 4 * difference) < 1e-9)
    }

    @Test func averageMakesEachImageTheExampleInTurn() throws {
        let session = Session()
        _ = session.execute("load mnist --untrained")
        // The average of images 0 and 1's costs is their mean cost, as the trainer's evaluation computes it.
        let mean = try session.expectedNumber("average(cost, 2)")
        let c0 = try session.expectedNumber("cost")
        _ = session.execute("image 1")
        let c1 = try session.expectedNumber("cost")
        #expect(abs(mean - (c0 + c1) / 2) < 1e-12)
        // A mean gradient comes from the trainer's batch code, a bug-free pass; with a bug planted,
        // from each image's traced (buggy) pass. Without a bug the two are the same numbers.
        let fast = try session.expectedNumber("average(dw(3)2,8, 5)")
        let traced = try (0..<5).map { i in
            try session.scalar(.weightGradient(layer: 2, j: 2, k: 8), in: session.network.trace(session.currentDigits().example(at: i))) ?? .nan
        }.reduce(0, +) / 5
        #expect(fast == traced)
        _ = session.execute("bug missing-derivative")
        #expect(try session.expectedNumber("average(dw(3)2,8, 5)") != fast, "the output layer's δ of sum-of-squares has a σ′ to forget")
        _ = session.execute("bug off")
        // A repeated average is remembered, but not across a change of the network.
        #expect(try session.expectedNumber("average(cost, 2)") == mean)
        _ = session.execute("train --images 10 --batch 10")
        #expect(try session.expectedNumber("average(cost, 2)") != mean)
        _ = session.execute("load mnist --untrained")
        #expect(try session.expectedNumber("average(cost, 2)") == mean)
        // The untrained network answers 4 to everything: 110 of the 1,000 shipped images are 4s.
        #expect(try session.expectedNumber("accuracy") == 0.11)
        #expect(try session.evaluateCheck("guess == 4"))
        #expect(try session.expectedNumber("average(guess, 10)") == 4)
        _ = session.execute("load small")
        #expect(throws: CommandError.self) { try session.expectedNumber("accuracy") }
        #expect(throws: CommandError.self) { try session.expectedNumber("count(w) / 0") }
    }
}
