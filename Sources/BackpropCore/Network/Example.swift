/// One training example: what goes into the input layer and what the output layer should give.
public struct Example: Equatable, Sendable {
    /// x, one value per input neuron (pixel brightness 0…1 for MNIST).
    public var input: [Double]
    /// y, one value per output neuron (one-hot for a digit).
    public var target: [Double]
    /// The digit, for classification data; nil otherwise.
    public var label: Int?

    public init(input: [Double], target: [Double], label: Int? = nil) {
        self.input = input
        self.target = target
        self.label = label
    }

    /// The one-hot target for a class: 1 at `label`, 0 elsewhere.
    public static func oneHot(_ label: Int, classes: Int) -> [Double] {
        (0..<classes).map { $0 == label ? 1 : 0 }
    }
}
