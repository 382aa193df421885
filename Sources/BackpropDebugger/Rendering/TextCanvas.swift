/// A grid of character cells to draw a picture on: text put at a place, and lines drawn as arms
/// (up, down, left, right; light or heavy) that meet in the right box-drawing character ("┣",
/// "╂", "┐"), each cell with its own colour. `render` writes it line by line through `Style`, so
/// without colour there are no escapes and the picture reads the same.
struct TextCanvas {
    /// How thick a line is.
    enum Weight: Int { case none = 0, light = 1, heavy = 2 }

    let width: Int
    let height: Int
    private var characters: [[Character]]
    /// The SGR code of each cell ("" for none), as `Style.wrap` takes it.
    private var codes: [[String]]
    /// The arms of the lines through each cell, up, down, left, right.
    private var arms: [[[Weight]]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        characters = Array(repeating: Array(repeating: " ", count: width), count: height)
        codes = Array(repeating: Array(repeating: "", count: width), count: height)
        arms = Array(repeating: Array(repeating: [.none, .none, .none, .none], count: width), count: height)
    }

    /// Writes `text` from column `x` of row `y`, one character a cell (cut at the right edge).
    mutating func put(_ text: String, x: Int, y: Int, code: String = "") {
        guard y >= 0 && y < height else { return }
        var column = x
        for c in text where column < width {
            if column >= 0 {
                characters[y][column] = c
                codes[y][column] = code
                arms[y][column] = [.none, .none, .none, .none]
            }
            column += 1
        }
    }

    /// The character at a cell (after lines are resolved by `render`, the line's own glyph).
    func character(x: Int, y: Int) -> Character { characters[y][x] }

    /// A horizontal line from column `x0` to `x1` on row `y`.
    mutating func horizontal(from x0: Int, to x1: Int, y: Int, _ weight: Weight, code: String = "") {
        for x in min(x0, x1)...max(x0, x1) {
            if x > min(x0, x1) { addArm(x, y, 2, weight, code) }
            if x < max(x0, x1) { addArm(x, y, 3, weight, code) }
        }
    }

    /// A vertical line from row `y0` to `y1` in column `x`.
    mutating func vertical(x: Int, from y0: Int, to y1: Int, _ weight: Weight, code: String = "") {
        guard y0 != y1 else { return }
        for y in min(y0, y1)...max(y0, y1) {
            if y > min(y0, y1) { addArm(x, y, 0, weight, code) }
            if y < max(y0, y1) { addArm(x, y, 1, weight, code) }
        }
    }

    /// Adds one arm to a cell's line junction (the heavier one wins). Index 0 up, 1 down, 2 left, 3 right.
    mutating func addArm(_ x: Int, _ y: Int, _ index: Int, _ weight: Weight, _ code: String) {
        guard x >= 0 && x < width && y >= 0 && y < height, weight != .none else { return }
        if arms[y][x][index].rawValue < weight.rawValue { arms[y][x][index] = weight }
        if weight == .heavy || codes[y][x].isEmpty { codes[y][x] = code }
        characters[y][x] = TextCanvas.glyph(arms[y][x])
    }

    /// The lines, each with its colour through `style` and without trailing spaces.
    func render(style: Style) -> [String] {
        (0..<height).map { y in
            var line = "", run = "", runCode = ""
            for x in 0..<width {
                if codes[y][x] != runCode {
                    line += runCode.isEmpty ? run : style.wrap(run, runCode)
                    run = ""
                    runCode = codes[y][x]
                }
                run.append(characters[y][x])
            }
            line += runCode.isEmpty ? run : style.wrap(run, runCode)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The box-drawing character whose arms are `arms` (up, down, left, right; each none, light or
    /// heavy): index up·27 + down·9 + left·3 + right into a table of all 81.
    static func glyph(_ arms: [Weight]) -> Character {
        let i = arms[0].rawValue * 27 + arms[1].rawValue * 9 + arms[2].rawValue * 3 + arms[3].rawValue
        return boxCharacters[i]
    }

    /// Every combination of light and heavy arms (made from the Unicode names of U+2500–U+257F).
    static let boxCharacters: [Character] = Array(" ╶╺╴─╼╸╾━╷┌┍┐┬┮┑┭┯╻┎┏┒┰┲┓┱┳╵└┕┘┴┶┙┵┷│├┝┤┼┾┥┽┿╽┟┢┧╁╆┪╅╈╹┖┗┚┸┺┛┹┻╿┞┡┦╀╄┩╃╇┃┠┣┨╂╊┫╉╋")
}
