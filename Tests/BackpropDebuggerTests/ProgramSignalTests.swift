#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport
import BackpropCore

/// The built program and signals, terminals and sessions side by side: SIGTERM, SIGHUP and SIGINT
/// outside a terminal remove the temporary file of the write they interrupt; Ctrl-C at the
/// terminal cancels an export and the session goes on; two sessions sharing a HOME lose no history.
@Suite(.serialized)
struct ProgramSignalTests {
    static let plain: [String: String?] = ["NO_COLOR": "1", "TERM": "xterm"]

    /// A network of half a million weights and biases with long numbers, saved in `folder/big.json`:
    /// after `backward` its trace is about 30 MB, long enough to write that a test can catch it.
    static func bigNetwork(in folder: String) throws {
        let network = try Network.random(sizes: [500, 1_000], cost: .quadratic, seed: 23)
        try NetworkFile.save(network, to: folder + "/big.json")
    }

    /// Whether `folder` holds one of AtomicFile's temporary files.
    static func hasTemporaryFile(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.contains(".tmp-") }
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalDuringAnExportRemovesItsTemporaryFile(signal: Int32) throws {
        try inTemporaryDirectory { folder in
            try Self.bigNetwork(in: folder)
            // Stopped while the temporary file exists, the signal is delivered when it goes on.
            let run = try BuiltProgram.run("backprop", ["-c", "load big.json; backward; export out.json"],
                                           environment: Self.plain, workingDirectory: folder, timeLimit: 240,
                                           events: [ProgramEvent(.when { Self.hasTemporaryFile(folder) },
                                                                 .signals([SIGSTOP, signal, SIGCONT]))])
            #expect(run.signal == signal, "\(run)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names == ["big.json"], "the temporary file was removed and nothing was written: \(names)")
        }
    }

    @Test func ctrlCAtTheTerminalCancelsAnExportAndTheSessionGoesOn() throws {
        try inTemporaryDirectory { folder in
            try Self.bigNetwork(in: folder)
            let run = try BuiltProgram.run("backprop", environment: Self.plain.merging(["BACKPROP_HOME": folder + "/home"]) { $1 },
                                           workingDirectory: folder, timeLimit: 240, terminal: true, events: [
                ProgramEvent(.outputContains("(backprop)"), .type("load big.json; backward; export out.json\r")),
                ProgramEvent(.when { Self.hasTemporaryFile(folder) }, .signals([SIGSTOP, SIGINT, SIGCONT])),
                ProgramEvent(.outputContains("was not written"), .type("print x\r")),
                ProgramEvent(.outputContains("x = (0.05"), .type("quit\r")),
            ])
            #expect(run.exitStatus == 0, "\(run)\n\(run.terminalText)")
            #expect(run.standardError.contains("error: cancelled: out.json was not written (it is as it was)"), "\(run)")
            #expect(run.terminalText.contains("x: 500 values"), "the session went on: \(run.terminalText)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(names == ["big.json", "home"], "\(names)")
        }
    }

    @Test func twoSessionsSharingAHomeLoseNoLineOfHistory() throws {
        try inTemporaryDirectory { folder in
            let environment = Self.plain.merging(["BACKPROP_HOME": folder]) { $1 }
            let runs = Runs()
            DispatchQueue.concurrentPerform(iterations: 2) { session in
                let lines = (0..<60).map { "print x # session \(session) line \($0)\r" }.joined()
                let run = try? BuiltProgram.run("backprop", environment: environment, timeLimit: 120, terminal: true, events: [
                    ProgramEvent(.outputContains("(backprop)"), .type(lines)),
                    ProgramEvent(.outputContains("line 59"), .type("quit\r")),
                ])
                runs.add(run)
            }
            #expect(runs.all.count == 2 && runs.all.allSatisfy { $0?.exitStatus == 0 }, "\(runs.all)")
            let history = try String(contentsOfFile: folder + "/history", encoding: .utf8)
            let lines = history.split(separator: "\n")
            for session in 0..<2 {
                for n in 0..<60 {
                    #expect(lines.contains("print x # session \(session) line \(n)"), "session \(session) line \(n) was lost")
                }
            }
            #expect(lines.count == 122, "the 120 lines and the two sessions' quit")
        }
    }

    @Test func aFIFOAsTheHistoryFileNeitherHangsTheStartNorGoesUnsaid() throws {
        try inTemporaryDirectory { folder in
            #expect(mkfifo(folder + "/history", 0o600) == 0)
            let run = try BuiltProgram.run("backprop", environment: Self.plain.merging(["BACKPROP_HOME": folder]) { $1 },
                                           timeLimit: 30, terminal: true,
                                           events: [ProgramEvent(.outputContains("(backprop)"), .type("print x\rquit\r"))])
            #expect(run.exitStatus == 0, "\(run)")
            #expect(run.standardError.contains("is a named pipe (FIFO), not a regular file"), "\(run)")
            #expect(run.standardError.components(separatedBy: "history is kept for this session only").count == 2, "said once")
            #expect(run.seconds < 20)
        }
    }

    /// A home folder that cannot be written: the notes say so, and where a note would pass 100
    /// columns (a long path), what it means for the session goes on a line of its own.
    @Test func notesAboutAnUnwritableHomeFitTheTerminal() throws {
        try inTemporaryDirectory { folder in
            // Under a regular file, so that the folder cannot be made.
            let file = folder + "/" + String(repeating: "a-long-file-name-", count: 3) + "not-a-folder"
            #expect(FileManager.default.createFile(atPath: file, contents: Data()))
            let home = file + "/backprop"
            let run = try BuiltProgram.run("backprop", environment: Self.plain.merging(["BACKPROP_HOME": home]) { $1 },
                                           timeLimit: 30, terminal: true,
                                           events: [ProgramEvent(.outputContains("(backprop)"), .type("quit\r"))])
            #expect(run.exitStatus == 0, "\(run)")
            #expect(run.standardError.contains("cannot write \(home)/history"), "\(run)")
            // The path alone is longer than a line here; what the note means is on a line of its own.
            #expect(run.standardError.contains("/history: Not a directory;\n  history is kept for this session only\n"),
                    "\(run.standardError)")
        }
}

/// Runs collected from several threads.
private final class Runs: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [ProgramRun?] = []
    func add(_ run: ProgramRun?) {
        lock.lock()
        all.append(run)
        lock.unlock()
    }
    }
}
