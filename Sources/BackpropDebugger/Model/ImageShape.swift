import BackpropCore

/// The rows and columns of a network's input when it is a square image (MNIST's 28 × 28 = 784
/// pixels), so a pixel's index can be shown with its place: a(0)296 is row 10, column 16.
///
/// Pixels are stored row by row: pixel k is row k / columns, column k % columns, counted from 0 as
/// the engine counts; in Ng's notation rows and columns are counted from 1, as its units are.
struct ImageShape: Equatable, Sendable {
    let rows: Int
    let columns: Int

    var count: Int { rows * columns }

    /// The shape of a square input from 8 × 8 to 40 × 40 pixels (a picture of it fits 100
    /// columns), or nil.
    static func of(inputCount n: Int) -> ImageShape? {
        guard n >= 64 && n <= 1_600 else { return nil }
        var side = 8
        while side * side < n { side += 1 }
        return side * side == n ? ImageShape(rows: side, columns: side) : nil
    }

    static func of(_ network: Network) -> ImageShape? { of(inputCount: network.sizes[0]) }

    /// Pixel `k`'s row and column as shown in `notation` (from 1 in Ng's, from 0 in 3Blue1Brown's).
    func place(of k: Int, _ notation: Notation) -> (row: Int, column: Int) {
        (notation.neuron(k / columns), notation.neuron(k % columns))
    }

    /// "row 10, col 16".
    func describe(_ k: Int, _ notation: Notation) -> String {
        let (r, c) = place(of: k, notation)
        return "row \(r), col \(c)"
    }
}

extension Notation {
    /// A parameter's name, with the pixel's row and column when it is a weight out of a pixel of an
    /// image input: "w(1)4,97 (row 3, col 13)" (`image` nil: the name alone).
    func label(of parameter: Parameter, image: ImageShape?) -> String {
        guard let image, case let .weight(0, _, k) = parameter else { return name(of: parameter) }
        return name(of: parameter) + " (" + image.describe(k, self) + ")"
    }

    /// "∂C/∂w(1)4,97 (row 3, col 13)".
    func gradientLabel(of parameter: Parameter, image: ImageShape?) -> String { "∂C/∂" + label(of: parameter, image: image) }

    /// An input neuron's name with its row and column when the input is an image: "a(0)296 (row 10, col 16)".
    func inputName(_ k: Int, symbol: String = "a", image: ImageShape?) -> String {
        name(symbol, layer: 0, neuron: k) + (image.map { " (" + $0.describe(k, self) + ")" } ?? "")
    }
}

extension Session {
    /// The input's image shape, when the input is a square image.
    var imageShape: ImageShape? { ImageShape.of(network) }

    /// " (row 10, col 16)" for an input neuron of an image-shaped input, else "".
    func pixelPlace(_ k: Int) -> String {
        imageShape.map { " (" + $0.describe(k, notation) + ")" } ?? ""
    }

    /// A parameter's name in the current notation, with the pixel's row and column when it is a
    /// weight out of an image's pixel: "w(1)4,97 (row 3, col 13)".
    func parameterLabel(_ p: Parameter) -> String { notation.label(of: p, image: imageShape) }

    /// An input neuron's name with its row and column when the input is an image: "a(0)296 (row 10, col 16)".
    func inputName(_ k: Int, symbol: String = "a") -> String { notation.inputName(k, symbol: symbol, image: imageShape) }
}
