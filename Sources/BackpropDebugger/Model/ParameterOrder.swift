import BackpropCore

extension Network {
    /// Every parameter in the order the lectures write them: layer by layer, and in each layer row by
    /// row (one row per receiving neuron), the bias first (Ng's column 0) and then the weights.
    var parametersRowByRow: [Parameter] {
        var all: [Parameter] = []
        all.reserveCapacity(parameterCount)
        for l in 0..<(sizes.count - 1) {
            for j in 0..<sizes[l + 1] {
                all.append(.bias(layer: l, j: j))
                for k in 0..<sizes[l] { all.append(.weight(layer: l, j: j, k: k)) }
            }
        }
        return all
    }
}
