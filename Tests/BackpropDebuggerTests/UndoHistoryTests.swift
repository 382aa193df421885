import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// `descend`, `set`, `train` on `small`, and the one undo history `back` walks through.
struct UndoHistoryTests {
    /// Everything `back` must restore, compared with `==` (bit for bit for every double).
    struct Snapshot: Equatable {
        let network: Network
        let stepper: Stepper
        let records: [StepRecord]
        init(_ s: Session) {
            network = s.network
            stepper = s.stepper
            records = s.records
        }
    }

    @Test func descendOnSmallTakesTheStepOfTheIssue() throws {
        // ∂C/∂Θ(1)1,0 = δ(2)1 = 0.001848009849589747 (NumPy, float64, the same network and example);
        // one step with η = 0.5: Θ(1)1,0 = 0.35 − 0.5 × 0.00184801 = 0.3490759950752051.
        let s = Session()
        let gradient = s.network.backprop(s.example).gradient
        let reply = s.execute("descend --eta 0.5")
        #expect(reply.succeeded, "\(reply.error ?? "")")
        let bias = s.network.value(of: .bias(layer: 0, j: 0))
        #expect(abs(gradient[.bias(layer: 0, j: 0)] - 0.001848009849589747) < 1e-15)
        #expect(abs(bias - 0.3490759950752051) < 1e-15)
        #expect(abs(bias - (0.35 - 0.5 * 0.00184801)) < 1e-9)
        // Every parameter moved by exactly −η·∂C/∂θ of the plain pass: the trainer's step is that formula.
        for p in Network.small.parameters {
            #expect(s.network.value(of: p) == Network.small.value(of: p) - 0.5 * gradient[p], "\(p)")
        }
        // The table shows Θ(1)1,0's old value, gradient and new value; the costs are NumPy's
        // (0.6013293895985543 before, 0.4191863701987613 after, ‖∇C‖² = 0.41563789884348395).
        #expect(reply.text.contains("Θ(1)1,0     0.35    0.00184801      0.349075995   −0.000924"), "\(reply.text)")
        #expect(reply.text.contains("cost before  C = 0.601329"))
        #expect(reply.text.contains("cost after   C = 0.419186   ΔC = −0.1821"))
        #expect(reply.text.contains("predicted    ΔC ≈ −η‖∇C‖² = −0.5·0.4156 = −0.2078"))
        #expect(s.stepper.position == 0, "the pass starts again")
        #expect(s.trace == Trace(example: Network.smallExample, sizes: [2, 2, 2, 1]))
    }

    @Test func backAfterDescendRestoresEveryParameterBitForBit() {
        let s = Session()
        _ = s.execute("step 5")
        let before = Snapshot(s)
        #expect(s.execute("descend --eta 0.5").succeeded)
        #expect(s.network != before.network)
        #expect(s.execute("where").text.contains("back     would undo descend with η = 0.5 on the example"))
        let reply = s.execute("back")
        #expect(reply.text.hasPrefix("undid descend with η = 0.5 on the example: every weight and bias is back as it was, bit for bit"))
        #expect(Snapshot(s) == before)
        for p in Network.small.parameters {
            #expect(s.network.value(of: p).bitPattern == Network.small.value(of: p).bitPattern)
        }
        #expect(s.execute("where").text.contains("back     would undo the step that computed z(4)1 and a(4)1"))
        #expect(!s.execute("where").text.contains("changed"))
    }

    @Test func stepsSetsDescentsAndTrainingAreOneHistory() {
        let s = Session()
        var states = [Snapshot(s)]
        var undoes: [String] = []
        let script: [(String, String)] = [
            ("step 3", "the step that computed z(3)1 and a(3)1"),
            ("descend", "descend with η = 0.5 on the example"),
            ("step", "the step that computed z(2)1 and a(2)1"),
            ("set Θ(2)1,2 = -1", "set Θ(2)1,2 to −1 (it was 0.467637)"),
            ("next 2", "the step that computed z(3)2 and a(3)2"),
            ("train --epochs 7", "train: 7 epochs, 7 updates with η = 0.5"),
            ("set w(3)0,1 0.25", "set Θ(3)1,2 to 0.25 (it was "),
        ]
        for (line, undo) in script {
            #expect(s.execute(line).succeeded, "\(line)")
            states.append(Snapshot(s))
            undoes.append(undo)
            #expect(s.execute("where").text.contains("back     would undo " + undo), "after \(line)")
        }
        #expect(s.execute("where").text.contains(
            "changed  descend with η = 0.5 on the example; set Θ(2)1,2 to −1 (it was 0.467637); train: 7 epochs, 7 updates with η = 0.5; "
            + "set Θ(3)1,2 to 0.25 (it was "))
        // Back through everything: each `back` undoes one step or one change, the latest first, and
        // lands exactly on the state before each command (steps taken several at a time one by one).
        for i in stride(from: states.count - 1, through: 1, by: -1) {
            #expect(Snapshot(s) == states[i])
            #expect(s.execute("where").text.contains("back     would undo " + undoes[i - 1]))
            var backs = 0
            repeat {
                #expect(s.execute("back").succeeded)
                backs += 1
            } while Snapshot(s) != states[i - 1] && backs < 10
            #expect(Snapshot(s) == states[i - 1], "back to before \(script[i - 1].0)")
        }
        #expect(Snapshot(s) == Snapshot(Session()))
        #expect(s.execute("where").text.contains("back     has nothing to undo"))
        #expect(s.execute("back").text == "already at the start of the pass: only the input is known")
    }

    @Test func backWithACountCrossesAChange() {
        let s = Session()
        _ = s.execute("step 2")
        let start = Snapshot(s)
        _ = s.execute("set b(1)0 1")
        _ = s.execute("step 3")
        let reply = s.execute("back 4")
        #expect(reply.text.hasPrefix("undid 3 steps: z(3)1 and a(3)1, z(2)2 and a(2)2, z(2)1 and a(2)1\n"
                                     + "undid set Θ(1)1,0 to 1 (it was 0.35): Θ(1)1,0 is back as it was, bit for bit"), "\(reply.text)")
        #expect(Snapshot(s) == start)
    }

    @Test func loadingOrANewExampleStartsANewHistory() {
        let s = Session()
        _ = s.execute("descend")
        _ = s.execute("input 1 2")
        #expect(s.execute("where").text.contains("back     has nothing to undo"))
        #expect(s.execute("where").text.contains("changed  descend"), "the network is still the changed one")
        _ = s.execute("load small")
        #expect(!s.execute("where").text.contains("changed"))
    }

    @Test func backKeepsTheBugPlantedNow() {
        let s = Session()
        _ = s.execute("backward")
        _ = s.execute("descend")
        _ = s.execute("bug output-sign")
        _ = s.execute("back")
        #expect(s.bug?.rawValue == "output-sign")
        #expect(s.network == .small)
        #expect(s.stepper.position == 16)
        var buggy = try? Stepper(network: .small, example: Network.smallExample, bug: s.bug)
        buggy?.run()
        #expect(s.stepper == buggy)
    }

    @Test func setChangesOneParameterAndRestartsThePass() {
        let s = Session()
        _ = s.execute("forward")
        let reply = s.execute("set Θ(1)1,0 0.5")
        #expect(reply.text.hasPrefix("Θ(1)1,0 = 0.5 (it was 0.35); the pass starts again"))
        #expect(s.network.biases[0][0] == 0.5)
        #expect(s.stepper.position == 0)
        #expect(s.execute("step").text.contains("= 0.5·1 + 0.15·0.05 + 0.2·0.1"))
        // 3Blue1Brown's names, the engine's brackets, and "=" written or not, all set the same way.
        #expect(s.execute("set w(2)1,0 = 0.125").succeeded)
        #expect(s.network.weights[1][1, 0] == 0.125)
        #expect(s.execute("set weights[2][0][1]=-2").succeeded)
        #expect(s.network.weights[2][0, 1] == -2)
        #expect(s.execute("set b(3)0 −0.75").succeeded)
        #expect(s.network.biases[2][0] == -0.75)
    }

    @Test func trainOnSmallUsesTheTrainerOnItsExample() {
        let s = Session()
        let reply = s.execute("train --epochs 20 --eta 0.5")
        #expect(reply.succeeded, "\(reply.error ?? "")")
        var expected = Network.small
        _ = try? expected.train(on: [Network.smallExample], options: TrainingOptions(epochs: 20, batchSize: 1, learningRate: 0.5))
        #expect(s.network == expected)
        #expect(s.network.meanCost([Network.smallExample]) < Network.small.meanCost([Network.smallExample]))
        #expect(reply.text.contains("trained small on its example: 20 updates of gradient descent"))
        // Every one of the 15 parameters is listed before and after.
        for p in Network.small.parameters {
            let row = "\(Notation.ng.name(of: p))"
            #expect(reply.text.split(separator: "\n").contains { $0.hasPrefix("  " + row + " ") }, "\(row)")
        }
        #expect(s.execute("back").succeeded)
        #expect(s.network == .small)
    }

    @Test func reverseContinueRunsBackToThePreviousBreakpoint() {
        let s = Session()
        _ = s.execute("break backward 3")
        _ = s.execute("continue")
        let stoppedAt = s.stepper.position
        _ = s.execute("continue")
        #expect(s.stepper.isFinished)
        let reply = s.execute("rc")
        #expect(reply.text.contains("breakpoint 1: stopped before"), "\(reply.text)")
        #expect(s.stepper.position == stoppedAt)
        let again = s.execute("reverse-continue")
        #expect(again.text.hasSuffix("back at the start of the pass"), "\(again.text)")
        #expect(s.stepper.position == 0)
        _ = s.execute("descend")
        #expect(s.execute("rc").text == "already at the start of the pass: only the input is known (`back` would undo descend with η = 0.5 on the example)")
        #expect(s.networkChanges.count == 1, "rc never undoes a change")
    }

    @Test func badInputKeepsTheNetworkAndThePass() {
        let s = Session()
        _ = s.execute("step 4")
        let before = Snapshot(s)
        for line in ["set Θ(9)1,1 1", "set Θ(1)1,0 inf", "set z(2)1 1", "descend --eta 0", "descend --eta -0.5",
                     "descend --eta nan", "train --images 3", "train --batch 2", "set", "rc now"] {
            let reply = s.execute(line)
            #expect(reply.error != nil, "\(line)")
            #expect(Snapshot(s) == before, "\(line)")
        }
        // The quadratic cost: cross-entropy refuses a y outside [0, 1].
        _ = s.execute("cost quadratic; target 1000")
        let big = Snapshot(s)
        #expect(s.execute("descend --eta 1e308").error?.contains("overflows") == true)
        #expect(Snapshot(s) == big)
    }

    @Test func aHugeButFiniteStepIsTakenAndSaidSoAndBackRestoresIt() {
        let s = Session()
        let reply = s.execute("descend --eta 1e300")
        #expect(reply.succeeded)
        // Here it lands the output on its target (C = 0, ΔC = −0.6013), far from −η‖∇C‖² = −4.156e+299.
        #expect(reply.text.contains("cost after   C = 0   ΔC = −0.6013"), "\(reply.text)")
        #expect(reply.text.contains("the real change is far from the prediction"), "\(reply.text)")
        _ = s.execute("back")
        #expect(s.network == .small)
    }

    @Test func exportsSayWhatWasChangedInTheNetwork() throws {
        let s = Session()
        #expect(try s.exportedJSON()["changes"] == nil)
        _ = s.execute("set Θ(1)1,0 0.5")
        _ = s.execute("descend --eta 0.25")
        _ = s.execute("train --epochs 3")
        _ = s.execute("descend")
        _ = s.execute("back")
        let json = try s.exportedJSON()
        #expect(try SchemaValidator.traceSchema().errors(in: json) == [])
        let changes = try #require(json["changes"]?.array)
        #expect(changes.count == 3, "the undone descend is not listed")
        #expect(changes[0] == .object([(key: "kind", value: .string("set")), (key: "parameter", value: .string("biases[0][0]")),
                                       (key: "from", value: .number(0.35)), (key: "to", value: .number(0.5))]))
        #expect(changes[1]["learningRate"] == .number(0.25))
        #expect(changes[2]["updates"] == .number(3))
    }

    @Test func backAfterTrainingOnABatchPutsTheCursorBackInsideTheBatch() {
        let s = Session()
        #expect(s.execute("batch add 0.5 0.2 -> 0").succeeded)
        _ = s.execute("step 20")
        let before = Snapshot(s)
        #expect(s.execute("where").text.contains("example  2 of a batch of 2"))
        #expect(s.execute("train --epochs 5").succeeded)
        #expect(s.stepper.position == 0 && s.network != before.network)
        #expect(s.execute("back").text.contains("and the pass is back where it was: 20 of 32 steps done"))
        #expect(Snapshot(s) == before, "the weights and the cursor inside the batch, bit for bit")
        #expect(s.execute("where").text.contains("example  2 of a batch of 2"))
    }
}
