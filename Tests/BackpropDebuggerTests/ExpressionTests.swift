import Testing
@testable import BackpropCore
@testable import BackpropDebugger

struct ExpressionTests {
    static let ng = ExpressionParser(network: .small, notation: .ng)
    static let blue = ExpressionParser(network: .small, notation: .threeBlueOneBrown)

    @Test(arguments: [
        ("z(2)1", ValueReference.z(layer: 1, neuron: 0)),
        ("a(4)", .a(layer: 3, neuron: nil)),
        ("delta(3)2", .delta(layer: 2, neuron: 1)),
        ("δ(3)2", .delta(layer: 2, neuron: 1)),
        ("d(3)2", .delta(layer: 2, neuron: 1)),
        ("z 2 1", .z(layer: 1, neuron: 0)),
        ("Θ(1)2,0", .bias(layer: 0, j: 1)),
        ("theta(1)2,1", .weight(layer: 0, j: 1, k: 0)),
        ("Θ(2)", .theta(layer: 1, i: nil, k: nil)),
        ("w(1)1,0", .weight(layer: 0, j: 1, k: 0)),
        ("b(3)0", .bias(layer: 2, j: 0)),
        ("dw(1)1,0", .weightGradient(layer: 0, j: 1, k: 0)),
        ("∂C/∂b(1)0", .biasGradient(layer: 0, j: 0)),
        ("dΘ(1)1,0", .biasGradient(layer: 0, j: 0)),
        ("z[1][0]", .z(layer: 1, neuron: 0)),
        ("weights[2][0][1]", .weight(layer: 2, j: 0, k: 1)),
        ("cost", .cost), ("C", .cost), ("x", .input), ("y", .target),
    ])
    func ngNotationReadsLayersFromOne(text: String, expected: ValueReference) throws {
        #expect(try Self.ng.parse(text) == expected)
    }

    @Test(arguments: [
        ("z(1)0", ValueReference.z(layer: 1, neuron: 0)),
        ("a(0)1", .a(layer: 0, neuron: 1)),
        ("delta(3)0", .delta(layer: 3, neuron: 0)),
        ("w(3)0,1", .weight(layer: 2, j: 0, k: 1)),
        ("Θ(3)1,2", .weight(layer: 2, j: 0, k: 1)),
    ])
    func threeBlueOneBrownNotationReadsLayersFromZero(text: String, expected: ValueReference) throws {
        #expect(try Self.blue.parse(text) == expected)
    }

    @Test func weightIndicesWrittenSideBySideAreRowAndColumnInSmallLayers() throws {
        #expect(try Self.ng.parse("Θ(1)10") == .bias(layer: 0, j: 0))
        #expect(try Self.ng.parse("Θ(2)21") == .weight(layer: 1, j: 1, k: 0))
        #expect(try Self.ng.parse("dΘ(3)12") == .weightGradient(layer: 2, j: 0, k: 1))
        #expect(try Self.blue.parse("w(1)01") == .weight(layer: 0, j: 0, k: 1))
        #expect(try Self.blue.parse("dC/dw(1)00") == .weightGradient(layer: 0, j: 0, k: 0))
        // One digit is still a row, and a row written with a comma is unchanged.
        #expect(try Self.blue.parse("w(1)1") == .weight(layer: 0, j: 1, k: nil))
        #expect(try Self.ng.parse("Θ(1)2,0") == .bias(layer: 0, j: 1))
        // Side by side, the pair must still exist.
        #expect(throws: ExpressionError.self) { try Self.blue.parse("w(1)02") }

        // In MNIST's 16-neuron layers "12" is row 12; a row past the end says how to name one weight.
        let mnist = ExpressionParser(network: try Network.random(sizes: [784, 16, 16, 10], seed: 1), notation: .threeBlueOneBrown)
        #expect(try mnist.parse("w(2)12") == .weight(layer: 1, j: 12, k: nil))
        do {
            _ = try mnist.parse("w(3)45")
            Issue.record("w(3)45 has no row 45")
        } catch {
            #expect(error.description == "w(3)45: 45 is not a neuron of layer 3; they run 0 to 9 "
                + "(one weight is named with a comma between row and column, like w(3)1,2)")
        }
    }

    @Test func printShowsTheEnginesValues() throws {
        let s = Session()
        _ = s.execute("backward")
        let trace = try Network.small.trace(Network.smallExample)
        #expect(s.execute("print a(4)1").text == "a(4)1 = \(NumberFormat.significant(trace.a[3][0]))")
        #expect(s.execute("print dΘ(3)1,1").text == "∂C/∂Θ(3)1,1 = \(NumberFormat.significant(trace.gradient.weights[2][0, 0]))")
        _ = s.execute("notation 3b1b")
        #expect(s.execute("print z(3)0").text == "z(3)0 = \(NumberFormat.significant(trace.z[3][0]))")
        #expect(s.execute("explain dw(3)0,1").text.contains("∂C/∂w(3)0,1 = a(2)1·δ(3)0"))
    }

    @Test func numberFormatKeepsSixSignificantDigits() {
        #expect(NumberFormat.significant(0.5932699921071872) == "0.59327")
        #expect(NumberFormat.significant(-0.45191746365037755) == "−0.451917")
        #expect(NumberFormat.significant(9.240049247948735e-05) == "9.24005e-05")
        #expect(NumberFormat.significant(1234567) == "1.23457e+06")
        #expect(NumberFormat.significant(0) == "0")
        #expect(NumberFormat.significant(.nan) == "NaN")
        #expect(NumberFormat.factor(-0.55) == "(−0.55)")
    }
}
