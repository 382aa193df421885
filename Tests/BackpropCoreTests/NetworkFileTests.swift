import Foundation
import Testing
@testable import BackpropCore

/// The error text `decode` gives for a file named net.json, or "no error".
private func errorText(_ bytes: [UInt8]) -> String {
    do {
        _ = try NetworkFile.decode(bytes, source: "net.json")
        return "no error"
    } catch {
        return error.description
    }
}

private func decode(_ text: String, source: String = "net.json") throws(NetworkFileError) -> Network {
    try NetworkFile.decode(Array(text.utf8), source: source)
}

/// Every weight and bias as bit patterns, so −0.0 and 0.0 differ.
private func bits(_ network: Network) -> [UInt64] {
    network.weights.flatMap { $0.storage.map(\.bitPattern) } + network.biases.flatMap { $0.map(\.bitPattern) }
}

/// The 2-2-1 network of the format's documentation.
private let documented = """
    {
      "format": "backprop-network",
      "version": 1,
      "sizes": [2, 2, 1],
      "activation": "sigmoid",
      "cost": "cross-entropy",
      "weights": [
        [
          [0.15, 0.2],
          [0.25, 0.3]
        ],
        [
          [0.7, -0.6]
        ]
      ],
      "biases": [
        [0.35, 0.35],
        [0.05]
      ]
    }

    """

@Test func encodeWritesTheDocumentedLayout() throws {
    let network = try Network(sizes: [2, 2, 1], weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.7, -0.6]]],
                              biases: [[0.35, 0.35], [0.05]], activation: .sigmoid, cost: .crossEntropy)
    #expect(String(decoding: NetworkFile.encode(network), as: UTF8.self) == documented)
    #expect(try decode(documented) == network)
}

@Test(arguments: BuiltinNetwork.allCases)
func saveThenLoadIsBitForBitExact(builtin: BuiltinNetwork) throws {
    let network = builtin.network
    let loaded = try NetworkFile.decode(NetworkFile.encode(network), source: "net.json")
    #expect(loaded == network)
    #expect(bits(loaded) == bits(network))
}

@Test func awkwardValuesSurviveTheRoundTrip() throws {
    var generator = SeededGenerator(seed: 42)
    var network = try Network.random(sizes: [5, 4, 3], activation: .tanh, cost: .quadratic,
                                     initialization: .scaledNormal, seed: 7)
    let awkward = [-0.0, Double.leastNonzeroMagnitude, -Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude,
                   Double.leastNormalMagnitude.nextDown, 3, 1e16]
    for (n, parameter) in network.parameters.enumerated() {
        let value = n < awkward.count ? awkward[n] : Double(bitPattern: generator.next() >> 2)
        network.set(parameter, to: value)
    }
    let loaded = try NetworkFile.decode(NetworkFile.encode(network), source: "net.json")
    #expect(bits(loaded) == bits(network))
    #expect(loaded.sharedActivation == .tanh && loaded.cost == .quadratic)
}

@Test func anActivationPerLayerIsWrittenAsAListAndReadBack() throws {
    let network = try Network.random(sizes: [4, 3, 3, 2], activations: [.relu, .tanh, .softmax], cost: .logLikelihood, seed: 5)
    let text = String(decoding: NetworkFile.encode(network), as: UTF8.self)
    #expect(text.contains(#""activations": ["relu", "tanh", "softmax"]"#) && !text.contains(#""activation":"#))
    #expect(text.contains(#""cost": "log-likelihood""#))
    let loaded = try NetworkFile.decode(Array(text.utf8), source: "net.json")
    #expect(loaded == network && loaded.activations == [.relu, .tanh, .softmax] && loaded.sharedActivation == nil)
    // One activation for every layer is still written as "activation", as before.
    let shared = String(decoding: NetworkFile.encode(.small), as: UTF8.self)
    #expect(shared.contains(#""activation": "sigmoid""#) && !shared.contains("activations"))
    #expect(try decode(#"{"sizes": [2, 2, 1], "activations": ["tanh", "relu"], "cost": "quadratic", "weights": [[[1, 2], [3, 4]], [[5, 6]]], "biases": [[0, 0], [0]]}"#).activations == [.tanh, .relu])
}

@Test func everyWeightRowOfTheMNISTNetworkIsOneLine() {
    let text = String(decoding: NetworkFile.encode(Network.untrainedMNIST), as: UTF8.self)
    let lines = text.split(separator: "\n")
    // Braces, 5 one-line keys, "weights": [ 3 × ("[", rows, "]") ], "biases": [ 3 rows ].
    #expect(lines.count == 2 + 5 + (2 + 3 * 2 + (16 + 16 + 10)) + (2 + 3))
    #expect(lines.filter { $0.hasPrefix("      [") }.map { $0.split(separator: ",").count } == Array(repeating: 784, count: 16)
            + Array(repeating: 16, count: 16) + Array(repeating: 16, count: 10))
}

@Test func aHandWrittenFileWithTheFiveKeysLoads() throws {
    let network = try decode(#"""
        {"sizes": [2, 1], "activation": "relu", "cost": "sum-of-squares",
         "weights": [[[1, -2]]], "biases": [[0.5]], "comment": "extra keys are ignored"}
        """#)
    #expect(network.sizes == [2, 1])
    #expect(network.weights[0][0, 1] == -2)
    #expect(network.biases == [[0.5]])
    #expect(network.sharedActivation == .relu && network.cost == .sumOfSquares)
}

@Test(arguments: [("CrossEntropyCost", Cost.crossEntropy), ("QuadraticCost", .quadratic),
                   ("network2.CrossEntropyCost", .crossEntropy), ("__main__.QuadraticCost", .quadratic)])
func nielsensNetwork2FileLoads(costName: String, cost: Cost) throws {
    // A module path before the class name (a modified save() writing its qualified name) is allowed.
    // Exactly what network2.py's Network.save writes with json.dump (Python 3 key order).
    let text = """
        {"sizes": [2, 3, 1], "weights": [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.7, 0.8, -0.9]]], \
        "biases": [[[0.1], [0.2], [0.3]], [[0.4]]], "cost": "\(costName)"}
        """
    let network = try decode(text)
    let expected = try Network(sizes: [2, 3, 1], weights: [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.7, 0.8, -0.9]]],
                               biases: [[0.1, 0.2, 0.3], [0.4]], activation: .sigmoid, cost: cost)
    #expect(network == expected)
}

@Test func theNetworkInsideATraceFileLoads() throws {
    let inner = String(decoding: NetworkFile.encode(Network.small), as: UTF8.self)
    let withFormat = #"{"format": "backprop-trace", "version": 3, "network": \#(inner), "steps": []}"#
    #expect(try decode(withFormat) == Network.small)
    let withoutFormat = #"{"network": \#(inner), "example": {"input": [0.05, 0.1]}}"#
    #expect(try decode(withoutFormat) == Network.small)
    #expect(throws: NetworkFileError.self) { try decode(#"{"format": "backprop-trace"}"#) }
    let nested = #"{"format": "backprop-trace", "network": {"format": "backprop-trace", "network": \#(inner)}}"#
    #expect(throws: NetworkFileError.self) { try decode(nested) }
}

/// A valid file with `old` replaced by `new` (which must occur exactly once).
private func variant(_ old: String, _ new: String) -> String {
    let base = #"{"sizes": [2, 2, 1], "activation": "sigmoid", "cost": "cross-entropy", "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.7, -0.6]]], "biases": [[0.35, 0.35], [0.05]]}"#
    precondition(base.components(separatedBy: old).count == 2, "test variant must match once: \(old)")
    return base.replacingOccurrences(of: old, with: new)
}

@Test(arguments: [
    ("", "net.json: the document is empty; expected a JSON value"),
    (#"{"sizes": [2, 1], "activation": "sigmoid""#,
     "net.json: expected ',' or '}' after an object member, found the end of the input at line 1, column 42"),
    (variant("[0.05]]", "[0.05],]"), "net.json: trailing comma before ']' at line 1, column 159"),
    ("[1, 2]", "net.json: the document is an array, expected an object"),
    (variant(#""sizes": [2, 2, 1], "#, ""), "net.json: the key \"sizes\" is missing"),
    (variant(#""activation": "sigmoid", "#, ""), "net.json: the key \"activation\" is missing"),
    (variant(#", "biases": [[0.35, 0.35], [0.05]]"#, ""), "net.json: the key \"biases\" is missing"),
    (variant("[2, 2, 1]", "3"), "net.json: sizes is a number, expected an array"),
    (variant("[2, 2, 1]", "[2, 2.5, 1]"), "net.json: sizes[1] is 2.5; a layer size is a whole number of neurons"),
    (variant("[2, 2, 1]", "[2, 1e300, 1]"), "net.json: sizes[1] is 1e+300 neurons; the limit is 100000 per layer"),
    (variant("[2, 2, 1]", "[2]"), "net.json: sizes has 1 layer; a network needs at least 2 (input and output)"),
    (variant("[2, 2, 1]", "[1000000000, 5]"), "net.json: sizes[0] is 1000000000 neurons; the limit is 100000 per layer"),
    (variant("[2, 2, 1]", "[2, 0, 1]"), "net.json: sizes[1] is 0; every layer needs at least 1 neuron"),
    (variant("[2, 2, 1]", "[50000, 50000, 1]"), "net.json: the network would have 2500100001 weights and biases; the limit is 1000000"),
    (variant("[0.25, 0.3]", "[0.25, 0.3, 0.1]"),
     "net.json: weights[0] row 1 has 3 values, expected 2 (sizes[0]: one per neuron it comes from)"),
    (variant(", [0.25, 0.3]]", "]"), "net.json: weights[0] has 1 row, expected 2 (sizes[1]: one per neuron it feeds)"),
    (variant(", [[0.7, -0.6]]]", "]"), "net.json: weights has 1 layers, expected 2 (one fewer than sizes)"),
    (variant("[0.05]", "[0.05, 0.1]"), "net.json: biases[1] has 2 values, expected 1 (sizes[2]: one per neuron)"),
    (variant("[0.25, 0.3]", #"["0.25", 0.3]"#), "net.json: weights[0][1][0] is a string, expected a number"),
    (variant("[0.25, 0.3]", "[null, 0.3]"), "net.json: weights[0][1][0] is null, expected a number"),
    (variant("[[0.7, -0.6]]", "[0.7, -0.6]"), "net.json: weights[1][0] is a number, expected an array"),
    (variant("[0.35, 0.35]", "[[0.35], [0.35]]"), "net.json: biases[0][0] is an array, expected a number"),
    (variant("0.15", #""NaN""#), #"net.json: weights[0][0][0] is the string "NaN"; a network file holds only finite numbers"#),
    (variant("0.05", #""-Infinity""#), #"net.json: biases[1][0] is the string "-Infinity"; a network file holds only finite numbers"#),
    (variant("0.15", "NaN"),
     "net.json: NaN is not valid JSON (Python's json module writes it for a non-finite float) at line 1, column 86"),
    (variant("0.05", "1e400"), "net.json: 1e400 at line 1, column 154 is too large for a double"),
    (variant(#""sigmoid""#, #""swish""#), #"net.json: activation "swish" is not one of sigmoid, tanh, relu, softmax"#),
    (variant(#""sigmoid""#, #""softmax""#),
     "net.json: activations[0] is softmax, which is for the output layer only (activations[1], the last): it turns a layer into probabilities"),
    (variant(#""activation": "sigmoid""#, #""activations": ["relu"]"#),
     "net.json: activations has 1 entry, expected 2 (one per layer after the input)"),
    (variant(#""activation": "sigmoid""#, #""activation": "sigmoid", "activations": ["relu", "sigmoid"]"#),
     #"net.json: both "activation" and "activations" are given; use one (activations: one per layer after the input)"#),
    (variant(#""activation": "sigmoid""#, #""activations": ["relu", "softmax"]"#),
     "net.json: a softmax output layer goes with the log-likelihood cost (its δ is then a − y), not cross-entropy"),
    (variant(#""activation": "sigmoid""#, #""activations": ["relu", "swish"]"#),
     #"net.json: activations[1] "swish" is not one of sigmoid, tanh, relu, softmax"#),
    (variant(#""activation": "sigmoid""#, #""activations": "relu""#), "net.json: activations is a string, expected an array"),
    (variant(#""cross-entropy""#, #""log-likelihood""#),
     "net.json: the log-likelihood cost needs a softmax output layer (outputs that sum to 1), not sigmoid"),
    (variant(#""sigmoid""#, "1"), "net.json: activation is a number, expected a string"),
    (variant(#""cross-entropy""#, #""mse""#),
     #"net.json: cost "mse" is not one of sum-of-squares, quadratic, cross-entropy, log-likelihood, QuadraticCost, CrossEntropyCost"#),
    (variant(#""sigmoid""#, #""relu""#),
     "net.json: the cross-entropy cost needs outputs strictly between 0 and 1, so it works only with sigmoid, not relu"),
    (variant("{", #"{"version": 2, "#), "net.json: version 2 is not supported; this program reads backprop-network version 1"),
    (variant("{", #"{"version": "1", "#), "net.json: version is a string, expected a number"),
    (variant("{", #"{"format": "keras", "#), #"net.json: format "keras" is not backprop-network or backprop-trace"#),
    (String(repeating: "[", count: 100_000), "net.json: arrays and objects nest more than 256 deep at line 1, column 257"),
    (#"{"sizes": [2, 1], "weights": [[[1, 2]]], "biases": [[[0.1, 0.2]]], "cost": "QuadraticCost"}"#,
     "net.json: biases[0][0] has 2 values, expected 1 (network2.py writes each bias as a one-element list)"),
    (#"{"sizes": [2, 1], "weights": [[[1, 2]]], "biases": [[0.1]], "cost": "QuadraticCost"}"#,
     "net.json: biases[0][0] is a number, expected a one-element array (network2.py's layout)"),
    (#"{"format": "backprop-network", "network": {"sizes": [1, 1]}}"#, "net.json: the key \"sizes\" is missing"),
    (#"{"format": "backprop-trace", "network": {"sizes": [2, 1], "activation": "tanh", "cost": "quadratic", "weights": [[[1]]], "biases": [[0]]}}"#,
     "net.json: network: weights[0] row 0 has 1 value, expected 2 (sizes[0]: one per neuron it comes from)"),
])
func refusesMalformedFiles(text: String, message: String) {
    #expect(errorText(Array(text.utf8)) == message)
}

@Test(arguments: [
    ([0x00, 0xFF, 0xFE, 0x7B, 0x13, 0x88], "net.json: the text is not valid UTF-8 at byte offset 1"),
    (Array(#"{"sizes": [2, 1], "activation": "t"#.utf8) + [0xE9] + Array(#"nh"}"#.utf8),
     "net.json: the text is not valid UTF-8 at byte offset 34"),
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "net.json: the text is not valid UTF-8 at byte offset 0"),
] as [([UInt8], String)])
func refusesBinaryFiles(bytes: [UInt8], message: String) {
    #expect(errorText(bytes) == message)
}

@Test func theSizeLimitIsNamed() {
    #expect(NetworkFile.maximumFileSize == 1_073_741_824)
    let error = NetworkFileError.json(source: "big.json", .tooLarge(size: 1_300_000_000, limit: NetworkFile.maximumFileSize))
    #expect(error.description == "big.json: the document is 1300000000 bytes; the limit is 1073741824 bytes (1 GB)")
}
