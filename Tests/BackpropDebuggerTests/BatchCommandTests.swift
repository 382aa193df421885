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
        // `continue` and `backward` end with the example they are in.
        #expect(s.execute("continue").text.contains("example 2 of 3 is done"))
        #expect(s.stepper.position == 32)
        #expect(s.execute("backward").succeeded && s.stepper.isFinished)
        #expect(s.execute("step").text.contains("the batch is complete: every example's pass is done; `grads` shows the batch gradient, the mean over 3 examples"))
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
