import Testing
@testable import BackpropCore

/// The ε sweep shows truncation error falling and rounding error rising, and the central
/// difference beating the one-sided one.
struct EpsilonSweepTests {
    @Test func sweepRunsFromOneTenthToOneTrillionth() {
        #expect(EpsilonSweep.defaultEpsilons.count == 12)
        #expect(EpsilonSweep.defaultEpsilons.first == 0.1)
        #expect(EpsilonSweep.defaultEpsilons.last == 1e-12)
    }

    @Test func centralAtItsBestIsAtLeastTenTimesMoreAccurateThanOneSidedAtItsBestOnSmall() throws {
        for parameter in Network.small.parameters {
            let sweep = try EpsilonSweep.run(network: .small, examples: [Network.smallExample], parameter: parameter)
            let oneSided = try #require(sweep.bestOneSided)
            let central = try #require(sweep.bestCentral)
            #expect(central.centralError * 10 <= oneSided.oneSidedError, "\(parameter)")
            // The central difference reaches its floor at a larger ε than the one-sided one.
            #expect(central.epsilon >= oneSided.epsilon, "\(parameter)")
        }
    }

    @Test func errorsFallThenRiseAsEpsilonShrinks() throws {
        let sweep = try EpsilonSweep.run(network: .small, examples: [Network.smallExample], parameter: .weight(layer: 1, j: 0, k: 1))
        let oneSided = sweep.rows.map(\.oneSidedError)
        // Truncation: from 1e-1 to 1e-4 the one-sided error shrinks about tenfold per step (∝ ε).
        for i in 0..<3 {
            let ratio = oneSided[i] / oneSided[i + 1]
            #expect(ratio > 8 && ratio < 12, "step \(i): \(ratio)")
        }
        // Central: ∝ ε², a hundredfold per step while truncation dominates.
        let central = sweep.rows.map(\.centralError)
        #expect(central[0] / central[1] > 80)
        // Rounding: at 1e-12 both are far worse than at their best.
        let last = sweep.rows[11]
        #expect(last.oneSidedError > 100 * (sweep.bestOneSided?.oneSidedError ?? 0))
        #expect(last.centralError > 100 * (sweep.bestCentral?.centralError ?? 0))
    }

    @Test func eachRowIsTheArithmeticOfItsCosts() throws {
        let p = Parameter.bias(layer: 2, j: 0)
        let sweep = try EpsilonSweep.run(network: .small, examples: [Network.smallExample], parameter: p)
        #expect(sweep.cost == Network.small.meanCost([Network.smallExample]))
        #expect(sweep.gradient == (try Network.small.trace(Network.smallExample).gradient[p]))
        for r in sweep.rows {
            var plus = Network.small
            plus.set(p, to: sweep.value + r.epsilon)
            #expect(r.costPlus == plus.meanCost([Network.smallExample]))
            #expect(r.oneSided == (r.costPlus - sweep.cost) / r.epsilon)
            #expect(r.central == (r.costPlus - r.costMinus) / (2 * r.epsilon))
            #expect(r.centralError == abs(r.central - sweep.gradient) / max(abs(r.central), abs(sweep.gradient)))
        }
    }

    @Test func relativeErrorIsZeroWhenBothAreZero() {
        #expect(EpsilonSweep.relativeError(0, 0) == 0)
        #expect(EpsilonSweep.relativeError(1, 0) == 1)
        #expect(EpsilonSweep.relativeError(1.5, 2) == 0.25)
    }
}
