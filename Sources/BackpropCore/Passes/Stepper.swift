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
    /// The examples stepped through, each example's whole pass in turn, and how their gradients
    /// combine. One example is a batch of one.
    public let batch: Batch
    /// Each example's values so far (0 where not computed yet).
    public private(set) var traces: [Trace]
    /// Every step of one example's pass, in order.
    public let schedule: [Step]
    /// How many steps have been taken, over the whole batch.
    public private(set) var position: Int = 0

    /// A stepper at the start of the pass (only the input layer known), with an optional bug
    /// planted in its backward pass.
    public init(network: Network, example: Example, bug: BackpropBug? = nil) throws(NetworkError) {
        try self.init(network: network, batch: Batch(example), bug: bug)
    }

    /// A stepper at the start of the first example's pass of `batch`.
    public init(network: Network, batch: Batch, bug: BackpropBug? = nil) throws(NetworkError) {
        for example in batch.examples { try network.validate(example) }
        self.network = network
        self.bug = bug
        self.batch = batch
        self.traces = batch.examples.map { Trace(example: $0, sizes: network.sizes) }
        self.schedule = network.schedule
    }

    /// How many steps the whole batch takes: one example's schedule for each example.
    public var stepCount: Int { schedule.count * batch.count }
    /// The example the cursor is in: that of the last step taken (the first example at the start).
    public var exampleIndex: Int { position == 0 ? 0 : (position - 1) / schedule.count }
    /// The current example's values so far (`traces[exampleIndex]`).
    public var trace: Trace { traces[exampleIndex] }
    /// How many steps of the current example's pass have been taken.
    var positionInExample: Int { position - exampleIndex * schedule.count }

    /// The step `step()` would take, or nil at the end of the batch.
    public var next: Step? { position < stepCount ? schedule[position % schedule.count] : nil }
    /// The example of the next step, or nil at the end of the batch.
    public var nextExampleIndex: Int? { position < stepCount ? position / schedule.count : nil }
    /// The last step taken, or nil at the start.
    public var last: Step? { position > 0 ? schedule[(position - 1) % schedule.count] : nil }
    /// Whether every step of every example has been taken.
    public var isFinished: Bool { position == stepCount }
    /// Whether the current example's pass is complete.
    public var isExampleFinished: Bool { positionInExample == schedule.count }

    /// The batch's traces with their cost and gradient reduced, once every step has been taken.
    public var batchTrace: BatchTrace? {
        isFinished ? ((bug as (any BackwardPieces)?) ?? CorrectBackward()).reduce(traces, batch.reduction, in: network) : nil
    }

    /// Takes the next step and returns it, or returns nil at the end.
    @discardableResult
    public mutating func step() -> Step? {
        guard let step = next, let e = nextExampleIndex else { return nil }
        let (network, bug) = (network, bug)
        Stepper.apply(step, network: network, bug: bug, to: &traces[e])
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
        let e = exampleIndex, sizes = network.sizes
        position -= 1
        Stepper.clear(step, sizes: sizes, in: &traces[e])
        return step
    }

    /// Whether a step of the current example has been taken (so the values it computes are known).
    public func isComputed(_ step: Step) -> Bool {
        isComputed(step, inExample: exampleIndex)
    }

    /// Whether a step of example `e` of the batch has been taken.
    public func isComputed(_ step: Step, inExample e: Int) -> Bool {
        guard let p = network.position(of: step) else { return false }
        return e * schedule.count + p < position
    }

    /// Computes one step's values with the reference pass's formulas (`Network.backprop`), the
    /// backward pieces taken from the planted bug when there is one.
    private static func apply(_ step: Step, network n: Network, bug: BackpropBug?, to trace: inout Trace) {
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

    private static func clear(_ step: Step, sizes: [Int], in trace: inout Trace) {
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
            let columns = sizes[l - 1]
            for k in 0..<columns { trace.gradient.weights[l - 1].storage[j * columns + k] = 0 }
        }
    }
}
