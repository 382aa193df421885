import Testing
@testable import BackpropCore

/// A batch stepped example by example, written as a trace of version 2, read back, and compared —
/// including a mean/sum mismatch and biases averaged while weights are summed.
struct BatchTraceTests {
    static let network = try! SoftmaxAndBatchTests.network(hidden: .relu)
    static func batch(_ reduction: Reduction = .mean) throws -> Batch {
        try Batch(Array(SoftmaxAndBatchTests.examples.prefix(4)), reduction: reduction)
    }

    @Test(arguments: Reduction.allCases)
    func steppingABatchGivesEachExamplesPlainPassAndTheReducedGradient(reduction: Reduction) throws {
        let batch = try Self.batch(reduction)
        let start = try Stepper(network: Self.network, batch: batch)
        var stepper = start
        #expect(stepper.stepCount == 4 * Self.network.schedule.count && stepper.batchTrace == nil)
        for _ in 0..<(Self.network.schedule.count + 1) { stepper.step() }
        #expect(stepper.exampleIndex == 1 && stepper.positionInExample == 1)
        #expect(stepper.isComputed(.forward(layer: 1, neuron: 0)) && !stepper.isComputed(.forward(layer: 1, neuron: 1)))
        #expect(stepper.isComputed(.gradient(layer: 1, neuron: 2), inExample: 0))
        stepper.run()
        #expect(stepper.traces == batch.examples.map { Self.network.backprop($0) })
        #expect(stepper.batchTrace == (try Self.network.batch(batch)))
        while stepper.back() != nil {}
        #expect(stepper == start)
    }

    /// `batch` traces read back: the examples, their reduction, every value per example.
    @Test func aBatchReadBackEqualsTheBatch() throws {
        let text = #"""
            {"format": {"name": "backprop-trace", "version": 2},
             "example": {"input": [[0.9, -0.3], [0.1, 0.7]], "target": [[1, 0, 0], [0, 0, 1]], "label": [0, null], "reduction": "sum"},
             "layers": [{"a": [[0.9, -0.3], null]}, {"z": [null, [1, 2, 3]]}, null]}
            """#
        let document = try TraceFile.document(Array(text.utf8), source: "t.json")
        #expect(document.example == nil && document.statedReduction == .sum)
        let batch = try #require(document.batch)
        #expect(batch.count == 2 && batch.reduction == .sum && batch.examples[0].label == 0 && batch.examples[1].label == nil)
        #expect(batch.examples[1].target == [0, 0, 1])
        let (values, problems) = TraceFile.reportedValues(in: document.json, sizes: [2, 3, 3], batchSize: 2, source: "t.json")
        #expect(problems.isEmpty)
        #expect(values.batchLayers?[0][0].a == [0.9, -0.3] && values.batchLayers?[1][0].a == nil)
        #expect(values.batchLayers?[1][1].z == [1, 2, 3] && values.batchLayers?[0][1].z == nil)
    }

    /// Our own values agree; the same gradients summed where the batch says mean are named, and
    /// so are biases averaged while weights are summed.
    @Test func comparisonNamesAMeanSumMismatch() throws {
        let pass = try Self.network.batch(try Self.batch(.mean))
        func reported(weights: Double, biases: Double, cost: Double) -> ReportedValues {
            ReportedValues(batchLayers: pass.traces.map { t in t.z.indices.map { l in
                ReportedValues.Layer(z: l == 0 ? nil : t.z[l], a: t.a[l], delta: l == 0 ? nil : t.delta[l]) } },
                cost: pass.cost * cost,
                weightGradients: pass.gradient.weights.map { $0.nested.map { $0.map { $0 * weights } } },
                biasGradients: pass.gradient.biases.map { $0.map { $0 * biases } })
        }
        let clean = TraceComparison(batch: pass, reported: reported(weights: 1, biases: 1, cost: 1), tolerance: .init())
        #expect(clean.first == nil && clean.reductionMismatch == nil && clean.compared == 4 * (2 + 3 + 3 + 3 + 3 + 3 + 3) + 1 + 21)
        let summed = TraceComparison(batch: pass, reported: reported(weights: 4, biases: 4, cost: 4), tolerance: .init())
        #expect(summed.first?.quantity == .cost && summed.reductionMismatch == .sum)
        #expect(summed.reductions == .init(cost: .sum, weights: .sum, biases: .sum))
        let mixed = TraceComparison(batch: pass, reported: reported(weights: 4, biases: 1, cost: 1), tolerance: .init())
        #expect(mixed.reductions == .init(cost: .mean, weights: .sum, biases: .mean) && mixed.reductionMismatch == nil)
        #expect(mixed.first?.quantity == .weightGradient(layer: 1, j: 0, k: 0) && mixed.first?.example == nil)
        // A δ that differs in example 3 is named with its example and its row in the file.
        var wrong = reported(weights: 1, biases: 1, cost: 1)
        wrong.batchLayers?[2][1].delta?[1] = 0.5
        let d = try #require(TraceComparison(batch: pass, reported: wrong, tolerance: .init()).first)
        #expect(d.example == 2 && d.path == "layers[1].delta[2][1]")
    }
}
