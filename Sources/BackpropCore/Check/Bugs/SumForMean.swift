/// The batch's gradient is the sum of its examples' where the mean was meant: every component m
/// times too large (the cost, the mean, stays right). Nothing changes for a batch whose reduction
/// is the sum, or for one example.
struct SumForMean: PlantedBug {
    let name = "sum-for-mean"
    let summary = "a batch's gradient summed where the mean was meant (m times too large)"
    let changesReduction = true

    func reduce(_ traces: [Trace], _ reduction: Reduction, in network: Network) -> BatchTrace {
        let correct = network.reduce(traces, reduction)
        guard reduction == .mean else { return correct }
        return BatchTrace(traces: traces, reduction: reduction, cost: correct.cost,
                          gradient: network.reduce(traces, .sum).gradient)
    }
}

extension BackpropBug {
    /// The sum where the mean was meant (`SumForMean`).
    public static let sumForMean = BackpropBug(SumForMean())
}
