/// Evaluates the batch cost J(θ) — the examples' costs summed in order, divided by m for the mean —
/// with one parameter changed, re-computing only what lies after it.
///
/// Changing a weight or bias of neuron j in layer l + 1 changes only z(l+1)j; every layer before
/// stays as the cached forward pass left it, and the layers after are recomputed from there. Each
/// value is computed by the same code, in the same order, as a full forward pass of the changed
/// network, so the result is the very number `Network.cost(of:_:)` gives — only much cheaper. A weight
/// whose input activation is 0 in every example cannot change J at all, so J is returned unchanged.
/// A probe allocates nothing: it copies the one changed layer into a scratch workspace, element by element.
public struct CostProbe: Sendable {
    let network: PackedNetwork
    /// One workspace per example, holding that example's unperturbed forward pass.
    var cached: [Workspace]
    /// The workspace each probe recomputes the changed layers in.
    var scratch: Workspace
    /// How the examples' costs combine.
    let reduction: Reduction
    /// The batch cost at the unperturbed parameters.
    public let baseCost: Double

    /// Runs and caches the forward pass of every example (at least one; each must fit the network).
    public init(network: Network, examples: [Example], reduction: Reduction = .mean) {
        precondition(!examples.isEmpty, "the gradient check validates its examples")
        let packed = PackedNetwork(network)
        self.network = packed
        var workspaces: [Workspace] = []
        var total = 0.0
        for e in examples {
            var w = Workspace(sizes: network.sizes)
            w.load(input: e.input, target: e.target)
            total += w.forward(packed)
            workspaces.append(w)
        }
        cached = workspaces
        scratch = Workspace(sizes: network.sizes)
        self.reduction = reduction
        baseCost = reduction.reduce(total, count: examples.count)
    }

    /// J with `parameter` set to `value` (every other parameter as in the network).
    public mutating func cost(with parameter: Parameter, at value: Double) -> Double {
        let l: Int, j: Int, changedInput: Int
        switch parameter {
        case let .weight(layer, row, k):
            (l, j, changedInput) = (layer, row, k)
            if cached.allSatisfy({ $0.activation(layer: layer, k) == 0 }) { return baseCost }
        case let .bias(layer, row):
            (l, j, changedInput) = (layer, row, -1)
        }
        let changed = l + 1, last = network.sizes.count - 1
        let here = network.neuronOffsets[changed], rows = network.sizes[changed]
        var total = 0.0
        for e in cached.indices {
            let z = weightedInput(layer: l, neuron: j, changedInput: changedInput, value: value, in: cached[e])
            // The changed layer: the cached values, with neuron j's replaced.
            for i in here..<(here + rows) {
                scratch.zs[i] = cached[e].zs[i]
                scratch.activations[i] = cached[e].activations[i]
            }
            scratch.zs[here + j] = z
            let g = network.activations[l]
            if g.isElementwise {
                scratch.activations[here + j] = g.value(z)
            } else {
                scratch.activate(layer: changed, g)   // softmax: every a of the layer moves with z
            }
            for i in 0..<network.sizes[last] { scratch.target[i] = cached[e].target[i] }
            if changed < last {
                scratch.indexNonzero(layer: changed)
                scratch.forward(network, from: changed + 1)
            }
            total += scratch.cost(network)
        }
        return reduction.reduce(total, count: cached.count)
    }

    /// z(l+1)j with weight k (or, for k = −1, the bias) replaced by `value`, summed exactly as
    /// `LeanKernels.weightedInputs` sums it: bias first, then the non-zero inputs in ascending order.
    private func weightedInput(layer l: Int, neuron j: Int, changedInput: Int, value: Double,
                               in w: Workspace) -> Double {
        let rows = network.sizes[l + 1], previous = network.neuronOffsets[l]
        var z = changedInput < 0 ? value : network.bias(layer: l, j: j)
        let count = w.nonzeroCount[l]
        network.weights.withUnsafeBufferPointer { weights in
            w.nonzero.withUnsafeBufferPointer { list in
                (l == 0 ? w.input : w.activations).withUnsafeBufferPointer { a in
                    let base = network.weightOffsets[l] + j, inputs = l == 0 ? 0 : previous
                    for i in previous..<(previous + count) {
                        let k = list[i]
                        let wk = k == changedInput ? value : weights[base + k * rows]
                        z += wk * a[inputs + k]
                    }
                }
            }
        }
        return z
    }
}

extension Workspace {
    /// Activation k of layer l after the last forward pass (the input for l = 0).
    func activation(layer l: Int, _ k: Int) -> Double {
        l == 0 ? input[k] : activations[offsets[l] + k]
    }
}
