import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// `gradcheck`, `gradcheck PARAM`, `gradcheck --sweep`, `grads` and `bug` as a learner types them.
struct GradientCheckCommandTests {
    @Test func aPassThatOverflowsIsSaidToOverflowNotToHaveWrongGradients() throws {
        let s = Session()
        // relu keeps growing: z(2) = 2e200 is finite, z(3) = 1e200·2e200·2 is not.
        let net = try Network(sizes: [2, 2, 1], weights: [[[1e200, 1e200], [1e200, 1e200]], [[1e200, 1e200]]],
                              biases: [[0, 0], [0]], activation: .relu, cost: .quadratic)
        try s.adopt(net, name: "big", example: Example(input: [1, 1], target: [1]))
        for command in ["gradcheck", "gradcheck Θ(1)1,1"] {
            let reply = s.execute(command)
            #expect(reply.status == .failure, "\(command)")
            #expect(reply.text.contains("z(3)1 = ∞: past the largest double"), "\(reply.text)")
            #expect(reply.text.contains("verdict: OVERFLOW"))
            #expect(!reply.text.contains("the gradients are wrong"))
        }
        #expect(s.execute("gradcheck --sweep").status == .success, "a sweep has no verdict")
    }

    /// A 1-3 softmax layer whose z = b = (0, 800, 0): a = (e^−800, 1, e^−800)/S, and e^−800 underflows to 0.
    static func underflowingSoftmax() throws -> Network {
        try Network(sizes: [1, 3], weights: [[[0], [0], [0]]], biases: [[0, 800, 0]], activation: .softmax, cost: .logLikelihood)
    }

    @Test func softmaxOutputsThatUnderflowToZeroAreNoOverflow() throws {
        // Target class 1: a(1)0 = a(1)2 = 0 exactly, C = ln(1 + 2e^−800) ≈ 0, δ = a − y = (0, 0, 0)
        // rounded; ∂C/∂a of an output whose target is 0 is 0 (−0/0 was NaN, and called an overflow).
        let s = Session()
        try s.adopt(try Self.underflowingSoftmax(), name: "under", example: Example(input: [1], target: [0, 1, 0]))
        let trace = try Self.underflowingSoftmax().trace(Example(input: [1], target: [0, 1, 0]))
        #expect(trace.a[1] == [0, 1, 0] && trace.activationGradient[1][0] == 0 && trace.activationGradient[1][2] == 0)
        let reply = s.execute("gradcheck")
        #expect(reply.succeeded && reply.text.contains("verdict: PASS"), "\(reply.text)")
        #expect(!reply.text.contains("OVERFLOW"))
        // Target class 0, whose a(1)0 underflows: C = 800 + ln(1 + 2e^−800) = 800 (from z, finite),
        // δ(1) = a − y = (−1, 1, 0) finite; ∂C/∂a(1)0 = −1/0 = −∞ feeds nothing (softmax cancels it).
        try s.adopt(try Self.underflowingSoftmax(), name: "under", example: Example(input: [1], target: [1, 0, 0]))
        let other = s.execute("gradcheck")
        #expect(other.succeeded && other.text.contains("verdict: PASS") && !other.text.contains("OVERFLOW"), "\(other.text)")
        let check = try #require(s.lastCheck)
        let biases = check.rows.filter { if case .bias = $0.parameter { true } else { false } }.map(\.analytic)
        #expect(biases == [-1, 1, 0])
    }

    @Test func aTrainedNetworkWithReluAndSoftmaxIsCheckedNotCalledAnOverflow() throws {
        // The user's report: two outputs underflow to 0 (a(3)5 = a(3)9 = 0), C = 124.807 is finite.
        let s = Session()
        for command in ["load mnist", "digit 2", "activation relu relu softmax --cost log-likelihood"] {
            #expect(s.execute(command).succeeded, "\(command)")
        }
        let reply = s.execute("gradcheck")
        #expect(!reply.text.contains("OVERFLOW") && !reply.text.contains("past the largest double"), "\(reply.text)")
        // ReLU makes activations up to 62 here, so J curves sharply: at ε = 1e-4 two weights miss
        // rtol by truncation error; at ε = 1e-5 (error 100 times smaller, as ε²) every one passes.
        // Backprop is right, so the check passes and says why: a CI job does not fail on it.
        #expect(reply.text.contains("verdict: PASS — backprop agrees (2 misses at ε = 0.0001 are finite differences' error)\n"), "\(reply.text)")
        #expect(reply.status == .success, "exit status 0")
        #expect(reply.text.contains("hint: at ε = 1e-05 every failing parameter passes"))
        #expect(!reply.text.contains("the gradients are wrong") && !reply.text.contains("numeric/backprop = 1 "))
        #expect(reply.text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let (json, _) = try ResultJSONTests.document(s, "gradcheck --json")
        #expect(json["verdict"]?.string == "PASS" && json["passed"]?.bool == true && json["hints"]?[0]?["id"]?.string == "truncation")
        #expect(try SchemaValidator.shipped("gradcheck-result").errors(in: json) == [])
        let finer = s.execute("gradcheck --eps 1e-5")
        #expect(finer.succeeded && finer.text.contains("verdict: PASS"))
    }

    @Test func aZeroWeightGradientNamesTheReceivingDeltaAndTheSendingActivation() throws {
        // Ng's small network, ReLU hidden layers, x = (0.05, 0.1), Θ(2)1,0 = −5:
        // z(2) = (0.35 + 0.0075 + 0.02, 0.35 + 0.0125 + 0.03) = (0.3775, 0.3925) = a(2);
        // z(3)1 = −5 + 0.4·0.3775 + 0.45·0.3925 = −4.672375, so a(3)1 = 0 (a dead ReLU);
        // z(3)2 = 0.6 + 0.5·0.3775 − 0.55·0.3925 = 0.572875; z(4)1 = 0.05 − 0.6·0.572875 = −0.293725,
        // a(4)1 = σ(−0.293725) = 0.427092, δ(4)1 = a − y = −0.572908. ∂C/∂Θ(3)1,1 = δ(4)1·a(3)1 = 0.
        let s = Session()
        #expect(s.execute("activation relu relu sigmoid").succeeded)
        #expect(s.execute("set Θ(2)1,0 -5").succeeded)
        #expect(s.execute("gradcheck --sweep Θ(3)1,1").error ==
            "∂C/∂Θ(3)1,1 is exactly 0 here: it is δ(4)1·a(3)1, and a(3)1 = 0 (a ReLU with z(3)1 =\n"
            + "  −4.672 ≤ 0) while δ(4)1 = −0.5729; every relative error would be 0 or 1, so sweep a parameter\n"
            + "  whose gradient is not 0")
        // δ(3)1 = (0.7·δ(4)1)·ReLU′(−4.672) = 0, a(2)1 = 0.3775: the other factor is the zero one.
        #expect(s.execute("gradcheck --sweep Θ(2)1,1").error?.hasPrefix(
            "∂C/∂Θ(2)1,1 is exactly 0 here: it is δ(3)1·a(2)1, and δ(3)1 = 0 while a(2)1 = 0.3775;") == true)
        // The input as the sending unit keeps its own words.
        let fresh = Session()
        #expect(fresh.execute("input 0 0").succeeded)
        #expect(fresh.execute("gradcheck --sweep Θ(1)1,1").error?.hasPrefix(
            "∂C/∂Θ(1)1,1 is exactly 0 here: its input a(1)1 is 0, so nudging it cannot change the cost;") == true)
    }

    @Test func aZeroGradientOnMNISTNamesTheDeadReluNotTheDelta() throws {
        let s = Session()
        for command in ["load mnist", "digit 2", "activation relu relu softmax --cost log-likelihood"] {
            #expect(s.execute(command).succeeded, "\(command)")
        }
        let trace = try s.network.trace(s.example)
        // ∂C/∂w(3)0,0 = δ(3)0·a(2)0: δ(3)0 = a(3)0 − y0 is not 0, a(2)0 is (its z < 0).
        #expect(trace.delta[3][0] != 0 && trace.a[2][0] == 0 && trace.z[2][0] < 0)
        let error = try #require(s.execute("gradcheck --sweep w(3)0,0").error)
        #expect(error.hasPrefix("∂C/∂w(3)0,0 is exactly 0 here: it is δ(3)0·a(2)0, and a(2)0 = 0 (a ReLU with z(2)0 ="))
        #expect(error.contains("while δ(3)0 = \(NumberFormat.significant(trace.delta[3][0], 4));"))
        #expect(("error: " + error).split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func gradcheckPassesOnSmallAndKeepsTheCheckInTheSession() throws {
        let s = Session()
        let reply = s.execute("gradcheck")
        #expect(reply.succeeded)
        #expect(reply.text.contains("verdict: PASS"))
        let check = try #require(s.lastCheck)
        #expect(check.summary.parameters == 15 && check.summary.passed && check.summary.bug == nil)
        #expect(check.summary.normDifference < 1e-7)
    }

    @Test func everyParameterOfTheShippedTrainedMNISTNetworkPasses() throws {
        let s = Session()
        for command in ["load mnist", "digit 2"] { #expect(s.execute(command).succeeded, "\(command)") }
        let reply = s.execute("gradcheck")
        #expect(reply.succeeded && reply.text.contains("verdict: PASS"))
        let check = try #require(s.lastCheck)
        #expect(check.summary.parameters == 13_002 && check.summary.failed == 0)
        #expect(check.summary.normDifference < 1e-7)
        // A trained network has gradients so small that rounding in J(θ ± ε) is a large share of
        // them; the report says why they still pass.
        #expect(check.summary.tinyGradients > 0)
        #expect(reply.text.contains("tiny"))
    }

    @Test func gradcheckNamesParametersInTheCurrentNotation() {
        let s = Session()
        #expect(s.execute("gradcheck").text.contains("Θ(3)1,0"))
        _ = s.execute("notation 3b1b")
        let text = s.execute("gradcheck").text
        #expect(text.contains("b(3)0") && !text.contains("Θ("))
    }

    @Test(arguments: [("gradcheck Θ(2)1,2", "ng"), ("gradcheck w(2)0,1", "3b1b"), ("gradcheck weights[1][0][1]", "ng")])
    func oneParameterIsShownAsArithmetic(line: String, notation: String) throws {
        let s = Session()
        _ = s.execute("notation \(notation)")
        let reply = s.execute(line)
        #expect(reply.succeeded, "\(reply.error ?? "")")
        let check = try #require(s.lastParameterCheck)
        let row = try #require(check.rows.first)
        #expect(check.rows.count == 1 && row.parameter == .weight(layer: 1, j: 0, k: 1))
        // NumPy: ∂C/∂Θ(2)1,2 = a(2)2·δ(3)1 = −0.03527447187090593.
        #expect(abs(row.numeric - -0.03527447187090593) < 1e-9)
        let text = reply.text
        #expect(text.contains("J(θ + ε)   = J(0.4501) = \(NumberFormat.significant(row.costPlus, 15))"))
        #expect(text.contains("J(θ − ε)   = J(0.4499) = \(NumberFormat.significant(row.costMinus, 15))"))
        #expect(text.contains("= (J(θ + ε) − J(θ − ε)) / 2ε"))
        #expect(text.contains("= (\(NumberFormat.significant(row.costPlus, 15)) − \(NumberFormat.significant(row.costMinus, 15))) / 0.0002"))
        #expect(text.contains("0.596884·(−0.0590977)"), "backprop's a·δ with its numbers")
        #expect(text.contains("relative   = |a − n| / max(|a|, |n|)"))
        #expect(text.contains("tolerance  = atol·max(1, |J|) + rtol·max(|a|, |n|)"))
        #expect(text.contains("verdict    PASS"))
        #expect(s.lastCheck == nil, "one parameter's check does not replace the whole check")
    }

    @Test func aBiasIsCheckedByItsName() throws {
        let s = Session()
        _ = s.execute("notation 3b1b")
        #expect(s.execute("gradcheck b(1)0").succeeded)
        #expect(s.lastParameterCheck?.rows.first?.parameter == .bias(layer: 0, j: 0))
        #expect(s.execute("notation ng; gradcheck Θ(1)1,0").text.contains("δ(2)1 = "))
    }

    @Test func sweepShowsBothDifferencesAndNamesTheBestEpsilonOfEach() throws {
        let s = Session()
        let reply = s.execute("gradcheck --sweep Θ(2)1,2")
        #expect(reply.succeeded)
        let sweep = try #require(s.lastSweep)
        #expect(sweep.parameter == .weight(layer: 1, j: 0, k: 1) && sweep.rows.count == 12)
        let one = try #require(sweep.bestOneSided), central = try #require(sweep.bestCentral)
        #expect(reply.text.contains("best one-sided: ε = \(SweepReport.epsilon(one.epsilon))"))
        #expect(reply.text.contains("best central:   ε = \(SweepReport.epsilon(central.epsilon))"))
        #expect(reply.text.contains("truncation error") && reply.text.contains("Rounding error rises"))
        #expect(reply.text.contains("   1e-1  ") && reply.text.contains("  1e-12  "))
    }

    @Test func sweepWithoutAParameterTakesTheWorstOfTheCheck() throws {
        let s = Session()
        let reply = s.execute("gradcheck --sweep")
        #expect(reply.succeeded)
        let check = try GradientCheck.run(network: .small, examples: [Network.smallExample])
        let worst = try #require(check.rows.filter { $0.analytic != 0 }.max { $0.severity < $1.severity })
        #expect(s.lastSweep?.parameter == worst.parameter)
        #expect(reply.text.contains("the worst of 15 parameters"))
    }

    @Test func sweepPlotPlacesErrorsOnALogScale() {
        #expect(SweepReport.column(1) == 0)
        #expect(SweepReport.column(1e-4) == 8)
        #expect(SweepReport.column(1e-16) == 32)
        #expect(SweepReport.column(0) == 32)
        #expect(SweepReport.column(1e-30) == 32)
        #expect(SweepReport.column(5) == 0)
        #expect(SweepReport.axis() == "1       1e-4    1e-8    1e-12   1e-16")
    }

    @Test func gradsRanksByMagnitudeAfterRunningTheRestOfThePass() {
        let s = Session()
        let text = s.execute("grads --top 3").text
        #expect(text.hasPrefix("(computed the rest of the pass first: 16 steps)"))
        #expect(s.stepper.isFinished)
        // NumPy: |∂C/∂Θ(3)1,0| = 0.451917 > |∂C/∂Θ(3)1,1| = 0.339555 > |∂C/∂Θ(3)1,2| = 0.288496.
        let lines = text.split(separator: "\n").map(String.init)
        let first = lines.firstIndex { $0.contains("Θ(3)1,0") && $0.contains("−0.451917") && $0.contains("increase lowers C") }
        let second = lines.firstIndex { $0.contains("Θ(3)1,1") && $0.contains("0.339555") }
        let third = lines.firstIndex { $0.contains("Θ(3)1,2") && $0.contains("0.288496") }
        #expect(first != nil && second != nil && third != nil)
        if let first, let second, let third { #expect(first < second && second < third) }
        #expect(!text.contains("Θ(2)"), "only the top 3")
        #expect(!s.execute("grads").text.contains("computed the rest"), "nothing left to compute")
    }

    @Test(arguments: ["grads Θ(3)1,1 Θ(1)1,1", "grads Θ(1)1,1 Θ(3)1,1"])
    func gradsComparesTwoParametersEitherWayRound(line: String) {
        // NumPy: 0.33955499650757204 / 9.240049247948736e-05 = 3674.8…
        let text = Session().execute(line).text
        #expect(text.contains("the cost is 3675 times more sensitive to Θ(3)1,1 than to Θ(1)1,1"))
        #expect(text.contains("increasing Θ(3)1,1 lowers the cost"))
        #expect(text.contains("increasing Θ(1)1,1 raises the cost"))
    }

    @Test func gradsRatioBelowAHundredHasOneDecimal() {
        // NumPy: 0.33955499650757204 / 0.03506087009589972 = 9.6847…
        let text = Session().execute("grads Θ(2)1,1 Θ(3)1,1").text
        #expect(text.contains("the cost is 9.7 times more sensitive to Θ(3)1,1 than to Θ(2)1,1"))
    }

    @Test func gradsOfOneParameterGivesItsRank() {
        let text = Session().execute("grads Θ(3)1,1").text
        #expect(text.contains("∂C/∂Θ(3)1,1 = −0.339555") && text.contains("rank 2 of 15"))
    }

    @Test func bugListsEveryBugAndWhereItApplies() {
        let text = Session().execute("bug").text
        for b in BackpropBug.allCases { #expect(text.contains(b.rawValue)) }
        #expect(text.contains("planted: none"))
        #expect(text.contains("here: ∂C/∂Θ(1), ∂C/∂Θ(2)"), "wrong-layer-activation on 2-2-2-1")
    }

    @Test func plantedBugShowsInThePromptAndInEveryBackwardOutput() throws {
        let s = Session()
        #expect(s.promptNote == "")
        let planted = s.execute("bug output-sign")
        #expect(planted.text.hasPrefix("planted output-sign"))
        #expect(s.promptNote.contains("bug: output-sign"))
        let steps = s.execute("step 16").text
        // 5 δs and 5 gradient steps, each marked.
        #expect(steps.components(separatedBy: "bug planted: output-sign").count - 1 == 10)
        #expect(steps.contains("δ(4)1 = y1 − a(4)1   ← bug output-sign"))
        for command in ["backward", "explain δ(3)1", "explain dΘ(2)1,1", "explain dΘ(2)1,0", "print δ(3)", "print dΘ(1)", "grads", "draw"] {
            #expect(s.execute(command).text.contains("bug planted: output-sign"), "\(command)")
        }
        #expect(!s.execute("print z(3)").text.contains("bug planted"), "forward values are never buggy")
        #expect(s.execute("where").text.contains("output-sign planted"))
        let check = s.execute("gradcheck")
        #expect(check.text.contains("verdict: FAIL") && check.text.contains("bug planted: output-sign"))
        #expect(s.lastCheck?.summary.bug == .outputSign && s.lastCheck?.summary.failed == 15)
        #expect(s.execute("bug off").text.hasPrefix("removed output-sign"))
        #expect(s.promptNote == "")
        #expect(!s.execute("backward").text.contains("bug planted"))
        #expect(s.execute("gradcheck").text.contains("verdict: PASS"))
    }

    @Test func aFailureAtAnExtremeEpsilonBlamesEpsilonToo() {
        let s = Session()
        // The sweep of README: the central error of Θ(2)1,2 is 7.1e-06 at ε = 1e-1 and 2.5e-06 at
        // 1e-10, both above the tolerance (3.6e-08 / 0.0353 ≈ 1e-06 relative), though backprop is right.
        let large = s.execute("gradcheck Θ(2)1,2 --eps 0.1").text
        #expect(large.hasSuffix("FAIL: |a − n| = 2.517e-07 > 3.627e-08 — backprop's value is wrong,\n"
                                + "             or ε is too large: the difference is off by about ε² (`gradcheck --sweep Θ(2)1,2`)"))
        #expect(s.execute("gradcheck Θ(2)1,2 --eps 1e-10").text.hasSuffix("or ε is too small: rounding in J(θ ± ε) swamps it (`gradcheck --sweep Θ(2)1,2`)"))
        _ = s.execute("bug missing-derivative")
        #expect(s.execute("gradcheck Θ(2)1,2").text.hasSuffix("— backprop's value is wrong"))
        _ = s.execute("bug off")
    }

    @Test func plantingABugRecomputesThePassUpToTheSameStep() throws {
        let s = Session()
        _ = s.execute("step 9")
        _ = s.execute("bug missing-derivative")
        var expected = try Stepper(network: .small, example: Network.smallExample, bug: .missingDerivative)
        for _ in 0..<9 { expected.step() }
        #expect(s.stepper == expected)
        #expect(s.records.count == 9)
        // δ(3)1 without σ′ is ∂C/∂a(3)1 = Θ(3)1,1·δ(4)1 = 0.7·(−0.451917…) = −0.316342 (NumPy).
        #expect(abs(s.trace.delta[2][0] - -0.3163422245552643) < 1e-12)
        #expect(s.execute("explain δ(3)1").text.contains("← bug missing-derivative: the factor σ′(z(3)1) is left out"))
    }

    @Test(arguments: BackpropBug.allCases.filter { !$0.changesReduction })
    func everyBugFailsTheCheckOnSmall(bug: BackpropBug) {
        let s = Session()
        _ = s.execute("bug \(bug.rawValue)")
        let text = s.execute("gradcheck").text
        #expect(text.contains("verdict: FAIL") && text.contains("the gradients are wrong"))
        #expect(text.contains("where the failures are"))
    }

    /// The MNIST network with a sparse input set through `input`, as a learner would.
    static func mnistSession() -> Session {
        var rng = SeededGenerator(seed: 11)
        let input = (0..<784).map { _ in rng.nextUniform() < 0.8 ? 0 : (rng.nextUniform() * 1000).rounded() / 1000 }
        let s = Session()
        _ = s.execute("load mnist")
        _ = s.execute("input " + input.map { "\($0)" }.joined(separator: " "))
        _ = s.execute("target 0 0 0 1 0 0 0 0 0 0")
        return s
    }

    @Test func everyParameterOfTheMNISTNetworkPassesWithAProgressBar() throws {
        let s = Self.mnistSession()
        var lines: [String] = []
        s.progress = { lines.append($0) }
        let text = s.execute("gradcheck").text
        #expect(text.contains("verdict: PASS"))
        #expect(s.lastCheck?.summary.parameters == 13_002)
        #expect((s.lastCheck?.summary.normDifference ?? 1) < 1e-7)
        #expect(lines.last == "gradient check  [████████████████████████]  13002/13002 parameters")
        #expect(lines.count > 100)
        lines = []
        _ = Session().execute("gradcheck")
        #expect(lines.isEmpty, "small's check is instant: no progress bar")
    }

    @Test(arguments: BackpropBug.allCases.filter { !$0.changesReduction })
    func everyBugFailsTheWholeCheckOnTheMNISTNetwork(bug: BackpropBug) throws {
        let s = Self.mnistSession()
        // A seeded sample of 3,000 keeps this fast in a debug build; it holds parameters of every
        // kind each bug breaks (the core tests check all 13,002 with no bug, and sampled with each).
        let reply = s.execute("bug \(bug.rawValue); gradcheck --sample 3000 --seed 2")
        #expect(reply.text.contains("verdict: FAIL"), "\(bug)")
        let check = try #require(s.lastCheck)
        #expect(check.summary.parameters == 3000 && check.summary.failed > 0 && check.summary.bug == bug)
    }

    @Test func theBugStaysPlantedAcrossLoadsAndSaysSo() {
        let s = Session()
        _ = s.execute("bug transposed-weights")
        let text = s.execute("load mnist").text
        #expect(text.contains("bug transposed-weights is still planted"))
        #expect(text.contains("here it changes the δs of layer 1"))
        #expect(s.bug == .transposedWeights && s.stepper.bug == .transposedWeights)
    }

    @Test func anInterruptedCheckSaysHowFarItGotAndGivesNoPass() {
        let s = Self.mnistSession()
        // Ctrl-C arrives after three progress reports (each every 64 parameters).
        let presses = Countdown(3)
        s.isInterrupted = { presses.tick() }
        let text = s.execute("gradcheck").text
        #expect(text.contains("stopped early: 192 of 13002 parameters checked"))
        #expect(text.contains("verdict: none yet") && !text.contains("verdict: PASS"))
        #expect(s.lastCheck?.summary.parameters == 192)
    }

    @Test func completionOffersBugNames() {
        #expect(Session().completions(for: "bug o") == ["off", "output-sign"])
    }
}

/// Says "interrupted" once it has been asked `count` times (the session asks from one thread).
final class Countdown: @unchecked Sendable {
    private var left: Int
    init(_ count: Int) { left = count }
    func tick() -> Bool {
        left -= 1
        return left < 0
    }
}
