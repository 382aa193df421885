import Foundation
import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

struct CompareTests {
    /// Writes `json` to `name` in `directory` and returns the path.
    static func write(_ json: JSON, _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Data(json.serialized()).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func write(_ text: String, _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anUneditedTraceIsACleanMatch() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            let path = try Self.write(try s.exportedJSON(), "ours.json", in: directory)
            #expect(s.run(commands: "compare \(path)") == """
                compare \(path)   with this program's pass over the same network and example
                  network  from \(path): 2-2-2-1, sigmoid, cross-entropy cost
                  example  from \(path): x = (0.05, 0.1), y = (1)
                  agree    when |ours − yours| ≤ atol + rtol·|ours|, atol = 1e-09, rtol = 1e-06

                match: all 33 values compared agree   (17 arrays, layers[0].a to gradients.weights[0])
                  largest |ours − yours| = 0: every value is ours bit for bit
                """)
            // With a tolerance of zero too: the numbers read back bit for bit.
            #expect(s.run(commands: "compare \(path) --atol 0 --rtol 0").contains("match: all 33 values compared agree"))
        }
    }

    @Test func compareFindsTheFirstPlantedDifferenceInSteppingOrder() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            // Three planted errors. In the file layers[1] comes before layers[2], but δ is computed
            // from the output layer back, so δ(3)1 = layers[2].delta[0] is the first in stepping order.
            let edited = try s.exportedJSON()
                .setting(["layers", 1, "delta", 1], to: .number(-0.0147))
                .setting(["layers", 2, "delta", 0], to: .number(-0.059))
                .setting(["gradients", "weights", 0, 1, 0], to: .number(-0.00073))
            let path = try Self.write(edited, "edited.json", in: directory)
            // δ(3)1 = (0.7·(−0.451917))·0.751365·(1 − 0.751365) = −0.0590976630578767 (NumPy, SmallNetworkTests);
            // |−0.0590976630578767 − (−0.059)| = 9.766e-05, which is 0.001653 of |ours|.
            #expect(s.run(commands: "compare \(path)") == """
                compare \(path)   with this program's pass over the same network and example
                  network  from \(path): 2-2-2-1, sigmoid, cross-entropy cost
                  example  from \(path): x = (0.05, 0.1), y = (1)
                  agree    when |ours − yours| ≤ atol + rtol·|ours|, atol = 1e-09, rtol = 1e-06

                first difference, in stepping order: δ(3)1   (layers[2].delta[0] in the file)
                  ours   -0.0590976630578767
                  yours  -0.059
                  |ours − yours| = 9.766e-05, 0.001653 of |ours|
                  the 14 values compared before it agree

                our arithmetic:
                δ(3)1 = (Θ(3)1,1·δ(4)1)·σ′(z(3)1)   (next layer's δs sent back through the weights)
                      = (0.7·(−0.451917))·0.751365·(1 − 0.751365)
                      = (−0.316342)·0.186816   (∂C/∂a(3)1 times σ′)
                      = −0.0590977

                3 of 33 values compared differ:
                  in the file           value        compared  differ  largest |ours − yours|
                  ────────────────────  ───────────  ────────  ──────  ──────────────────────
                  layers[0].a           a(1)                2       0
                  layers[1].z           z(2)                2       0
                  layers[1].a           a(2)                2       0
                  layers[2].z           z(3)                2       0
                  layers[2].a           a(3)                2       0
                  layers[3].z           z(4)                1       0
                  layers[3].a           a(4)                1       0
                  cost                  C                   1       0
                  layers[3].delta       δ(4)                1       0
                  layers[2].delta       δ(3)                2       1               9.766e-05
                  layers[1].delta       δ(2)                2       1               1.745e-05
                  gradients.biases[2]   ∂C/∂Θ(3)j,0         1       0
                  gradients.weights[2]  ∂C/∂Θ(3)            2       0
                  gradients.biases[1]   ∂C/∂Θ(2)j,0         2       0
                  gradients.weights[1]  ∂C/∂Θ(2)            4       0
                  gradients.biases[0]   ∂C/∂Θ(1)j,0         2       0
                  gradients.weights[0]  ∂C/∂Θ(1)            4       1               4.127e-06
                """)
        }
    }

    @Test func aGradientDifferenceIsShownWithItsArithmeticInEitherNotation() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            let edited = try s.exportedJSON().setting(["gradients", "weights", 1, 0, 1], to: .number(0.035))
            let path = try Self.write(edited, "edited.json", in: directory)
            // ∂C/∂w(2)0,1 = a(1)1·δ(2)0 = 0.596884·(−0.0590977) = −0.0352745 (NumPy: −0.03527447187090593).
            let ng = s.run(commands: "compare \(path)")
            #expect(ng.contains("first difference, in stepping order: ∂C/∂Θ(2)1,2   (gradients.weights[1][0][1] in the file)"))
            #expect(ng.contains("∂C/∂Θ(2)1,2 = a(2)2·δ(3)1   (z changes by a per unit of w, and C by δ per unit of z)\n"
                                + "            = 0.596884·(−0.0590977) = −0.0352745"))
            _ = s.execute("notation 3b1b")
            let other = s.run(commands: "compare \(path)")
            #expect(other.contains("first difference, in stepping order: ∂C/∂w(2)0,1   (gradients.weights[1][0][1] in the file)"))
            #expect(other.contains("  gradients.weights[1]  ∂C/∂w(2)"))
        }
    }

    /// A batch value's arithmetic: its definition, the examples' values, the result, each line
    /// within 100 columns (the three were one line of 104 on four MNIST images).
    @Test func aBatchValuesArithmeticShowsEachExamplesValue() throws {
        try inTemporaryDirectory { directory in
            let s = Session(style: Style(enabled: false))
            for command in ["batch add 0.3 0.9 -> 0", "continue"] { #expect(s.execute(command).succeeded, "\(command)") }
            let edited = try s.exportedJSON().setting(["gradients", "weights", 2, 0, 1], to: .number(0.5))
            let path = try Self.write(edited, "edited.json", in: directory)
            let text = s.run(commands: "compare \(path)")
            // ∂C/∂Θ(3)1,2 = a(3)2·δ(4)1: example 1 0.638382·(−0.451917) = −0.288496,
            // example 2 (x = (0.3, 0.9), y = 0) 0.634846·0.550214 = 0.349301; the mean 0.0304027.
            let lines = text.components(separatedBy: "\n")
            let at = try #require(lines.firstIndex(of: "∂C/∂Θ(3)1,2 = (1/2)·Σₓ (each example's)"), "\(text)")
            #expect(lines[at + 1] == "            = (1/2)·((−0.288496) + 0.349301)")
            #expect(lines[at + 2].hasPrefix("            = 0.0304027"))
            #expect(lines[at...(at + 3)].allSatisfy { visibleWidth($0) <= 100 }, "\(text)")
        }
    }

    @Test func aDeltaMissingTheActivationSlopeIsRecognised() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            // δ(3)1 without σ′(z(3)1) is ∂C/∂a(3)1 = 0.7·(−0.45191746365037755) = −0.3163422245552643.
            let edited = try s.exportedJSON().setting(["layers", 2, "delta", 0], to: .number(-0.3163422245552643))
            let path = try Self.write(edited, "no-slope.json", in: directory)
            #expect(s.run(commands: "compare \(path)").contains(
                "  the 14 values compared before it agree\n  yours equals our ∂C/∂a(3)1 = −0.316342: is the factor σ′(z(3)1) missing?\n"))
        }
    }

    @Test func aMinimalFileIsComparedOnTheSessionsNetworkAndExample() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            // z(2) = (0.3775, 0.3925) by hand; the second differs from the engine's 0.39249999999999996
            // only in the last bit, well inside the tolerance.
            let path = try Self.write(#"{"layers": [null, {"z": [0.3775, 0.3925]}, null, null]}"#, "mine.json", in: directory)
            let text = s.run(commands: "compare \(path)")
            #expect(text.contains("  network  the session's (small): 2-2-2-1, sigmoid, cross-entropy cost — the file has none\n"
                                  + "  example  the session's: x = (0.05, 0.1), y = (1) — the file has none"))
            // |0.39249999999999996 − 0.3925| = 5.551115123125783e-17, 1.414e-16 of |ours| (Python floats).
            #expect(text.hasSuffix("match: all 2 values compared agree   (layers[1].z)\n"
                                   + "  largest |ours − yours| = 5.551e-17, at z(2)2 (layers[1].z[1]), 1.4e-16 of |ours|"))
            // Gradients only, one bias gradient wrong: ∂C/∂b(3)0 is δ(3)0 = −0.45191746365037755 (NumPy).
            let gradients = try Self.write(#"{"gradients": {"biases": [null, null, [-0.45]]}}"#, "g.json", in: directory)
            let g = s.run(commands: "compare \(gradients)")
            #expect(g.contains("first difference, in stepping order: ∂C/∂Θ(3)1,0   (gradients.biases[2][0] in the file)"))
            #expect(g.contains("  ours   -0.45191746365037755\n  yours  -0.45\n"))
            #expect(g.contains("1 of 1 values compared differ:"))
            #expect(s.stepper.position == 0, "compare runs its own pass and leaves the session's alone")
        }
    }

    @Test func theFilesExampleIsUsedAndAnInputDifferenceIsNamed() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            let text = #"{"example": {"input": [0.05, 0.1], "target": [0]}, "layers": [{"a": [0.05, 0.2]}, null, null, null]}"#
            let path = try Self.write(text, "mine.json", in: directory)
            let out = s.run(commands: "compare \(path)")
            #expect(out.contains("  example  from \(path): x = (0.05, 0.1), y = (0)"))
            #expect(out.contains("first difference, in stepping order: a(1)2   (layers[0].a[1] in the file)"))
            #expect(out.contains("a(1)2 is the input x2 = 0.1: given, not computed   (your trace was made with a different input)"))
        }
    }

    @Test func float32RoundOffGetsAHint() throws {
        try inTemporaryDirectory { directory in
            let s = Session()
            // |0.3775 − 0.37751| = 1e-05 is 2.6e-05 of |ours|: beyond rtol 1e-6, within 1e-4.
            let path = try Self.write(#"{"layers": [null, {"z": [0.37751, 0.3925]}, null, null]}"#, "f32.json", in: directory)
            let out = s.run(commands: "compare \(path)")
            #expect(out.contains("\n  every difference is at most 2.6e-05 of |ours|: round-off of a float32 implementation? try --rtol 1e-4"))
            #expect(s.run(commands: "compare \(path) --rtol 1e-4").contains("match: all 2 values compared agree"))
        }
    }

    /// Every value of a complete trace, rounded as `round` says (the rest of the file as exported).
    static func rounded(_ s: Session, _ round: (Double) -> Double) throws -> JSON {
        var json = try s.exportedJSON()
        let trace = s.trace
        for l in 1..<trace.z.count {
            json = json.setting(["layers", l, "z"], to: .array(trace.z[l].map { .number(round($0)) }))
                .setting(["layers", l, "a"], to: .array(trace.a[l].map { .number(round($0)) }))
                .setting(["layers", l, "delta"], to: .array(trace.delta[l].map { .number(round($0)) }))
        }
        return json.setting(["cost"], to: .number(round(trace.cost)))
    }

    @Test func theFloat32HintFiresOnlyOnFloat32LikeDifferences() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            // A float32 implementation's values: each ours rounded to the nearest float32, off by at
            // most 2⁻²⁴ ≈ 6e-8 of |ours| — beyond a tolerance of 0, and each one a float32 number.
            let single = try Self.write(try Self.rounded(s) { Double(Float($0)) }, "f32.json", in: directory)
            let f32 = s.run(commands: "compare \(single) --atol 0 --rtol 0")
            #expect(f32.contains("  at most "), "\(f32)")
            #expect(f32.contains(" of |ours|, yours all float32 numbers: a float32 implementation? try --rtol 1e-4"), "\(f32)")
            // Float64's round-off: every value one ulp off (as a sum in another order gives) is no float32 slip.
            let double = try Self.write(try Self.rounded(s) { $0.nextUp }, "ulp.json", in: directory)
            let f64 = s.run(commands: "compare \(double) --atol 0 --rtol 0")
            #expect(!f64.contains("float32"), "\(f64)")
            #expect(f64.contains("\n  every difference is under 1e-12 of |ours|: double round-off (sums in another order?), not a bug"))
            // 1e-10 of |ours| is neither: above double round-off, below anything float32 gives.
            let between = try Self.write(try Self.rounded(s) { $0 * (1 + 1e-10) }, "between.json", in: directory)
            let neither = s.run(commands: "compare \(between) --atol 0 --rtol 0")
            #expect(neither.contains("first difference") && !neither.contains("round-off"), "\(neither)")
            // A real slip with a 1e-5 relative error everywhere, but far from float32 numbers, gets no "float32 numbers".
            let slip = try Self.write(try Self.rounded(s) { $0 * (1 + 1e-5) }, "slip.json", in: directory)
            let out = s.run(commands: "compare \(slip)")
            #expect(out.contains("every difference is at most 1e-05 of |ours|: round-off of a float32 implementation?"), "\(out)")
        }
    }

    @Test func aMatchSaysHowCloseItIs() throws {
        try inTemporaryDirectory { directory in
            let s = ExportTests.checkedSession()
            let exact = try Self.write(try s.exportedJSON(), "exact.json", in: directory)
            #expect(s.run(commands: "compare \(exact)").hasSuffix(
                "match: all 33 values compared agree   (17 arrays, layers[0].a to gradients.weights[0])\n"
                + "  largest |ours − yours| = 0: every value is ours bit for bit"))
            // Two values nudged within the tolerance; the larger nudge is named. δ(3)1 = −0.0590976630578767
            // is written as −0.05909766 (|difference| 3.0578767e-09, 5.2e-08 of |ours|), z(2)1 = 0.3775 as 0.37750000001.
            let close = try s.exportedJSON()
                .setting(["layers", 2, "delta", 0], to: .number(-0.05909766))
                .setting(["layers", 1, "z", 0], to: .number(0.37750000001))
            let path = try Self.write(close, "close.json", in: directory)
            let out = s.run(commands: "compare \(path)")
            #expect(out.hasSuffix("match: all 33 values compared agree   (17 arrays, layers[0].a to gradients.weights[0])\n"
                                  + "  largest |ours − yours| = 3.058e-09, at δ(3)1 (layers[2].delta[0]), 5.2e-08 of |ours|"), "\(out)")
        }
    }

    @Test func aFileWithoutANetworkSaysWhichNetworkItsShapesWereCheckedAgainst() throws {
        try inTemporaryDirectory { directory in
            // A 784-16-16-10 trace's layers, compared in a session on small: the shapes are the
            // session's network's, and the message says so first.
            let layers = "[null, {\"z\": [\(Array(repeating: "0", count: 16).joined(separator: ","))]}, null, null]"
            let path = try Self.write("{\"layers\": \(layers)}", "mnist-trace.json", in: directory)
            #expect(Session().execute("compare \(path)").error == """
                \(path) has no network, so its shapes were checked against the session's: small, 2-2-2-1
                \(path): layers[1].z has 16 values, expected 2 (one per neuron of layer 1)
                load the network the trace was made with, or put it in the file under "network" as `export` does
                """)
            // The same file in a session on the MNIST network is compared.
            let mnist = Session()
            _ = mnist.execute("load mnist")
            #expect(mnist.execute("compare \(path)").error == nil)
        }
    }

    @Test func shapeProblemsAreAllNamedWithTheirPaths() throws {
        try inTemporaryDirectory { directory in
            let text = #"{"layers": [{"z": [1]}, {"z": [1, 2, 3]}, {"a": ["x", 1]}, null], "gradients": {"weights": [null, [[1, 2]], 3]}}"#
            let path = try Self.write(text, "bad.json", in: directory)
            #expect(Session().execute("compare \(path)").error == """
                \(path) has no network, so its shapes were checked against the session's: small, 2-2-2-1
                \(path): layers[0].z must be null (or left out): the input layer has no z
                \(path): layers[1].z has 3 values, expected 2 (one per neuron of layer 1)
                \(path): layers[2].a[0] is a string, expected a number, null, or one of "NaN", "Infinity", "-Infinity"
                \(path): gradients.weights[1] has 1 row, expected 2 (one per neuron of layer 2)
                \(path): gradients.weights[2] is a number, expected an array
                load the network the trace was made with, or put it in the file under "network" as `export` does
                """)
            // Problems of type alone are the file's whatever the network: no word about the session's.
            let typed = try Self.write(#"{"layers": [null, {"a": ["x", 1]}, null, null]}"#, "typed.json", in: directory)
            #expect(Session().execute("compare \(typed)").error
                    == "\(typed): layers[1].a[0] is a string, expected a number, null, or one of \"NaN\", \"Infinity\", \"-Infinity\"")
        }
    }

    @Test func aFileWithNothingToCompareOrNoFileIsAnError() throws {
        try inTemporaryDirectory { directory in
            let path = try Self.write(#"{"format": {"name": "backprop-trace", "version": 1}}"#, "empty.json", in: directory)
            let s = Session()
            let message = "nothing to compare: the file has no numbers in \"layers\", \"gradients\" or \"cost\""
            #expect(s.execute("compare \(path)").error == "\(path): " + message)
            let nulls = try Self.write(#"{"layers": [null, {"z": [null, null]}, null, null], "cost": null}"#, "nulls.json", in: directory)
            #expect(s.execute("compare \(nulls)").error == "\(nulls): " + message)
            #expect(s.execute("compare \(directory)/missing.json").error == "\(directory)/missing.json: no such file")
            #expect(s.execute("compare").error == "compare takes one trace file\nusage: compare FILE.json [--atol A] [--rtol R] [--json]\n   e.g. compare my-backprop.json")
            #expect(s.execute("compare \(path) --rtol -1").error?.hasPrefix("--rtol must be 0 or more") == true)
        }
    }

    @Test func aNonFiniteTraceComparesCleanlyWithItself() throws {
        try inTemporaryDirectory { directory in
            let s = try ExportTests.divergedSession()
            let path = try Self.write(try s.exportedJSON(), "diverged.json", in: directory)
            // NaN agrees with NaN and ∞ with ∞; everything else as usual.
            #expect(s.run(commands: "compare \(path)").contains("match: all 15 values compared agree"))
            let edited = try s.exportedJSON().setting(["gradients", "weights", 0, 0, 1], to: .number(0))
            let other = try Self.write(edited, "edited.json", in: directory)
            #expect(s.run(commands: "compare \(other)").contains("  ours   NaN\n  yours  0\n"))
        }
    }

    @Test func helpForExportAndCompareShowsExamples() {
        let s = Session()
        for name in ["export", "compare"] {
            let text = s.run(commands: "help \(name)")
            #expect(text.contains("examples:\n"), "help \(name)")
            #expect(text.contains("example: "), "help \(name)")
        }
    }
}
