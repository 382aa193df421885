import Foundation
import Testing
import TestSupport
@testable import BackpropCore
@testable import BackpropDebugger
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct ExportTests {
    /// `small` after a forward pass, a backward pass and a gradient check.
    static func checkedSession() -> Session {
        let s = Session()
        for command in ["forward", "backward", "gradcheck"] { #expect(s.execute(command).succeeded, "\(command)") }
        return s
    }

    @Test func topLevelKeysAreTheDocumentedOnes() throws {
        let s = Self.checkedSession()
        #expect(try s.exportedJSON().object?.map(\.key)
                == ["format", "network", "example", "layers", "gradients", "cost", "steps", "gradcheck"])
        // Without a gradient check there is no gradcheck key.
        #expect(try Session().exportedJSON().object?.map(\.key)
                == ["format", "network", "example", "layers", "gradients", "cost", "steps"])
    }

    @Test func anExportedTraceValidatesAgainstTheSchema() throws {
        let schema = try SchemaValidator.traceSchema()
        let s = Self.checkedSession()
        #expect(schema.errors(in: try s.exportedJSON()) == [])
        #expect(schema.errors(in: try s.exportedJSON("--no-weights")) == [])
        // Part of the way through, with nulls for what is not computed yet.
        let partial = Session()
        _ = partial.execute("step 9")
        #expect(schema.errors(in: try partial.exportedJSON()) == [])
        #expect(schema.errors(in: try Session().exportedJSON()) == [])
        // A softmax output with the log-likelihood over ReLU: "activations", one per layer.
        let softmax = Session()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let network = try Network.small.with(activations: [.relu, .relu, .softmax], cost: .logLikelihood)
        try NetworkFile.save(network, to: folder + "/softmax.json")
        #expect(softmax.execute("load \(folder)/softmax.json; backward; gradcheck").succeeded)
        let json = try softmax.exportedJSON()
        #expect(schema.errors(in: json) == [])
        #expect(json["network"]?["activations"] == .array([.string("relu"), .string("relu"), .string("softmax")]))
        #expect(json["network"]?["cost"] == .string("log-likelihood"))
    }

    @Test func theSchemaValidatorRejectsWhatTheSchemaForbids() throws {
        let schema = try SchemaValidator.traceSchema()
        let good = try Self.checkedSession().exportedJSON()
        #expect(schema.errors(in: good.setting(["format", "version"], to: .number(3))) == ["$.format.version: 3 is not one of [1,2]"])
        #expect(schema.errors(in: good.setting(["cost"], to: .string("nan"))) == [#"$.cost: "nan" matches none of anyOf"#])
        #expect(schema.errors(in: good.setting(["layers", 1, "z", 0], to: .bool(true)))
                == ["$.layers[1].z: [true,0.39249999999999996] matches 0 of oneOf, expected exactly 1"])
        let extra = JSON.object((good.object ?? []).map { $0.key == "example" ? (key: "example", value: .object(($0.value.object ?? []) + [(key: "colour", value: .null)])) : $0 })
        #expect(schema.errors(in: extra) == [#"$.example: {"input":[0.05,0.1],"target":[1],"colour":null} matches 0 of oneOf, expected exactly 1"#])
        let missing = JSON.object((good.object ?? []).filter { $0.key != "steps" })
        #expect(schema.errors(in: missing) == [#"$: the key "steps" is missing"#])
    }

    @Test func anExportedTraceReadsBackWithCodableToTheEnginesExactValues() throws {
        let s = Self.checkedSession()
        let doc = try TraceDocument.decode(s.execute("export -").text)
        let trace = s.trace
        #expect(doc.format.name == "backprop-trace" && doc.format.version == 1)
        #expect(doc.network.sizes == [2, 2, 2, 1] && doc.network.activation == "sigmoid" && doc.network.cost == "cross-entropy")
        #expect(doc.network.weights == Network.small.weights.map(\.nested))
        #expect(doc.network.biases == Network.small.biases)
        #expect(doc.example.input == [0.05, 0.1] && doc.example.target == [1] && doc.example.label == nil)
        #expect(doc.layers.count == 4)
        #expect(doc.layers[0].z == nil && doc.layers[0].delta == nil && doc.layers[0].a == [0.05, 0.1])
        for l in 1...3 {
            #expect(doc.layers[l].z == trace.z[l].map { Optional($0) })
            #expect(doc.layers[l].a == trace.a[l].map { Optional($0) })
            #expect(doc.layers[l].delta == trace.delta[l].map { Optional($0) })
        }
        // The engine's values are NumPy's (SmallNetworkTests); these two are checked bit for bit.
        #expect(doc.layers[3].a[0] == 0.5480825363496225)
        #expect(doc.layers[2].delta?[0] == -0.0590976630578767)
        #expect(doc.cost == trace.cost)
        #expect(doc.gradients.weights == trace.gradient.weights.map { $0.nested.map { $0.map { Optional($0) } } })
        #expect(doc.gradients.biases == trace.gradient.biases.map { $0.map { Optional($0) } })

        #expect(doc.steps.count == 16)
        #expect(doc.steps.map(\.index) == Array(1...16))
        #expect(doc.steps.map(\.shown) == s.records.map(\.shown))
        let first = doc.steps[0]
        #expect(first.phase == "forward" && first.layer == 1 && first.neuron == 0 && first.quantity == "a")
        #expect(first.values == ["z": .number(0.3775), "a": .number(trace.a[1][0])] && first.value == trace.a[1][0])
        #expect(first.shown.hasPrefix("z(2)1 = Θ(1)1,0·1 + Θ(1)1,1·a(1)1 + Θ(1)1,2·a(1)2\n      = 0.35·1 + 0.15·0.05 + 0.2·0.1"))
        let cost = doc.steps[5]
        #expect(cost.phase == "cost" && cost.layer == nil && cost.neuron == nil && cost.value == trace.cost)
        let delta = doc.steps[7]
        #expect(delta.phase == "backward" && delta.layer == 2 && delta.neuron == 0 && delta.quantity == "delta")
        #expect(delta.value == -0.0590976630578767 && delta.values["dC/da"] == .number(trace.activationGradient[2][0]))
        let gradient = doc.steps[15]
        #expect(gradient.phase == "gradients" && gradient.layer == 1 && gradient.neuron == 1 && gradient.quantity == "dC/db")
        #expect(gradient.values["dC/dw"] == .row(trace.gradient.weights[0].row(1)))

        let gradcheck = try #require(doc.gradcheck)
        let check = (summary: try #require(gradcheck.summary), rows: try #require(gradcheck.rows))
        let expected = try #require(s.lastCheck)
        #expect(check.summary.bug == nil && gradcheck.parameter == nil && gradcheck.sweep == nil)
        #expect(check.summary.parameters == 15 && check.summary.failed == 0 && check.summary.passed)
        #expect(check.summary.epsilon == 1e-4 && check.summary.atol == 1e-9 && check.summary.rtol == 1e-6)
        #expect(check.summary.maxRelativeError == expected.summary.maxRelativeError)
        #expect(check.summary.normDifference == expected.summary.normDifference)
        #expect(check.rows.map(\.parameter) == Network.small.parameters.map(\.description))
        #expect(check.rows.map(\.numeric) == expected.rows.map(\.numeric))
        #expect(check.rows[2].kind == "weights" && check.rows[2].index == [0, 1, 0])
        #expect(check.rows[4].kind == "biases" && check.rows[4].index == [0, 0])
    }

    @Test func aPlantedBugAParameterCheckAndASweepAreExportedAndValidate() throws {
        let s = Session()
        for command in ["bug missing-derivative", "gradcheck", "gradcheck Θ(2)1,2", "gradcheck --sweep Θ(1)1,1"] {
            #expect(s.execute(command).succeeded, "\(command)")
        }
        let json = try s.exportedJSON()
        #expect(try SchemaValidator.traceSchema().errors(in: json) == [])
        let doc = try TraceDocument.decode(s.execute("export -").text)
        let gradcheck = try #require(doc.gradcheck)
        #expect(gradcheck.summary?.bug == "missing-derivative" && gradcheck.summary?.passed == false)
        #expect(gradcheck.summary?.failed == s.lastCheck?.summary.failed)
        let one = try #require(gradcheck.parameter)
        #expect(one.rows.count == 1 && one.rows[0].index == [1, 0, 1])
        #expect(one.rows[0].analytic == s.lastParameterCheck?.rows[0].analytic)
        let sweep = try #require(gradcheck.sweep)
        let expected = try #require(s.lastSweep)
        #expect(sweep.index == [0, 0, 0] && sweep.rows.count == expected.rows.count)
        #expect(sweep.rows.map(\.central) == expected.rows.map(\.central))
        #expect(sweep.rows.map(\.oneSidedError) == expected.rows.map(\.oneSidedError))
        #expect(sweep.bestCentralEpsilon == expected.bestCentral?.epsilon)
        // A sweep alone still makes a gradcheck section, without summary and rows.
        let alone = Session()
        #expect(alone.execute("gradcheck --sweep Θ(1)1,1").succeeded)
        let onlySweep = try #require(try TraceDocument.decode(alone.execute("export -").text).gradcheck)
        #expect(onlySweep.summary == nil && onlySweep.rows == nil && onlySweep.sweep != nil)
        #expect(try SchemaValidator.traceSchema().errors(in: try alone.exportedJSON()) == [])
    }

    @Test func nudgesAndTrainingAreExportedAndValidate() throws {
        let s = Session()
        for command in ["load mnist", "digit 2", "nudges", "nudges --average 4", "train --epochs 1 --images 200 --batch 50"] {
            #expect(s.execute(command).succeeded, "\(command)")
        }
        // Training replaced the network, so the nudges of the old one are gone; ask again.
        #expect(s.execute("nudges --layer 2").succeeded)
        let json = try s.exportedJSON("--no-weights")
        #expect(json.object?.map(\.key) == ["format", "network", "example", "layers", "gradients", "cost", "steps", "nudges", "training", "changes"])
        #expect(try SchemaValidator.traceSchema().errors(in: json) == [])
        let nudges = try #require(json["nudges"])
        let expected = try #require(s.lastNudges)
        #expect(nudges["layer"] == .number(2) && nudges["neuron"] == .number(Double(expected.neuron)))
        #expect(nudges["summedPreviousActivationNudges"] == .array(expected.summedPreviousActivationNudges.map(JSON.number)))
        #expect(nudges["backprop"]?["desiredWeightedInputChanges"] == .array(try #require(expected.backprop).desiredWeightedInputChanges.map(JSON.number)))
        let training = try #require(json["training"])
        let history = try #require(s.trainingHistory)
        #expect(training["batchCosts"] == .array(history.batchCosts.map(JSON.number)))
        #expect(history.batchCosts.count == 4 && training["images"] == .number(200))
        #expect(training["options"]?["batchSize"] == .number(50))
        #expect(training["epochs"]?[0]?["accuracy"] == .number(try #require(history.epochs.first?.accuracy)))
        #expect(training["options"]?["trainedLayers"] == nil, "every layer learned")
        // Only the last layer learns: engine weight layer 2 (w(3)), and the file says so.
        #expect(s.execute("train --images 100 --batch 50 --only 3").succeeded)
        let frozen = try s.exportedJSON("--no-weights")
        #expect(frozen["training"]?["options"]?["trainedLayers"] == .array([.number(2)]))
        #expect(try SchemaValidator.traceSchema().errors(in: frozen) == [])
    }

    @Test func valuesNotComputedYetAreNull() throws {
        let s = Session()
        _ = s.execute("step 8")   // forward (5 steps), the cost, δ of layer 4 and δ(3)1
        let doc = try TraceDocument.decode(s.execute("export -").text)
        #expect(doc.layers[3].delta == [s.trace.delta[3][0]])
        #expect(doc.layers[2].delta == [s.trace.delta[2][0], nil])
        #expect(doc.layers[1].delta == [nil, nil])
        #expect(doc.gradients.biases == [[nil, nil], [nil, nil], [nil]])
        #expect(doc.gradients.weights[2] == [[nil, nil]])
        #expect(doc.cost == s.trace.cost)
        #expect(try TraceDocument.decode(Session().execute("export -").text).cost == nil)
        #expect(try TraceDocument.decode(Session().execute("export -").text).layers[1].z == [nil, nil])
    }

    @Test func anExportedTraceReloadsToAnIdenticalNetwork() throws {
        try inTemporaryDirectory { directory in
            let path = directory + "/trace.json"
            let s = Self.checkedSession()
            #expect(s.execute("export \(path)").text.hasPrefix("exported the trace to \(path): 16 steps, "))
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(try NetworkFile.decode(bytes, source: path) == Network.small)
            let other = Session()
            _ = other.execute("load mnist")
            #expect(other.execute("load \(path)").succeeded)
            #expect(other.network == Network.small)
            // The file is what `export -` prints, plus its final newline.
            #expect(String(decoding: bytes, as: UTF8.self) == s.execute("export -").text + "\n")
        }
    }

    @Test func aTraceWithoutWeightsGivesAClearErrorWhenLoaded() throws {
        try inTemporaryDirectory { directory in
            let path = directory + "/shape-only.json"
            let s = Self.checkedSession()
            #expect(s.execute("export \(path) --no-weights").succeeded)
            let network = try #require(try s.exportedJSON("--no-weights")["network"]?.object).map(\.key)
            #expect(network == ["format", "version", "sizes", "activation", "cost"])
            #expect(s.execute("load \(path)").error == "\(path): this trace was exported with --no-weights: its network has "
                    + "layer sizes but no weights or biases, so there is no network to load")
            #expect(s.network == Network.small)
        }
    }

    @Test func anExportToAMissingDirectoryFailsAndTheSessionGoesOn() throws {
        try inTemporaryDirectory { directory in
            let path = directory + "/nope/trace.json"
            let s = Self.checkedSession()
            #expect(s.execute("export \(path)").error == "cannot write \(path): the directory \(directory)/nope does not exist")
            #expect(s.execute("where").succeeded)
            #expect(s.stepper.isFinished)
        }
    }

    @Test(arguments: [EIO, ENOSPC])
    func aFailureBetweenTheTemporaryWriteAndTheRenameLeavesTheOldFile(code: Int32) throws {
        try inTemporaryDirectory { directory in
            let path = directory + "/trace.json"
            try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
            let s = Self.checkedSession()
            s.writeFile = { bytes, path, options throws(FileWriteError) in
                try AtomicFile.write(bytes, to: path, options: options, failBeforeRename: code)
            }
            let reply = s.execute("export \(path)")
            #expect(reply.error?.hasPrefix("cannot write \(path): ") == true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["trace.json"])
        }
    }

    // Root ignores permission bits, so this can only be checked as an ordinary user.
    @Test(.enabled(if: getuid() != 0, "root may write anywhere"))
    func anExportIntoAnUnwritableDirectoryLeavesTheOldFile() throws {
        try inTemporaryDirectory { directory in
            let path = directory + "/trace.json"
            try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
            #expect(chmod(directory, 0o555) == 0)
            defer { _ = chmod(directory, 0o755) }
            #expect(Session().execute("export \(path)").error == "cannot write \(path): permission denied")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
        }
    }

    @Test(arguments: [
        ("export", "export takes one file name, or - for standard output"),
        ("export a.json b.json", "export takes one file name, or - for standard output"),
        ("export a.json --weights", "unknown option --weights; export takes --force, --no-weights"),
    ])
    func badExportArgumentsAreNamed(command: String, message: String) {
        let error = Session().execute(command).error
        #expect(error == message + "\nusage: export FILE.json | FILE.html | - [--no-weights] [--force]\n   e.g. export trace.json")
    }

    /// A relu network pushed past the largest double: z(1) = 1e300·1e300 = +∞ and −1e300·1e300 = −∞,
    /// a = relu(z) = (∞, 0), C = ∞² = ∞, δ(1)0 = 2(∞ − 0)·1 = ∞, and ∂C/∂w(1)0,1 = a(0)1·δ(1)0 = 0·∞ = NaN.
    static func divergedSession() throws -> Session {
        let s = Session()
        let network = try Network(sizes: [2, 2], weights: [[[1e300, 1e300], [-1e300, 0]]], biases: [[0, 0]],
                                  activation: .relu, cost: .sumOfSquares)
        try s.replace(network: network, name: "diverged", example: Example(input: [1e300, 0], target: [0, 0]))
        #expect(s.execute("backward").succeeded)
        return s
    }

    @Test func nonFiniteValuesAreWrittenAsStringsAndReadBack() throws {
        let s = try Self.divergedSession()
        let text = s.execute("export -").text
        #expect(text.contains(#""z": ["Infinity", "-Infinity"]"#))
        #expect(text.contains(#"["Infinity", "NaN"]"#))
        // Valid JSON: this program's strict parser reads it, and so does Foundation's.
        let json = try JSON.parse(text, limit: 1 << 20)
        #expect(json["cost"]?.doubleAllowingNonFinite == .infinity)
        #expect(json["layers"]?[1]?["z"]?[1]?.doubleAllowingNonFinite == -.infinity)
        #expect(json["gradients"]?["weights"]?[0]?[0]?[1]?.doubleAllowingNonFinite?.isNaN == true)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        let doc = try TraceDocument.decode(text)
        #expect(doc.cost == .infinity)
        #expect(doc.layers[1].z == [.infinity, -.infinity])
        #expect(doc.layers[1].delta == [.infinity, 0])
        #expect(doc.gradients.weights[0][0][0] == .infinity)
        #expect(doc.gradients.weights[0][0][1]?.isNaN == true)
        #expect(try SchemaValidator.traceSchema().errors(in: json) == [])
    }
}
