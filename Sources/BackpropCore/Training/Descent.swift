// Descent.swift — the gradient-descent update on the packed parameters, skipping what cannot change.

extension PackedNetwork {
    /// One gradient-descent step with the sums in `work` (Nielsen's `network2.py` update):
    /// w ← decay·w − step·Σ∂C/∂w and b ← b − step·Σ∂C/∂b, with decay = 1 − ηλ/n and step = η/m,
    /// in the weight layers `layers` (nil: all); the others keep their values exactly.
    ///
    /// If every new value is finite, they are kept, `work`'s sums are back at zero and the result
    /// is true; otherwise the parameters are restored as they were and the result is false (the
    /// sums are then undefined). When decay is exactly 1, the weights out of a neuron that was 0 in
    /// every example are skipped: their gradient sum is exactly 0, and 1·w − step·0 = w.
    mutating func descend(with work: inout Workspace, step: Double, decay: Double, layers: [Int]? = nil) -> Bool {
        let trained = (0..<(sizes.count - 1)).map { layers?.contains($0) ?? true }
        let runs = ChangingRuns(network: self, touched: work.touched, trained: trained, everyRow: decay != 1)
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
        // Biases of layer l + 1 for each trained weight layer l, saved after the weights.
        let biasesSavedAt = weights.count
        biases.withUnsafeMutableBufferPointer { b in
            work.biasSums.withUnsafeMutableBufferPointer { g in
                work.saved.withUnsafeMutableBufferPointer { saved in
                    for l in trained.indices where trained[l] {
                        let range = neuronOffsets[l + 1]..<neuronOffsets[l + 2]
                        LeanKernels.descend(count: range.count, values: start(b) + range.lowerBound,
                                            sums: start(g) + range.lowerBound,
                                            saved: start(saved) + biasesSavedAt + range.lowerBound,
                                            step: step, decay: 1, check: &check, checkTail: &checkTail)
                    }
                }
            }
        }
        guard check.sum() + checkTail == 0 else {
            for range in runs { for i in range { weights[i] = work.saved[i] } }
            for l in trained.indices where trained[l] {
                for i in neuronOffsets[l + 1]..<neuronOffsets[l + 2] { biases[i] = work.saved[biasesSavedAt + i] }
            }
            return false
        }
        // The sums of the layers left alone go back to zero too.
        for l in trained.indices where !trained[l] {
            for i in weightOffsets[l]..<weightOffsets[l + 1] { work.weightSums[i] = 0 }
            for i in neuronOffsets[l + 1]..<neuronOffsets[l + 2] { work.biasSums[i] = 0 }
        }
        work.touched.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        refreshRowMajor()
        return true
    }
}

/// The runs of consecutive positions in `PackedNetwork.weights` an update may change, in the
/// trained layers only: every weight when `everyRow`, else the weights out of the neurons marked as
/// touched (the weights out of one neuron are stored together, as the layout is input by input).
struct ChangingRuns: Sequence, IteratorProtocol {
    let sizes: [Int], neuronOffsets: [Int], weightOffsets: [Int]
    let touched: [Bool]
    /// For each weight layer, whether it is trained.
    let trained: [Bool]
    let everyRow: Bool
    private var layer = 0, k = 0

    init(network: PackedNetwork, touched: [Bool], trained: [Bool], everyRow: Bool) {
        (sizes, neuronOffsets, weightOffsets) = (network.sizes, network.neuronOffsets, network.weightOffsets)
        self.touched = touched
        self.trained = trained
        self.everyRow = everyRow
    }

    mutating func next() -> Range<Int>? {
        while layer < sizes.count - 1 {
            guard trained[layer] else { (layer, k) = (layer + 1, 0); continue }
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
