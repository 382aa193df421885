// Descent.swift — the gradient-descent update on the packed parameters, skipping what cannot change.

extension PackedNetwork {
    /// One gradient-descent step with the sums in `work` (Nielsen's `network2.py` update):
    /// w ← decay·w − step·Σ∂C/∂w and b ← b − step·Σ∂C/∂b, with decay = 1 − ηλ/n and step = η/m.
    ///
    /// If every new value is finite, they are kept, `work`'s sums are back at zero and the result
    /// is true; otherwise the parameters are restored as they were and the result is false (the
    /// sums are then undefined). When decay is exactly 1, the weights out of a neuron that was 0 in
    /// every example are skipped: their gradient sum is exactly 0, and 1·w − step·0 = w.
    mutating func descend(with work: inout Workspace, step: Double, decay: Double) -> Bool {
        let runs = ChangingRuns(network: self, touched: work.touched, everyRow: decay != 1)
        let biasRange = neuronOffsets[1]..<biases.count, biasesSavedAt = weights.count
        var check = LeanKernels.Vector(repeating: 0), checkTail = 0.0
        weights.withUnsafeMutableBufferPointer { w in
            work.weightSums.withUnsafeMutableBufferPointer { g in
                work.saved.withUnsafeMutableBufferPointer { saved in
                    for range in runs {
                        LeanKernels.descend(count: range.count, values: start(w) + range.lowerBound,
                                            sums: start(g) + range.lowerBound, saved: start(saved) + range.lowerBound,
                                            step: step, decay: decay, check: &check, checkTail: &checkTail)
                    }
                }
            }
        }
        biases.withUnsafeMutableBufferPointer { b in
            work.biasSums.withUnsafeMutableBufferPointer { g in
                work.saved.withUnsafeMutableBufferPointer { saved in
                    LeanKernels.descend(count: biasRange.count, values: start(b) + biasRange.lowerBound,
                                        sums: start(g) + biasRange.lowerBound,
                                        saved: start(saved) + biasesSavedAt + biasRange.lowerBound,
                                        step: step, decay: 1, check: &check, checkTail: &checkTail)
                }
            }
        }
        guard check.sum() + checkTail == 0 else {
            for range in runs { for i in range { weights[i] = work.saved[i] } }
            for i in biasRange { biases[i] = work.saved[biasesSavedAt + i] }
            return false
        }
        work.touched.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        refreshRowMajor()
        return true
    }
}

/// The runs of consecutive positions in `PackedNetwork.weights` an update may change: every weight
/// when `everyRow`, else the weights out of the neurons marked as touched (the weights out of one
/// neuron are stored together, as the layout is input by input). Iterating allocates nothing.
struct ChangingRuns: Sequence, IteratorProtocol {
    let sizes: [Int], neuronOffsets: [Int], weightOffsets: [Int]
    let touched: [Bool]
    let everyRow: Bool
    private var layer = 0, k = 0

    init(network: PackedNetwork, touched: [Bool], everyRow: Bool) {
        (sizes, neuronOffsets, weightOffsets) = (network.sizes, network.neuronOffsets, network.weightOffsets)
        self.touched = touched
        self.everyRow = everyRow
    }

    mutating func next() -> Range<Int>? {
        while layer < sizes.count - 1 {
            let n = sizes[layer], rows = sizes[layer + 1], first = neuronOffsets[layer], base = weightOffsets[layer]
            if everyRow { k = n }
            while k < n && !touched[first + k] { k += 1 }
            guard k < n else {
                let whole = everyRow ? base..<(base + n * rows) : nil
                (layer, k) = (layer + 1, 0)
                if let whole { return whole }
                continue
            }
            var end = k + 1
            while end < n && touched[first + end] { end += 1 }
            defer { k = end }
            return (base + k * rows)..<(base + end * rows)
        }
        return nil
    }
}
