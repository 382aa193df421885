/// One value (or one neuron's values) the debugger computes at a time, in stepping order:
/// forward neuron by neuron, then the cost, then δ neuron by neuron from the output layer back,
/// then each neuron's gradients from the output layer back.
public enum Step: Hashable, Sendable {
    /// z(l)j and a(l)j of one neuron, layer l ≥ 1.
    case forward(layer: Int, neuron: Int)
    /// The cost of the example, once the output layer is known.
    case cost
    /// δ(l)j of one neuron (and ∂C/∂a(l)j), layer l ≥ 1, output layer first.
    case delta(layer: Int, neuron: Int)
    /// ∂C/∂b and every ∂C/∂w into neuron j of layer l ≥ 1: ∂C/∂b = δ(l)j, ∂C/∂w(l)jk = a(l−1)k·δ(l)j.
    case gradient(layer: Int, neuron: Int)

    /// The phase this step belongs to.
    public var phase: Phase {
        switch self {
        case .forward: .forward
        case .cost: .cost
        case .delta: .backward
        case .gradient: .gradients
        }
    }

    /// The layer of the neuron this step computes, or nil for the cost.
    public var layer: Int? {
        switch self {
        case let .forward(l, _), let .delta(l, _), let .gradient(l, _): l
        case .cost: nil
        }
    }

    /// The neuron this step computes, or nil for the cost.
    public var neuron: Int? {
        switch self {
        case let .forward(_, j), let .delta(_, j), let .gradient(_, j): j
        case .cost: nil
        }
    }

    /// The four phases of one example's pass, in order.
    public enum Phase: String, CaseIterable, Sendable, Comparable {
        case forward, cost, backward, gradients

        var rank: Int {
            switch self {
            case .forward: 0
            case .cost: 1
            case .backward: 2
            case .gradients: 3
            }
        }

        public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rank < rhs.rank }
    }
}

extension Network {
    /// Every step of one example's pass, in the order the debugger takes them.
    public var schedule: [Step] {
        let last = sizes.count - 1
        var steps: [Step] = []
        for l in 1...last { for j in 0..<sizes[l] { steps.append(.forward(layer: l, neuron: j)) } }
        steps.append(.cost)
        for l in stride(from: last, through: 1, by: -1) {
            for j in 0..<sizes[l] { steps.append(.delta(layer: l, neuron: j)) }
        }
        for l in stride(from: last, through: 1, by: -1) {
            for j in 0..<sizes[l] { steps.append(.gradient(layer: l, neuron: j)) }
        }
        return steps
    }

    /// The position of a step in `schedule`, or nil if it names a layer or neuron that does not exist.
    public func position(of step: Step) -> Int? {
        let last = sizes.count - 1
        let neurons = sizes.dropFirst().reduce(0, +)
        func offset(forwardFrom l: Int) -> Int { sizes[1..<l].reduce(0, +) }
        func offset(backwardFrom l: Int) -> Int { l == last ? 0 : sizes[(l + 1)...last].reduce(0, +) }
        switch step {
        case let .forward(l, j):
            guard l >= 1, l <= last, j >= 0, j < sizes[l] else { return nil }
            return offset(forwardFrom: l) + j
        case .cost:
            return neurons
        case let .delta(l, j):
            guard l >= 1, l <= last, j >= 0, j < sizes[l] else { return nil }
            return neurons + 1 + offset(backwardFrom: l) + j
        case let .gradient(l, j):
            guard l >= 1, l <= last, j >= 0, j < sizes[l] else { return nil }
            return 2 * neurons + 1 + offset(backwardFrom: l) + j
        }
    }
}
