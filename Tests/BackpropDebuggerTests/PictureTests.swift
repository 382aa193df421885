import Foundation
import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// `draw` on MNIST and `picture`, read back cell by cell: each shade or colour is the level of the
/// trace's value (the intervals the legend states), each sign its sign, each printed number the
/// trace's number rounded; and every picture fits 100 columns and reads without colour.
struct PictureTests {
    typealias R = PictureReader

    /// The level the legends state for a fraction |v| / scale: 0 below 0.2, 1 below 0.4, … 4 from 0.8.
    static func levelInterval(_ level: Int) -> ClosedRange<Double> {
        Double(level) / 5...(level == 4 ? 1 : Double(level + 1) / 5)
    }

    // MARK: draw on MNIST

    /// Reads every neuron's row of the MNIST diagram (plain text) and checks it against the trace.
    static func checkMNISTDiagram(_ s: Session, _ text: String, _ context: String) {
        let lines = R.grid(text)
        #expect(R.widest(text) <= 100, "\(context): fits 100 columns")
        let grid = Array(lines.dropFirst())   // the heading
        let diagram = MNISTDiagram(session: s, focus: nil)
        let starts = diagram.columnStarts()
        let net = s.network, t = s.trace, st = s.stepper
        for l in 1...net.outputLayer {
            let known = (0..<net.sizes[l]).filter { st.isComputed(.delta(layer: l, neuron: $0)) }
            let largest = known.map { abs(t.activationGradient[l][$0]) }.max() ?? 0
            for j in 0..<net.sizes[l] {
                let y = diagram.row(layer: l, neuron: j)
                let cells = R.slice(grid, y, starts[l], 13)
                let what = "\(context): \(s.notation.name("a", layer: l, neuron: j))"
                #expect(Int(cells.prefix(2).trimmingCharacters(in: .whitespaces)) == s.notation.neuron(j), "\(what): index in \(cells)")
                guard st.isComputed(.forward(layer: l, neuron: j)) else {
                    #expect(cells.dropFirst(3).hasPrefix("··"), "\(what): not computed yet shows ··")
                    continue
                }
                let a = t.a[l][j]
                let shade = Array(cells)[3]
                let level = [" ": 0, "░": 1, "▒": 2, "▓": 3, "█": 4][String(shade)] ?? -1
                #expect(levelInterval(level).contains(a), "\(what): shade '\(shade)' for a = \(a)")
                let token = String(Array(cells)[6..<10])
                #expect(R.rounds(token, to: a), "\(what): value \(token) for a = \(a)")
                let arrow = Array(cells)[11]
                guard known.contains(j) else {
                    #expect(arrow == " ", "\(what): no nudge before the backward pass reaches it")
                    continue
                }
                let nudge = -t.activationGradient[l][j]
                #expect(arrow == (nudge > 0 ? "↑" : "↓"), "\(what): arrow \(arrow) for a nudge of \(nudge)")
                let size = (["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"].firstIndex(of: String(Array(cells)[12])) ?? -1) + 1
                let fraction = abs(nudge) / largest
                #expect(fraction > Double(size - 1) / 8 - 1e-12 && fraction <= Double(size) / 8 + 1e-12,
                        "\(what): size \(size)/8 for \(fraction) of the layer's largest nudge")
            }
        }
        if st.isComputed(.forward(layer: net.outputLayer, neuron: net.sizes[net.outputLayer] - 1)) {
            let guess = Network.argmax(t.a[net.outputLayer])
            let y = diagram.row(layer: net.outputLayer, neuron: guess)
            #expect(R.slice(grid, y, starts[net.outputLayer] + 13, 20).contains("guess"), "\(context): the guess is marked")
            if let label = s.example.label {
                #expect(R.slice(grid, diagram.row(layer: net.outputLayer, neuron: label), starts[net.outputLayer] + 13, 20).contains("label"))
            }
        }
        // The input picture: each half-block cell is two pixels of x (ink from 0.5 up).
        guard let shape = ImageShape.of(net) else { return }
        for r in stride(from: 0, to: shape.rows, by: 2) {
            for c in 0..<shape.columns {
                let cell = grid[2 + r / 2][c + 1]
                let upper = t.a[0][r * shape.columns + c] * 255, lower = t.a[0][(r + 1) * shape.columns + c] * 255
                let expected: Character = switch (upper.rounded() >= 128, lower.rounded() >= 128) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
                if cell != "+" && cell != "−" { #expect(cell == expected, "\(context): pixel rows \(r), \(r + 1), column \(c)") }
            }
        }
    }

    @Test func mnistDiagramReadsBackBeforeDuringAndAfterThePass() {
        let s = Session()
        _ = s.execute("load mnist")
        _ = s.execute("digit 2")
        for (command, context) in [("", "start"), ("step 20", "partway forward"), ("forward", "forward done"),
                                   ("step 3", "three δs"), ("backward", "backward done")] {
            if !command.isEmpty { _ = s.execute(command) }
            let reply = s.execute("draw")
            #expect(reply.succeeded)
            Self.checkMNISTDiagram(s, reply.text, context)
        }
        #expect(s.execute("draw").text.hasPrefix("image 1 (label 2) through mnist: guess 2 — right"))
    }

    @Test func drawingANeuronAddsItsStrongestConnections() throws {
        let s = Session()
        _ = s.execute("load mnist")
        _ = s.execute("backward")
        let text = s.execute("draw a(2)5").text
        let grid = Array(R.grid(text).dropFirst())
        let diagram = MNISTDiagram(session: s, focus: (2, 5))
        let strongest = diagram.strongest(into: (2, 5))
        #expect(strongest.count == 5)
        // Each connection is labelled with its weight at its source's row, in the gap before a(2).
        let starts = diagram.columnStarts()
        for k in strongest {
            let w = s.network.weights[1][5, k]
            let token = R.firstNumber(in: R.slice(grid, diagram.row(layer: 1, neuron: k), starts[1] + 13, 8))
            #expect(token.map { R.rounds($0, to: w) } == true, "w(2)5,\(k) = \(w) reads \(token ?? "nothing")")
        }
        // They are the largest |w·a| into a(2)5, checked here from the trace.
        let products = (0..<16).map { abs(s.network.weights[1][5, $0] * s.trace.a[1][$0]) }
        #expect(Set(strongest) == Set(products.indices.sorted { products[$0] > products[$1] }.prefix(5)))
        Self.checkMNISTDiagram(s, s.execute("draw").text, "after draw a(2)5")
        #expect(R.widest(text) <= 100)
        // A first-layer neuron: its strongest pixels are marked + or − in the picture and listed with row and column.
        let first = s.execute("draw a(1)3").text
        let pixels = MNISTDiagram(session: s, focus: (1, 3)).strongest(into: (1, 3))
        let firstGrid = Array(R.grid(first).dropFirst())
        for k in pixels {
            let w = s.network.weights[0][3, k]
            #expect(firstGrid[2 + k / 28 / 2][k % 28 + 1] == (w < 0 ? "−" : "+"), "pixel \(k)")
            #expect(first.contains("w(1)3,\(k) "))
            #expect(first.contains("from a(0)\(k) (row \(k / 28), col \(k % 28))"))
        }
    }

    @Test func mnistDiagramInColourShadesByActivation() {
        let s = Session()
        s.style = Style(enabled: true)
        _ = s.execute("load mnist")
        _ = s.execute("backward")
        let text = s.execute("draw").text
        let grid = Array(R.colouredGrid(text).dropFirst())
        let diagram = MNISTDiagram(session: s, focus: nil)
        let starts = diagram.columnStarts()
        for l in 1...3 {
            for j in 0..<s.network.sizes[l] {
                let (_, code) = grid[diagram.row(layer: l, neuron: j)][starts[l] + 3]
                // Grey 232 (black) … 255 (white) for a from 0 to 1: 232 + round(23·a).
                let grey = Int(code.split(separator: ";").last ?? "") ?? -1
                #expect(abs(Double(grey - 232) - 23 * s.trace.a[l][j]) <= 0.5 + 1e-9, "a(\(l))\(j): grey \(grey)")
                let (arrow, arrowCode) = grid[diagram.row(layer: l, neuron: j)][starts[l] + 11]
                #expect(arrowCode == (arrow == "↑" ? "34" : "31"), "↑ blue, ↓ red")
            }
        }
        #expect(text.contains("is positive (↑ raise it)"), "the colour legend, the first time")
        #expect(!s.execute("draw").text.contains("is positive (↑ raise it)"), "and only the first time")
    }

    // MARK: picture

    /// Reads a printed picture back, pixel by pixel: level and sign against `values`.
    static func checkPicture(_ text: String, _ values: [Double], colour: Bool, _ context: String) {
        #expect(R.widest(text) <= 100, "\(context): fits 100 columns")
        let scale = values.map(abs).max() ?? 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let top = lines.firstIndex(where: { $0.hasPrefix("    ┌") }) else { Issue.record("\(context): no frame"); return }
        for r in 0..<28 {
            let line = String(lines[top + 1 + r])
            for c in 0..<28 {
                let v = values[r * 28 + c]
                let fraction = scale > 0 ? abs(v) / scale : 0
                if colour {
                    let cells = R.colouredGrid(line)[0]
                    let code = cells[5 + 2 * c].1
                    if code.isEmpty { #expect(fraction < 0.2, "\(context): pixel \(r),\(c) = \(v) left black"); continue }
                    let n = Int(code.split(separator: ";").last ?? "") ?? -1
                    let blue = VectorPicture.blues.firstIndex(of: n), red = VectorPicture.reds.firstIndex(of: n)
                    let level = blue ?? red ?? -1
                    #expect((blue != nil) == (v > 0), "\(context): pixel \(r),\(c) = \(v) has colour \(n)")
                    #expect(levelInterval(level).contains(fraction), "\(context): pixel \(r),\(c) level \(level) for \(fraction)")
                } else {
                    let chars = Array(line)
                    let first = chars[5 + 2 * c], second = chars[6 + 2 * c]
                    let level = [" ": 0, "░": 1, "▒": 2, "▓": 3, "█": 4][String(first)] ?? -1
                    #expect(levelInterval(level).contains(fraction), "\(context): pixel \(r),\(c) '\(first)' for \(fraction)")
                    if level > 0 {
                        #expect(second == (v > 0 ? first : "-"), "\(context): pixel \(r),\(c) = \(v) reads '\(first)\(second)'")
                    }
                }
            }
        }
        // The legend's scale is the largest |v|.
        let legend = lines.first { $0.hasPrefix("|v| ") || $0.contains("largest ") && $0.contains("≥") }.map(String.init) ?? ""
        let largest = legend.components(separatedBy: "largest ").last.flatMap { R.firstNumber(in: $0) }
        #expect(largest.map { R.rounds($0, to: scale) } == true, "\(context): legend \(legend)")
    }

    @Test(arguments: [false, true])
    func picturesReadBackPixelByPixel(colour: Bool) throws {
        let s = Session()
        s.style = Style(enabled: colour)
        _ = s.execute("load mnist")
        _ = s.execute("digit 4")
        let x = s.example.input
        Self.checkPicture(s.execute("picture x").text, x, colour: colour, "x")
        Self.checkPicture(s.execute("picture w(1)3").text, s.network.weights[0].row(3), colour: colour, "w(1)3")
        // A gradient comes from the backward pass, so picture finishes the pass first, as grads does.
        let gradient = s.execute("picture dw(1)3").text
        #expect(gradient.contains("(computed the rest of the pass first: 127 steps)"))
        #expect(s.stepper.isFinished)
        Self.checkPicture(gradient, s.trace.gradient.weights[0].row(3), colour: colour, "dw(1)3")
        // The wishes, computed here from the trace: Σⱼ w(1)jk·(−δ(1)j).
        let wishes = (0..<784).map { k in (0..<16).reduce(0.0) { $0 + s.network.weights[0][$1, k] * -s.trace.delta[1][$1] } }
        let text = s.execute("picture wishes").text
        Self.checkPicture(text, wishes, colour: colour, "wishes")
        // Ng's names: Θ(1)4 is the row of neuron 4 counted from 1, without the bias column.
        _ = s.execute("notation ng")
        let theta = s.execute("picture Θ(1)4").text
        #expect(theta.hasPrefix(colour ? "\u{1B}[1mΘ(1)4: the 784 weights into a(2)4" : "Θ(1)4: the 784 weights into a(2)4"))
        Self.checkPicture(theta, s.network.weights[0].row(3), colour: colour, "Θ(1)4")
        Self.checkPicture(s.execute("picture dΘ(1)4").text, s.trace.gradient.weights[0].row(3), colour: colour, "dΘ(1)4")
        if !colour { #expect(!theta.contains("\u{1B}")) }
    }

    @Test(arguments: [
        ("picture", "picture takes one name: x (the input), wishes (−∂C/∂x),\n  w(1)0 … w(1)15 or Θ(1)1 … Θ(1)16"),
        ("picture q", "q: unknown value 'q'"),
        ("picture w(2)3", "w(2)3 holds 16 values, one per neuron of layer 1, not one per pixel"),
        ("picture Θ(3)1", "Θ(3)1 holds 17 values (bias column and one per unit of layer 3), not one per pixel"),
        ("picture w(1)16", "16 is not a neuron of layer 1; they run 0 to 15"),
        ("picture w(1)3,4", "w(1)3,4 is not a picture; picture shows one of: x (the input)"),
        ("picture x y", "picture takes one name"),
    ])
    func pictureRefusesWhatIsNotAnImage(line: String, message: String) {
        let s = Session()
        _ = s.execute("load mnist")
        _ = s.execute("step 3")
        let before = s.stepper, network = s.network
        let reply = s.execute(line)
        #expect(reply.error?.contains(message) == true, "\(reply.error ?? "(no error)")")
        #expect(s.stepper == before && s.network == network)
    }

    @Test func pictureOfAVectorThatIsNotAnImageSaysHowLongItIs() {
        let s = Session()
        #expect(s.execute("picture x").error?.hasPrefix("x has 2 values here, and a picture needs one per pixel of a square image\n") == true)
    }

    // MARK: pixels named with their row and column

    @Test func pixelIndicesComeWithTheirRowAndColumn() {
        let s = Session()
        _ = s.execute("load mnist")
        // Pixel 97 is row 3 (97 / 28), column 13 (97 − 84); pixel 296 row 10, column 16.
        #expect(s.execute("print w(1)4,97").text.contains("from a(0)97 (row 3, col 13) to z(1)4"))
        #expect(s.execute("print a(0)296").text.hasPrefix("a(0)296 (row 10, col 16) = "))
        #expect(s.execute("gradcheck w(1)5,355").text.contains("from a(0)355 (row 12, col 19) to z(1)5"))
        let nudges = s.execute("nudges --layer 1 --avenues").text
        for line in nudges.split(separator: "\n") where line.contains("w(1)") && line.contains("↑") || line.contains("a(0)") && line.contains("↓") {
            #expect(line.contains("(row "), "\(line)")
        }
        let check = s.execute("gradcheck --sample 3").text
        for line in check.split(separator: "\n") where line.hasPrefix("  w(1)") { #expect(line.contains("(row "), "\(line)") }
        let grads = s.execute("grads w(1)5,355").text
        #expect(grads.contains("\n∂C/∂w(1)5,355 (row 12, col 19) = "))
        // In Ng's notation rows and columns count from 1, as its units do: a(1)98 is pixel 97.
        _ = s.execute("notation ng")
        #expect(s.execute("print Θ(1)5,98").text.contains("from a(1)98 (row 4, col 14) to z(2)5"))
    }

    @Test func everyPictureFitsAHundredColumnsAndPlainTextHasNoEscapes() {
        let s = Session()
        for line in ["draw", "step 5", "draw", "backward", "draw", "descend", "train --epochs 30", "load mnist", "draw",
                     "backward", "draw", "draw a(3)2", "draw a(1)0", "picture x", "picture w(1)15", "picture dw(1)0",
                     "picture wishes", "notation ng", "draw a(4)10", "picture Θ(1)16"] {
            let reply = s.execute(line)
            #expect(reply.succeeded, "\(line): \(reply.error ?? "")")
            #expect(R.widest(reply.text) <= 100, "\(line)")
            #expect(!reply.text.contains("\u{1B}"), "\(line)")
        }
    }
}
