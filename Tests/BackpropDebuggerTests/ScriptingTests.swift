import Foundation
import Testing
import BackpropCore
import TestSupport

/// The built `backprop` as a script uses it: `-q` leaves only data on standard output, `--json`
/// results are one document, and the exit status still says whether a check failed.
struct ScriptingTests {
    static let environment: [String: String?] = ["NO_COLOR": "1", "TERM": nil]

    @Test func quietPrintsExactlyOneJSONDocument() throws {
        let run = try BuiltProgram.run("backprop", ["-q", "-c", "load small; backward; export -"], environment: Self.environment)
        #expect(run.exitStatus == 0 && run.standardError.isEmpty, "\(run)")
        // The whole of standard output is one document (our parser refuses anything after it).
        let json = try JSON.parse(run.outputBytes, limit: 1 << 26)
        #expect(json["format"]?["name"]?.string == "backprop-trace")
        #expect(json["steps"]?.array?.count == 16)
        // Without -q the backward tables come first.
        let loud = try BuiltProgram.run("backprop", ["-c", "load small; backward; export -"], environment: Self.environment)
        #expect(loud.standardOutput.hasPrefix("loaded small"))
        #expect(throws: JSONError.self) { try JSON.parse(loud.outputBytes, limit: 1 << 26) }
    }

    @Test func quietKeepsErrorsAndTheExitStatusOfAFailedCheck() throws {
        let failed = try BuiltProgram.run("backprop", ["--quiet", "-c", "bug output-sign; gradcheck"], environment: Self.environment)
        #expect(failed.exitStatus == 1 && failed.standardOutput.isEmpty && failed.standardError.isEmpty, "\(failed)")
        let error = try BuiltProgram.run("backprop", ["-q", "-c", "stpe"], environment: Self.environment)
        #expect(error.exitStatus == 1 && error.standardOutput.isEmpty)
        #expect(error.standardError == "error: unknown command 'stpe'; did you mean 'step'?\n")
        let piped = try BuiltProgram.run("backprop", ["-q"], input: .text("forward\nprint a(4)\n"), environment: Self.environment)
        #expect(piped.exitStatus == 0 && piped.standardOutput.hasPrefix("a(4)   layer 4 (output), 1 neuron\n"), "\(piped)")
    }

    @Test(arguments: [
        (["-q", "-q"], "backprop: -q is given twice (-q and --quiet are the same option)"),
        (["-q", "--quiet"], "backprop: --quiet is given twice (-q and --quiet are the same option)"),
        (["--quiet=yes"], "backprop: --quiet takes no value (found '--quiet=yes')"),
    ])
    func quietTwiceOrWithAValueIsRefused(arguments: [String], message: String) throws {
        let run = try BuiltProgram.run("backprop", arguments + ["-c", "forward"], environment: Self.environment)
        #expect(run.exitStatus == 2 && run.standardOutput.isEmpty, "\(run)")
        #expect(run.standardError.hasPrefix(message + "\n"), "\(run)")
    }

    @Test func gradcheckJSONFailsTheRunOnFail() throws {
        let pass = try BuiltProgram.run("backprop", ["-q", "-c", "gradcheck --json"], environment: Self.environment)
        #expect(pass.exitStatus == 0, "\(pass)")
        #expect(try JSON.parse(pass.outputBytes, limit: 1 << 26)["verdict"]?.string == "PASS")
        let fail = try BuiltProgram.run("backprop", ["-q", "-c", "bug missing-derivative; gradcheck --json"], environment: Self.environment)
        #expect(fail.exitStatus == 1, "\(fail)")
        #expect(try JSON.parse(fail.outputBytes, limit: 1 << 26)["verdict"]?.string == "FAIL")
    }

    @Test func compareJSONFailsTheRunOnADifference() throws {
        try inTemporaryDirectory { directory in
            let ours = "\(directory)/ours.json", edited = "\(directory)/edited.json"
            let export = try BuiltProgram.run("backprop", ["-q", "-c", "backward; export \(ours)"], environment: Self.environment)
            #expect(export.exitStatus == 0 && export.standardOutput.isEmpty, "\(export)")
            let match = try BuiltProgram.run("backprop", ["-q", "-c", "compare \(ours) --json"], environment: Self.environment)
            #expect(match.exitStatus == 0, "\(match)")
            #expect(try JSON.parse(match.outputBytes, limit: 1 << 26)["verdict"]?.string == "match")
            let json = try JSON.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: ours))), limit: 1 << 26)
            try Data(json.setting(["cost"], to: .number(0.6)).serialized()).write(to: URL(fileURLWithPath: edited))
            let differ = try BuiltProgram.run("backprop", ["-q", "-c", "compare \(edited) --json"], environment: Self.environment)
            #expect(differ.exitStatus == 1, "\(differ)")
            let result = try JSON.parse(differ.outputBytes, limit: 1 << 26)
            #expect(result["verdict"]?.string == "differ" && result["first"]?["path"]?.string == "cost")
            #expect(result["first"]?["name"]?.string == "C" && result["first"]?["yours"]?.double == 0.6)
        }
    }
}
