/// Computes one example's pass one step at a time, in the order a debugger steps, and can undo
/// each step exactly.
///
/// After `n` steps, the first `n` entries of `network.schedule` are computed and every other value
/// of `trace` is 0. Running to the end without a bug gives the same `Trace`, bit for bit, as
/// `Network.backprop(_:)`.
///
/// Each step uses the reference pass's formulas (`Network.backprop`). A stepper made with a `bug`
/// asks the bug for the pieces of the backward pass instead (`BackwardPieces`): the bug replaces its
/// one piece where it applies, the forward pass and the cost stay correct. This is the only place a
/// bug lives: the debugger's analytic pass. The lean `Workspace` path used by training and by the
/// gradient check's cost evaluations is never affected.
public struct Stepper: Equatable, Sendable {
    /// The network being stepped through.
    public let network: Network
    /// The bug planted in the backward pass, or nil for the correct one.
    public let bug: BackpropBug?
    /// The values computed so far.
    public private(set) var trace: Trace
    /// Every step, in order.
    public let schedule: [Step]
    /// How many steps have been taken.
    public private(set) var position: Int = 0

    /// A stepper at the start of the pass (only the input layer known), with an optional bug
    /// planted in its backward pass.
    public init(network: Network, example: Example, bug: BackpropBug? = nil) throws(NetworkError) {
        try network.validate(example)
        self.network = network
        self.bug = bug
        self.trace = Trace(example: example, sizes: network.sizes)
        self.schedule = network.schedule
    }

    /// The step `step()` would take, or nil at the end.
    public var next: Step? { position < schedule.count ? schedule[position] : nil }
    /// The last step taken, or nil at the start.
    public var last: Step? { position > 0 ? schedule[position - 1] : nil }
    /// Whether every step has been taken.
    public var isFinished: Bool { position == schedule.count }

    /// Takes the next step and returns it, or returns nil at the end.
    @discardableResult
    public mutating func step() -> Step? {
        guard let step = next else { return nil }
        apply(step)
        position += 1
        return step
    }

    /// Takes every remaining step.
    public mutating func run() {
        while step() != nil {}
    }

    /// Undoes the last step, returning it; the state is then identical to never having taken it.
    @discardableResult
    public mutating func back() -> Step? {
        guard let step = last else { return nil }
        position -= 1
        clear(step)
        return step
    }

    /// Whether a step has been taken (so the values it computes are known).
    public func isComputed(_ step: Step) -> Bool {
        guard let p = network.position(of: step) else { return false }
        return p < position
    }

    /// Computes one step's values with the reference pass's formulas (`Network.backprop`), the
    /// backward pieces taken from the planted bug when there is one.
    private mutating func apply(_ step: Step) {
        let n = network
        let backward: any BackwardPieces = bug ?? CorrectBackward()
        switch step {
        case let .forward(l, j):
            let z = n.weightedInput(layer: l, neuron: j, previous: trace.a[l - 1])
            trace.z[l][j] = z
            trace.a[l][j] = n.activation(layer: l, neuron: j, z: z, previous: trace.a[l - 1])
        case .cost:
            let last = n.outputLayer
            trace.cost = n.cost.value(z: trace.z[last], a: trace.a[last], y: trace.example.target)
        case let .delta(l, j):
            let error = l == n.outputLayer
                ? backward.outputError(in: n, trace, neuron: j)
                : backward.hiddenError(in: n, trace, layer: l, neuron: j)
            trace.activationGradient[l][j] = error.activationGradient
            trace.delta[l][j] = error.delta
        case let .gradient(l, j):
            trace.gradient.set(layer: l, neuron: j, backward.gradient(in: n, trace, layer: l, neuron: j))
        }
    }

    private mutating func clear(_ step: Step) {
        switch step {
        case let .forward(l, j):
            trace.z[l][j] = 0
            trace.a[l][j] = 0
        case .cost:
            trace.cost = 0
        case let .delta(l, j):
            trace.activationGradient[l][j] = 0
            trace.delta[l][j] = 0
        case let .gradient(l, j):
            trace.gradient.biases[l - 1][j] = 0
            let columns = network.sizes[l - 1]
            for k in 0..<columns { trace.gradient.weights[l - 1].storage[j * columns + k] = 0 }
        }
    }
}
