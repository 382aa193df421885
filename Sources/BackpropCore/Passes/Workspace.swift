/// The lean forward and backward pass used by training, evaluation and the gradient check: the
/// reference pass's formulas (`Network.backprop`), with every sum taken in the same order, into buffers allocated once —
/// no allocation per example or per neuron.
///
/// Speed comes from exact shortcuts, not from changing the arithmetic:
/// - a term w·a with a = 0 is skipped: adding w·0 = ±0 to a sum leaves its value unchanged, and
///   MNIST inputs are about 80 % zeros, so layer 1 costs a fifth of its dense price;
/// - the weights are read from a `PackedNetwork`, input by input, so one pass over the inputs
///   updates every neuron's running sum with vector instructions (`LeanKernels`);
/// - g′(z) is computed from the activation a = g(z) already known (`Activation.derivative(value:)`),
///   which gives the same number without evaluating g again.
/// `accumulate` adds one example's gradient to the sums; tests check every z, a and δ and the sums
/// against `Network.backprop`, bit for bit.
///
/// It never has a `BackpropBug` planted: bugs live only in the debugger's `Stepper`, so training,
/// evaluation, the benchmark and the gradient check's J(θ ± ε) always use the correct pass.
public struct Workspace: Sendable {
    /// Neurons per layer.
    let sizes: [Int]
    /// Where layer l starts in the per-neuron buffers below (the same as `PackedNetwork.neuronOffsets`).
    let offsets: [Int]
    /// Where weight layer l starts in `weightSums` (the same as `PackedNetwork.weightOffsets`).
    let weightOffsets: [Int]
    /// The input x = a(0) of the loaded example.
    var input: [Double]
    /// z, a and δ of every neuron, layer after layer (layer 0's slots are unused: its activations
    /// are `input`, kept apart so an `ExampleSource` can fill it as an array).
    var zs: [Double]
    var activations: [Double]
    var deltas: [Double]
    /// For each layer, the positions of its non-zero activations (filled by `load` for layer 0 and
    /// by `forward` for the others), and how many there are.
    var nonzero: [Int]
    var nonzeroCount: [Int]
    /// Scratch for a hidden layer's Σⱼ w·δ.
    var backSum: [Double]
    /// The target of the loaded example.
    var target: [Double]
    /// The sums of ∂C/∂w since the last `clear()`, stored input by input like `PackedNetwork.weights`.
    var weightSums: [Double]
    /// The sums of ∂C/∂b since the last `clear()`, neuron after neuron.
    var biasSums: [Double]
    /// For each neuron of layers 0…L−1, whether it was non-zero in an example accumulated since
    /// the sums were last zeroed: the weights out of a neuron that never was have a gradient sum
    /// of exactly 0, which lets an update skip them (`PackedNetwork.descend`).
    var touched: [Bool]
    /// Scratch for `PackedNetwork.descend`: the parameters as they were before an update (weights,
    /// then biases), to restore them if the update is not finite.
    var saved: [Double]

    /// Buffers shaped for a network of these sizes.
    public init(sizes: [Int]) {
        self.sizes = sizes
        (weightOffsets, offsets) = PackedNetwork.offsets(sizes)
        let neurons = offsets[offsets.count - 1]
        input = Array(repeating: 0, count: sizes[0])
        zs = Array(repeating: 0, count: neurons)
        activations = zs
        deltas = zs
        nonzero = Array(repeating: 0, count: neurons)
        nonzeroCount = Array(repeating: 0, count: sizes.count)
        backSum = Array(repeating: 0, count: sizes.max() ?? 0)
        target = Array(repeating: 0, count: sizes[sizes.count - 1])
        weightSums = Array(repeating: 0, count: weightOffsets[weightOffsets.count - 1])
        biasSums = zs
        touched = Array(repeating: false, count: neurons)
        saved = Array(repeating: 0, count: weightSums.count + neurons)
    }

    /// Sets the gradient sums back to zero.
    public mutating func clear() {
        weightSums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        biasSums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        touched.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
    }

    /// The sum of the gradients accumulated since the last `clear()`, shaped like the network.
    public var sum: Gradient {
        var g = Gradient(zeroFor: sizes)
        for l in 0..<(sizes.count - 1) {
            let rows = sizes[l + 1], columns = sizes[l]
            for j in 0..<rows {
                for k in 0..<columns { g.weights[l][j, k] = weightSums[weightOffsets[l] + k * rows + j] }
                g.biases[l][j] = biasSums[offsets[l + 1] + j]
            }
        }
        return g
    }

    /// The activations of layer l after the last `forward` (the input for l = 0).
    public func a(layer l: Int) -> [Double] { l == 0 ? input : Array(activations[offsets[l]..<offsets[l + 1]]) }
    /// The weighted inputs of layer l ≥ 1 after the last `forward`.
    public func z(layer l: Int) -> [Double] { Array(zs[offsets[l]..<offsets[l + 1]]) }
    /// The δ of layer l ≥ 1 after the last `accumulate`.
    public func delta(layer l: Int) -> [Double] { Array(deltas[offsets[l]..<offsets[l + 1]]) }
    /// The output activations after the last `forward`.
    public var output: [Double] { a(layer: sizes.count - 1) }

    /// Loads example `i` of `source` into the input layer and target.
    public mutating func load(_ source: some ExampleSource, at i: Int) {
        // Layer 0's list starts at offset 0 of `nonzero`.
        nonzeroCount[0] = source.fill(input: &input, nonzero: &nonzero, count: nonzeroCount[0], target: &target, at: i)
    }

    /// Loads an input and target given as arrays (sizes must match the network).
    public mutating func load(input: [Double], target: [Double]) {
        precondition(input.count == sizes[0] && target.count == self.target.count, "examples are validated by the caller")
        self.input = input
        self.target = target
        indexNonzero(layer: 0)
    }

    /// Runs the forward pass on the loaded input and returns the cost against the loaded target.
    @discardableResult
    public mutating func forward(_ network: PackedNetwork) -> Double {
        forward(network, from: 1)
        return cost(network)
    }

    /// The cost of the output layer against the target, by `Cost.value` itself.
    func cost(_ network: PackedNetwork) -> Double {
        let output = offsets[sizes.count - 1]..<offsets[sizes.count]
        return zs.withUnsafeBufferPointer { z in
            activations.withUnsafeBufferPointer { a in
                target.withUnsafeBufferPointer { y in
                    network.cost.value(z: UnsafeBufferPointer(rebasing: z[output]),
                                       a: UnsafeBufferPointer(rebasing: a[output]), y: y)
                }
            }
        }
    }

    /// Recomputes layers `first…L` from the activations of layer `first − 1` (indexed already).
    mutating func forward(_ network: PackedNetwork, from first: Int) {
        let last = sizes.count - 1
        guard first <= last else { return }
        network.weights.withUnsafeBufferPointer { w in
            network.biases.withUnsafeBufferPointer { b in
                input.withUnsafeBufferPointer { x in
                    zs.withUnsafeMutableBufferPointer { z in
                        activations.withUnsafeMutableBufferPointer { a in
                            nonzero.withUnsafeMutableBufferPointer { list in
                                for l in first...last {
                                    let previous = offsets[l - 1], here = offsets[l], rows = sizes[l]
                                    LeanKernels.weightedInputs(
                                        rows: rows, weights: start(w) + weightOffsets[l - 1], biases: start(b) + here,
                                        input: l == 1 ? start(x) : UnsafePointer(start(a) + previous),
                                        list: start(list) + previous, count: nonzeroCount[l - 1], into: start(z) + here)
                                    Workspace.activate(network.activations[l - 1], z: start(z) + here,
                                                       into: start(a) + here, count: rows)
                                    nonzeroCount[l] = LeanKernels.indexNonzero(start(a) + here, count: rows,
                                                                               into: start(list) + here)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// a = g(z) for one layer's `count` neurons: each alone, or softmax over the whole layer.
    @inline(__always)
    static func activate(_ g: Activation, z: UnsafeMutablePointer<Double>, into a: UnsafeMutablePointer<Double>,
                         count: Int) {
        guard g.isElementwise else {
            Activation.softmax(UnsafeBufferPointer(start: z, count: count),
                               into: UnsafeMutableBufferPointer(start: a, count: count))
            return
        }
        for j in 0..<count { a[j] = g.value(z[j]) }
    }

    /// a = g(z) for every neuron of layer `l`, from its z as they stand.
    mutating func activate(layer l: Int, _ g: Activation) {
        let here = offsets[l], rows = sizes[l]
        zs.withUnsafeMutableBufferPointer { z in
            activations.withUnsafeMutableBufferPointer { a in
                Workspace.activate(g, z: start(z) + here, into: start(a) + here, count: rows)
            }
        }
    }

    /// Lists the positions of layer `l`'s non-zero activations.
    mutating func indexNonzero(layer l: Int) {
        let here = offsets[l], n = sizes[l]
        nonzeroCount[l] = (l == 0 ? input : activations).withUnsafeBufferPointer { a in
            nonzero.withUnsafeMutableBufferPointer { list in
                LeanKernels.indexNonzero(start(a) + (l == 0 ? 0 : here), count: n, into: start(list) + here)
            }
        }
    }

    /// Forward and backward pass for the loaded example, adding its gradient to the sums;
    /// returns its cost.
    @discardableResult
    public mutating func accumulate(_ network: PackedNetwork) -> Double {
        let cost = forward(network)
        backward(network)
        addBiasGradients()
        for l in 1..<sizes.count { addWeightGradients(layer: l) }
        return cost
    }

    /// ∂C/∂b(l)j += δ(l)j for every neuron of layers 1…L (the sums and the δs share one layout).
    private mutating func addBiasGradients() {
        let neurons = offsets[1]..<offsets[sizes.count]
        deltas.withUnsafeBufferPointer { d in
            biasSums.withUnsafeMutableBufferPointer { gb in
                for j in neurons { gb[j] += d[j] }
            }
        }
    }

    /// ∂C/∂w(l)jk += a(l−1)k·δ(l)j for the non-zero a(l−1)k only (a zero one adds exactly 0), and
    /// marks those neurons k as touched.
    private mutating func addWeightGradients(layer l: Int) {
        let rows = sizes[l], here = offsets[l], previous = offsets[l - 1], count = nonzeroCount[l - 1]
        let inputsStart = l == 1 ? 0 : previous  // layer 0's activations are `input`, from 0
        nonzero.withUnsafeBufferPointer { list in
            touched.withUnsafeMutableBufferPointer { touched in
                for i in previous..<(previous + count) { touched[previous + list[i]] = true }
            }
        }
        (l == 1 ? input : activations).withUnsafeBufferPointer { a in
            deltas.withUnsafeBufferPointer { d in
                nonzero.withUnsafeBufferPointer { list in
                    weightSums.withUnsafeMutableBufferPointer { gw in
                        LeanKernels.addOuterProduct(
                            rows: rows, delta: start(d) + here, input: start(a) + inputsStart,
                            list: start(list) + previous, count: count, into: start(gw) + weightOffsets[l - 1])
                    }
                }
            }
        }
    }

    /// Every δ of the loaded example, after `forward`: the output layer's from the cost, then each
    /// hidden layer's as (Σⱼ wⱼₖ·δⱼ)·g′(zₖ), the sum from 0 with j ascending as in `Network.hiddenError`.
    mutating func backward(_ network: PackedNetwork) {
        let last = sizes.count - 1
        let output = offsets[last], g = network.activations[last - 1]
        for j in 0..<sizes[last] {
            deltas[output + j] = network.cost.outputDelta(a: activations[output + j], y: target[j], activation: g)
        }
        guard last >= 2 else { return }
        network.rowMajor.withUnsafeBufferPointer { w in
            activations.withUnsafeBufferPointer { a in
                deltas.withUnsafeMutableBufferPointer { d in
                    backSum.withUnsafeMutableBufferPointer { s in
                        for l in stride(from: last - 1, through: 1, by: -1) {
                            let here = offsets[l], next = offsets[l + 1], columns = sizes[l]
                            LeanKernels.backpropagate(rows: sizes[l + 1], columns: columns,
                                                      weights: start(w) + weightOffsets[l],
                                                      delta: UnsafePointer(start(d) + next), into: start(s))
                            let g = network.activations[l - 1]
                            for k in 0..<columns { d[here + k] = s[k] * g.derivative(value: a[here + k]) }
                        }
                    }
                }
            }
        }
    }
}

extension Workspace {
    /// `forward` with the network packed for this one call (tests and one-off evaluations).
    @discardableResult
    public mutating func forward(_ network: Network) -> Double { forward(PackedNetwork(network)) }

    /// `accumulate` with the network packed for this one call (tests and one-off evaluations).
    @discardableResult
    public mutating func accumulate(_ network: Network) -> Double { accumulate(PackedNetwork(network)) }
}

/// The first element of a lean buffer. Lean buffers are never empty (every layer has a neuron).
@inline(__always)
func start<T>(_ buffer: UnsafeBufferPointer<T>) -> UnsafePointer<T> {
    guard let p = buffer.baseAddress else { preconditionFailure("lean buffers are never empty") }
    return p
}

@inline(__always)
func start<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> UnsafeMutablePointer<T> {
    guard let p = buffer.baseAddress else { preconditionFailure("lean buffers are never empty") }
    return p
}
