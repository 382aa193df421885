/// One pass over a set of examples: each example's own trace, and their average.
///
/// 3Blue1Brown's picture: every example asks for its own nudges to every weight and bias; the
/// gradient of the average cost is the average of those requests.
public struct BatchTrace: Equatable, Sendable {
    /// Each example's full trace, in the order given.
    public let traces: [Trace]
    /// The mean cost (1/n) Σ Cₓ.
    public let cost: Double
    /// The mean gradient (1/n) Σ ∇Cₓ, summed in example order and then divided by n.
    public let gradient: Gradient
}

extension Network {
    /// Forward and backward passes for every example, with their average cost and gradient.
    /// The set must not be empty. With a `bug`, every backward pass has it planted (the debugger's
    /// analytic pass; training uses `Workspace`, which never has one).
    public func batch(_ examples: [Example], bug: BackpropBug? = nil) throws(NetworkError) -> BatchTrace {
        guard !examples.isEmpty else { throw .exampleSize(what: "example set", expected: 1, found: 0) }
        var traces: [Trace] = []
        traces.reserveCapacity(examples.count)
        var sum = Gradient(zeroFor: sizes)
        var cost = 0.0
        for example in examples {
            let t = try trace(example, bug: bug)
            sum.add(t.gradient)
            cost += t.cost
            traces.append(t)
        }
        let n = Double(examples.count)
        sum.divide(by: n)
        return BatchTrace(traces: traces, cost: cost / n, gradient: sum)
    }

    /// The mean cost J over a set of examples (forward passes only): what the gradient check's
    /// `CostProbe` computes faster, bit for bit.
    public func meanCost(_ examples: [Example]) -> Double {
        var total = 0.0
        for example in examples { total += cost(example) }
        return total / Double(examples.count)
    }
}
