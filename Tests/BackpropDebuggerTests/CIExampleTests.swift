import Foundation
import Testing
import TestSupport

/// The example CI step of Sources/Documentation/Examples: a small NumPy backprop checked with
/// `compare` against the built tool passes, and the same code without σ′ fails, naming the first
/// wrong value and the likely mistake. Needs python3 with NumPy (`.ci/run` installs Debian's
/// python3-numpy); without them the tests skip, unless BACKPROP_REQUIRE_NUMPY is set.
struct CIExampleTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Documentation/Examples").path

    /// Whether python3 can import NumPy here.
    static let hasNumPy: Bool = {
        let required = ProcessInfo.processInfo.environment["BACKPROP_REQUIRE_NUMPY"].map { !$0.isEmpty } ?? false
        let found = (try? BuiltProgram.run(path: "/bin/sh", ["-c", "python3 -c 'import numpy'"]))?.exitStatus == 0
        return found || required
    }()

    static func runScript(in folder: String) throws -> ProgramRun {
        try BuiltProgram.run(path: "/bin/sh", [folder + "/check-numpy-backprop.sh"],
                             environment: ["BACKPROP": BuiltProgram.productsDirectory + "/backprop", "NO_COLOR": "1"],
                             timeLimit: 300)
    }

    @Test(.enabled(if: hasNumPy, "python3 with NumPy is not installed here (Debian: apt-get install python3-numpy)"))
    func theExampleCIStepPassesOnACorrectImplementation() throws {
        let run = try Self.runScript(in: Self.examples)
        #expect(run.exitStatus == 0, "\(run)")
        #expect(run.standardOutput == "ok    load small\nok    load small; cost quadratic\nok    load mnist; image 3\n", "\(run)")
    }

    @Test(.enabled(if: hasNumPy, "python3 with NumPy is not installed here (Debian: apt-get install python3-numpy)"))
    func theExampleCIStepFailsOnAMissingDerivativeAndSaysWhere() throws {
        try inTemporaryDirectory { folder in
            for file in ["check-numpy-backprop.sh", "numpy_backprop.py"] {
                try FileManager.default.copyItem(atPath: Self.examples + "/" + file, toPath: folder + "/" + file)
            }
            let path = folder + "/numpy_backprop.py"
            let code = try String(contentsOfFile: path, encoding: .utf8)
            let planted = code.replacingOccurrences(of: "delta[l] = (W[l].T @ delta[l + 1]) * slope[l]",
                                                    with: "delta[l] = W[l].T @ delta[l + 1]")
            #expect(planted != code, "the σ′ factor is where the test expects it")
            try planted.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try Self.runScript(in: folder)
            #expect(run.exitStatus == 1, "\(run)")
            // δ(3)1 = −0.0590976630578767 with σ′, −0.3163422245552643 = ∂C/∂a(3)1 without (SmallNetworkTests).
            #expect(run.standardOutput.hasPrefix(
                "FAIL  load small: δ(3)1 (layers[2].delta[0]): ours -0.0590976630578767 yours -0.3163422245552643\n"
                + "      hint: yours equals our ∂C/∂a(3)1 = −0.316342: is the factor σ′(z(3)1) missing?\n"), "\(run)")
            #expect(run.standardOutput.components(separatedBy: "FAIL ").count == 4, "all three networks fail")
        }
    }
}
