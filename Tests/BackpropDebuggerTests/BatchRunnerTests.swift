import Foundation
import Testing
import TestSupport
@testable import BackpropCore
@testable import BackpropDebugger

/// `BatchRunner`: -c and scripts run in order and stop at the first failed command, saying which;
/// --keep-going runs on; an error always stops its own line. (Standard input, which never stops,
/// is run through the built program in ProgramTests.)
struct BatchRunnerTests {
    /// What a run wrote, in order, tagged "out", "error" or "note".
    final class Transcript {
        var entries: [(kind: String, text: String)] = []
        var writer: BatchRunner.Writer {
            BatchRunner.Writer(output: { self.entries.append(("out", $0)) },
                               error: { self.entries.append(("error", $0)) },
                               note: { self.entries.append(("note", $0)) })
        }
        func texts(_ kind: String) -> [String] { entries.filter { $0.kind == kind }.map(\.text) }
    }

    func run(_ sources: [CommandSource], keepGoing: Bool = false,
             session: Session = Session()) -> (status: Int32, transcript: Transcript) {
        let transcript = Transcript()
        let runner = BatchRunner(session: session, keepGoing: keepGoing, write: transcript.writer)
        return (runner.run(sources), transcript)
    }

    @Test func severalOptionsRunInTheOrderGiven() throws {
        try inTemporaryDirectory { folder in
            try "print y\n".write(toFile: folder + "/s.txt", atomically: true, encoding: .utf8)
            let (status, transcript) = run([.commands("print x"), .script(path: folder + "/s.txt"), .commands("print cost")])
            #expect(status == 0)
            #expect(transcript.texts("out").count == 3)
            #expect(transcript.texts("out")[0].hasPrefix("x = ") && transcript.texts("out")[1].hasPrefix("y = "))
        }
    }

    @Test func theFirstFailedCommandStopsTheRunAndIsNamed() throws {
        let (status, transcript) = run([.commands("print x; bogus; print y"), .commands("print cost")])
        #expect(status == 1)
        #expect(transcript.texts("out").count == 1, "print y and print cost were not run")
        #expect(transcript.texts("note") == ["stopped: command 2 of -c number 1 failed (bogus); --keep-going runs on"])
    }

    @Test func aFailedCheckStopsTheRunAfterPrintingItsReport() {
        let (status, transcript) = run([.commands("bug missing-derivative; gradcheck; print x")])
        #expect(status == 1)
        #expect(transcript.texts("out").last?.contains("FAIL") == true)
        #expect(!transcript.texts("out").contains { $0.hasPrefix("x = ") })
        #expect(transcript.texts("note") == ["stopped: command 2 of -c failed its check (gradcheck); --keep-going runs on"])
        #expect(transcript.texts("error").isEmpty, "a failed check is not an error: its report says why")
    }

    @Test func keepGoingRunsOnButAnErrorStillStopsItsLine() throws {
        try inTemporaryDirectory { folder in
            let out = folder + "/out.json"
            let script = folder + "/s.txt"
            try "load \(folder)/broken.json; export \(out)\nprint x\n".write(toFile: script, atomically: true, encoding: .utf8)
            try "{".write(toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
            let (status, transcript) = run([.script(path: script)], keepGoing: true)
            #expect(status == 1)
            #expect(!FileManager.default.fileExists(atPath: out), "the previous network was not exported")
            #expect(transcript.texts("out").first?.hasPrefix("x = ") == true, "the next line ran")
            #expect(transcript.texts("note").isEmpty)
        }
    }

    @Test func loadThatFailsNeverLetsTheNextCommandExportThePreviousNetwork() throws {
        try inTemporaryDirectory { folder in
            try "{".write(toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
            let (status, _) = run([.commands("load \(folder)/broken.json; export \(folder)/out.json")])
            #expect(status == 1)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.json"))
        }
    }

    @Test func quitEndsEverySource() {
        let (status, transcript) = run([.commands("print x; quit; print y"), .commands("bogus")])
        #expect(status == 0)
        #expect(transcript.texts("out").count == 1 && transcript.texts("error").isEmpty)
    }

    @Test func scriptLinesAreNumberedAndALineWithANulIsRefused() throws {
        try inTemporaryDirectory { folder in
            let script = folder + "/s.txt"
            #expect(FileManager.default.createFile(atPath: script, contents: Data("print x\n\nprint y\u{0}junk\nprint cost\n".utf8)))
            let (status, transcript) = run([.script(path: script)])
            #expect(status == 1)
            #expect(transcript.texts("error") == ["line 3 of \(script) holds a NUL byte (at column 8): it was not run\n(it starts \"print y\")"])
            #expect(transcript.texts("note") == ["stopped: line 3 of \(script) failed; --keep-going runs on"])
            #expect(transcript.texts("out").count == 1)
        }
    }

    @Test func aScriptThatIsAFolderOrMissingIsRefusedByName() {
        let missing = "/nonexistent-\(UUID().uuidString)"
        #expect(CommandSource.script(path: missing).check() == "cannot run the script \(missing): no such file")
        #expect(CommandSource.script(path: NSTemporaryDirectory()).check()?.hasSuffix("it is a directory") == true)
        let (status, transcript) = run([.script(path: missing), .commands("print x")], keepGoing: true)
        #expect(status == 1)
        #expect(transcript.texts("out").count == 1)
    }

    @Test func aCommandLongerThanTheLineLimitIsRefusedWithAnExcerpt() {
        let long = "print " + String(repeating: "z", count: LineReader.maximumLength)
        let (status, transcript) = run([.commands(long)])
        #expect(status == 1)
        let error = transcript.texts("error").first ?? ""
        #expect(error.hasPrefix("command 1 of -c is longer than 65536 characters"))
        #expect(error.count < 200, "an excerpt, not the line")
    }
}
