import Foundation
import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// A batch in the session: built with `batch`, stepped example by example, and used by `grads`,
/// `gradcheck`, `nudges --average`, `descend`, `train`, `export` and `compare`.
struct BatchCommandTests {
    /// `small` with its own example and two more, typed.
    static func session(_ options: String = "") -> Session {
        let s = Session()
        #expect(s.execute("batch add 0.9 -0.3 -> 0; batch add 0.2 0.7 -> 1 \(options)").succeeded)
        return s
    }

    static var examples: [Example] {
        [Network.smallExample, Example(input: [0.9, -0.3], target: [0]), Example(input: [0.2, 0.7], target: [1])]
    }

    @Test func stepsGoExampleByExampleAndTheBatchIsListed() {
        let s = Self.session()
        #expect(s.batch.count == 3 && s.batch.reduction == .mean)
        let text = s.execute("step 17").text
        #expect(text.contains("[1/48] example 1 of 3 · forward · layer 2, neuron 1"))
        #expect(text.contains("example 1 of 3 is done: every z, a, δ and gradient of its pass is known; `step` goes on to example 2"))
        #expect(text.contains("[17/48] example 2 of 3 · forward · layer 2, neuron 1"))
        #expect(s.example == Self.examples[1] && s.trace.z[1][0] == Network.small.backprop(Self.examples[1]).z[1][0])
        let list = s.execute("batch").text
        #expect(list.contains("batch of 3: C and ∇C are the mean over 3 examples"))
        #expect(list.contains("2 ◂      (0.9, −0.3)  (0)  under way"))
        #expect(s.execute("where").text.contains("example  2 of a batch of 3 (the mean over 3 examples): x = (0.9, −0.3), y = (0)"))
        #expect(s.execute("continue").succeeded && s.stepper.isFinished)
        #expect(s.execute("step").text == "the batch is complete: C = 0.665202, the mean over 3 examples' Cₓ; "
                + "`grads` shows its gradient")
    }

    // MARK: Stepping a batch: continue runs on, backward ends one example's pass

    // The examples' costs, by a NumPy pass of Ng's network (cross-entropy): C₁ = 0.6013293895985543,
    // C₂ = 0.7957787062270965, C₃ = 0.5984969994482645; their mean 0.6652016984246384.

    @Test func continueRunsThroughEveryExampleToTheEndOfTheBatch() {
        let s = Self.session()
        #expect(s.execute("step 5").succeeded)
        let text = s.execute("continue").text
        #expect(s.stepper.isFinished && s.records.count == 48)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "ran 43 steps, through examples 1 to 3 of 3")
        #expect(lines.contains("[6–16/48] example 1 of 3: its pass is done, Cₓ = 0.601329"))
        #expect(lines.contains("[17–32/48] example 2 of 3: its pass is done, Cₓ = 0.795779"))
        // The last example's steps in a table, from its own values (z(2)1 = 0.35 + 0.15·0.2 + 0.2·0.7).
        #expect(lines.contains("[33/48] example 3 of 3 · forward · layer 2, neuron 1 … [48/48]"))
        #expect(lines.contains { $0.hasPrefix("  z(2)1 =") && $0.contains(" 0.52   a(2)1 =") && $0.hasSuffix(" 0.627148") })
        #expect(lines.last == "the batch is complete: C = 0.665202, the mean over 3 examples' Cₓ; `grads` shows its gradient")
        // Once every pass is done, `continue` only says so.
        #expect(s.execute("continue").text == lines.last)
    }

    @Test func aBreakpointStopsInEveryExamplesPass() {
        let s = Self.session()
        #expect(s.execute("break δ(3)1").succeeded)
        // δ(3)1 is step 8 of each pass (5 forward steps, the cost, δ(4)1): before it, 7, 23 and 39 steps are done.
        for (e, position) in [(1, 7), (2, 23), (3, 39)] {
            let text = s.execute("continue").text
            #expect(s.stepper.position == position)
            #expect(text.contains("breakpoint 1: stopped before backward δ(3)1 in example \(e) of 3 — next: δ(3)1"), "\(text)")
        }
        #expect(s.execute("continue").text.hasSuffix("the batch is complete: C = 0.665202, the mean over 3 examples' Cₓ; "
                                                       + "`grads` shows its gradient"))
        // reverse-continue goes back the same way: to each example's breakpoint, then the start.
        for position in [39, 23, 7, 0] {
            #expect(s.execute("reverse-continue").succeeded && s.stepper.position == position)
        }
    }

    @Test func aBreakpointAtAnExamplesFirstStepSaysThePassBeforeIsDone() {
        let s = Self.session()
        #expect(s.execute("break forward 2 1; step").succeeded)
        let text = s.execute("continue").text
        #expect(s.stepper.position == 16)
        #expect(text.contains("example 1 of 3 is done: every z, a, δ and gradient of its pass is known; `step` goes on to example 2"))
        #expect(text.hasSuffix("breakpoint 1: stopped before forward z(2)1 in example 2 of 3 — next: z(2)1 and a(2)1"))
    }

    @Test func backwardEndsOneExamplesPassAndSaysWhatComesNext() {
        let s = Self.session()
        #expect(s.execute("break δ(3)1").succeeded)
        var text = s.execute("backward").text
        #expect(s.stepper.position == 16, "breakpoints do not stop backward")
        #expect(text.hasPrefix("example 1 of 3: x = (0.05, 0.1), y = (1)\n(ran the forward pass first"))
        #expect(text.contains("cost of example 1 of 3: Cₓ = 0.601329\n"
                              + "example 1 of 3 is done; `backward` again for example 2, `continue` for every example left"))
        text = s.execute("backward").text
        #expect(s.stepper.position == 32 && text.hasPrefix("example 2 of 3: x = (0.9, −0.3), y = (0)"))
        // Example 2's δ(4)1 = a − y = 0.548770… (NumPy), in its table.
        #expect(text.contains("0.54877"))
        text = s.execute("backward").text
        #expect(s.stepper.isFinished)
        #expect(text.contains("cost of example 3 of 3: Cₓ = 0.598497; of the batch (the mean over 3 examples): C = 0.665202"))
        #expect(s.execute("backward").text.contains("(every example's pass was already done: these are the last example's values)"))
    }

    @Test func nextAndForwardSayWhichExampleTheyAreIn() {
        let s = Self.session()
        #expect(s.execute("step 14").succeeded)
        // Steps 15 and 16 are layer 2's gradients, the last of example 1's pass.
        #expect(s.execute("next").text.contains("example 1 of 3 is done: every z, a, δ and gradient of its pass is known"))
        let forward = s.execute("forward").text
        #expect(forward.hasPrefix("example 2 of 3: x = (0.9, −0.3), y = (0)\n") && s.stepper.position == 21)
    }

    @Test func steppingABatchPrintsNoLineWiderThan100Columns() {
        // Twelve examples (two-digit numbers), breakpoints whose stop line is long, both notations.
        let s = Session()
        let adds = (1...11).map { "batch add 0.\($0) 0.5 -> \($0 % 2)" }.joined(separator: "; ")
        #expect(s.execute(adds).succeeded)
        let lines = ["break gradients 2 1", "continue", "continue", "next", "step 20", "backward", "forward", "backward",
                     "notation 3b1b", "continue", "reverse-continue", "delete all", "continue", "backward", "where", "batch"]
        let wide = OutputWidthTests.wideLines(lines, session: s)
        #expect(wide.isEmpty, "\(wide.joined(separator: "\n"))")
    }

    @Test(arguments: Reduction.allCases)
    func gradsAndGradcheckUseTheBatch(reduction: Reduction) throws {
        let s = Self.session(reduction == .sum ? "; batch --sum" : "")
        let batch = try Network.small.batch(Batch(Self.examples, reduction: reduction))
        let text = s.execute("grads Θ(3)1,0").text
        #expect(text.contains("the batch's gradient: each ∂C/∂θ is the \(reduction.rawValue) over 3 examples' ∂Cₓ/∂θ"))
        #expect(text.contains("∂C/∂Θ(3)1,0 = \(NumberFormat.significant(batch.gradient.biases[2][0]))"))
        let check = s.execute("gradcheck")
        #expect(check.status == .success && check.text.contains("J the \(reduction.rawValue) over 3 examples' costs"))
        #expect(s.lastCheck?.summary.cost == batch.cost && s.lastCheck?.summary.exampleCount == 3)
        #expect(s.lastCheck?.rows.allSatisfy { $0.analytic == batch.gradient[$0.parameter] } == true)
        // The nudges of the batch average to −(the mean gradient), whatever the batch's reduction.
        #expect(s.execute("nudges --average 3").succeeded)
        let mean = try Network.small.batch(Batch(Self.examples))
        #expect(s.lastNudgeAverage?.average.first == -mean.gradient.biases[2][0])
    }

    @Test(arguments: Reduction.allCases)
    func descendAndTrainStepByTheBatchGradient(reduction: Reduction) throws {
        let s = Self.session(reduction == .sum ? "; batch --sum" : "")
        let g = try Network.small.batch(Batch(Self.examples, reduction: reduction)).gradient
        #expect(s.execute("descend --eta 0.5").text.contains("one step of gradient descent on the batch of 3 (\(reduction.rawValue))"))
        let descended = s.network
        #expect(s.execute("back").succeeded && s.network == .small)
        #expect(s.execute("train --epochs 1 --eta 0.5").succeeded)
        #expect(s.network == descended, "one epoch of train on the batch is one descend")
        // θ − η·∂C/∂θ, ∂C/∂θ the batch's: the bias of the output neuron, by hand from the plain pass.
        #expect(abs(s.network.biases[2][0] - (0.05 - 0.5 * g.biases[2][0])) < 1e-15)
    }

    @Test func anExportedBatchIsVersionTwoValidatesAndComparesClean() throws {
        let s = Self.session("; backward; backward; backward; gradcheck")
        let json = try s.exportedJSON()
        #expect(try SchemaValidator.traceSchema().errors(in: json) == [])
        #expect(json["format"]?["version"] == .number(2) && json["example"]?["reduction"] == .string("mean"))
        #expect(json["layers"]?[1]?["z"]?[2]?[0] == .number(Network.small.backprop(Self.examples[2]).z[1][0]))
        #expect(json["steps"]?[20]?["example"] == .number(1))
        #expect(json["gradcheck"]?["summary"]?["examples"] == .number(3))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(s.execute("export \(folder)/batch.json").succeeded)
        let fresh = Session()
        let clean = fresh.execute("compare \(folder)/batch.json")
        // 3 examples × (2 inputs, z and a of 5 neurons, 5 δ) + the cost + 15 gradients.
        #expect(clean.status == .success && clean.text.contains("match: all 67 values compared agree"), "\(clean.text)")
        // The same file with the cost summed, though it says mean.
        let summed = json.setting(["cost"], to: .number((json["cost"]?.double ?? 0) * 3))
        try AtomicFile.write(summed.serialized(.compact), to: folder + "/summed.json")
        let reply = fresh.execute("compare \(folder)/summed.json")
        #expect(reply.status == .failure)
        #expect(reply.text.contains("your cost is the sum over the 3 examples, not the mean (your gradients agree)"), "\(reply.text)")
        // load of a batch trace takes its batch.
        #expect(fresh.execute("load \(folder)/batch.json").text.contains("the trace's batch of 3: the mean over 3 examples"))
        #expect(fresh.batch.examples == Self.examples)
    }

    @Test(arguments: [BackpropBug.gradientsNotCleared, .sumForMean])
    func theBatchBugsAreCaughtOnABatchAndNamed(bug: BackpropBug) {
        let s = Self.session()
        #expect(s.execute("bug \(bug.rawValue)").text.contains("here it changes the batch's gradient, this batch of 3"))
        let reply = s.execute("gradcheck")
        #expect(reply.status == .failure && reply.text.contains("hint: every example passes checked alone, yet the batch fails"))
        // One example alone has nothing to combine: the bug changes nothing.
        let one = Session()
        #expect(one.execute("bug \(bug.rawValue)").text.contains("It shows only in a batch"))
        #expect(one.execute("gradcheck").status == .success)
    }

    @Test func batchImagesTakesMNISTTestImagesAndBatchOffGoesBackToOne() throws {
        let s = Session()
        #expect(s.execute("load mnist; batch images 0-3 --sum").succeeded)
        let digits = try #require(s.digits)
        #expect(s.batch.count == 4 && s.batch.reduction == .sum && s.batch.examples == (0..<4).map { digits.example(at: $0) })
        #expect(s.execute("batch images 2 9; batch off").succeeded && s.batch.count == 1 && s.example == digits.example(at: 2))
    }
}
