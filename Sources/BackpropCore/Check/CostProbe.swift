/// Evaluates the mean cost J(θ) with one parameter changed, re-computing only what lies after it.
///
/// Changing a weight or bias of neuron j in layer l + 1 changes only z(l+1)j; every layer before
/// stays as the cached forward pass left it, and the layers after are recomputed from there. Each
/// value is computed by the same code, in the same order, as a full forward pass of the changed
/// network, so the result is the very number `Network.meanCost` gives — only much cheaper. A weight
/// whose input activation is 0 in every example cannot change J at all, so J is returned unchanged.
public struct CostProbe: Sendable {
    let network: Network
    /// One workspace per example, holding that example's unperturbed forward pass.
    var cached: [Workspace]
    /// Scratch workspaces the probes write into.
    var scratch: [Workspace]
    /// The mean cost at the unperturbed parameters.
    public let baseCost: Double

    /// Runs and caches the forward pass of every example (at least one).
    public init(network: Network, examples: [Example]) {
        self.network = network
        var workspaces: [Workspace] = []
        var total = 0.0
        for e in examples {
            var w = Workspace(sizes: network.sizes)
            w.load(input: e.input, target: e.target)
            total += w.forward(network)
            workspaces.append(w)
        }
        cached = workspaces
        scratch = workspaces
        baseCost = total / Double(examples.count)
    }

    /// J with `parameter` set to `value` (every other parameter as in the network).
    public mutating func cost(with parameter: Parameter, at value: Double) -> Double {
        let l: Int, j: Int
        switch parameter {
        case let .weight(layer, row, k):
            l = layer; j = row
            if cached.allSatisfy({ $0.a[layer][k] == 0 }) { return baseCost }
        case let .bias(layer, row):
            l = layer; j = row
        }
        let last = network.sizes.count - 1
        var total = 0.0
        for e in cached.indices {
            // Restore the layers the previous probe overwrote, then change neuron j of layer l + 1.
            for m in (l + 1)...last {
                scratch[e].z[m] = cached[e].z[m]
                scratch[e].a[m] = cached[e].a[m]
            }
            let z = weightedInput(l: l, j: j, parameter: parameter, value: value, workspace: cached[e])
            scratch[e].z[l + 1][j] = z
            scratch[e].a[l + 1][j] = network.activation.value(z)
            scratch[e].forward(network, from: l + 2)
            total += network.cost.value(z: scratch[e].z[last], a: scratch[e].a[last], y: scratch[e].target)
        }
        return total / Double(cached.count)
    }

    /// z(l+1)j with one of its own parameters replaced, summed exactly as `Workspace.weightedInputs` does.
    private func weightedInput(l: Int, j: Int, parameter: Parameter, value: Double, workspace w: Workspace) -> Double {
        let weights = network.weights[l]
        var z = network.biases[l][j]
        var changedColumn = -1
        if case .bias = parameter { z = value }
        if case let .weight(_, _, k) = parameter { changedColumn = k }
        let columns = weights.columns
        let input = w.a[l]
        let list = w.nonzero[l]
        for i in 0..<w.nonzeroCount[l] {
            let k = list[i]
            let wk = k == changedColumn ? value : weights.storage[j * columns + k]
            z += wk * input[k]
        }
        return z
    }
}
