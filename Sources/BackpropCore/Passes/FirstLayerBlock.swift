// FirstLayerBlock.swift — the mini-batch path of the trainer: layer 1 input by input over a block
// of examples, the rest example by example, with the very numbers of `Workspace.accumulate`.

/// Scratch for `Workspace.accumulate(_:examples:at:block:)`: a block of examples' non-zero inputs,
/// sorted by input (pixel), and their layer-1 values z(1) and δ(1), example after example.
///
/// Why: one example at a time, every non-zero input k reads the 16 weights out of k and
/// read-modify-writes their 16 gradient sums. For MNIST's 784-16 first layer both tables are
/// 100 KB, more than the first-level cache, so each example streams them through it again and
/// memory traffic, not arithmetic, sets the pace. Taken input by input over a block of examples,
/// each weight column is read once and each gradient column read and written once per block,
/// while the block's z(1) and δ(1) (128 × 16 values, 16 KB) stay in the first-level cache.
///
/// The sums are the same, term for term and in the same order: every z(1)ⱼ of an example still
/// gets its bias first and then its terms with k ascending (the inputs are visited in that order),
/// and every gradient sum still gets its examples' terms in the order they were given (each
/// input's list runs through the block's examples in order, and blocks follow one another).
struct FirstLayerBlock: Sendable {
    /// Most examples in one block: enough to reuse each weight column many times, few enough that
    /// the block's z(1) stays within 16 KB and its input lists within about 3 MB.
    let capacity: Int
    /// Neurons in the input layer, in layer 1 and in the output layer.
    let inputs: Int, rows: Int, outputs: Int
    /// Examples in the block being processed.
    var count = 0
    /// z(1) of the block's examples, then their δ(1): example b's neuron j at b·rows + j.
    var z: [Double]
    var delta: [Double]
    /// The targets of the block's examples, example b's at b·outputs.
    var targets: [Double]
    /// The non-zero inputs example by example as gathered: example b's are the entries
    /// `exampleStart[b]..<exampleStart[b + 1]` of `gatheredInput` (k) and `gatheredValue` (xₖ).
    var exampleStart: [Int]
    var gatheredInput: [Int32]
    var gatheredValue: [Double]
    /// The same entries input by input: input k's are `inputStart[k]..<inputStart[k + 1]` of
    /// `example` (b, ascending) and `value` (xₖ of example b).
    var inputStart: [Int]
    var example: [Int32]
    var value: [Double]

    /// Buffers for a network of these sizes, allocated once for a whole training run; `capacity`
    /// (examples per block) is for tests, which split mini-batches into several blocks.
    init(sizes: [Int], capacity: Int? = nil) {
        precondition(sizes.count >= 2, "a network has an input and an output layer")
        inputs = sizes[0]
        rows = sizes[1]
        outputs = sizes[sizes.count - 1]
        self.capacity = capacity ?? max(1, min(2048 / rows, 131_072 / inputs))
        z = Array(repeating: 0, count: self.capacity * rows)
        delta = z
        targets = Array(repeating: 0, count: self.capacity * outputs)
        exampleStart = Array(repeating: 0, count: self.capacity + 1)
        gatheredInput = Array(repeating: 0, count: self.capacity * inputs)
        gatheredValue = Array(repeating: 0, count: self.capacity * inputs)
        inputStart = Array(repeating: 0, count: inputs + 1)
        example = gatheredInput
        value = gatheredValue
    }

    /// Sorts the gathered entries input by input (a counting sort, stable: each input's list keeps
    /// the examples in block order). `inputStart[k + 1]` holds input k's count on entry.
    mutating func sortByInput() {
        inputStart.withUnsafeMutableBufferPointer { start in
            for k in 0..<inputs { start[k + 1] += start[k] }
            // Walking the examples in order and placing each entry at its input's next free slot;
            // `start[k]` serves as that slot and ends at input k's end, i.e. input k + 1's start.
            exampleStart.withUnsafeBufferPointer { first in
                gatheredInput.withUnsafeBufferPointer { input in
                    gatheredValue.withUnsafeBufferPointer { gathered in
                        example.withUnsafeMutableBufferPointer { example in
                            value.withUnsafeMutableBufferPointer { value in
                                for b in 0..<count {
                                    for e in first[b]..<first[b + 1] {
                                        let k = Int(input[e]), slot = start[k]
                                        example[slot] = Int32(truncatingIfNeeded: b)
                                        value[slot] = gathered[e]
                                        start[k] = slot + 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Shift back: input k's list starts where input k − 1's ended.
            for k in stride(from: inputs, to: 0, by: -1) { start[k] = start[k - 1] }
            start[0] = 0
        }
    }
}

extension Workspace {
    /// Forward and backward passes for examples `indices` of `source`, in that order, adding their
    /// gradients to the sums; returns the sum of their costs, added in that order. The sums, the
    /// touched marks and the returned cost are bit for bit those of `load` then `accumulate` for
    /// each example in turn (tests check it); layer 1 is done input by input over blocks of
    /// examples (see `FirstLayerBlock`). Afterwards the workspace holds the last example's values
    /// of layers 1 and up, but not its input.
    mutating func accumulate(_ network: PackedNetwork, examples source: some ExampleSource,
                             at indices: ArraySlice<Int>, block: inout FirstLayerBlock) -> Double {
        precondition(block.inputs == sizes[0] && block.rows == sizes[1] && block.outputs == target.count,
                     "a block is made for one network shape")
        var total = 0.0
        var first = indices.startIndex
        while first < indices.endIndex {
            let end = min(first + block.capacity, indices.endIndex)
            gather(source, at: indices[first..<end], into: &block)
            forwardFirstLayer(network, block: &block)
            for b in 0..<block.count { total += finishExample(b, network, block: &block) }
            addFirstLayerGradient(block)
            first = end
        }
        return total
    }

    /// Loads each example of the block, keeping its target and its non-zero inputs, then sorts
    /// those input by input.
    private mutating func gather(_ source: some ExampleSource, at indices: ArraySlice<Int>,
                                 into block: inout FirstLayerBlock) {
        block.count = indices.count
        block.inputStart.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var entries = 0
        for (b, i) in indices.enumerated() {
            load(source, at: i)
            block.exampleStart[b] = entries
            for j in 0..<target.count { block.targets[b * block.outputs + j] = target[j] }
            input.withUnsafeBufferPointer { x in
                nonzero.withUnsafeBufferPointer { list in
                    block.gatheredInput.withUnsafeMutableBufferPointer { gathered in
                        block.gatheredValue.withUnsafeMutableBufferPointer { values in
                            block.inputStart.withUnsafeMutableBufferPointer { counts in
                                for q in 0..<nonzeroCount[0] {
                                    let k = list[q]
                                    gathered[entries + q] = Int32(truncatingIfNeeded: k)
                                    values[entries + q] = x[k]
                                    counts[k + 1] += 1
                                }
                            }
                        }
                    }
                }
            }
            entries += nonzeroCount[0]
        }
        block.exampleStart[block.count] = entries
        block.sortByInput()
    }

    /// z(1) of every example of the block: the biases, then for k ascending the weights out of
    /// input k times each listed example's xₖ — the terms of each sum in `forward`'s order.
    private func forwardFirstLayer(_ network: PackedNetwork, block: inout FirstLayerBlock) {
        let rows = block.rows, inputs = block.inputs
        network.weights.withUnsafeBufferPointer { w in
            network.biases.withUnsafeBufferPointer { biases in
                block.inputStart.withUnsafeBufferPointer { list in
                    block.example.withUnsafeBufferPointer { example in
                        block.value.withUnsafeBufferPointer { value in
                            block.z.withUnsafeMutableBufferPointer { z in
                                let bias = start(biases) + offsets[1]
                                for b in 0..<block.count {
                                    for j in 0..<rows { z[b * rows + j] = bias[j] }
                                }
                                for k in 0..<inputs where list[k] < list[k + 1] {
                                    LeanKernels.addColumn(rows: rows, weights: start(w) + weightOffsets[0] + k * rows,
                                                          examples: start(example) + list[k],
                                                          values: start(value) + list[k],
                                                          count: list[k + 1] - list[k], into: start(z))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Example b of the block from its z(1) on: layer 1's activations, the later layers, the cost,
    /// every δ, and the gradient sums of everything but layer 1's weights; keeps its δ(1) in the
    /// block. Returns its cost.
    private mutating func finishExample(_ b: Int, _ network: PackedNetwork, block: inout FirstLayerBlock) -> Double {
        let rows = block.rows, here = offsets[1], g = network.activation
        for j in 0..<rows {
            let z = block.z[b * rows + j]
            zs[here + j] = z
            activations[here + j] = g.value(z)
        }
        indexNonzero(layer: 1)
        for j in 0..<target.count { target[j] = block.targets[b * block.outputs + j] }
        forward(network, from: 2)
        let cost = cost(network)
        backward(network)
        addGradient(weightsFrom: 2)
        for j in 0..<rows { block.delta[b * rows + j] = deltas[here + j] }
        return cost
    }

    /// Adds xₖ·δ(1) of every listed example to the gradient sums of the weights out of each input
    /// k, the examples in block order, and marks those inputs as touched.
    private mutating func addFirstLayerGradient(_ block: FirstLayerBlock) {
        let rows = block.rows
        block.inputStart.withUnsafeBufferPointer { list in
            block.example.withUnsafeBufferPointer { example in
                block.value.withUnsafeBufferPointer { value in
                    block.delta.withUnsafeBufferPointer { delta in
                        weightSums.withUnsafeMutableBufferPointer { gw in
                            touched.withUnsafeMutableBufferPointer { touched in
                                for k in 0..<block.inputs where list[k] < list[k + 1] {
                                    touched[k] = true
                                    LeanKernels.addColumnGradient(rows: rows, deltas: start(delta),
                                                                  examples: start(example) + list[k],
                                                                  values: start(value) + list[k],
                                                                  count: list[k + 1] - list[k],
                                                                  into: start(gw) + weightOffsets[0] + k * rows)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
