/// The gradient sums are not cleared between the examples of a batch: each example's gradient is
/// added to what the ones before it left, and that running total is what gets added up, so example
/// i (from 0) counts m − i times: Σᵢ (m − i)·∇Cᵢ, then ÷ m for the mean. One example alone is right.
struct GradientsNotCleared: PlantedBug {
    let name = "gradients-not-cleared"
    let summary = "gradient sums not cleared between a batch's examples"
    let changesReduction = true

    func reduce(_ traces: [Trace], _ reduction: Reduction, in network: Network) -> BatchTrace {
        var running = Gradient(zeroFor: network.sizes), total = Gradient(zeroFor: network.sizes)
        var cost = 0.0
        for t in traces {
            running.add(t.gradient)   // never cleared
            total.add(running)
            cost += t.cost
        }
        if reduction == .mean { total.divide(by: Double(traces.count)) }
        return BatchTrace(traces: traces, reduction: reduction, cost: reduction.reduce(cost, count: traces.count), gradient: total)
    }
}

extension BackpropBug {
    /// Gradient sums not cleared between examples (`GradientsNotCleared`).
    public static let gradientsNotCleared = BackpropBug(GradientsNotCleared())
}
