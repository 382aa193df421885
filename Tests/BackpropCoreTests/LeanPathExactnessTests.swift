import Testing
@testable import BackpropCore

/// The pieces of the fast path around the pass itself — g′ through a, packing, the sparse image
/// fill, the ink index and the packed trainer — compute the very numbers of the plain path, bit for
/// bit. (The lean pass's values and the CostProbe are checked against `Network.backprop` in
/// `ReferencePassTests`.) Layers of 17, 9 and 3 neurons use every vector width of the kernels, and
/// images of 35 pixels leave a tail after the sparse fill's 8-byte steps.
struct LeanPathExactnessTests {
    /// Images of `pixels` bytes, about 70 % of them 0 and some whole 8-byte runs 0, labels below `classes`.
    static func images(count: Int, pixels: Int, classes: Int, seed: UInt64) -> ImageSet {
        var rng = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count * pixels)
        for i in 0..<count {
            let blank = rng.nextInt(below: pixels)  // a run of 10 background pixels somewhere
            for p in 0..<pixels where !(blank..<(blank + 10)).contains(p) && rng.nextUniform() < 0.3 {
                bytes[i * pixels + p] = UInt8(1 + rng.nextInt(below: 255))
            }
        }
        let labels = (0..<count).map { _ in UInt8(rng.nextInt(below: classes)) }
        return ImageSet(pixels: bytes, labels: labels, rows: 5, columns: pixels / 5, classes: classes)
    }

    @Test func derivativeThroughTheActivationMatchesHandValues() {
        // NumPy: s = 1/(1+exp(-2)); s*(1-s) = 0.10499358540350662; 1 - tanh(0.5)**2 = 0.7864477329659274
        #expect(Activation.sigmoid.derivative(value: Activation.sigmoid.value(2)) == 0.10499358540350662)
        #expect(Activation.sigmoid.derivative(value: 0.5) == 0.25)
        #expect(Activation.tanh.derivative(value: Activation.tanh.value(0.5)) == 0.7864477329659274)
        #expect(Activation.relu.derivative(value: 0) == 0 && Activation.relu.derivative(value: 3) == 1)
        for g in Activation.allCases {
            for z in [-800.0, -40, -2.5, -1e-300, -0.0, 0, 1e-300, 0.3, 2.5, 40, 800] {
                #expect(g.derivative(value: g.value(z)) == g.derivative(z), "\(g) \(z)")
                // The output δ through a is ∂C/∂a·g′(z) through z, bit for bit.
                for c in [Cost.sumOfSquares, .quadratic] {
                    let a = g.value(z)
                    #expect(c.outputDelta(a: a, y: 0.25, activation: g) == c.activationGradient(a: a, y: 0.25) * g.derivative(z))
                }
            }
        }
    }

    @Test func packingAndStoringGiveBackTheSameNetwork() throws {
        let network = try Network.random(sizes: [35, 17, 9, 3], activation: .tanh, cost: .quadratic, seed: 2)
        let packed = PackedNetwork(network)
        var copy = try Network.random(sizes: [35, 17, 9, 3], activation: .tanh, cost: .quadratic, seed: 3)
        packed.store(into: &copy)
        #expect(copy == network)
        #expect(packed.weight(layer: 0, j: 16, k: 34) == network.weights[0][16, 34])
        #expect(packed.bias(layer: 2, j: 2) == network.biases[2][2])
    }

    @Test func sparseImageFillEqualsTheDenseFill() {
        let set = Self.images(count: 9, pixels: 35, classes: 4, seed: 5)
        var input = [Double](repeating: 0, count: 35), target = [Double](repeating: 0, count: 4)
        var list = [Int](repeating: -1, count: 35), count = 0
        for i in [0, 3, 3, 8, 1, 7, 2] {
            count = set.fill(input: &input, nonzero: &list, count: count, target: &target, at: i)
            var denseInput = [Double](repeating: 9, count: 35), denseTarget = [Double](repeating: 9, count: 4)
            set.fill(input: &denseInput, target: &denseTarget, at: i)
            #expect(input == denseInput && target == denseTarget)
            #expect(Array(list[0..<count]) == denseInput.indices.filter { denseInput[$0] != 0 })
            #expect(denseInput == set.pixels[(i * 35)..<((i + 1) * 35)].map { Double($0) / 255 })
        }
        // The protocol's default (here through an array of examples) lists the same positions.
        let examples = (0..<set.count).map { set.example(at: $0, inputSize: 35, targetSize: 4) }
        var other = [Int](repeating: -1, count: 35)
        let found = examples.fill(input: &input, nonzero: &other, count: count, target: &target, at: 4)
        count = set.fill(input: &input, nonzero: &list, count: count, target: &target, at: 4)
        #expect(found == count && other[0..<found] == list[0..<count])
    }

    @Test func inkIndexListsEveryNonZeroPixelInOrder() throws {
        // Two 3×4 images: the first has ink at 1 (3), 4 (5), 5 (6), 7 (7), 11 (255); the second none.
        let pixels: [UInt8] = [0, 3, 0, 0, 5, 6, 0, 7, 0, 0, 0, 255] + [UInt8](repeating: 0, count: 12)
        let ink = try #require(InkIndex(pixels: pixels, pixelsPerImage: 12))
        #expect(ink.starts == [0, 5, 5])
        #expect(ink.positions == [1, 4, 5, 7, 11])
        #expect(ink.values == [3, 5, 6, 7, 255])
        #expect(InkIndex(pixels: [UInt8](repeating: 1, count: 70_000), pixelsPerImage: 70_000) == nil)
        #expect(try #require(InkIndex(pixels: [], pixelsPerImage: 784)).starts == [0])
    }

    @Test func imagesTooLargeToIndexAreFilledByScanning() {
        // 257 × 256 = 65,792 pixels: more than a 16-bit position can name, so no ink index.
        var bytes = [UInt8](repeating: 0, count: 2 * 257 * 256)
        for q in stride(from: 5, to: bytes.count, by: 37) { bytes[q] = UInt8(q % 255 + 1) }
        let set = ImageSet(pixels: bytes, labels: [1, 0], rows: 257, columns: 256, classes: 2)
        #expect(set.ink == nil)
        var input = [Double](repeating: 0, count: set.pixelsPerImage), target = [0.0, 0.0]
        var list = [Int](repeating: -1, count: set.pixelsPerImage), count = 0
        for i in [0, 1, 0] {
            count = set.fill(input: &input, nonzero: &list, count: count, target: &target, at: i)
            var dense = [Double](repeating: 9, count: set.pixelsPerImage), denseTarget = [9.0, 9.0]
            set.fill(input: &dense, target: &denseTarget, at: i)
            #expect(input == dense && target == denseTarget)
            #expect(Array(list[0..<count]) == dense.indices.filter { dense[$0] != 0 })
        }
        set.prefetch(at: 1)
        set.prefetch(at: -1)  // a hint out of range does nothing
        set.prefetch(at: 2)
    }

    /// With λ = 0 the update skips the weights out of inputs that were 0 in the whole mini-batch;
    /// with λ > 0 it decays every weight.
    @Test(arguments: [(Activation.sigmoid, Cost.crossEntropy, 0.0), (.sigmoid, .crossEntropy, 0.2),
                      (.tanh, .quadratic, 0.0), (.relu, .sumOfSquares, 0.2)])
    func packedTrainingEqualsThePlainUpdateExactly(activation: Activation, cost: Cost, lambda: Double) throws {
        let start = try Network.random(sizes: [35, 17, 9, 3], activation: activation, cost: cost, seed: 31)
        let set = Self.images(count: 23, pixels: 35, classes: 3, seed: 32)
        let options = TrainingOptions(epochs: 2, batchSize: 5, learningRate: 0.1, regularization: lambda,
                                      learningRateDecay: 0.5, seed: 33)
        var trained = start
        let history = try trained.train(on: set, options: options)

        // The plain update, written out here: traces summed example by example, then
        // w ← (1 − ηλ/n)·w − (η/m)·Σ∂C/∂w and b ← b − (η/m)·Σ∂C/∂b (Nielsen's network2.py).
        var plain = start
        var rng = SeededGenerator(seed: 33)
        var order = Array(0..<set.count)
        var eta = 0.1
        var costs: [Double] = []
        for _ in 0..<2 {
            rng.shuffle(&order)
            for b in stride(from: 0, to: set.count, by: 5) {
                let batch = order[b..<min(b + 5, set.count)]
                var sum = Gradient(zeroFor: plain.sizes)
                var total = 0.0
                for i in batch {
                    let t = try plain.trace(set.example(at: i, inputSize: 35, targetSize: 3))
                    sum.add(t.gradient)
                    total += t.cost
                }
                costs.append(total / Double(batch.count))
                let step = eta / Double(batch.count), decay = 1 - eta * lambda / Double(set.count)
                for l in plain.weights.indices {
                    for i in plain.weights[l].storage.indices {
                        plain.weights[l].storage[i] = decay * plain.weights[l].storage[i] - step * sum.weights[l].storage[i]
                    }
                    for j in plain.biases[l].indices { plain.biases[l][j] -= step * sum.biases[l][j] }
                }
            }
            eta *= 0.5
        }
        #expect(trained == plain)
        #expect(history.batchCosts == costs)
    }

    @Test(arguments: [[0], [1, 2], [2]])
    func trainingSomeLayersUpdatesThemAsThePlainUpdateAndKeepsTheOthers(layers: [Int]) throws {
        let start = try Network.random(sizes: [35, 17, 9, 3], activation: .sigmoid, cost: .crossEntropy, seed: 61)
        let set = Self.images(count: 12, pixels: 35, classes: 3, seed: 62)
        let options = TrainingOptions(epochs: 1, batchSize: 4, learningRate: 0.5, seed: 63, trainedLayers: layers)
        var trained = start
        try trained.train(on: set, options: options)
        var plain = start
        var rng = SeededGenerator(seed: 63)
        var order = Array(0..<set.count)
        rng.shuffle(&order)
        for b in stride(from: 0, to: set.count, by: 4) {
            var sum = Gradient(zeroFor: plain.sizes)
            for i in order[b..<(b + 4)] { sum.add(try plain.trace(set.example(at: i, inputSize: 35, targetSize: 3)).gradient) }
            for l in layers {
                for i in plain.weights[l].storage.indices {
                    plain.weights[l].storage[i] = 1 * plain.weights[l].storage[i] - 0.125 * sum.weights[l].storage[i]
                }
                for j in plain.biases[l].indices { plain.biases[l][j] -= 0.125 * sum.biases[l][j] }
            }
        }
        #expect(trained == plain)
        for l in start.weights.indices where !layers.contains(l) {
            #expect(trained.weights[l] == start.weights[l] && trained.biases[l] == start.biases[l])
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func divergenceKeepsTheNetworkOfTheLastFiniteUpdate(seed: UInt64) throws {
        // One ReLU neuron, z = w₀x₀ + w₁x₁, η = 10¹⁰, one example per mini-batch. (1, 0) moves w₀ to
        // 1 − 10¹⁰; (0, 10¹⁵⁰) would move w₁ to 1 − 10¹⁰·10³⁰⁰ = −∞; the order depends on the seed.
        let start = try Network(sizes: [2, 1], weights: [[[1, 1]]], biases: [[0]], activation: .relu, cost: .quadratic)
        let data = [Example(input: [1, 0], target: [0]), Example(input: [0, 1e150], target: [0]),
                    Example(input: [0.5, 0], target: [0])]
        let options = TrainingOptions(epochs: 1, batchSize: 1, learningRate: 1e10, seed: seed)
        var network = start
        var kept = 0
        do {
            try network.train(on: data, options: options)
            Issue.record("expected the run to diverge")
        } catch let TrainingError.diverged(_, batch, history) {
            kept = history.batchCosts.count
            #expect(batch == kept + 1)
        }
        var stopped = start
        if kept > 0 {
            var updates = 0
            try stopped.train(on: data, options: options, onBatch: { _ in updates += 1; return updates < kept })
        }
        #expect(network == stopped)
    }
}
