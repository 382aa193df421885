import Testing
@testable import BackpropCore

/// Reading traces for `compare`, comparing them in stepping order, and loading a trace's network.
struct TraceFileTests {
    static let inner = String(decoding: NetworkFile.encode(Network.small), as: UTF8.self)

    /// The error `document` + `reportedValues` give for a file named t.json on `small`, or "no error".
    static func problems(_ text: String) -> [String] {
        do {
            let document = try TraceFile.document(Array(text.utf8), source: "t.json")
            return TraceFile.reportedValues(in: document.json, sizes: [2, 2, 2, 1], source: "t.json").problems.map(\.description)
        } catch {
            return [error.description]
        }
    }

    @Test(arguments: [
        (#"{"layers": [null, null, null, null]}"#, []),
        (#"{"format": {"name": "backprop-trace", "version": 1}, "cost": 0.6}"#, []),
        (#"{"format": "backprop-trace", "version": 1, "cost": "Infinity"}"#, []),
        ("[1]", ["t.json: the document is an array, expected an object"]),
        (#"{"format": {"name": "backprop-trace", "version": 3}}"#,
         ["t.json: version 3 is not supported; this program reads backprop-trace versions 1 and 2"]),
        (#"{"format": {"version": 1}}"#, ["t.json: format.name is missing, expected a string"]),
        (#"{"format": "backprop-network"}"#, ["t.json is a network file, not a trace: compare reads a trace's layers, gradients and cost (`load t.json` opens a network file)"]),
        (#"{"layers": [{}, {}, {}]}"#, ["t.json: layers has 3 entries, expected 4 (one per layer, the input layer first)"]),
        (#"{"layers": [{"delta": [0, 0]}, {}, {}, {}]}"#, ["t.json: layers[0].delta must be null (or left out): the input layer has no δ"]),
        (#"{"layers": [{"z": []}, {"z": [1]}, {}, 7]}"#,
         ["t.json: layers[1].z has 1 value, expected 2 (one per neuron of layer 1)",
          "t.json: layers[3] is a number, expected an object with z, a and delta, or null"]),
        (#"{"cost": [1]}"#, ["t.json: cost is an array, expected a number or null"]),
        (#"{"gradients": [1]}"#, ["t.json: gradients is an array, expected an object"]),
        (#"{"gradients": {"weights": [null, [[1, 2], [3]], null], "biases": [[1, 2], [true, 0], [0, 0]]}}"#,
         ["t.json: gradients.weights[1][1] has 1 value, expected 2 (one per neuron of layer 1)",
          #"t.json: gradients.biases[1][0] is a boolean, expected a number, null, or one of "NaN", "Infinity", "-Infinity""#,
          "t.json: gradients.biases[2] has 2 values, expected 1 (one per neuron of layer 3)"]),
        (#"{"example": {"input": [0.05, "NaN"], "target": [1]}}"#,
         ["t.json: example.input[1] is not a finite number; an example holds only finite numbers"]),
        (#"{"example": {"input": [0.05, 0.1]}}"#, ["t.json: example.target is missing, expected an array of numbers"]),
        (#"{"network": {"sizes": [2, 1], "activation": "sigmoid", "cost": "quadratic", "weights": [[[1]]], "biases": [[0]]}}"#,
         ["t.json: network: weights[0] row 0 has 1 value, expected 2 (sizes[0]: one per neuron it comes from)"]),
    ] as [(String, [String])])
    func problemsAreNamedWithTheirPaths(text: String, expected: [String]) {
        #expect(Self.problems(text) == expected)
    }

    @Test func theDocumentGivesTheNetworkTheExampleOrOnlyTheSizes() throws {
        let full = #"{"network": \#(Self.inner), "example": {"input": [0.05, 0.1], "target": [1], "label": 3}}"#
        let document = try TraceFile.document(Array(full.utf8), source: "t.json")
        #expect(document.network == Network.small)
        #expect(document.example == Example(input: [0.05, 0.1], target: [1], label: 3))
        let shapeOnly = #"{"network": {"sizes": [2, 3, 1], "activation": "sigmoid", "cost": "quadratic"}}"#
        let bare = try TraceFile.document(Array(shapeOnly.utf8), source: "t.json")
        #expect(bare.network == nil && bare.sizesWithoutWeights == [2, 3, 1] && bare.example == nil)
    }

    @Test func valuesAreComparedInSteppingOrder() throws {
        let trace = try Network.small.trace(Network.smallExample)
        // Every value off by one: each one differs, so `differences` lists them all in order.
        let off: (Double) -> Double? = { $0 + 1 }
        let reported = ReportedValues(
            layers: (0...3).map { l in
                ReportedValues.Layer(z: l == 0 ? nil : trace.z[l].map(off), a: trace.a[l].map(off),
                                     delta: l == 0 ? nil : trace.delta[l].map(off))
            },
            cost: trace.cost + 1,
            weightGradients: trace.gradient.weights.map { $0.nested.map { $0.map(off) } },
            biasGradients: trace.gradient.biases.map { $0.map(off) })
        let comparison = TraceComparison(trace: trace, reported: reported, tolerance: .init())
        #expect(comparison.compared == 33 && comparison.differences.count == 33 && comparison.agreeingBeforeFirst == 0)
        #expect(comparison.differences.prefix(16).map(\.quantity.path) == [
            "layers[0].a[0]", "layers[0].a[1]",
            "layers[1].z[0]", "layers[1].a[0]", "layers[1].z[1]", "layers[1].a[1]",
            "layers[2].z[0]", "layers[2].a[0]", "layers[2].z[1]", "layers[2].a[1]",
            "layers[3].z[0]", "layers[3].a[0]", "cost",
            "layers[3].delta[0]", "layers[2].delta[0]", "layers[2].delta[1]",
        ])
        #expect(comparison.differences.suffix(9).map(\.quantity.path) == [
            "gradients.biases[1][1]", "gradients.weights[1][1][0]", "gradients.weights[1][1][1]",
            "gradients.biases[0][0]", "gradients.weights[0][0][0]", "gradients.weights[0][0][1]",
            "gradients.biases[0][1]", "gradients.weights[0][1][0]", "gradients.weights[0][1][1]",
        ])
        #expect(comparison.groups.map(\.path).prefix(3) == ["layers[0].a", "layers[1].z", "layers[1].a"])
        #expect(comparison.groups.allSatisfy { $0.largestError == 1 || abs($0.largestError - 1) < 1e-15 })
    }

    @Test func nullValuesAreNotCompared() throws {
        let trace = try Network.small.trace(Network.smallExample)
        let reported = ReportedValues(layers: [.init(), .init(z: [nil, 0.5]), .init(), .init()])
        let comparison = TraceComparison(trace: trace, reported: reported, tolerance: .init())
        #expect(comparison.compared == 1)
        #expect(comparison.first == .init(quantity: .z(layer: 1, neuron: 1), ours: 0.39249999999999996, theirs: 0.5))
    }

    @Test(arguments: [
        (1.0, 1.0 + 1e-6, true),                // 1e-6 ≤ 1e-9 + 1e-6·1
        (1.0, 1.0 + 1.1e-6, false),
        (0.0, 1e-9, true),                      // the absolute part alone
        (0.0, 2e-9, false),
        (Double.infinity, Double.infinity, true),
        (-Double.infinity, Double.infinity, false),
        (Double.nan, Double.nan, true),
        (Double.nan, 0, false),
        (0, Double.nan, false),
    ])
    func toleranceFollowsIsClose(ours: Double, theirs: Double, agree: Bool) {
        #expect(TraceComparison.Tolerance().accepts(ours: ours, theirs: theirs) == agree)
    }

    @Test func loadReadsTheNetworkOfATraceAsExportWritesIt() throws {
        let trace = #"{"format": {"name": "backprop-trace", "version": 1, "tool": "backprop"}, "network": \#(Self.inner)}"#
        #expect(try NetworkFile.decode(Array(trace.utf8), source: "t.json") == Network.small)
        let badName = #"{"format": {"name": 3}, "network": \#(Self.inner)}"#
        #expect(throws: NetworkFileError.wrongType(source: "t.json", path: "format.name", found: "a number", expected: "a string")) {
            try NetworkFile.decode(Array(badName.utf8), source: "t.json")
        }
    }

    @Test func aTraceWithoutWeightsIsRefusedByLoadWithItsOwnMessage() {
        let trace = #"{"format": {"name": "backprop-trace", "version": 1}, "network": {"format": "backprop-network", "version": 1, "sizes": [2, 1], "activation": "sigmoid", "cost": "quadratic"}}"#
        #expect(throws: NetworkFileError.traceWithoutWeights(source: "t.json")) {
            try NetworkFile.decode(Array(trace.utf8), source: "t.json")
        }
        #expect(NetworkFileError.traceWithoutWeights(source: "t.json").description
                == "t.json: this trace was exported with --no-weights: its network has layer sizes but no weights or biases, so there is no network to load")
    }
}
