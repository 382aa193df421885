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
///
/// Cross-entropy is defined only for outputs strictly between 0 and 1, so it is paired with a
/// sigmoid network only; `Network` refuses any other pairing. There σ′(z) = a(1 − a) cancels the
/// denominator of ∂C/∂a exactly, which is why its output δ is simply a − y.
public enum Cost: String, CaseIterable, Sendable, Codable {
    case sumOfSquares = "sum-of-squares"
    case quadratic
    case crossEntropy = "cross-entropy"

    /// The cost of one example. `z` and `a` are the output layer's weighted inputs and activations.
    ///
    /// Cross-entropy is evaluated from z as Σ y·softplus(−z) + (1 − y)·softplus(z), which equals
    /// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] exactly in real arithmetic and stays finite and accurate
    /// when a rounds to 0 or 1 (a trained network's outputs often do).
    public func value(z: [Double], a: [Double], y: [Double]) -> Double {
        var total = 0.0
        for j in a.indices {
            total += term(z: z[j], a: a[j], y: y[j])
        }
        return total
    }

    /// One output neuron's share of the cost.
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
        }
    }

    /// ∂C/∂aⱼ: how the cost changes per unit change of one output activation.
    /// Its negative is the "nudge" 3Blue1Brown draws on each output neuron.
    @inlinable public func activationGradient(a: Double, y: Double) -> Double {
        switch self {
        case .sumOfSquares: return 2 * (a - y)
        case .quadratic: return a - y
        case .crossEntropy: return (a - y) / (a * (1 - a))
        }
    }

    /// δⱼ = ∂C/∂zⱼ for an output neuron, from its activation a = g(z): ∂C/∂aⱼ·g′(zⱼ), with g′(z) taken as
    /// `Activation.derivative(value: a)` (g′(z) bit for bit), except for cross-entropy, whose
    /// σ′(z) = a(1 − a) cancels the denominator of ∂C/∂a exactly and leaves a − y.
    @inlinable public func outputDelta(a: Double, y: Double, activation: Activation) -> Double {
        switch self {
        case .sumOfSquares, .quadratic: return activationGradient(a: a, y: y) * activation.derivative(value: a)
        case .crossEntropy: return a - y
        }
    }

    /// The definition of C for one example, as shown to a learner.
    public var formula: String {
        switch self {
        case .sumOfSquares: "C = Σⱼ (aⱼ − yⱼ)²"
        case .quadratic: "C = ½ Σⱼ (aⱼ − yⱼ)²"
        case .crossEntropy: "C = −Σⱼ [yⱼ·ln(aⱼ) + (1 − yⱼ)·ln(1 − aⱼ)]"
        }
    }
}

/// softplus(x) = ln(1 + eˣ), evaluated without overflow and without losing small values.
@inlinable func softplus(_ x: Double) -> Double {
    x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}
