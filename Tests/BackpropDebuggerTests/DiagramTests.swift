import Foundation
import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// `draw` read back: every number in the picture is the trace's (or the network's) number rounded
/// to the digits shown, at every cursor position, and every picture fits 100 columns in plain text.
struct DiagramTests {
    typealias R = PictureReader

    /// A unit's box as found in the printed picture: its top-left corner.
    struct FoundBox { let x: Int, y: Int, heavy: Bool }

    /// The box titled `title` (" a(2)1 " or " cost "), found by its title in a top border.
    static func box(_ grid: [[Character]], _ title: String) -> FoundBox? {
        let t = Array(" " + title + " ")
        for (y, row) in grid.enumerated() where row.count >= t.count {
            for x in 0...(row.count - t.count) where Array(row[x..<(x + t.count)]) == t && x >= 2 {
                if row[x - 2] == "┌" || row[x - 2] == "┏" { return FoundBox(x: x - 2, y: y, heavy: row[x - 2] == "┏") }
            }
        }
        return nil
    }

    /// The bias box of the layer whose column starts at `x`.
    static func biasBox(_ grid: [[Character]], columnX x: Int) -> FoundBox? {
        for y in 1..<grid.count where R.slice(grid, y, x, 4) == "│ +1" || R.slice(grid, y, x, 4) == "┃ +1" {
            return FoundBox(x: x, y: y - 1, heavy: grid[y][x] == "┃")
        }
        return nil
    }

    /// The value in row `r` of a box ("z", "a", "δ", "y", "C"): the token, or "·".
    static func value(_ grid: [[Character]], _ b: FoundBox, row r: Int, label: String) -> String? {
        let text = R.slice(grid, b.y + r, b.x + 1, 12).trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix(label + " ") else { return nil }
        return String(text.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
    }

    /// Checks one printed picture of the session against its trace and network.
    static func checkDiagram(_ s: Session, _ text: String, _ context: String) {
        let grid = R.grid(text)
        let net = s.network, t = s.trace, st = s.stepper, n = s.notation, L = net.outputLayer
        #expect(R.widest(text) <= 100, "\(context): fits 100 columns\n\(text)")
        #expect(!text.contains("\u{1B}"), "\(context): plain text")
        func expectValue(_ token: String?, _ value: Double, known: Bool, _ what: String) {
            guard let token else { Issue.record("\(context): \(what) not found"); return }
            if known {
                #expect(R.rounds(token, to: value), "\(context): \(what) printed \(token), the trace has \(value)")
            } else {
                #expect(token == "·", "\(context): \(what) is not computed yet but shows \(token)")
            }
        }
        var boxes: [[FoundBox]] = []
        for l in 0...L {
            var column: [FoundBox] = []
            for j in 0..<net.sizes[l] {
                let name = n.name("a", layer: l, neuron: j)
                guard let b = box(grid, name) else { Issue.record("\(context): no box for \(name)"); column.append(FoundBox(x: 0, y: 0, heavy: false)); continue }
                column.append(b)
                if l == 0 {
                    expectValue(value(grid, b, row: 2, label: "a"), t.a[0][j], known: true, "\(name) = x")
                    continue
                }
                let forward = st.isComputed(.forward(layer: l, neuron: j))
                expectValue(value(grid, b, row: 1, label: "z"), t.z[l][j], known: forward, "z of \(name)")
                expectValue(value(grid, b, row: 2, label: "a"), t.a[l][j], known: forward, "\(name)")
                expectValue(value(grid, b, row: 3, label: "δ"), t.delta[l][j], known: st.isComputed(.delta(layer: l, neuron: j)), "δ of \(name)")
                if l == L { expectValue(value(grid, b, row: 4, label: "y"), t.example.target[j], known: true, "y of \(name)") }
            }
            boxes.append(column)
        }
        if let c = box(grid, "cost") { expectValue(value(grid, c, row: 1, label: "C"), t.cost, known: st.isComputed(.cost), "C") }
        else { Issue.record("\(context): no cost box") }

        // The heavy box is the unit (or the cost) of the last step, and only that one.
        let heavy = boxes.enumerated().flatMap { l, column in column.enumerated().filter { $0.element.heavy }.map { (l, $0.offset) } }
        switch st.last {
        case let .forward(l, j)?, let .delta(l, j)?, let .gradient(l, j)?:
            #expect(heavy.count == 1 && heavy.first! == (l, j), "\(context): heavy \(heavy)")
        default:
            #expect(heavy.isEmpty, "\(context): nothing but the cost is heavy")
        }

        // The labelled edges: a forward or gradient step's inputs, a δ step's weights back.
        switch st.last {
        case let .forward(l, j)?, let .gradient(l, j)?:
            let gradient: Bool = if case .gradient = st.last { true } else { false }
            let row = gradient ? { (k: Int) in t.gradient.weights[l - 1][j, k] } : { (k: Int) in net.weights[l - 1][j, k] }
            let bias = gradient ? t.gradient.biases[l - 1][j] : net.biases[l - 1][j]
            for k in 0..<net.sizes[l - 1] {
                let b = boxes[l - 1][k]
                let token = R.firstNumber(in: R.slice(grid, b.y + 2, b.x + 14, 9))
                #expect(token.map { R.rounds($0, to: row(k)) } == true, "\(context): edge from a(\(l - 1))\(k) reads \(token ?? "nothing"), expected \(row(k))")
            }
            if n == .ng, let b = biasBox(grid, columnX: boxes[l - 1][0].x) {
                let token = R.firstNumber(in: R.slice(grid, b.y + 1, b.x + 14, 9))
                #expect(token.map { R.rounds($0, to: bias) } == true, "\(context): bias edge reads \(token ?? "nothing"), expected \(bias)")
            }
        case let .delta(l, j)? where l < L:
            for i in 0..<net.sizes[l + 1] {
                let b = boxes[l + 1][i]
                let token = R.firstNumber(in: R.slice(grid, b.y + 3, b.x - 13, 12))
                #expect(token.map { R.rounds($0, to: net.weights[l][i, j]) } == true,
                        "\(context): edge from δ(\(l + 1))\(i) reads \(token ?? "nothing"), expected \(net.weights[l][i, j])")
            }
        default:
            break
        }
    }

    @Test(arguments: [Notation.ng, .threeBlueOneBrown])
    func smallDiagramShowsTheTraceAtEveryStep(_ notation: Notation) {
        for position in 0...16 {
            let s = Session()
            s.notation = notation
            if position > 0 { _ = s.execute("step \(position)") }
            let reply = s.execute("draw")
            #expect(reply.succeeded)
            Self.checkDiagram(s, reply.text, "small, \(notation.rawValue), \(position) steps")
        }
    }

    /// The largest network drawn this way: 4 layers of 4, random weights, a quadratic cost.
    static func fourByFour() throws -> Network {
        try Network.random(sizes: [4, 4, 4, 4], activation: .sigmoid, cost: .quadratic, initialization: .scaledNormal, seed: 7)
    }

    @Test(arguments: [Notation.ng, .threeBlueOneBrown])
    func fourLayersOfFourFitAndReadBack(_ notation: Notation) throws {
        let network = try Self.fourByFour()
        let example = Example(input: [1, 0.5, -0.25, 0], target: [0, 1, 0, 1])
        for position in [0, 1, 6, 12, 13, 14, 17, 22, 25, 26, 30, 37] {
            let s = Session()
            try s.replace(network: network, name: "four", example: example)
            s.notation = notation
            if position > 0 { _ = s.execute("step \(position)") }
            let text = s.execute("draw").text
            Self.checkDiagram(s, text, "4-4-4-4, \(notation.rawValue), \(position) steps")
            #expect(text.split(separator: "\n").count <= 38, "fits a 40-line terminal with its prompt")
        }
    }

    @Test func otherSmallShapesReadBack() throws {
        for sizes in [[2, 1], [3, 2, 1], [1, 4, 4], [4, 1, 2, 3]] {
            let network = try Network.random(sizes: sizes, activation: .tanh, cost: .quadratic, initialization: .scaledNormal, seed: 3)
            let example = Example(input: (0..<sizes[0]).map { Double($0) / 2 - 0.3 }, target: Array(repeating: 0.5, count: sizes.last!))
            for position in 0...network.schedule.count {
                let s = Session()
                try s.replace(network: network, name: "shape", example: example)
                if position > 0 { _ = s.execute("step \(position)") }
                Self.checkDiagram(s, s.execute("draw").text, "\(sizes), \(position) steps")
            }
        }
    }

    /// `draw NEURON` names the unit under the picture, not "last step"; before the pass reaches
    /// it, it says so and gives its formula without numbers (no made-up zeros).
    @Test func aNamedUnitsCaptionIsItsOwnAndHonestAboutWhatIsComputed() {
        let s = Session(style: Style(enabled: false))
        _ = s.execute("step 2")
        let early = s.execute("draw a(3)2").text
        #expect(early.contains("\na(3)2: not computed yet; z(3)2 = Θ(2)2,0·1 + Θ(2)2,1·a(2)1 + Θ(2)2,2·a(2)2\n"), "\(early)")
        #expect(!early.contains("last step") && !early.contains("= 0,"), "\(early)")
        #expect(early.contains("heavy: the unit named"))
        _ = s.execute("step 10")
        let later = s.execute("draw a(3)2").text
        // z(3)2 = 0.6 + 0.5·0.59327 − 0.55·0.596884 = 0.568349; σ(0.568349) = 0.638382.
        #expect(later.contains("\na(3)2: z(3)2 = Θ(2)2,0·1 + Θ(2)2,1·a(2)1 + Θ(2)2,2·a(2)2\n"
                               + "             = 0.568349, and a(3)2 = σ(z(3)2) = 0.638382\n"), "\(later)")
        #expect(s.execute("draw").text.contains("last step: the gradients into z(4)1: ∂C/∂Θ(3)1,0 = δ(4)1"), "named as `step` and `where` name it")
    }

    @Test func drawingAUnitShowsTheWeightsIntoIt() {
        let s = Session()
        _ = s.execute("forward")
        let text = s.execute("draw a(3)2").text
        // a(3)2's inputs: Θ(2)2,0 = 0.6 from the bias unit, Θ(2)2,1 = 0.5 and Θ(2)2,2 = −0.55.
        let grid = R.grid(text)
        let a21 = Self.box(grid, "a(2)1"), a22 = Self.box(grid, "a(2)2")
        #expect(a21 != nil && a22 != nil)
        #expect(R.firstNumber(in: R.slice(grid, (a21?.y ?? 0) + 2, (a21?.x ?? 0) + 14, 9)) == "0.5")
        #expect(R.firstNumber(in: R.slice(grid, (a22?.y ?? 0) + 2, (a22?.x ?? 0) + 14, 9)) == "−0.55")
        #expect(Self.box(grid, "a(3)2")?.heavy == true)
        #expect(s.execute("draw a(1)1").error?.contains("is an input: nothing comes into it") == true)
        #expect(s.execute("draw Θ(1)1,1").error?.contains("draw takes one neuron") == true)
        #expect(s.execute("draw a(9)1").error?.contains("layer 9 does not exist") == true)
        #expect(s.execute("draw a(2)1 a(2)2").error?.contains("at most one neuron") == true)
    }

    @Test func theDiagramLegendIsShownOncePerSession() {
        let s = Session()
        let first = s.execute("draw").text, second = s.execute("draw").text
        #expect(first.contains("heavy: the last step"))
        #expect(!second.contains("heavy: the last step"))
    }

    @Test func largerNetworksGetTheLayeredSummary() throws {
        let s = Session()
        let wide = try Network.random(sizes: [2, 5, 1], activation: .sigmoid, cost: .quadratic, initialization: .scaledNormal, seed: 1)
        try s.replace(network: wide, name: "wide", example: Example(input: [0, 1], target: [1]))
        #expect(s.execute("draw").text.contains("too wide to draw neuron by neuron"))
        #expect(s.execute("draw a(2)1").error?.contains("drawn as a summary of its layers") == true)
    }
}
