import BackpropCore

/// When each value of the pass becomes known, as step numbers (1 … the schedule's length; 0 is the
/// start, where only the input is known): what the page's diagram shows and highlights at each step.
///
/// Elements of the page carry these numbers: `data-at="N"` on a value computed at step N (hidden
/// before it, marked at it) and `data-use="N M …"` on a unit or edge a step reads or writes
/// (highlighted at those steps). The page's script only compares numbers; the Swift code decides them.
struct StepTimeline {
    let network: Network
    /// Step numbers by engine layer and neuron (index 0 of each is unused: the input layer).
    private(set) var forward: [[Int]]
    private(set) var delta: [[Int]]
    private(set) var gradient: [[Int]]
    private(set) var cost = 0
    /// The number of steps in a whole pass.
    let count: Int

    init(network: Network) {
        self.network = network
        let empty = network.sizes.map { Array(repeating: 0, count: $0) }
        forward = empty
        delta = empty
        gradient = empty
        let schedule = network.schedule
        count = schedule.count
        for (i, step) in schedule.enumerated() {
            switch step {
            case let .forward(l, j): forward[l][j] = i + 1
            case .cost: cost = i + 1
            case let .delta(l, j): delta[l][j] = i + 1
            case let .gradient(l, j): gradient[l][j] = i + 1
            }
        }
    }

    /// The steps that compute a value of neuron j of layer l ≥ 1: its z and a, its δ, its gradients.
    func unitSteps(layer l: Int, neuron j: Int) -> [Int] {
        guard l >= 1 else { return [] }
        return [forward[l][j], delta[l][j], gradient[l][j]]
    }

    /// The steps that use the weight from neuron k of layer l − 1 to neuron j of layer l: z(l)j's
    /// sum, δ(l − 1)k's sum back through it (when layer l − 1 is hidden), and its own gradient.
    func edgeSteps(layer l: Int, from k: Int, to j: Int) -> [Int] {
        var steps = [forward[l][j]]
        if l - 1 >= 1 { steps.append(delta[l - 1][k]) }
        steps.append(gradient[l][j])
        return steps.sorted()
    }

    /// The steps that use the bias of neuron j of layer l: z(l)j's sum and ∂C/∂b.
    func biasSteps(layer l: Int, neuron j: Int) -> [Int] {
        [forward[l][j], gradient[l][j]]
    }
}
