/// The lean forward and backward pass used by training, evaluation and the gradient check: the
/// same formulas as `Stepper`, with every sum taken in the same order, into buffers allocated once —
/// no allocation per example or per neuron.
///
/// Speed comes from two exact shortcuts, not from changing the arithmetic:
/// - a term w·a with a = 0 is skipped: adding w·0 = ±0 to a sum leaves it unchanged, and MNIST
///   inputs are about 80 % zeros, so layer 1 costs a fifth of its dense price;
/// - loops run over contiguous memory where the order of a sum does not depend on it.
/// `accumulate` adds one example's gradient to `sum`; tests check it equals `Network.batch`.
///
/// It never has a `BackpropBug` planted: bugs live only in the debugger's `Stepper`, so training,
/// evaluation, the benchmark and the gradient check's J(θ ± ε) always use the correct pass.
public struct Workspace: Sendable {
    var z: [[Double]]
    var a: [[Double]]
    var delta: [[Double]]
    /// Positions of the non-zero activations of each layer (filled during `forward`).
    var nonzero: [[Int]]
    var nonzeroCount: [Int]
    /// Scratch for a hidden layer's Σⱼ w·δ.
    var backSum: [Double]
    /// The sum of the gradients accumulated since the last `clear()`.
    public internal(set) var sum: Gradient
    var target: [Double]

    /// Buffers shaped for a network of these sizes.
    public init(sizes: [Int]) {
        z = sizes.map { Array(repeating: 0, count: $0) }
        a = z
        delta = z
        nonzero = sizes.map { Array(repeating: 0, count: $0) }
        nonzeroCount = Array(repeating: 0, count: sizes.count)
        backSum = Array(repeating: 0, count: sizes.max() ?? 0)
        sum = Gradient(zeroFor: sizes)
        target = Array(repeating: 0, count: sizes[sizes.count - 1])
    }

    /// Sets the gradient sum back to zero.
    public mutating func clear() {
        for l in sum.weights.indices {
            sum.weights[l].storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            sum.biases[l].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }

    /// The output activations after the last `forward`.
    public var output: [Double] { a[a.count - 1] }

    /// Loads example `i` of `source` into the input layer and target.
    public mutating func load(_ source: some ExampleSource, at i: Int) {
        source.fill(input: &a[0], target: &target, at: i)
    }

    /// Loads an input and target given as arrays (sizes must match the network).
    public mutating func load(input: [Double], target: [Double]) {
        a[0] = input
        self.target = target
    }

    /// Runs the forward pass on the loaded input and returns the cost against the loaded target.
    @discardableResult
    public mutating func forward(_ network: Network) -> Double {
        forward(network, from: 1)
        let last = network.sizes.count - 1
        return network.cost.value(z: z[last], a: a[last], y: target)
    }

    /// Recomputes layers `first…L` from the activations of layer `first − 1`.
    mutating func forward(_ network: Network, from first: Int) {
        let last = network.sizes.count - 1
        guard first <= last else { return }
        for l in first...last {
            indexNonzero(layer: l - 1)
            Workspace.weightedInputs(weights: network.weights[l - 1], biases: network.biases[l - 1],
                                     input: a[l - 1], nonzero: nonzero[l - 1], nonzeroCount: nonzeroCount[l - 1],
                                     into: &z[l])
            let g = network.activation
            let n = network.sizes[l]
            z[l].withUnsafeBufferPointer { zs in
                a[l].withUnsafeMutableBufferPointer { out in
                    for j in 0..<n { out[j] = g.value(zs[j]) }
                }
            }
        }
    }

    /// Lists the positions of layer `l`'s non-zero activations.
    mutating func indexNonzero(layer l: Int) {
        var count = 0
        a[l].withUnsafeBufferPointer { values in
            nonzero[l].withUnsafeMutableBufferPointer { list in
                for k in 0..<values.count where values[k] != 0 {
                    list[count] = k
                    count += 1
                }
            }
        }
        nonzeroCount[l] = count
    }

    /// zⱼ = bⱼ + Σₖ wⱼₖ·aₖ for every j, each sum in `Network.weightedInput`'s order (bias first,
    /// then k ascending), skipping the terms whose aₖ is 0. The k loop is outside so the j loop
    /// keeps one running sum per neuron.
    static func weightedInputs(weights w: Matrix, biases: [Double], input: [Double], nonzero: [Int],
                               nonzeroCount: Int, into z: inout [Double]) {
        let rows = w.rows, columns = w.columns
        z.withUnsafeMutableBufferPointer { zs in
            biases.withUnsafeBufferPointer { b in
                for j in 0..<rows { zs[j] = b[j] }
            }
            w.storage.withUnsafeBufferPointer { ws in
                input.withUnsafeBufferPointer { x in
                    nonzero.withUnsafeBufferPointer { nz in
                        for i in 0..<nonzeroCount {
                            let k = nz[i]
                            let xk = x[k]
                            var p = k
                            for j in 0..<rows {
                                zs[j] += ws[p] * xk
                                p += columns
                            }
                        }
                    }
                }
            }
        }
    }

    /// Forward and backward pass for the loaded example, adding its gradient to `sum`;
    /// returns its cost.
    @discardableResult
    public mutating func accumulate(_ network: Network) -> Double {
        let cost = forward(network)
        backward(network)
        let last = network.sizes.count - 1
        for l in 1...last {
            let columns = network.sizes[l - 1]
            let rows = network.sizes[l]
            let count = nonzeroCount[l - 1]
            a[l - 1].withUnsafeBufferPointer { previous in
                nonzero[l - 1].withUnsafeBufferPointer { nz in
                    delta[l].withUnsafeBufferPointer { d in
                        sum.biases[l - 1].withUnsafeMutableBufferPointer { gb in
                            sum.weights[l - 1].storage.withUnsafeMutableBufferPointer { gw in
                                for j in 0..<rows {
                                    let dj = d[j]
                                    gb[j] += dj
                                    let row = j * columns
                                    if count == columns {
                                        for k in 0..<columns { gw[row + k] += previous[k] * dj }
                                    } else {
                                        for i in 0..<count {
                                            let k = nz[i]
                                            gw[row + k] += previous[k] * dj
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return cost
    }

    /// Every δ of the loaded example, after `forward`: the output layer's from the cost, then each
    /// hidden layer's as (Σⱼ wⱼₖ·δⱼ)·g′(zₖ), the sum from 0 with j ascending as in `Stepper`.
    mutating func backward(_ network: Network) {
        let last = network.sizes.count - 1
        let g = network.activation
        for j in 0..<network.sizes[last] {
            delta[last][j] = network.cost.outputDelta(z: z[last][j], a: a[last][j], y: target[j], activation: g)
        }
        guard last >= 2 else { return }
        for l in stride(from: last - 1, through: 1, by: -1) {
            let w = network.weights[l]
            let columns = w.columns, rows = w.rows
            backSum.withUnsafeMutableBufferPointer { s in
                for k in 0..<columns { s[k] = 0 }
                w.storage.withUnsafeBufferPointer { ws in
                    delta[l + 1].withUnsafeBufferPointer { next in
                        for j in 0..<rows {
                            let dj = next[j]
                            let row = j * columns
                            for k in 0..<columns { s[k] += ws[row + k] * dj }
                        }
                    }
                }
                z[l].withUnsafeBufferPointer { zs in
                    delta[l].withUnsafeMutableBufferPointer { d in
                        for k in 0..<columns { d[k] = s[k] * g.derivative(zs[k]) }
                    }
                }
            }
        }
    }
}
