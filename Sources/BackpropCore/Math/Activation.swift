#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The activation function g of every non-input neuron: a = g(z).
///
/// Each case keeps its value and its derivative side by side, so one glance checks both:
///
/// | name      | g(z)                 | g′(z)                          |
/// |-----------|----------------------|--------------------------------|
/// | `sigmoid` | σ(z) = 1 / (1 + e⁻ᶻ) | σ(z)·(1 − σ(z))                |
/// | `tanh`    | tanh(z)              | 1 − tanh²(z)                   |
/// | `relu`    | max(0, z)            | 1 if z > 0, else 0 (0 at z = 0) |
public enum Activation: String, CaseIterable, Sendable, Codable {
    case sigmoid
    case tanh
    case relu

    /// g(z). Sigmoid is evaluated in a form that never overflows: for z < 0 it uses eᶻ / (1 + eᶻ).
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
        }
    }

    /// g′(z), the local slope the backward pass multiplies by.
    @inlinable public func derivative(_ z: Double) -> Double {
        derivative(value: value(z))
    }

    /// g′(z) written through the activation a = g(z): σ′ = a(1 − a), tanh′ = 1 − a², ReLU′ = 1 if
    /// a > 0, else 0 (a > 0 exactly when z > 0). For a = `value(z)` this is `derivative(z)`,
    /// bit for bit (it is how `derivative(z)` is computed), without evaluating g again.
    @inlinable public func derivative(value a: Double) -> Double {
        switch self {
        case .sigmoid: return a * (1 - a)
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
        }
    }
}

/// The C library's tanh(x): inside `Activation` the name `tanh` is the case.
@usableFromInline func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
