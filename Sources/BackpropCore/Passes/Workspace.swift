/// The lean forward and backward pass used by training: the same formulas as `Stepper`, summed
/// in the same order, into buffers allocated once, with no per-example or per-neuron allocation.
/// `accumulate` adds one example's gradient to `sum`; tests check it equals `Network.batch` exactly.
public struct Workspace: Sendable {
    var z: [[Double]]
    var a: [[Double]]
    var delta: [[Double]]
    /// The sum of the gradients accumulated since the last `clear()`.
    public internal(set) var sum: Gradient
    var target: [Double]

    /// Buffers shaped for a network of these sizes.
    public init(sizes: [Int]) {
        z = sizes.map { Array(repeating: 0, count: $0) }
        a = z
        delta = z
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

    /// Runs the forward pass on `a[0]` (set by `load`) and returns the cost against `target`.
    @discardableResult
    public mutating func forward(_ network: Network) -> Double {
        let last = network.sizes.count - 1
        for l in 1...last {
            let w = network.weights[l - 1]
            let columns = w.columns
            let b = network.biases[l - 1]
            let g = network.activation
            a[l - 1].withUnsafeBufferPointer { previous in
                w.storage.withUnsafeBufferPointer { ws in
                    for j in 0..<w.rows {
                        var s = b[j]
                        let row = j * columns
                        for k in 0..<columns { s += ws[row + k] * previous[k] }
                        z[l][j] = s
                        a[l][j] = g.value(s)
                    }
                }
            }
        }
        return network.cost.value(z: z[last], a: a[last], y: target)
    }

    /// Loads example `i` of `source` into the input layer and target.
    public mutating func load(_ source: some ExampleSource, at i: Int) {
        source.fill(input: &a[0], target: &target, at: i)
    }

    /// Forward and backward pass for the loaded example, adding its gradient to `sum`;
    /// returns its cost.
    @discardableResult
    public mutating func accumulate(_ network: Network) -> Double {
        let cost = forward(network)
        let last = network.sizes.count - 1
        let g = network.activation
        for j in 0..<network.sizes[last] {
            delta[last][j] = network.cost.outputDelta(z: z[last][j], a: a[last][j], y: target[j], activation: g)
        }
        if last >= 2 {
            for l in stride(from: last - 1, through: 1, by: -1) {
                let w = network.weights[l]
                let columns = w.columns
                for k in 0..<columns {
                    var s = 0.0
                    for j in 0..<w.rows { s += w.storage[j * columns + k] * delta[l + 1][j] }
                    delta[l][k] = s * g.derivative(z[l][k])
                }
            }
        }
        for l in 1...last {
            let columns = network.sizes[l - 1]
            a[l - 1].withUnsafeBufferPointer { previous in
                sum.weights[l - 1].storage.withUnsafeMutableBufferPointer { gw in
                    for j in 0..<network.sizes[l] {
                        let d = delta[l][j]
                        sum.biases[l - 1][j] += d
                        let row = j * columns
                        for k in 0..<columns { gw[row + k] += previous[k] * d }
                    }
                }
            }
        }
        return cost
    }
}
