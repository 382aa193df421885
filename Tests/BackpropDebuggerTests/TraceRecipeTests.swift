import Foundation
import Testing
import TestSupport

/// The trace-writing recipes of TraceFormat.md, run exactly as the document shows them: each
/// Python block marked `<!-- recipe: NAME -->` is taken from the document, run in a fresh folder
/// beside a trace the built program exported, and its `mine.json` checked with `compare`.
///
/// The Python is `BACKPROP_PYTHON` when set, else `python3`. The NumPy recipes need NumPy
/// (`.ci/run` installs Debian's python3-numpy and sets BACKPROP_REQUIRE_NUMPY, which makes its
/// absence a failure); the PyTorch and JAX recipes need torch and jax, which CI does not install
/// (too large), so there they skip with a line saying what is missing.
struct TraceRecipeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let document = repository.appendingPathComponent("Sources/BackpropCore/BackpropCore.docc/TraceFormat.md").path
    /// The README shows the same output under the same marker.
    static let readme = repository.appendingPathComponent("README.md").path

    static let python: String = {
        let named = ProcessInfo.processInfo.environment["BACKPROP_PYTHON"] ?? ""
        return named.isEmpty ? "python3" : named
    }()

    /// Whether the Python can import `module`.
    static func canImport(_ module: String) -> Bool {
        let run = try? BuiltProgram.run(path: "/bin/sh", ["-c", "exec \"$0\" -c 'import \(module)' 2>/dev/null", python],
                                        timeLimit: 120)
        return run?.exitStatus == 0
    }

    static let hasNumPy: Bool = {
        let required = ProcessInfo.processInfo.environment["BACKPROP_REQUIRE_NUMPY"].map { !$0.isEmpty } ?? false
        return canImport("numpy") || required
    }()
    static let hasTorch = canImport("torch")
    static let hasJAX = canImport("jax")

    static func missing(_ module: String, _ what: String, _ how: String) -> Comment {
        Comment(rawValue: "\(python) cannot import \(module): the \(what) recipe of TraceFormat.md is not run (\(how))")
    }
    static let noNumPy = missing("numpy", "NumPy", "Debian: apt-get install python3-numpy, or set BACKPROP_PYTHON")
    static let noTorch = missing("torch", "PyTorch", "CI does not install it; set BACKPROP_PYTHON to a Python that has it")
    static let noJAX = missing("jax", "JAX", "CI does not install it; set BACKPROP_PYTHON to a Python that has it")

    /// The document's text.
    static func text() throws -> String { try String(contentsOfFile: document, encoding: .utf8) }

    /// The fenced block that follows the line `marker` (after any blank lines), without its fences;
    /// nil when the marker is missing or no fence follows it.
    static func block(after marker: String, in text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let at = lines.firstIndex(of: marker) else { return nil }
        var i = at + 1
        while i < lines.count && lines[i].isEmpty { i += 1 }
        guard i < lines.count, lines[i].hasPrefix("```"), let end = lines[(i + 1)...].firstIndex(of: "```") else { return nil }
        return lines[(i + 1)..<end].joined(separator: "\n") + "\n"
    }

    /// The recipe marked `<!-- recipe: NAME -->`.
    static func recipe(_ name: String) throws -> String {
        let marker = "<!-- recipe: \(name) -->"
        guard let code = block(after: marker, in: try text()) else {
            throw RecipeError("TraceFormat.md has no code block after \(marker)")
        }
        return code
    }

    struct RecipeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A network and example made in a session, for a recipe to read from its export.
    struct Setup: CustomTestStringConvertible, Sendable {
        let commands: String
        /// Whether the pass overflows somewhere, so that the recipe must write a non-finite value.
        var overflows = false
        var testDescription: String { commands }
    }

    /// Four MNIST images through ReLU, tanh and a softmax output, the log-likelihood, the mean.
    static let softmaxBatch = Setup(
        commands: "load mnist --untrained; activation relu tanh softmax --cost log-likelihood; batch images 0-3")

    /// Every cost, every activation, one example and batches by mean and by sum, and a pass that
    /// overflows (z = 1e308·10 + 1e308·10 = ∞ in layer 2).
    static let setups: [Setup] = [
        Setup(commands: "load small"),
        Setup(commands: "load small; cost quadratic"),
        Setup(commands: "load mnist; image 3"),
        softmaxBatch,
        Setup(commands: "load small; activation tanh --cost sum-of-squares; batch add 0.9 -0.3 -> 0; "
              + "batch add 0.2 0.7 -> 1; batch --sum"),
        Setup(commands: "load small; cost quadratic; input 10 10; set Θ(2)1,1 1e308; set Θ(2)1,2 1e308",
              overflows: true),
    ]

    /// The file a recipe reads: the name in its first `json.load(open("…"))`.
    static func inputName(of code: String) throws -> String {
        let opener = "json.load(open(\""
        guard let start = code.range(of: opener),
              let end = code[start.upperBound...].firstIndex(of: "\"") else {
            throw RecipeError("the recipe reads no file with json.load(open(\"…\"))")
        }
        return String(code[start.upperBound..<end])
    }

    /// How many values `compare` checks in a full trace of `exported`'s network and example
    /// (every a, z and δ of every example, every gradient), plus the cost when `withCost`.
    static func valueCount(of exported: String, withCost: Bool) throws -> Int {
        let json = try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any]
        guard let network = json?["network"] as? [String: Any], let sizes = network["sizes"] as? [Int],
              let example = json?["example"] as? [String: Any], let input = example["input"] as? [Any] else {
            throw RecipeError("the export has no network sizes or example")
        }
        let examples = input.first is [Any] ? input.count : 1
        let perExample = sizes[0] + 3 * sizes.dropFirst().reduce(0, +)
        let gradients = zip(sizes, sizes.dropFirst()).map { $1 * $0 + $1 }.reduce(0, +)
        return examples * perExample + gradients + (withCost ? 1 : 0)
    }

    /// Exports `setup`'s trace to the file `code` reads, runs `code` (changed by `planted` when
    /// given) in a fresh folder, and compares its `mine.json`. Returns the comparison, the
    /// number of values a whole trace holds, and what the recipe wrote.
    static func run(_ code: String, on setup: Setup) throws -> (compare: ProgramRun, expected: Int, mine: String) {
        let input = try inputName(of: code)
        return try inTemporaryDirectory { folder in
            let export = try BuiltProgram.run("backprop", ["-q", "-c", setup.commands + "; export -"])
            #expect(export.exitStatus == 0, "\(export)")
            try export.standardOutput.write(toFile: folder + "/" + input, atomically: true, encoding: .utf8)
            try code.write(toFile: folder + "/recipe.py", atomically: true, encoding: .utf8)
            let recipe = try BuiltProgram.run(path: "/bin/sh", ["-c", "exec \"$0\" recipe.py", python],
                                              workingDirectory: folder, timeLimit: 300)
            guard recipe.exitStatus == 0, let mine = try? String(contentsOfFile: folder + "/mine.json", encoding: .utf8) else {
                throw RecipeError("the recipe failed or wrote no mine.json: \(recipe)")
            }
            let compare = try BuiltProgram.run("backprop", ["-c", "compare mine.json"], environment: ["NO_COLOR": "1"],
                                               workingDirectory: folder)
            let withCost = (try JSONSerialization.jsonObject(with: Data(mine.utf8)) as? [String: Any])?["cost"] is NSNumber
            return (compare, try valueCount(of: export.standardOutput, withCost: withCost), mine)
        }
    }

    /// Runs the recipe `name` on `setup` and expects `compare` to find every value of a whole
    /// trace in it and to agree with all of them, to float64 round-off.
    static func expectMatch(recipe name: String, on setup: Setup) throws {
        let (compare, expected, mine) = try run(try recipe(name), on: setup)
        #expect(compare.exitStatus == 0, "\(compare)")
        #expect(compare.standardOutput.contains("  network  from mine.json: "), "\(compare)")
        #expect(compare.standardOutput.contains("\nmatch: all \(expected) values compared agree"), "\(compare)")
        // "  largest |ours − yours| = 1.421e-14, at …" or "… = 0: every value is ours bit for bit".
        let largest = compare.standardOutput.components(separatedBy: "\n")
            .first { $0.hasPrefix("  largest |ours − yours| = ") }?
            .dropFirst("  largest |ours − yours| = ".count).prefix { $0 != "," && $0 != ":" }
        #expect(largest.flatMap { Double($0) }.map { $0 <= 1e-12 } == true, "float64 round-off at most: \(compare)")
        if setup.overflows {
            #expect(mine.contains("\"Infinity\""), "the overflowing z is written as the string Infinity")
        }
    }

    @Test func theDocumentMarksEachRecipeAndKeepsItsLinesWithin100Columns() throws {
        let text = try Self.text()
        let marked = text.components(separatedBy: "\n").filter { $0.hasPrefix("<!-- recipe: ") }
        #expect(marked == ["numpy-example", "numpy", "pytorch", "jax"].map { "<!-- recipe: \($0) -->" })
        for name in ["numpy-example", "numpy", "pytorch", "jax"] {
            let code = try Self.recipe(name)
            #expect(code.contains("allow_nan=False"), "\(name)")
            #expect(try Self.inputName(of: code).hasSuffix(".json"), "\(name)")
            for line in code.components(separatedBy: "\n") {
                #expect(line.count <= 100, "\(name): \(line)")
            }
        }
    }

    @Test(.enabled(if: hasNumPy, noNumPy))
    func theNumPyExampleMatchesOnItsNetwork() throws {
        try Self.expectMatch(recipe: "numpy-example", on: Setup(commands: "load small; backward"))
    }

    @Test(.enabled(if: hasNumPy, noNumPy), arguments: setups)
    func theNumPyRecipeMatches(_ setup: Setup) throws {
        try Self.expectMatch(recipe: "numpy", on: setup)
    }

    @Test(.enabled(if: hasTorch, noTorch), arguments: setups)
    func thePyTorchRecipeMatches(_ setup: Setup) throws {
        try Self.expectMatch(recipe: "pytorch", on: setup)
    }

    @Test(.enabled(if: hasJAX, noJAX), arguments: setups)
    func theJAXRecipeMatches(_ setup: Setup) throws {
        try Self.expectMatch(recipe: "jax", on: setup)
    }

    /// The mistake the document plants in the NumPy recipe makes `compare` fail with the lines
    /// the document and the README show (a "…" line there stands for lines left out).
    @Test(.enabled(if: hasNumPy, noNumPy))
    func weightGradientsNotDividedByMFailAsTheDocumentShows() throws {
        let code = try Self.recipe("numpy")
        let planted = code.replacingOccurrences(of: "D[l + 1].T @ A[l] / m]", with: "D[l + 1].T @ A[l]]")
        #expect(planted != code, "the weight gradients' / m is where the test expects it")
        let (compare, _, _) = try Self.run(planted, on: Self.softmaxBatch)
        #expect(compare.exitStatus == 1, "\(compare)")
        let marker = "<!-- recipe output: numpy, weight gradients not divided by m -->"
        for text in [try Self.text(), try String(contentsOfFile: Self.readme, encoding: .utf8)] {
            let shown = try #require(Self.block(after: marker, in: text))
                .components(separatedBy: "\n").filter { !$0.isEmpty && $0.trimmingCharacters(in: .whitespaces) != "…" }
            #expect(shown.count >= 4)
            // Each shown line, in order, is a whole line of the output.
            var output = compare.standardOutput.components(separatedBy: "\n")[...]
            for line in shown {
                guard let at = output.firstIndex(of: line) else {
                    Issue.record("not in the output (in order): \(line)\n\(compare)")
                    break
                }
                output = output[(at + 1)...]
            }
        }
    }
}
