#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The cost C of one example: how far the output activations a = a(L) are from the target y.
///
/// | name             | C                                  | ∂C/∂aⱼ                 | output δⱼ = ∂C/∂zⱼ        | used by        |
/// |------------------|------------------------------------|------------------------|---------------------------|----------------|
/// | `sum-of-squares` | Σⱼ (aⱼ − yⱼ)²                      | 2(aⱼ − yⱼ)             | 2(aⱼ − yⱼ)·g′(zⱼ)         | 3Blue1Brown    |
/// | `quadratic`      | ½ Σⱼ (aⱼ − yⱼ)²                    | aⱼ − yⱼ                | (aⱼ − yⱼ)·g′(zⱼ)          | Nielsen        |
/// | `cross-entropy`  | −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)] | (aⱼ − yⱼ) / (aⱼ(1 − aⱼ)) | aⱼ − yⱼ (sigmoid output)  | Ng (logistic)  |
/// | `log-likelihood` | −ln a_y = −Σⱼ yⱼ ln aⱼ (y one-hot)  | −yⱼ / aⱼ               | aⱼ − yⱼ (softmax output)  | Nielsen ch. 3  |
///
/// Cross-entropy is defined only for outputs strictly between 0 and 1, so it is paired with a
/// sigmoid output only; there σ′(z) = a(1 − a) cancels the denominator of ∂C/∂a exactly, which is
/// why its output δ is simply a − y. Log-likelihood is paired with a softmax output only (and a
/// softmax output only with it): through softmax's Jacobian aⱼ(δⱼₖ − aₖ), Σₖ (−yₖ/aₖ)·aₖ(δₖⱼ − aⱼ)
/// = aⱼ·Σₖ yₖ − yⱼ = aⱼ − yⱼ, since a one-hot y sums to 1. `Network` refuses any other pairing.
public enum Cost: String, CaseIterable, Sendable, Codable {
    case sumOfSquares = "sum-of-squares"
    case quadratic
    case crossEntropy = "cross-entropy"
    case logLikelihood = "log-likelihood"

    /// The only output activation this cost works with, or nil when any elementwise one does.
    public var requiredOutputActivation: Activation? {
        switch self {
        case .crossEntropy: .sigmoid
        case .logLikelihood: .softmax
        case .sumOfSquares, .quadratic: nil
        }
    }

    /// Whether the output δ is simply a − y, the output activation's slope cancelled by the cost's
    /// own (cross-entropy with sigmoid, log-likelihood with softmax): no g′ appears in it.
    public var cancelsDerivative: Bool { requiredOutputActivation != nil }

    /// The cost of one example. `z` and `a` are the output layer's weighted inputs and activations.
    ///
    /// Cross-entropy is evaluated from z as Σ y·softplus(−z) + (1 − y)·softplus(z), which equals
    /// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] exactly in real arithmetic and stays finite and accurate
    /// when a rounds to 0 or 1 (a trained network's outputs often do). Log-likelihood is evaluated
    /// from z too: −ln aⱼ = ln Σₖ e^(zₖ − m) − (zⱼ − m) with m = max z, finite even where aⱼ rounds to 0.
    public func value(z: [Double], a: [Double], y: [Double]) -> Double {
        z.withUnsafeBufferPointer { z in
            a.withUnsafeBufferPointer { a in
                y.withUnsafeBufferPointer { y in value(z: z, a: a, y: y) }
            }
        }
    }

    /// `value(z:a:y:)` over buffers: the one implementation, shared with the lean path.
    func value(z: UnsafeBufferPointer<Double>, a: UnsafeBufferPointer<Double>,
                          y: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        if self == .logLikelihood {
            let (m, lnSum) = Activation.shiftedLogSum(z)
            for j in z.indices where y[j] != 0 { total += y[j] * (lnSum - (z[j] - m)) }
            return total
        }
        for j in a.indices {
            total += term(z: z[j], a: a[j], y: y[j])
        }
        return total
    }

    /// One output neuron's share of the cost (log-likelihood's needs the whole layer: `value`).
    @inlinable public func term(z: Double, a: Double, y: Double) -> Double {
        switch self {
        case .sumOfSquares:
            let d = a - y
            return d * d
        case .quadratic:
            let d = a - y
            return 0.5 * (d * d)
        case .crossEntropy:
            return y * softplus(-z) + (1 - y) * softplus(z)
        case .logLikelihood:
            return y == 0 ? 0 : -y * log(a)
        }
    }

    /// ∂C/∂aⱼ: how the cost changes per unit change of one output activation.
    /// Its negative is the "nudge" 3Blue1Brown draws on each output neuron.
    ///
    /// Log-likelihood's is −yⱼ/aⱼ where yⱼ ≠ 0 and exactly −0 where yⱼ = 0 (the value −0/aⱼ has for
    /// any aⱼ > 0): C does not depend on an output its target gives no weight, even one whose aⱼ
    /// underflowed to 0, where −0/0 would be NaN.
    @inlinable public func activationGradient(a: Double, y: Double) -> Double {
        switch self {
        case .sumOfSquares: return 2 * (a - y)
        case .quadratic: return a - y
        case .crossEntropy: return (a - y) / (a * (1 - a))
        case .logLikelihood: return y == 0 ? -0.0 : -y / a
        }
    }

    /// δⱼ = ∂C/∂zⱼ for an output neuron, from its activation a = g(z): ∂C/∂aⱼ·g′(zⱼ), with g′(z) taken as
    /// `Activation.derivative(value: a)` (g′(z) bit for bit), except where the cost cancels g′
    /// (`cancelsDerivative`) and leaves a − y.
    @inlinable public func outputDelta(a: Double, y: Double, activation: Activation) -> Double {
        switch self {
        case .sumOfSquares, .quadratic: return activationGradient(a: a, y: y) * activation.derivative(value: a)
        case .crossEntropy, .logLikelihood: return a - y
        }
    }

    /// The definition of C for one example, as shown to a learner.
    public var formula: String {
        switch self {
        case .sumOfSquares: "C = Σⱼ (aⱼ − yⱼ)²"
        case .quadratic: "C = ½ Σⱼ (aⱼ − yⱼ)²"
        case .crossEntropy: "C = −Σⱼ [yⱼ·ln(aⱼ) + (1 − yⱼ)·ln(1 − aⱼ)]"
        case .logLikelihood: "C = −ln(a_y)"
        }
    }
}

/// softplus(x) = ln(1 + eˣ), evaluated without overflow and without losing small values.
@inlinable func softplus(_ x: Double) -> Double {
    x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}
