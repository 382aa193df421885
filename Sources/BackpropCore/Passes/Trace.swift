/// Every number of one example's forward and backward pass, layer by layer.
///
/// Layers are indexed from 0 (input). The input layer has no weighted input and no δ, so
/// `z[0]` and `delta[0]` are empty. A `Trace` being filled by a `Stepper` holds 0 for each value
/// not computed yet; `Stepper.isComputed` says which are.
public struct Trace: Equatable, Sendable {
    /// The example fed in.
    public let example: Example
    /// z(l)j, the weighted input of neuron j in layer l ≥ 1.
    public internal(set) var z: [[Double]]
    /// a(l)j = g(z(l)j); a(0) is the input x.
    public internal(set) var a: [[Double]]
    /// δ(l)j = ∂C/∂z(l)j, the "error" of neuron j in layer l ≥ 1.
    public internal(set) var delta: [[Double]]
    /// ∂C/∂a(l)j for l ≥ 1: for the output layer the cost's own slope, for a hidden layer the
    /// next layer's δs sent back through the weights (3Blue1Brown's summed "desires", negated).
    public internal(set) var activationGradient: [[Double]]
    /// ∂C/∂w and ∂C/∂b for this one example.
    public internal(set) var gradient: Gradient
    /// C for this one example.
    public internal(set) var cost: Double

    /// A trace with the input in place and every other value 0, shaped for `sizes`.
    init(example: Example, sizes: [Int]) {
        self.example = example
        let zeros = sizes.enumerated().map { l, n in Array(repeating: 0.0, count: l == 0 ? 0 : n) }
        z = zeros
        a = [example.input] + zeros.dropFirst()
        delta = zeros
        activationGradient = zeros
        gradient = Gradient(zeroFor: sizes)
        cost = 0
    }

    /// The network's output activations a(L).
    public var output: [Double] { a[a.count - 1] }

    /// δ(l)j: how much the cost changes per unit change of z(l)j. Identical to the value the
    /// trainer uses for this example.
    public func delta(layer l: Int, neuron j: Int) -> Double { delta[l][j] }
}

extension Network {
    /// The whole forward and backward pass for one example, every value recorded, computed by a
    /// `Stepper` stepped to the end — with `bug` planted in the backward pass when one is given (the
    /// debugger's analytic pass only). Without a bug it is `backprop(_:)`, bit for bit.
    public func trace(_ example: Example, bug: BackpropBug? = nil) throws(NetworkError) -> Trace {
        var stepper = try Stepper(network: self, example: example, bug: bug)
        stepper.run()
        return stepper.trace
    }
}

extension Trace {
    /// The first step, in stepping order (`Network.schedule`), whose values are not all finite: the
    /// first z or a that overflowed to ±∞ or became NaN, else the cost, a δ, a gradient row; nil
    /// when every value of the pass is finite. Past that step the pass means nothing, and neither
    /// does comparing backprop's gradient with finite differences.
    ///
    /// A value that underflowed to 0 is finite and is not such a step. ∂C/∂a is not looked at on
    /// its own: where it feeds δ (δ = ∂C/∂a·g′(z)), a non-finite one makes δ ±∞ or NaN too; where
    /// the cost cancels g′ (δ = a − y) it feeds nothing, and log-likelihood's −1/a_y is −∞ when a_y
    /// underflows to 0 while C (taken from z) and δ stay finite.
    public func firstNonFiniteStep(schedule: [Step]) -> Step? {
        schedule.first { step in
            switch step {
            case let .forward(l, j): !z[l][j].isFinite || !a[l][j].isFinite
            case .cost: !cost.isFinite
            case let .delta(l, j): !delta[l][j].isFinite
            case let .gradient(l, j):
                !gradient.biases[l - 1][j].isFinite || !gradient.weights[l - 1].row(j).allSatisfy(\.isFinite)
            }
        }
    }
}
