/// How a batch's per-example costs and gradients become one.
public enum Reduction: String, CaseIterable, Sendable, Codable {
    /// C = (1/m)·Σₓ Cₓ and ∇C = (1/m)·Σₓ ∇Cₓ: 3Blue1Brown's average over examples, Nielsen's
    /// (1/m)Σ. The default.
    case mean
    /// C = Σₓ Cₓ and ∇C = Σₓ ∇Cₓ.
    case sum

    /// Σₓ, then for the mean the division by m: how every path reduces a batch.
    public func reduce(_ sum: Double, count m: Int) -> Double {
        self == .mean ? sum / Double(m) : sum
    }

    /// "the mean over 3 examples" or "the sum over 3 examples".
    public func describe(count m: Int) -> String {
        "the \(rawValue) over \(m) example\(m == 1 ? "" : "s")"
    }
}

/// Several examples taken at once, and how their costs and gradients combine. Never empty.
public struct Batch: Equatable, Sendable {
    /// The examples, in order.
    public let examples: [Example]
    /// How their costs and gradients combine.
    public let reduction: Reduction

    /// A batch of at least one example, all of the same input and target size (checked against a
    /// network by `Network.validate(_:)`).
    public init(_ examples: [Example], reduction: Reduction = .mean) throws(NetworkError) {
        guard let first = examples.first else { throw .exampleSize(what: "batch", expected: 1, found: 0) }
        for (i, e) in examples.enumerated() {
            guard e.input.count == first.input.count else {
                throw .exampleSize(what: "input of example \(i)", expected: first.input.count, found: e.input.count)
            }
            guard e.target.count == first.target.count else {
                throw .exampleSize(what: "target of example \(i)", expected: first.target.count, found: e.target.count)
            }
        }
        self.examples = examples
        self.reduction = reduction
    }

    /// One example as a batch of one.
    public init(_ example: Example) {
        examples = [example]
        reduction = .mean
    }

    /// How many examples: m.
    public var count: Int { examples.count }
}

/// One pass over a batch: each example's own trace, and their cost and gradient reduced.
///
/// 3Blue1Brown's picture: every example asks for its own nudges to every weight and bias; the
/// gradient of the average cost is the average of those requests.
public struct BatchTrace: Equatable, Sendable {
    /// Each example's full trace, in the order given.
    public let traces: [Trace]
    /// How the costs and gradients were combined.
    public let reduction: Reduction
    /// The reduced cost: (1/m) Σ Cₓ or Σ Cₓ.
    public let cost: Double
    /// The reduced gradient (1/m) Σ ∇Cₓ or Σ ∇Cₓ, summed in example order (then divided by m).
    public let gradient: Gradient
}

extension Network {
    /// Forward and backward passes for every example, with their mean cost and gradient. The set
    /// must not be empty. With a `bug`, every backward pass has it planted (the debugger's
    /// analytic pass; training uses `Workspace`, which never has one).
    public func batch(_ examples: [Example], bug: BackpropBug? = nil) throws(NetworkError) -> BatchTrace {
        try batch(Batch(examples), bug: bug)
    }

    /// Forward and backward passes for every example of `batch`, its cost and gradient reduced.
    public func batch(_ batch: Batch, bug: BackpropBug? = nil) throws(NetworkError) -> BatchTrace {
        var traces: [Trace] = []
        traces.reserveCapacity(batch.count)
        for example in batch.examples { traces.append(try trace(example, bug: bug)) }
        return ((bug as (any BackwardPieces)?) ?? CorrectBackward()).reduce(traces, batch.reduction, in: self)
    }

    /// The traces of a batch's examples with their cost and gradient reduced: summed in example
    /// order, then divided by m for the mean.
    public func reduce(_ traces: [Trace], _ reduction: Reduction) -> BatchTrace {
        var sum = Gradient(zeroFor: sizes)
        var cost = 0.0
        for t in traces {
            sum.add(t.gradient)
            cost += t.cost
        }
        if reduction == .mean { sum.divide(by: Double(traces.count)) }
        return BatchTrace(traces: traces, reduction: reduction, cost: reduction.reduce(cost, count: traces.count),
                          gradient: sum)
    }

    /// The mean cost J over a set of examples (forward passes only): what the gradient check's
    /// `CostProbe` computes faster, bit for bit.
    public func meanCost(_ examples: [Example]) -> Double {
        cost(of: examples, .mean)
    }

    /// The cost of a set of examples reduced (forward passes only), summed in example order.
    public func cost(of examples: [Example], _ reduction: Reduction) -> Double {
        var total = 0.0
        for example in examples { total += cost(example) }
        return reduction.reduce(total, count: examples.count)
    }
}
