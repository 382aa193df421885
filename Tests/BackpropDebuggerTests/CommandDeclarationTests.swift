import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

/// Each command is declared once (`Commands.all`): its options complete, its usage and help name
/// exactly the options declared, the parser refuses any other, and a command that checks
/// something says so in its reply's status.
struct CommandDeclarationTests {
    @Test(arguments: Commands.all.filter { !$0.options.isEmpty }.map(\.name))
    func everyOptionCompletes(name: String) throws {
        let c = try #require(Commands.find(name))
        let s = Session()
        #expect(s.completions(for: "\(name) --") == c.options.map { "--" + $0.name }.sorted())
        for o in c.options {
            let typed = "--" + o.name.prefix(2)
            #expect(s.completions(for: "\(name) \(typed)").contains("--" + o.name), "`\(name) \(typed)` completes --\(o.name)")
            #expect(s.completions(for: "\(name) x --\(o.name) ") .allSatisfy { !$0.hasPrefix("--") } || o.value == nil,
                    "after --\(o.name), its value is completed, not another option")
        }
    }

    @Test func optionsAlreadyGivenAreNotOfferedAgain() {
        let s = Session()
        #expect(s.completions(for: "train --epochs 2 --e") == ["--eta"])
        #expect(s.completions(for: "load mnist --") == ["--untrained"])
        #expect(s.completions(for: "load mnist --untrained --") == [])
    }

    @Test func anOptionsValueCompletesFromItsDeclaration() {
        let s = Session()
        #expect(s.execute("load mnist").succeeded)
        #expect(s.completions(for: "nudges --layer ") == ["1", "2", "3"])
        #expect(s.completions(for: "train --only ") == ["1", "2", "3"])
        #expect(s.completions(for: "train --epochs ") == [])
        #expect(s.execute("notation ng").succeeded)
        #expect(s.completions(for: "nudges --layer ") == ["2", "3", "4"])
    }

    @Test func positionalWordsCompleteFromTheDeclaration() {
        let s = Session()
        #expect(s.completions(for: "cost c") == ["cross-entropy"])
        #expect(s.completions(for: "help gr") == ["gradcheck", "grads"])
        #expect(s.completions(for: "digit ") == (0...9).map(String.init))
        #expect(s.completions(for: "delete ") == ["all"])
        #expect(s.execute("break 2").succeeded)
        #expect(s.completions(for: "delete ") == ["1", "all"])
        #expect(s.completions(for: "nonsense ") == [])
    }

    /// The usage line names every declared option, and nothing else that looks like one.
    @Test(arguments: Commands.all.map(\.name))
    func usageNamesExactlyTheDeclaredOptions(name: String) throws {
        let c = try #require(Commands.find(name))
        let inUsage = c.usage.split { " []|".contains($0) }.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) }
        #expect(inUsage.sorted() == c.options.map(\.name).sorted(), "usage: \(c.usage)")
        for o in c.options { #expect(c.usage.contains(o.usage), "`\(c.usage)` shows \(o.usage)") }
        #expect(Set(c.options.map(\.name)).count == c.options.count, "no option is declared twice")
    }

    @Test(arguments: Commands.all.map(\.name))
    func helpShowsEveryOptionAndWhenTheCommandFails(name: String) throws {
        let c = try #require(Commands.find(name))
        let help = Session().execute("help \(name)").text
        for o in c.options {
            let line = try #require(help.split(separator: "\n").first { $0.hasPrefix("  " + o.usage + " ") })
            #expect(line.contains(o.summary.prefix(30)), "help \(name) explains \(o.usage)")
        }
        #expect(help.contains("fails (exit status 1) when") == (c.failsWhen != nil))
    }

    @Test(arguments: [""] + Commands.all.map(\.name))
    func helpFitsOneHundredColumns(name: String) {
        let help = Session().execute("help \(name)").text
        for line in help.split(separator: "\n") {
            #expect(visibleWidth(String(line)) <= 100, "help \(name): \(line)")
        }
    }

    @Test(arguments: Commands.all.map(\.name))
    func everyCommandRefusesAnUndeclaredOption(name: String) throws {
        let c = try #require(Commands.find(name))
        let s = Session()
        let before = s.stepper
        let reply = s.execute("\(name) --no-such-option")
        let message = try #require(reply.error)
        // The options it takes follow on the same line, or on the next when they would pass 100 columns.
        #expect(message.hasPrefix("unknown option --no-such-option; ") || message.hasPrefix("unknown option --no-such-option\n\(name) takes --"))
        // The usage line, broken before a "[" where it would pass 100 columns.
        #expect(message.contains(Session.wrappedUsage(c, prefix: "usage: ")))
        let usage = message.components(separatedBy: "\n").drop { !$0.hasPrefix("usage: ") }.prefix { !$0.hasPrefix("   e.g.") }
        #expect(usage.joined(separator: " ").split(separator: " ").joined(separator: " ") == "usage: " + c.usage)
        #expect(message.components(separatedBy: "\n").allSatisfy { $0.count <= 100 })
        #expect(reply.status == .error)
        #expect(s.stepper == before && !s.wantsToQuit, "a refused command changes nothing")
    }

    @Test(arguments: [
        ("train --epoch 2", "unknown option --epoch; did you mean --epochs?"),
        ("gradcheck --swep", "unknown option --swep; did you mean --sweep?"),
        ("step --all", "unknown option --all; step takes no options"),
        ("print --all=yes z", "--all takes no value"),
        ("grads --top", "--top needs a value"),
        ("compare x.json --rtol=abc", "--rtol 'abc' is not a number"),
    ])
    func optionMistakesAreNamed(line: String, message: String) throws {
        let error = try #require(Session().execute(line).error)
        #expect(error.components(separatedBy: "\n").first == message)
    }

    @Test func anOptionMayBeGivenWithAnEqualsSign() {
        let s = Session()
        #expect(s.execute("gradcheck --eps=1e-3").text.contains("ε = 0.001"))
        #expect(s.execute("gradcheck --eps 1e-3").text.contains("ε = 0.001"))
    }

    @Test func onlyTheDeclaredStepCommandsRepeatOnAnEmptyLine() {
        let repeating = Commands.all.filter { $0.emptyLine == .repeatsCommand }.map(\.name)
        #expect(repeating == ["step", "next", "back"])
        let s = Session()
        _ = s.execute("step")
        _ = s.execute("help")
        _ = s.execute("")
        #expect(s.stepper.position == 2, "help keeps what an empty line repeats")
        _ = s.execute("where")
        _ = s.execute("")
        #expect(s.stepper.position == 2, "where does not repeat and forgets the step")
        #expect(s.execute("help").text.contains("an empty line repeats step, next or back"))
    }

    // MARK: The reply's status

    @Test func aFailedGradientCheckPrintsItsReportAndFails() {
        let s = Session()
        #expect(s.execute("gradcheck").status == .success)
        #expect(s.execute("bug missing-derivative").status == .success)
        let whole = s.execute("gradcheck")
        #expect(whole.status == .failure && whole.error == nil && whole.succeeded)
        #expect(whole.text.contains("verdict: FAIL"))
        let one = s.execute("gradcheck Θ(2)1,2")
        #expect(one.status == .failure && one.text.contains("FAIL"))
        #expect(s.execute("gradcheck --sweep Θ(2)1,2").status == .success, "a sweep has no verdict")
        #expect(s.execute("gradcheck --eps nope").status == .error)
        #expect(Reply.Status.failure.exitStatus == 1 && Reply.Status.error.exitStatus == 1 && Reply.Status.success.exitStatus == 0)
    }

    @Test func aCompareThatFindsADifferenceFails() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            let path = try CompareTests.write(try s.exportedJSON(), "ours.json", in: directory)
            #expect(s.execute("compare \(path)").status == .success)
            let edited = try s.exportedJSON().setting(["layers", 2, "delta", 0], to: .number(-0.059))
            let other = try CompareTests.write(edited, "edited.json", in: directory)
            let reply = s.execute("compare \(other)")
            #expect(reply.status == .failure && reply.text.contains("first difference"))
            #expect(s.execute("compare \(other) --atol 0.001").status == .success, "within the tolerance")
        }
    }

    @Test func aFailedCheckDoesNotStopTheLineButItsStatusIsKept() {
        let s = Session()
        let reply = s.execute("bug output-sign; gradcheck; where")
        #expect(reply.status == .failure)
        #expect(reply.text.contains("verdict: FAIL") && reply.text.contains("cursor"))
        let stopped = s.execute("gradcheck; bogus; where")
        #expect(stopped.status == .error && stopped.checkFailed && !stopped.text.contains("cursor"))
    }

    @Test func commandsALessonRunsAndALearnersAnswersNeverFail() throws {
        // Lesson 7 plants a bug and runs gradcheck, whose verdict is FAIL.
        let s = Session()
        var reply = s.execute("lesson 7")
        var sawFailure = false
        var turns = 0
        while s.isInLesson {
            #expect(reply.status == .success, "\(reply.error ?? "")")
            sawFailure = sawFailure || reply.text.contains("verdict: FAIL")
            reply = s.execute(s.openQuestion == nil ? "" : "skip")
            turns += 1
            try #require(turns < 200)
        }
        #expect(reply.status == .success)
        #expect(sawFailure, "the lesson ran a failing gradient check")

        let learner = Session()
        _ = learner.execute("lesson 1")
        while learner.openQuestion == nil && learner.isInLesson { _ = learner.execute("") }
        let question = try #require(learner.openQuestion)
        var wrongAnswer = "123456789"
        if case let .choice(_, answer, _) = question.kind { wrongAnswer = answer == "a" ? "b" : "a" }
        let wrong = learner.execute(wrongAnswer)
        #expect(wrong.text.hasPrefix("not quite") && wrong.status == .success)
    }
}
