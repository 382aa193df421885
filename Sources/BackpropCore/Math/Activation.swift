#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The activation function g of a layer's neurons: a = g(z).
///
/// Each case keeps its value and its derivative side by side, so one glance checks both:
///
/// | name      | g(z)                           | g′(z)                           |
/// |-----------|--------------------------------|---------------------------------|
/// | `sigmoid` | σ(z) = 1 / (1 + e⁻ᶻ)           | σ(z)·(1 − σ(z))                 |
/// | `tanh`    | tanh(z)                        | 1 − tanh²(z)                    |
/// | `relu`    | max(0, z)                      | 1 if z > 0, else 0 (0 at z = 0) |
/// | `softmax` | e^zⱼ / Σₖ e^zₖ (the whole layer) | ∂aⱼ/∂zⱼ = aⱼ(1 − aⱼ) on the diagonal |
///
/// Softmax acts on a layer, not a neuron: aⱼ depends on every z of the layer, and the a's sum to 1.
/// It is used only on the output layer, with the log-likelihood cost, whose output δ = a − y needs
/// no g′ at all; its `derivative` is the diagonal of the Jacobian aⱼ(δⱼₖ − aₖ), shown as a slope.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case sigmoid
    case tanh
    case relu
    case softmax

    /// Whether g acts on each neuron alone (every activation but softmax, which normalises a layer).
    public var isElementwise: Bool { self != .softmax }

    /// a = g(z) for a whole layer: each z alone, or for softmax aⱼ = eⱼ / S with eⱼ = e^(zⱼ − m),
    /// m = max z (so no e^z overflows), S = Σₖ eₖ summed k ascending from 0.
    public func values(_ z: [Double]) -> [Double] {
        guard self == .softmax else { return z.map(value) }
        var a = z
        z.withUnsafeBufferPointer { z in
            a.withUnsafeMutableBufferPointer { a in Activation.softmax(z, into: a) }
        }
        return a
    }

    /// The pieces of a layer's softmax, for showing its arithmetic: m = max z, eⱼ = e^(zⱼ − m) and
    /// S = Σₖ eₖ, so that aⱼ = eⱼ / S — the very numbers `values(_:)` computes.
    public static func softmaxTerms(_ z: [Double]) -> (max: Double, exponentials: [Double], sum: Double) {
        var e = z
        let (m, sum) = z.withUnsafeBufferPointer { z in
            e.withUnsafeMutableBufferPointer { e in exponentials(z, into: e) }
        }
        return (m, e, sum)
    }

    /// Softmax of `z` into `a` (the same count, at least 1), as `values(_:)` describes it: the one
    /// implementation the plain pass, the stepper and the lean path share.
    static func softmax(_ z: UnsafeBufferPointer<Double>, into a: UnsafeMutableBufferPointer<Double>) {
        let (_, sum) = exponentials(z, into: a)
        for j in z.indices { a[j] /= sum }
    }

    /// eⱼ = e^(zⱼ − m) into `e`, with m = max z; returns m and S = Σ eⱼ, summed j ascending from 0.
    private static func exponentials(_ z: UnsafeBufferPointer<Double>,
                                     into e: UnsafeMutableBufferPointer<Double>) -> (max: Double, sum: Double) {
        var m = z[0]
        for x in z where x > m { m = x }
        var sum = 0.0
        for j in z.indices {
            e[j] = exp(z[j] - m)
            sum += e[j]
        }
        return (m, sum)
    }

    /// m = max z and ln Σₖ e^(zₖ − m), k ascending from 0: ln Σₖ e^zₖ split so that nothing
    /// overflows and the largest term is not lost (log-likelihood's ln aⱼ = ln S − (zⱼ − m)).
    static func shiftedLogSum(_ z: UnsafeBufferPointer<Double>) -> (max: Double, logSum: Double) {
        var m = z[0]
        for x in z where x > m { m = x }
        var sum = 0.0
        for x in z { sum += exp(x - m) }
        return (m, log(sum))
    }

    /// g(z) of one neuron. Sigmoid is evaluated in a form that never overflows: for z < 0 it uses
    /// eᶻ / (1 + eᶻ). For softmax, the value of a layer of one neuron: 1.
    @inlinable public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid:
            if z >= 0 { return 1 / (1 + exp(-z)) }
            let e = exp(z)
            return e / (1 + e)
        case .tanh:
            return hyperbolicTangent(z)
        case .relu:
            return z > 0 ? z : 0
        case .softmax:
            return z.isNaN ? z : 1
        }
    }

    /// g′(z), the local slope the backward pass multiplies by.
    @inlinable public func derivative(_ z: Double) -> Double {
        derivative(value: value(z))
    }

    /// g′(z) written through the activation a = g(z): σ′ = a(1 − a), tanh′ = 1 − a², ReLU′ = 1 if
    /// a > 0, else 0 (a > 0 exactly when z > 0), softmax's ∂aⱼ/∂zⱼ = aⱼ(1 − aⱼ). For a = `value(z)`
    /// this is `derivative(z)`, bit for bit (it is how `derivative(z)` is computed), without
    /// evaluating g again.
    @inlinable public func derivative(value a: Double) -> Double {
        switch self {
        case .sigmoid, .softmax: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return a > 0 ? 1 : 0
        }
    }

    /// The symbol used in formulas: σ, tanh or ReLU.
    public var symbol: String {
        switch self {
        case .sigmoid: "σ"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .softmax: "softmax"
        }
    }
}

/// The C library's tanh(x): inside `Activation` the name `tanh` is the case.
@usableFromInline func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
