/// Every example's nudges to one neuron's bias and incoming weights, their average, and the
/// trainer's negative mean gradient beside it: 3Blue1Brown's point that averaging what each
/// example wants gives −∇C, the direction one step of gradient descent moves the parameters.
///
/// The average is taken from each example's own backprop trace (`Network.trace`, the stepper's
/// path): −∂C/∂θ per example, summed in example order and divided by n. The negative mean gradient
/// comes from the trainer's lean `Workspace` over the same examples. The two agree to rounding for
/// every parameter of the network; `largestDifference` says by how much at most.
public struct NudgeAverage: Equatable, Sendable, Codable {
    /// The positions of the examples averaged, in order.
    public let examples: [Int]
    /// The layer (1 … output) and neuron whose incoming parameters are listed.
    public let layer: Int
    public let neuron: Int
    /// For the first few examples (at most `shownExamples`): the nudges −∂C/∂b(l)j, then
    /// −∂C/∂w(l)jk for k ascending.
    public let perExample: [[Double]]
    /// The average nudge to the same parameters over every example.
    public let average: [Double]
    /// −(1/n)·Σ ∂C/∂θ for the same parameters, as the trainer accumulates it.
    public let negativeMeanGradient: [Double]
    /// The largest |average − (−mean gradient)| over every weight and bias of the network.
    public let largestDifference: Double
    /// How many weights and biases that maximum runs over.
    public let parameterCount: Int

    /// How many examples' own nudges are kept in `perExample`.
    public static let shownExamples = 3
}

extension Network {
    /// Averages the nudges of the examples at `indices` of `source` (which must fit the network and
    /// not be empty) for neuron `j` of `layer` (1 … output layer). `onExample` is called after each
    /// example with how many are done; returning false stops early with nil.
    public func averageNudges(over source: some ExampleSource, indices: [Int], layer l: Int, neuron j: Int,
                              onExample: (Int) -> Bool = { _ in true }) throws(NetworkError) -> NudgeAverage? {
        precondition(l >= 1 && l <= outputLayer && j >= 0 && j < sizes[l], "layer and neuron are checked by the caller")
        guard !indices.isEmpty else { throw .exampleSize(what: "example set", expected: 1, found: 0) }
        var nudgeSum = Gradient(zeroFor: sizes)
        var perExample: [[Double]] = []
        var work = Workspace(sizes: sizes)
        let packed = PackedNetwork(self)
        work.clear()
        for (done, i) in indices.enumerated() {
            let example = source.example(at: i, inputSize: sizes[0], targetSize: sizes[outputLayer])
            let gradient = try trace(example).gradient
            var nudge = gradient
            nudge.divide(by: -1)
            nudgeSum.add(nudge)
            if perExample.count < NudgeAverage.shownExamples {
                perExample.append(Network.incoming(nudge, layer: l, neuron: j))
            }
            work.load(source, at: i)
            work.accumulate(packed)
            guard onExample(done + 1) else { return nil }
        }
        let n = Double(indices.count)
        nudgeSum.divide(by: n)
        var meanGradient = work.sum
        meanGradient.divide(by: -n)
        let average = nudgeSum.flattened, negative = meanGradient.flattened
        var largest = 0.0
        for i in average.indices { largest = max(largest, abs(average[i] - negative[i])) }
        return NudgeAverage(examples: indices, layer: l, neuron: j, perExample: perExample,
                            average: Network.incoming(nudgeSum, layer: l, neuron: j),
                            negativeMeanGradient: Network.incoming(meanGradient, layer: l, neuron: j),
                            largestDifference: largest, parameterCount: parameterCount)
    }

    /// The components of `g` for neuron j of layer l: its bias, then its weights, k ascending.
    static func incoming(_ g: Gradient, layer l: Int, neuron j: Int) -> [Double] {
        [g.biases[l - 1][j]] + g.weights[l - 1].row(j)
    }
}
