#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TestSupport

/// The built `backprop`, run as a shell runs it: its exit status follows its replies' status, and
/// the helper that runs it (TestSupport's `BuiltProgram`) gives back what it printed, how long it
/// took and its peak memory.
struct BuiltProgramTests {
    @Test func aCommandThatRunsExitsZeroAndPrintsOnStandardOutput() throws {
        let run = try BuiltProgram.run("backprop", ["-c", "step"], environment: ["NO_COLOR": "1"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(run.standardOutput.hasPrefix("[1/") && run.standardError.isEmpty)
        #expect(!run.standardOutput.contains("\u{1B}["), "no colour on a pipe")
    }

    @Test func aFailedCheckPrintsItsReportAndExitsOne() throws {
        let run = try BuiltProgram.run("backprop", ["-c", "bug output-sign; gradcheck"])
        #expect(run.exitStatus == 1, "\(run)")
        #expect(run.standardOutput.contains("verdict: FAIL") && run.standardError.isEmpty)
        let passing = try BuiltProgram.run("backprop", ["-c", "gradcheck"])
        #expect(passing.exitStatus == 0 && passing.standardOutput.contains("verdict: PASS"), "\(passing)")
    }

    @Test func anErrorGoesToStandardErrorAndExitsOne() throws {
        let run = try BuiltProgram.run("backprop", ["-c", "stpe"])
        #expect(run.exitStatus == 1)
        #expect(run.standardError == "error: unknown command 'stpe'; did you mean 'step'?\n")
    }

    @Test func commandsComeFromStandardInput() throws {
        let run = try BuiltProgram.run("backprop", input: .text("forward\ncost\n"))
        #expect(run.exitStatus == 0, "\(run)")
        #expect(run.standardOutput.hasPrefix("layer 1 (input, 2 neurons)"))
        #expect(run.standardOutput.contains("cross-entropy cost"))
    }

    @Test func aProgramPastItsTimeLimitIsKilled() throws {
        let run = try BuiltProgram.run(path: "/bin/sleep", ["30"], timeLimit: 0.3)
        #expect(run.timedOut && run.signal == SIGKILL && run.exitStatus == nil)
        #expect(run.seconds < 10)
    }

    @Test func theEnvironmentAndTheWorkingDirectoryAreTheChildsOwn() throws {
        let run = try BuiltProgram.run(path: "/bin/sh", ["-c", "pwd; echo \"$BACKPROP_TEST_VALUE\"; echo \"${HOME-unset}\""],
                                       environment: ["BACKPROP_TEST_VALUE": "42", "HOME": nil], workingDirectory: "/")
        #expect(run.standardOutput == "/\n42\nunset\n", "\(run)")
    }

    @Test func largeInputAndOutputDoNotBlockEachOther() throws {
        // 4 MB through cat: more than any pipe holds, in both directions at once.
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        let run = try BuiltProgram.run(path: "/bin/cat", input: .bytes(input))
        #expect(run.exitStatus == 0 && run.outputBytes.count == input.count)
    }

    @Test func thePeakMemoryIsTheProgramsOwn() throws {
        // This test process holds more than 64 MB while the programs run; their figures must not include it.
        let ballast = [UInt8](repeating: 1, count: 64 << 20)
        let small = try BuiltProgram.run("backprop", ["-c", "quit"])
        let mnist = try BuiltProgram.run("backprop", ["-c", "load mnist; accuracy"])
        let grown = try BuiltProgram.run(path: "/bin/sh", ["-c", "x=$(head -c 30000000 /dev/zero | tr '\\0' a); echo ${#x}"])
        #expect(ballast.count > 0)
        let s = try #require(small.peakMemoryBytes), m = try #require(mnist.peakMemoryBytes), g = try #require(grown.peakMemoryBytes)
        #expect(s > 1 << 20 && s < 48 << 20, "\(small)")
        #expect(m > s, "the shipped network and images take room: \(small) \(mnist)")
        #expect(g > 30_000_000 && grown.standardOutput == "30000000\n", "a shell holding 30 MB: \(grown)")
    }

    @Test func aProgramKilledByASignalEndsByThatSignal() throws {
        let run = try BuiltProgram.run(path: "/bin/sh", ["-c", "kill -TERM $$"])
        #expect(run.signal == SIGTERM && run.exitStatus == nil && !run.timedOut, "\(run)")
        let exited = try BuiltProgram.run(path: "/bin/sh", ["-c", "exit 3"])
        #expect(exited.exitStatus == 3 && exited.signal == nil)
    }

    @Test func aMissingProductIsNamed() {
        #expect(throws: ProgramRunError.self) { try BuiltProgram.run("no-such-product") }
    }
}
