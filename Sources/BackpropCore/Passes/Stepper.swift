/// Computes one example's pass one step at a time, in the order a debugger steps, and can undo
/// each step exactly.
///
/// After `n` steps, the first `n` entries of `network.schedule` are computed and every other value
/// of `trace` is 0. Running to the end gives the same `Trace`, bit for bit, as `Network.trace(_:)`.
///
/// A stepper made with a `bug` computes its δs and gradients with that bug planted (the forward pass
/// and the cost stay correct). This is the only place a bug lives: the debugger's analytic pass.
/// The lean `Workspace` path used by training and by the gradient check's cost evaluations is never
/// affected.
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

    private mutating func apply(_ step: Step) {
        let n = network
        switch step {
        case let .forward(l, j):
            let z = n.weightedInput(layer: l, neuron: j, previous: trace.a[l - 1])
            trace.z[l][j] = z
            trace.a[l][j] = n.activation.value(z)
        case .cost:
            let last = n.outputLayer
            trace.cost = n.cost.value(z: trace.z[last], a: trace.a[last], y: trace.example.target)
        case let .delta(l, j):
            let z = trace.z[l][j]
            let buggy = bug?.changesDeltas(layer: l, in: n) == true ? bug : nil
            if l == n.outputLayer {
                let a = trace.a[l][j], y = trace.example.target[j]
                var slope = n.cost.activationGradient(a: a, y: y)
                var delta = n.cost.outputDelta(z: z, a: a, y: y, activation: n.activation)
                switch buggy {
                case .outputSign?:
                    slope = -slope
                    delta = -delta
                case .missingDerivative?:
                    delta = slope
                default:
                    break
                }
                trace.activationGradient[l][j] = slope
                trace.delta[l][j] = delta
            } else {
                let s = buggy == .transposedWeights
                    ? n.transposedBackpropagatedError(layer: l, neuron: j, nextDelta: trace.delta[l + 1])
                    : n.backpropagatedError(layer: l, neuron: j, nextDelta: trace.delta[l + 1])
                trace.activationGradient[l][j] = s
                trace.delta[l][j] = buggy == .missingDerivative ? s : s * n.activation.derivative(z)
            }
        case let .gradient(l, j):
            let buggy = bug?.changesGradients(layer: l, in: n) == true ? bug : nil
            let d = trace.delta[l][j]
            trace.gradient.biases[l - 1][j] = buggy == .noBiasGradient ? 0 : d
            let weightDelta = buggy == .wrongLayerDelta ? trace.delta[l + 1][j] : d
            let previous = buggy == .wrongLayerActivation ? trace.a[l] : trace.a[l - 1]
            let columns = previous.count
            for k in 0..<columns {
                trace.gradient.weights[l - 1].storage[j * columns + k] = previous[k] * weightDelta
            }
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
