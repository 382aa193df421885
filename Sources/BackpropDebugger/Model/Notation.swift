import BackpropCore

/// How layers, neurons and weights are named on screen.
///
/// The engine counts layers and neurons from 0 and stores `weights[l][j][k]` from neuron k of
/// layer l to neuron j of layer l + 1. The two notations only change the names shown:
///
/// | quantity                        | engine           | `ng` (Ng's course)        | `3b1b` (3Blue1Brown, Nielsen) |
/// |---------------------------------|------------------|---------------------------|-------------------------------|
/// | input layer                     | layer 0          | layer 1                   | layer 0                       |
/// | weight k → j into layer l+1     | weights[l][j][k] | Θ(l+1)(j+1),(k+1)         | w(l+1)j,k                     |
/// | bias of neuron j of layer l+1   | biases[l][j]     | Θ(l+1)(j+1),0 (bias unit) | b(l+1)j                       |
/// | weighted input, activation, δ   | z[l][j]          | z(l+1)(j+1)               | z(l)j                         |
public enum Notation: String, CaseIterable, Sendable {
    case ng
    case threeBlueOneBrown = "3b1b"

    /// A short description for `notation` and `help`.
    public var title: String {
        switch self {
        case .ng: "Ng's: layers and units from 1, Θ(l)ij with the bias unit as j = 0"
        case .threeBlueOneBrown: "3Blue1Brown's / Nielsen's: layers and neurons from 0, w(L)jk and b(L)j"
        }
    }

    /// The number a layer is shown with.
    public func layer(_ l: Int) -> Int { self == .ng ? l + 1 : l }
    /// The number a neuron is shown with.
    public func neuron(_ j: Int) -> Int { self == .ng ? j + 1 : j }

    /// "z(2)1": the name of one neuron's value (`symbol` is z, a or δ).
    public func name(_ symbol: String, layer l: Int, neuron j: Int) -> String {
        "\(symbol)(\(layer(l)))\(neuron(j))"
    }

    /// "z(2)": the name of one layer's vector.
    public func name(_ symbol: String, layer l: Int) -> String { "\(symbol)(\(layer(l)))" }

    /// The name of a weight or bias: "Θ(1)2,1" / "Θ(1)2,0" in Ng's notation, "w(1)1,0" / "b(1)1" otherwise.
    public func name(of parameter: Parameter) -> String {
        switch (self, parameter) {
        case let (.ng, .weight(l, j, k)): "Θ(\(l + 1))\(j + 1),\(k + 1)"
        case let (.ng, .bias(l, j)): "Θ(\(l + 1))\(j + 1),0"
        case let (.threeBlueOneBrown, .weight(l, j, k)): "w(\(l + 1))\(j),\(k)"
        case let (.threeBlueOneBrown, .bias(l, j)): "b(\(l + 1))\(j)"
        }
    }

    /// The name of the matrix of weights into layer `l + 1` (engine weight layer `l`).
    public func weightMatrixName(_ l: Int) -> String {
        self == .ng ? "Θ(\(l + 1))" : "w(\(l + 1))"
    }

    /// The name of ∂C/∂θ for a parameter.
    public func gradientName(of parameter: Parameter) -> String { "∂C/∂" + name(of: parameter) }

    /// The cost's symbol.
    public var costSymbol: String { "C" }

    /// Describes how layers are numbered, for error messages.
    public func layerRange(_ network: Network) -> String {
        let first = layer(0), last = layer(network.outputLayer)
        return "layers \(first) (input) to \(last) (output)"
    }
}
