/// A network's parameters laid out for the lean path (`Workspace`, `CostProbe`, the trainer):
/// every layer's weights in one flat buffer, stored input by input, so that the weights from one
/// sending neuron k to all receiving neurons j sit side by side.
///
/// `Network.weights[l]` is row-major, (j, k) at j·columns + k, which suits one neuron's sum
/// zⱼ = bⱼ + Σₖ wⱼₖ·aₖ. Here entry (j, k) of layer l sits at `weightOffsets[l] + k·rows + j`,
/// which lets one pass over the inputs k update all zⱼ at once with vector instructions while each
/// zⱼ still receives its terms in the same order (bias first, then k ascending). The numbers are
/// the network's own, copied: `store(into:)` writes them back unchanged.
public struct PackedNetwork: Equatable, Sendable {
    /// Neurons per layer, input layer first.
    public let sizes: [Int]
    /// The network's activations, one per weight layer (`activations[l − 1]` for layer l).
    public let activations: [Activation]
    /// The network's cost.
    public let cost: Cost
    /// Every weight, layer after layer, each layer input by input (see the type's summary).
    var weights: [Double]
    /// Where layer l's weights start in `weights` (and in `rowMajor`); the last entry is the total.
    let weightOffsets: [Int]
    /// The weights of layers 1 and up once more, row-major as in `Network.weights`, for the
    /// backward pass, which sums across a row (layer 0's slots are unused: no δ goes back to the input).
    var rowMajor: [Double]
    /// Every bias, neuron after neuron: neuron j of layer l ≥ 1 at `neuronOffsets[l] + j`
    /// (layer 0 has no biases; its slots are unused zeros).
    var biases: [Double]
    /// Where layer l's neurons start in a flat per-neuron buffer; the last entry is the total.
    let neuronOffsets: [Int]

    /// The network's parameters, repacked (exact copies).
    public init(_ network: Network) {
        sizes = network.sizes
        activations = network.activations
        cost = network.cost
        (weightOffsets, neuronOffsets) = PackedNetwork.offsets(sizes)
        weights = Array(repeating: 0, count: weightOffsets[weightOffsets.count - 1])
        rowMajor = weights
        biases = Array(repeating: 0, count: neuronOffsets[neuronOffsets.count - 1])
        load(network)
    }

    /// Offsets of each weight layer (plus the total) and of each layer's neurons (plus the total).
    static func offsets(_ sizes: [Int]) -> (weights: [Int], neurons: [Int]) {
        var weights = [0], neurons = [0]
        for l in sizes.indices {
            neurons.append(neurons[l] + sizes[l])
            if l + 1 < sizes.count { weights.append(weights[l] + sizes[l] * sizes[l + 1]) }
        }
        return (weights, neurons)
    }

    /// Copies the parameters of `network` (same sizes) into this layout.
    mutating func load(_ network: Network) {
        precondition(network.sizes == sizes, "packed networks are made for one shape")
        for l in 0..<(sizes.count - 1) {
            let rows = sizes[l + 1], columns = sizes[l], base = weightOffsets[l]
            network.weights[l].storage.withUnsafeBufferPointer { w in
                weights.withUnsafeMutableBufferPointer { packed in
                    for j in 0..<rows {
                        for k in 0..<columns { packed[base + k * rows + j] = w[j * columns + k] }
                    }
                }
            }
            for j in 0..<rows { biases[neuronOffsets[l + 1] + j] = network.biases[l][j] }
        }
        refreshRowMajor()
    }

    /// Copies the weights of layers 1 and up into `rowMajor` (after they changed).
    mutating func refreshRowMajor() {
        for l in 1..<max(1, sizes.count - 1) {
            let rows = sizes[l + 1], columns = sizes[l], base = weightOffsets[l]
            weights.withUnsafeBufferPointer { packed in
                rowMajor.withUnsafeMutableBufferPointer { w in
                    for j in 0..<rows {
                        for k in 0..<columns { w[base + j * columns + k] = packed[base + k * rows + j] }
                    }
                }
            }
        }
    }

    /// The parameters written back into `network` (same sizes), exactly.
    func store(into network: inout Network) {
        precondition(network.sizes == sizes, "packed networks are made for one shape")
        for l in 0..<(sizes.count - 1) {
            let rows = sizes[l + 1], columns = sizes[l], base = weightOffsets[l]
            weights.withUnsafeBufferPointer { packed in
                network.weights[l].storage.withUnsafeMutableBufferPointer { w in
                    for j in 0..<rows {
                        for k in 0..<columns { w[j * columns + k] = packed[base + k * rows + j] }
                    }
                }
            }
            for j in 0..<rows { network.biases[l][j] = biases[neuronOffsets[l + 1] + j] }
        }
    }

    /// Weight (j, k) of layer l (from neuron k of layer l to neuron j of layer l + 1).
    func weight(layer l: Int, j: Int, k: Int) -> Double {
        weights[weightOffsets[l] + k * sizes[l + 1] + j]
    }

    /// The bias of neuron j of layer l + 1.
    func bias(layer l: Int, j: Int) -> Double {
        biases[neuronOffsets[l + 1] + j]
    }
}
