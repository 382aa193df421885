import Foundation
import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

/// `load` starts over: nothing computed on the network before — steps, checks, nudges, a training
/// record — survives into the new network's trace. The user's own settings (a planted bug, the
/// MNIST images, watches, breakpoints that still fit) stay.
struct LoadResetTests {
    /// Work of every kind, each on the network it needs.
    static let works = [
        "step 3",
        "forward; backward",
        "gradcheck",
        "gradcheck Θ(2)1,2",
        "gradcheck --sweep Θ(1)1,1",
        "bug output-sign; backward; gradcheck",
        "input 0.3 0.7; target 0; backward",
        "cost quadratic; backward",
        "batch add 0.9 -0.3 -> 0 --sum; step 40; gradcheck",
        "break backward 2; watch a(3); continue",
        "load mnist --untrained; train --images 100 --batch 100",
        "load mnist; image 3; nudges; nudges --average 5; gradcheck --sample 20; backward",
        "load mnist; digit 2; cost quadratic; train --images 50 --batch 10; gradcheck w(3)0,0",
    ]

    /// Files of every kind `load` reads, made in `directory`: ours (a tanh 3-2-1 network), Nielsen's
    /// (small with his QuadraticCost), a trace (small after a backward pass), and a 784-16-16-10 file.
    static func networkFiles(in directory: String) throws -> [String] {
        let tanh = try Network(sizes: [3, 2, 1], weights: [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, -0.8]]],
                               biases: [[0.01, 0.02], [0.03]], activation: .tanh, cost: .quadratic)
        try NetworkFile.save(tanh, to: directory + "/tanh.json")
        let s = Session()
        for line in ["cost quadratic; save \(directory)/nielsen.json --format nielsen",
                     "cost sum-of-squares; backward; export \(directory)/trace.json",
                     "load mnist --untrained; save \(directory)/digits.json"] {
            #expect(s.execute(line).error == nil, "\(line)")
        }
        return ["tanh", "nielsen", "trace", "digits"].map { "\(directory)/\($0).json" }
    }

    @Test(arguments: works)
    func loadingAnyNetworkAfterWorkLeavesOnlyTheNewNetworksState(work: String) throws {
        try inTemporaryDirectory { directory in
            let targets = ["small", "mnist", "mnist --untrained"] + (try Self.networkFiles(in: directory))
            let schema = try SchemaValidator.traceSchema()
            for target in targets {
                let s = Session()
                #expect(s.execute(work).error == nil, "\(work)")
                #expect(s.execute("load \(target)").error == nil, "\(work); load \(target)")
                let exported = try s.exportedJSON()
                // Exactly what a fresh session that loaded the same network and example exports.
                let fresh = Session()
                #expect(fresh.execute("load \(target)").error == nil)
                if fresh.batch != s.batch { try fresh.replace(batch: s.batch) }
                #expect(exported == (try fresh.exportedJSON()), "\(work); load \(target)")
                #expect(exported.object?.map(\.key) == ["format", "network", "example", "layers", "gradients", "cost", "steps"],
                        "\(work); load \(target)")
                #expect(exported["steps"] == .array([]))
                #expect(s.trainingHistory == nil && s.lastCheck == nil && s.lastParameterCheck == nil && s.lastSweep == nil
                        && s.lastNudges == nil && s.lastNudgeAverage == nil && s.records.isEmpty)
                #expect(schema.errors(in: exported) == [], "\(work); load \(target)")
            }
        }
    }

    @Test func theTrainingRecordOfTheIssueDoesNotFollowIntoSmall() throws {
        // The report's case: MNIST training, then small; the trace had the MNIST run's record.
        let s = Session()
        #expect(s.execute("load mnist --untrained; train --images 100 --batch 100").error == nil)
        #expect(try s.exportedJSON()["training"] != nil)
        #expect(s.execute("load small; backward").error == nil)
        let json = try s.exportedJSON()
        #expect(json["training"] == nil && json["network"]?["sizes"] == .array([2, 2, 2, 1].map { .number($0) }))
        // A cost switch keeps the network's record: the weights are the trained ones.
        #expect(s.execute("load mnist --untrained; train --images 100 --batch 100; cost quadratic").error == nil)
        #expect(try s.exportedJSON()["training"] != nil)
    }

    @Test func whatTheUserSetStaysAcrossALoad() throws {
        try inTemporaryDirectory { directory in
            let files = try Self.networkFiles(in: directory)
            let s = Session()
            // In Ng's notation: δ(3)2 is engine layer 2, neuron 1; z(4) is engine layer 3.
            #expect(s.execute("bug output-sign; watch a(2); break backward 3 2; break forward 4").error == nil)
            #expect(s.breakpoints.count == 2)
            #expect(s.execute("load \(files[0])").error == nil)   // 3-2-1: no layer 3, and layer 2 has one neuron
            #expect(s.bug?.rawValue == "output-sign" && s.watches == ["a(2)"])
            #expect(s.breakpoints.isEmpty, "a breakpoint past the last layer or neuron is dropped")
            #expect(s.execute("break backward 2 1; load small").error == nil)
            #expect(s.breakpoints.count == 1)
        }
    }

    @Test func aDigitNetworkFileOpensIn3Blue1BrownsNotationOnAnMNISTImage() throws {
        try inTemporaryDirectory { directory in
            let files = try Self.networkFiles(in: directory)
            let s = Session()
            #expect(s.notation == .ng)
            let reply = s.execute("load \(files[3])")
            #expect(reply.error == nil)
            #expect(s.notation == .threeBlueOneBrown)
            #expect(s.imageIndex == 0 && s.example.label == 7, "image 0 of the shipped sample is a 7")
            #expect(reply.text.contains("example: image 0 of the 1,000 shipped MNIST test images, a 7"))
            #expect(reply.text.hasSuffix("notation: 3Blue1Brown's (layers 0 to 3, w(L)jk and b(L)j), as for `load mnist`"))
            // Digit d is a(3)d, not Ng's a(4)(d+1).
            let shown = s.run(commands: "image 0")
            #expect(shown.contains("a(3)7"), "\(shown)")
            #expect(!shown.contains("a(4)"), "\(shown)")
            // Loaded from MNIST's session, the image being shown is kept.
            let other = Session()
            #expect(other.execute("load mnist; image 5; load \(files[3])").error == nil)
            #expect(other.imageIndex == 5 && other.notation == .threeBlueOneBrown)
            // Any other shape keeps the notation the session had.
            #expect(s.execute("load \(files[0])").error == nil && s.notation == .threeBlueOneBrown)
            #expect(s.execute("load small").error == nil && s.notation == .ng)
        }
    }
}
