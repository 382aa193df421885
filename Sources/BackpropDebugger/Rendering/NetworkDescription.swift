import BackpropCore

extension Network {
    /// The activations as the debugger names them: "sigmoid" when every layer shares one, else one
    /// name per layer after the input, "relu/relu/softmax".
    var activationNames: String {
        sharedActivation?.rawValue ?? activations.map(\.rawValue).joined(separator: "/")
    }

    /// "2-2-2-1, sigmoid, cross-entropy cost".
    var shapeDescription: String {
        sizes.map(String.init).joined(separator: "-") + ", \(activationNames), \(cost.rawValue) cost"
    }
}
