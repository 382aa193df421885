import Testing
@testable import BackpropCore

/// The plain pass (`Network.backprop`) on the built-in 2-2-2-1 network, checked value by value against
/// numbers worked out outside the code under test (NumPy, float64), with the first ones also by hand:
///
///   z(1)0 = 0.35 + 0.15·0.05 + 0.20·0.10 = 0.3775        a(1)0 = σ(0.3775) = 0.59326999…
///   z(1)1 = 0.35 + 0.25·0.05 + 0.30·0.10 = 0.3925        a(1)1 = σ(0.3925) = 0.59688437…
///   z(3)0 = 0.05 + 0.70·a(2)0 − 0.60·a(2)1               δ(3)0 = a(3)0 − y  (cross-entropy)
///   δ(l)k = Σⱼ w(l+1)jk·δ(l+1)j · a(l)k·(1 − a(l)k)       ∂C/∂w(l)jk = a(l−1)k·δ(l)j
///
/// The script: W, b as in `Network.small`; a = [x]; for each layer z = W@a + b, a = 1/(1+exp(−z));
/// δL = aL − y; δl = (Wᵀ δ) * a(1 − a); gW = outer(δ, a_prev).
struct SmallNetworkTests {
    let trace: Trace

    init() {
        trace = Network.small.backprop(Network.smallExample)
    }

    static func close(_ x: Double, _ expected: Double, _ tolerance: Double = 1e-14) -> Bool {
        abs(x - expected) <= tolerance * max(1, abs(expected))
    }

    @Test func weightedInputsMatchHandCalculation() {
        #expect(Self.close(trace.z[1][0], 0.3775))
        #expect(Self.close(trace.z[1][1], 0.39249999999999996))
        #expect(Self.close(trace.z[2][0], 1.10590596705977))
        #expect(Self.close(trace.z[2][1], 0.5683485880107217))
        #expect(Self.close(trace.z[3][0], 0.19292632876863836))
    }

    @Test func activationsMatchHandCalculation() {
        #expect(trace.a[0] == [0.05, 0.10])
        #expect(Self.close(trace.a[1][0], 0.5932699921071872))
        #expect(Self.close(trace.a[1][1], 0.596884378259767))
        #expect(Self.close(trace.a[2][0], 0.7513650695523157))
        #expect(Self.close(trace.a[2][1], 0.6383820331966378))
        #expect(Self.close(trace.a[3][0], 0.5480825363496225))
    }

    @Test func crossEntropyCostMatchesLogisticFormula() {
        // −[1·ln(0.54808…) + 0·ln(0.45191…)] = 0.60132938…
        #expect(Self.close(trace.cost, 0.6013293895985543))
    }

    @Test func deltasMatchHandCalculation() {
        #expect(trace.delta[0].isEmpty)
        #expect(Self.close(trace.delta[3][0], -0.45191746365037755))
        #expect(Self.close(trace.delta[2][0], -0.0590976630578767))
        #expect(Self.close(trace.delta[2][1], 0.0625951998450913))
        #expect(Self.close(trace.delta[1][0], 0.001848009849589747))
        #expect(Self.close(trace.delta[1][1], -0.014682545512878212))
    }

    @Test func gradientsMatchHandCalculation() {
        let g = trace.gradient
        let expectedWeights: [[[Double]]] = [
            [[9.240049247948735e-05, 0.0001848009849589747], [-0.0007341272756439107, -0.0014682545512878214]],
            [[-0.03506087009589972, -0.03527447187090593], [0.03713585371804513, 0.03736209694158319]],
            [[-0.33955499650757204, -0.28849598928219566]],
        ]
        let expectedBiases: [[Double]] = [
            [0.001848009849589747, -0.014682545512878212],
            [-0.0590976630578767, 0.0625951998450913],
            [-0.45191746365037755],
        ]
        for l in 0..<3 {
            for (j, row) in expectedWeights[l].enumerated() {
                for (k, value) in row.enumerated() { #expect(Self.close(g.weights[l][j, k], value)) }
                #expect(Self.close(g.biases[l][j], expectedBiases[l][j]))
            }
        }
    }

    @Test func ngBiasUnitDeltasAreTheBiasRowOfThetaTransposeDelta() {
        let n = Network.small
        #expect(Self.close(n.biasUnitDelta(layer: 1, nextDelta: trace.delta[2]), 0.002098522072328764))
        #expect(Self.close(n.biasUnitDelta(layer: 2, nextDelta: trace.delta[3]), -0.022595873182518877))
    }

    @Test func otherCostsMatchTheirFormulas() throws {
        // (a − 1)² = 0.45191746…² = 0.20422939…; half of it for Nielsen's quadratic cost.
        let sos = try Network.small.with(cost: .sumOfSquares).trace(Network.smallExample)
        #expect(Self.close(sos.cost, 0.2042293939521903))
        let quadratic = try Network.small.with(cost: .quadratic).trace(Network.smallExample)
        #expect(Self.close(quadratic.cost, 0.10211469697609515))
        // Output δ = (a − y)·σ′(z) for the quadratic cost, twice that for sum-of-squares.
        let a = 0.5480825363496225
        #expect(Self.close(quadratic.delta[3][0], (a - 1) * a * (1 - a)))
        #expect(Self.close(sos.delta[3][0], 2 * (a - 1) * a * (1 - a)))
    }

    @Test func sigmoidNeuronMatchesHandCalculation() {
        // z = 0.1; σ(0.1) = 1 / (1 + e^−0.1) = 0.52497918747894…
        #expect(abs(Activation.sigmoid.value(0.1) - 0.52497918747894) < 1e-13)
        // σ′(0) = ¼; tanh′(0) = 1; ReLU′(−1) = 0, ReLU′(2) = 1.
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Activation.tanh.derivative(0) == 1)
        #expect(Activation.relu.derivative(-1) == 0 && Activation.relu.derivative(2) == 1)
        // Far out in the tails the sigmoid neither overflows nor returns NaN.
        #expect(Activation.sigmoid.value(-800) == 0 && Activation.sigmoid.value(800) == 1)
    }

    @Test func crossEntropyStaysFiniteWhenOutputSaturates() {
        // σ(40) rounds to 1 in double precision, where ln(1 − a) would be −∞; C from z is 40 + ln(1 + e^−40).
        let c = Cost.crossEntropy.term(z: 40, a: 1, y: 0)
        #expect(Self.close(c, 40 + 4.248354255291589e-18))
        #expect(Cost.crossEntropy.term(z: -40, a: 0, y: 0) < 1e-17)
    }
}
