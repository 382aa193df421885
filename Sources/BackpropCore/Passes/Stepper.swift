/// Computes one example's pass one step at a time, in the order a debugger steps, and can undo
/// each step exactly.
///
/// After `n` steps, the first `n` entries of `network.schedule` are computed and every other value
/// of `trace` is 0. Running to the end gives the same `Trace`, bit for bit, as `Network.trace(_:)`.
public struct Stepper: Equatable, Sendable {
    /// The network being stepped through.
    public let network: Network
    /// The values computed so far.
    public private(set) var trace: Trace
    /// Every step, in order.
    public let schedule: [Step]
    /// How many steps have been taken.
    public private(set) var position: Int = 0

    /// A stepper at the start of the pass (only the input layer known).
    public init(network: Network, example: Example) throws(NetworkError) {
        try network.validate(example)
        self.network = network
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
            if l == n.outputLayer {
                let a = trace.a[l][j], y = trace.example.target[j]
                trace.activationGradient[l][j] = n.cost.activationGradient(a: a, y: y)
                trace.delta[l][j] = n.cost.outputDelta(z: z, a: a, y: y, activation: n.activation)
            } else {
                let s = n.backpropagatedError(layer: l, neuron: j, nextDelta: trace.delta[l + 1])
                trace.activationGradient[l][j] = s
                trace.delta[l][j] = s * n.activation.derivative(z)
            }
        case let .gradient(l, j):
            let d = trace.delta[l][j]
            trace.gradient.biases[l - 1][j] = d
            let previous = trace.a[l - 1]
            let columns = previous.count
            for k in 0..<columns {
                trace.gradient.weights[l - 1].storage[j * columns + k] = previous[k] * d
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
