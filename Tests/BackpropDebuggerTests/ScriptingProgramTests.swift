#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport

/// The built program without a prompt: -c and --script in the order given, stopping at the first
/// failed command; standard input read line by line as it arrives, never stopping; bounded in time
/// and memory whatever arrives. (Issue 20's exit status, issue 23's unbounded input.)
struct ScriptingProgramTests {
    static let plain: [String: String?] = ["NO_COLOR": "1", "TERM": nil]

    func backprop() throws -> String { try #require(BuiltProgram.path("backprop"), "backprop is not built") }

    /// `sh -c script` with $B the built backprop and $D `folder`.
    func shell(_ script: String, in folder: String, timeLimit: Double = 60) throws -> ProgramRun {
        try BuiltProgram.run(path: "/bin/sh", ["-c", script], environment: Self.plain.merging(["B": try backprop(), "D": folder]) { $1 },
                             workingDirectory: folder, timeLimit: timeLimit)
    }

    // MARK: Several sources, in order

    @Test func severalCommandOptionsAndScriptsRunInTheOrderGiven() throws {
        try inTemporaryDirectory { folder in
            try "print y\n".write(toFile: folder + "/s.txt", atomically: true, encoding: .utf8)
            let run = try BuiltProgram.run("backprop", ["-c", "print x", "--script", "s.txt", "-c", "print cost"],
                                           environment: Self.plain, workingDirectory: folder)
            #expect(run.exitStatus == 0, "\(run)")
            let lines = run.standardOutput.split(separator: "\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("x = ") && lines[1].hasPrefix("y = ")
                    && lines[2].hasPrefix("C is not computed yet"), "\(run.standardOutput)")
        }
    }

    @Test(arguments: [
        // (arguments, exit status, standard error, the replies' first lines on standard output)
        (["-c", "print x; bogus; print y", "-c", "print y"], 1,
         "error: unknown command 'bogus'; type 'help' for the list of commands\n"
            + "backprop: stopped: command 2 of -c number 1 failed (bogus); --keep-going runs on\n", ["x = "]),
        // An error stops the rest of its line (print y), not the run.
        (["--keep-going", "-c", "print x; bogus; print y", "-c", "print y"], 1,
         "error: unknown command 'bogus'; type 'help' for the list of commands\n", ["x = ", "y = "]),
        (["-c", "bug missing-derivative; gradcheck; print x"], 1,
         "backprop: stopped: command 2 of -c failed its check (gradcheck); --keep-going runs on\n", ["planted", "gradient check"]),
        // The last command failing: nothing was left to stop.
        (["-c", "bug missing-derivative; gradcheck"], 1, "", ["planted", "gradient check"]),
        (["--keep-going", "-c", "bug missing-derivative; gradcheck; print x"], 1, "", ["planted", "gradient check", "x = "]),
        (["-c", "print x; quit; bogus", "-c", "bogus"], 0, "", ["x = "]),
    ] as [([String], Int32, String, [String])])
    func aFailedCommandStopsTheRunUnlessKeepGoing(arguments: [String], status: Int32, error: String, replies: [String]) throws {
        let run = try BuiltProgram.run("backprop", arguments, environment: Self.plain)
        #expect(run.exitStatus == status, "\(run)")
        #expect(run.standardError == error)
        let starts = run.standardOutput.split(separator: "\n").filter { line in
            ["x = ", "y = ", "planted", "gradient check"].contains { line.hasPrefix($0) }
        }
        #expect(starts.count == replies.count && zip(starts, replies).allSatisfy { $0.hasPrefix($1) }, "\(run.standardOutput)")
    }

    @Test func aFailedLoadNeverLetsExportWriteThePreviousNetwork() throws {
        try inTemporaryDirectory { folder in
            try "{".write(toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
            for arguments in [["-c", "load broken.json; export out.json"], ["--keep-going", "-c", "load broken.json; export out.json"]] {
                let run = try BuiltProgram.run("backprop", arguments, environment: Self.plain, workingDirectory: folder)
                #expect(run.exitStatus == 1, "\(run)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/out.json"))
            }
        }
    }

    @Test(arguments: [
        (["--keep-going", "--keep-going", "-c", "print x"], "backprop: --keep-going is given twice"),
        (["--keep-going=yes", "-c", "print x"], "backprop: --keep-going takes no value (found '--keep-going=yes')"),
        (["--script"], "backprop: --script needs a value"),
        (["--script", "/nonexistent/s.txt"], "backprop: cannot run the script /nonexistent/s.txt: no such file"),
        (["--script", "/"], "backprop: cannot run the script /: it is a directory"),
        (["-c", "print x", "--frobnicate"], "backprop: unknown option '--frobnicate'"),
    ] as [([String], String)])
    func badOptionsAreNamedAndNothingRuns(arguments: [String], message: String) throws {
        let run = try BuiltProgram.run("backprop", arguments, environment: Self.plain)
        #expect(run.exitStatus == 2, "\(run)")
        #expect(run.standardError.hasPrefix(message + "\n"), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty, "nothing ran")
    }

    // MARK: Standard input, line by line

    @Test func standardInputGoesOnAfterAFailureAndExitsOne() throws {
        let run = try BuiltProgram.run("backprop", input: .text("bogus\nprint x\n"), environment: Self.plain)
        #expect(run.exitStatus == 1, "\(run)")
        #expect(run.standardOutput.hasPrefix("x = "))
        #expect(!run.standardError.contains("stopped"))
    }

    @Test func eachAnswerComesBeforeTheNextLineIsWritten() throws {
        try inTemporaryDirectory { folder in
            // The second line comes 3 s after the first; after 1.5 s the first answer must be there.
            let run = try shell(#"(echo "print x"; sleep 3; echo "print y") | "$B" > out & sleep 1.5; cat out; wait"#, in: folder)
            #expect(run.standardOutput == "x = (0.05, 0.1)\n", "\(run)")
            #expect((try? String(contentsOfFile: folder + "/out", encoding: .utf8)) == "x = (0.05, 0.1)\ny = (1)\n")
        }
    }

    @Test func quitOnStandardInputEndsAnEndlessStream() throws {
        try inTemporaryDirectory { folder in
            let run = try shell(#"yes quit | "$B"; echo "status $?""#, in: folder, timeLimit: 30)
            #expect(run.standardOutput == "status 0\n", "\(run)")
            #expect(run.seconds < 20)
        }
    }

    @Test(arguments: ["stdin", "script"])
    func anEndlessLineEndsInAnErrorAtOnceWithBoundedMemory(via: String) throws {
        let run = via == "stdin"
            ? try BuiltProgram.run("backprop", input: .file("/dev/zero"), environment: Self.plain, timeLimit: 30)
            : try BuiltProgram.run("backprop", ["--script", "/dev/zero"], environment: Self.plain, timeLimit: 30)
        let source = via == "stdin" ? "standard input" : "/dev/zero"
        #expect(run.exitStatus == 1, "\(run)")
        #expect(run.standardError.hasPrefix("error: line 1 of \(source) is longer than 65536 characters"))
        #expect(run.standardError.count < 300, "an excerpt, not the line")
        #expect(run.seconds < 10)
        #expect((run.peakMemoryBytes ?? .max) < 150 << 20, "\(run)")
    }

    @Test func aScriptMayBeAPipeOrAFIFO() throws {
        try inTemporaryDirectory { folder in
            #expect(mkfifo(folder + "/fifo", 0o600) == 0)
            let run = try shell(#"(sleep 0.5; echo "print x") > fifo & "$B" --script fifo; wait"#, in: folder)
            #expect(run.exitStatus == 0 && run.standardOutput == "x = (0.05, 0.1)\n", "\(run)")
            if access("/bin/bash", X_OK) == 0 {
                let bash = try BuiltProgram.run(path: "/bin/bash", ["-c", #""$B" --script <(echo "print y")"#],
                                                environment: Self.plain.merging(["B": try backprop()]) { $1 })
                #expect(bash.exitStatus == 0 && bash.standardOutput == "y = (1)\n", "\(bash)")
            } else {
                print("skipped: --script <(…) needs /bin/bash, which is not here")
            }
        }
    }

    @Test func aNulInALineIsNamedWithTheLineAndTheMessageEndsItsLine() throws {
        let run = try BuiltProgram.run("backprop", input: .bytes(Array("print x\u{0}junk\nprint y\n".utf8)), environment: Self.plain)
        #expect(run.exitStatus == 1)
        #expect(run.standardError == "error: line 1 of standard input holds a NUL byte (at column 8): it was not run\n"
                + "(it starts \"print x\")\n")
        #expect(run.standardOutput == "y = (1)\n")
    }

    @Test func aVeryLongArgumentListIsRefusedBeforeItIsParsed() throws {
        // 30,000 numbers for a 2-input network: refused by count, quickly, with a short message.
        let line = "input " + Array(repeating: "1", count: 30_000).joined(separator: " ") + "\n"
        let run = try BuiltProgram.run("backprop", input: .text(line), environment: Self.plain, timeLimit: 30)
        #expect(run.exitStatus == 1)
        #expect(run.standardError.hasPrefix("error: input needs 2 values (one per input neuron), got 30000"), "\(run)")
        #expect(run.standardError.count < 400)
        #expect(run.seconds < 10)
    }
}
