import Foundation
import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

/// `compare --json` and `gradcheck --json`: one JSON document holding the verdict, the counts, the
/// tolerances, the first difference or the worst parameters (each by name and path) and the hints,
/// valid against the shipped schema; the reply still fails when the check does.
struct ResultJSONTests {
    /// The reply of a `--json` command, parsed; the reply must have no error and be data.
    static func document(_ s: Session, _ line: String) throws -> (json: JSON, failed: Bool) {
        let reply = s.execute(line)
        #expect(reply.error == nil, "\(line): \(reply.error ?? "")")
        #expect(reply.isData, "\(line) prints data")
        return (try JSON.parse(reply.text, limit: 1 << 26), reply.checkFailed)
    }

    @Test func compareJSONOnAMatchHoldsTheVerdictCountsAndLargestDifference() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            let path = try CompareTests.write(try s.exportedJSON(), "ours.json", in: directory)
            let (json, failed) = try Self.document(s, "compare \(path) --json")
            #expect(!failed)
            #expect(try SchemaValidator.shipped("compare-result").errors(in: json) == [])
            #expect(json["format"] == .object([(key: "name", value: .string("backprop-compare")),
                                               (key: "version", value: .number(1)), (key: "tool", value: .string("backprop"))]))
            #expect(json["verdict"]?.string == "match" && json["passed"]?.bool == true && json["file"]?.string == path)
            #expect(json["network"]?["from"]?.string == "file" && json["network"]?["reason"] == .null)
            #expect(json["network"]?["sizes"] == .array([2, 2, 2, 1].map { .number($0) }))
            #expect(json["example"]?["from"]?.string == "file" && json["example"]?["input"] == .array([.number(0.05), .number(0.1)]))
            #expect(json["tolerance"]?["atol"]?.double == 1e-9 && json["tolerance"]?["rtol"]?.double == 1e-6)
            #expect(json["counts"]?["compared"]?.int == 33 && json["counts"]?["differing"]?.int == 0)
            #expect(json["counts"]?["agreeingBeforeFirst"]?.int == 33)
            #expect(json["first"] == .null)
            // Read back bit for bit: the largest difference is 0, at the first value compared.
            #expect(json["largest"]?["absoluteError"]?.double == 0 && json["largest"]?["path"]?.string == "layers[0].a[0]")
            #expect(json["arrays"]?.array?.count == 17 && json["arrays"]?[9]?["name"]?.string == "δ(3)")
            #expect(json["hints"] == .array([]))
        }
    }

    @Test func compareJSONNamesTheFirstDifferenceAndItsHintAndFails() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            // δ(3)1 without σ′(z(3)1) is ∂C/∂a(3)1 = 0.7·(−0.45191746365037755) = −0.3163422245552643.
            let edited = try s.exportedJSON().setting(["layers", 2, "delta", 0], to: .number(-0.3163422245552643))
            let path = try CompareTests.write(edited, "no-slope.json", in: directory)
            let (json, failed) = try Self.document(s, "compare \(path) --json")
            #expect(failed, "a difference fails the command, in JSON too")
            #expect(try SchemaValidator.shipped("compare-result").errors(in: json) == [])
            #expect(json["verdict"]?.string == "differ" && json["passed"]?.bool == false)
            let first = try #require(json["first"])
            #expect(first["name"]?.string == "δ(3)1" && first["path"]?.string == "layers[2].delta[0]")
            #expect(first["ours"]?.double == -0.0590976630578767 && first["yours"]?.double == -0.3163422245552643)
            // |−0.0590976630578767 − (−0.3163422245552643)| = 0.2572445614973876 (a double subtraction).
            #expect(first["absoluteError"]?.double == abs(-0.0590976630578767 - -0.3163422245552643))
            #expect(json["counts"]?["agreeingBeforeFirst"]?.int == 14)
            let hints = try #require(json["hints"]?.array)
            #expect(hints.count == 1)
            #expect(hints.first?["id"]?.string == "missing-derivative")
            #expect(hints.first?["bugs"] == .array([.string("missing-derivative")]))
            #expect(hints.first?["path"]?.string == "layers[2].delta[0]")
            #expect(hints.first?["message"]?.string == "yours equals our ∂C/∂a(3)1 = −0.316342: is the factor σ′(z(3)1) missing?")
            // The same hint, word for word, in the report.
            #expect(s.run(commands: "compare \(path)").contains("  " + (hints.first?["message"]?.string ?? "?")))
        }
    }

    @Test func compareJSONSaysTheSessionsNetworkWasUsedAndWhy() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            let path = try CompareTests.write(#"{"layers": [null, {"z": [0.3775, 0.3925]}, null, null]}"#, "mine.json", in: directory)
            let (json, _) = try Self.document(s, "compare \(path) --json")
            #expect(json["network"]?["from"]?.string == "session" && json["network"]?["name"]?.string == "small")
            #expect(json["network"]?["reason"]?.string == "the file has none")
            #expect(json["example"]?["from"]?.string == "session")
            #expect(try SchemaValidator.shipped("compare-result").errors(in: json) == [])
        }
    }

    @Test func gradcheckJSONOfAPassingCheck() throws {
        let s = Session()
        let (json, failed) = try Self.document(s, "gradcheck --json")
        #expect(!failed)
        #expect(try SchemaValidator.shipped("gradcheck-result").errors(in: json) == [])
        let check = try #require(s.lastCheck)
        #expect(json["verdict"]?.string == "PASS" && json["passed"]?.bool == true && json["check"]?.string == "all")
        #expect(json["network"]?["name"]?.string == "small" && json["bug"] == .null)
        #expect(json["epsilon"]?.double == 1e-4 && json["tolerance"]?["atol"]?.double == 1e-9)
        #expect(json["counts"]?["planned"]?.int == 15 && json["counts"]?["checked"]?.int == 15 && json["counts"]?["failed"]?.int == 0)
        #expect(json["normDifference"]?.double == check.summary.normDifference)
        #expect(json["cost"]?.double == check.summary.cost)
        let worst = try #require(json["worst"]?.array)
        #expect(worst.count == 10)
        let expected = check.summary.worst[0]
        #expect(worst[0]["name"]?.string == Notation.ng.name(of: expected.parameter))
        #expect(worst[0]["path"]?.string == expected.parameter.description)
        #expect(worst[0]["gradientPath"]?.string == "gradients." + expected.parameter.description)
        #expect(worst[0]["analytic"]?.double == expected.analytic && worst[0]["numeric"]?.double == expected.numeric)
        #expect(json["hints"] == .array([]))
    }

    @Test func gradcheckJSONOfAPlantedBugFailsAndCountsTheFailuresByLayer() throws {
        let s = Session()
        _ = s.execute("bug missing-derivative; notation 3b1b")
        let (json, failed) = try Self.document(s, "gradcheck --json")
        #expect(failed)
        #expect(try SchemaValidator.shipped("gradcheck-result").errors(in: json) == [])
        #expect(json["verdict"]?.string == "FAIL" && json["passed"]?.bool == false)
        #expect(json["bug"]?.string == "missing-derivative" && json["notation"]?.string == "3b1b")
        // The same counts as the report's table: 12 failures, in w(1), b(1), w(2), b(2) (the text test's figures).
        #expect(json["counts"]?["failed"]?.int == 12)
        let layers = try #require(json["failuresByLayer"]?.array)
        #expect(layers.map { $0["weights"]?["failed"]?.int } == [4, 4, 0])
        #expect(layers.map { $0["biases"]?["failed"]?.int } == [2, 2, 0])
        #expect(layers.map { $0["name"]?.string } == ["w(1), b(1)", "w(2), b(2)", "w(3), b(3)"])
        #expect(json["worst"]?[0]?["passed"]?.bool == false)
        // The failures' fingerprint (issue 22) as the report's hint says it: every layer from the output back.
        let hint = try #require(json["hints"]?[0])
        #expect(hint["id"]?.string == "layer-and-before")
        #expect(hint["bugs"] == .array([.string("missing-derivative"), .string("transposed-weights")]))
        #expect(s.run(commands: "gradcheck").contains("hint: " + (hint["message"]?.string?.prefix(40) ?? "?")))
    }

    @Test func gradcheckJSONOfOneParameterASampleAndASweep() throws {
        let s = Session()
        let (one, oneFailed) = try Self.document(s, "gradcheck Θ(2)1,2 --json")
        #expect(!oneFailed && one["check"]?.string == "parameter" && one["counts"]?["checked"]?.int == 1)
        #expect(one["worst"]?[0]?["path"]?.string == "weights[1][0][1]" && one["worst"]?[0]?["name"]?.string == "Θ(2)1,2")
        #expect(one["worst"]?[0]?["numeric"]?.double == s.lastParameterCheck?.rows.first?.numeric)
        let (sample, _) = try Self.document(s, "gradcheck --sample 5 --seed 3 --json")
        #expect(sample["check"]?.string == "sample" && sample["counts"]?["planned"]?.int == 5)
        let (sweep, sweepFailed) = try Self.document(s, "gradcheck --sweep Θ(1)1,1 --json")
        #expect(!sweepFailed && sweep["verdict"]?.string == "none" && sweep["check"]?.string == "sweep")
        #expect(sweep["parameter"]?["name"]?.string == "Θ(1)1,1" && sweep["parameter"]?["chosen"] == .null)
        #expect(sweep["sweep"]?["rows"]?.array?.count == s.lastSweep?.rows.count)
        for document in [one, sample, sweep] {
            #expect(try SchemaValidator.shipped("gradcheck-result").errors(in: document) == [])
        }
        // A sweep of a bug-planted session still measures the correct pass: no bug is named.
        _ = s.execute("bug output-sign")
        let (planted, _) = try Self.document(s, "gradcheck --sweep --json")
        #expect(planted["bug"] == nil && planted["parameter"]?["chosen"]?.string?.contains("against the correct backward pass") == true)
    }

    @Test func aBatchComparedAsJSONNamesTheExampleAndTheReductionHint() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            // small's example and two more; every example's pass done, so the batch's gradient is known.
            #expect(s.execute("batch add 0.9 -0.3 -> 0; batch add 0.2 0.7 -> 1; step 1000").error == nil)
            let exported = try s.exportedJSON()
            // Every weight gradient summed over the 3 examples, the biases left as the mean.
            var summed = exported
            for (l, layer) in (exported["gradients"]?["weights"]?.array ?? []).enumerated() {
                for (j, row) in (layer.array ?? []).enumerated() {
                    for (k, w) in (row.array ?? []).enumerated() {
                        summed = summed.setting(["gradients", "weights", l, j, k], to: .number(3 * (w.double ?? 0)))
                    }
                }
            }
            let path = try CompareTests.write(summed, "summed.json", in: directory)
            let (json, failed) = try Self.document(s, "compare \(path) --json")
            #expect(failed)
            #expect(try SchemaValidator.shipped("compare-result").errors(in: json) == [])
            #expect(json["example"]?["reduction"]?.string == "mean" && json["example"]?["input"]?.array?.count == 3)
            #expect(json["first"]?["path"]?.string?.hasPrefix("gradients.weights[") == true)
            let hint = try #require(json["hints"]?[0])
            #expect(hint["id"]?.string == "biases-averaged-weights-summed")
            #expect(hint["message"]?.string == "your weight gradients are the sum over the 3 examples, your bias gradients the mean: "
                    + "biases averaged while weights are summed?")
            #expect(hint["path"] == json["first"]?["path"])
            // A value of one example carries its example and its row in the path.
            let one = exported.setting(["layers", 1, "z", 2, 0], to: .number(5))
            let onePath = try CompareTests.write(one, "one.json", in: directory)
            let (other, _) = try Self.document(s, "compare \(onePath) --json")
            #expect(other["first"]?["example"]?.int == 2 && other["first"]?["path"]?.string == "layers[1].z[2][0]")
            #expect(try SchemaValidator.shipped("compare-result").errors(in: other) == [])
        }
    }

    @Test func anOverflowingPassGivesTheVerdictOverflowInJSON() throws {
        let s = Session()
        // relu keeps growing: z(2) = 2e200 is finite, z(3) = 1e200·2e200·2 is not.
        let net = try Network(sizes: [2, 2, 1], weights: [[[1e200, 1e200], [1e200, 1e200]], [[1e200, 1e200]]],
                              biases: [[0, 0], [0]], activation: .relu, cost: .quadratic)
        try s.adopt(net, name: "big", example: Example(input: [1, 1], target: [1]))
        let (json, failed) = try Self.document(s, "gradcheck --json")
        #expect(failed && json["verdict"]?.string == "OVERFLOW" && json["passed"]?.bool == false)
        #expect(json["overflow"]?["path"]?.string == "layers[2].z[0]" && json["overflow"]?["value"]?.string == "z(3)1 = ∞")
        #expect(json["hints"]?[0]?["id"]?.string == "overflow")
        #expect(try SchemaValidator.shipped("gradcheck-result").errors(in: json) == [])
    }

    @Test func jsonIsRefusedByCommandsWithoutAJSONFormAndGivenTwice() {
        let s = Session()
        #expect(s.execute("forward --json").error?.hasPrefix(
            "forward has no JSON form; --json is for compare and gradcheck (and `export -` prints the whole trace as JSON)") == true)
        #expect(s.execute("gradcheck --json --json").error?.hasPrefix("--json is given twice\nusage: gradcheck") == true)
        #expect(s.execute("compare x.json --rtol 1e-4 --rtol=1e-6").error?.hasPrefix("--rtol is given twice") == true)
        #expect(s.execute("gradcheck --json=yes").error?.hasPrefix("--json takes no value") == true)
    }

    // MARK: Quiet

    @Test func aQuietSessionKeepsOnlyData() throws {
        let s = Session()
        s.quiet = true
        #expect(s.execute("forward") == Reply())
        #expect(s.execute("step; next; where") == Reply())
        // Data: export -, print, --json; a line keeps its data parts only.
        let exported = s.execute("backward; export -")
        #expect(exported.isData && exported.error == nil)
        #expect(try JSON.parse(exported.text, limit: 1 << 26)["format"]?["name"]?.string == "backprop-trace")
        let loud = Session()
        _ = loud.execute("forward")
        #expect(s.execute("print z(2)1").text == loud.run(commands: "print z(2)1"))
        // Errors are still errors, and a failed check still fails with nothing printed.
        #expect(s.execute("stpe").error == "unknown command 'stpe'; did you mean 'step'?")
        let failing = s.execute("bug output-sign; gradcheck")
        #expect(failing.text == "" && failing.checkFailed && failing.error == nil)
        // A file written is a report: nothing is printed, the file is there.
        try inTemporaryDirectory { directory in
            #expect(s.execute("export \(directory)/t.json") == Reply())
            #expect(FileManager.default.fileExists(atPath: "\(directory)/t.json"))
        }
    }

    @Test func everyDataCommandIsDeclaredSo() {
        let data = Commands.all.compactMap { c in c.output.whenData.map { "\(c.name) \($0)" } }
        #expect(data == ["export to -", "compare with --json", "print always", "gradcheck with --json"])
        // A flag that makes a command's output data is one of its declared flags.
        for command in Commands.all {
            if case let .dataWithFlag(flag) = command.output {
                #expect(command.option(flag)?.kind == .flag, "\(command.name) --\(flag)")
            }
        }
    }
}
