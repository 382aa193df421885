#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport
import BackpropCore

/// The built program and its files and streams: standard output that cannot be written, standard
/// streams closed at start, what `export` and `save` write over, special files given to read, and
/// the memory a file costs to read, measured from outside (getrusage of the child).
struct ProgramFilesTests {
    static let plain: [String: String?] = ["NO_COLOR": "1", "TERM": nil]

    func backprop() throws -> String { try #require(BuiltProgram.path("backprop"), "backprop is not built") }

    /// The peak memory of the program doing nothing (`-c quit`): its own code and data, larger in a
    /// debug build. The reading budget is what a file adds to it.
    static let idlePeak: Int = (try? BuiltProgram.run("backprop", ["-c", "quit"]))?.peakMemoryBytes ?? 0

    /// `sh -c script` in `folder`, with $B the built backprop.
    func shell(_ script: String, in folder: String, timeLimit: Double = 60) throws -> ProgramRun {
        try BuiltProgram.run(path: "/bin/sh", ["-c", script], environment: Self.plain.merging(["B": try backprop()]) { $1 },
                             workingDirectory: folder, timeLimit: timeLimit)
    }

    // MARK: Standard output

    @Test func aFailedWriteToStandardOutputIsAnErrorWithExitOne() throws {
        try inTemporaryDirectory { folder in
            // A file that may not grow past 512 bytes stands in for a full disk (no /dev entry is written).
            let run = try shell(#"trap '' XFSZ; ulimit -f 1; "$B" -c "load mnist; export -" > out.json; echo "status $?""#, in: folder)
            #expect(run.standardOutput == "status 1\n", "\(run)")
            #expect(run.standardError == "backprop: cannot write standard output: \(String(cString: strerror(EFBIG)))\n")
        }
    }

    @Test func aClosedStandardOutputIsReportedAndNeverBecomesAFileTheProgramOpens() throws {
        try inTemporaryDirectory { folder in
            let run = try shell(#""$B" -c "save net.json; print x" >&-; echo "status $?""#, in: folder)
            #expect(run.standardOutput == "status 1\n", "\(run)")
            #expect(run.standardError == "backprop: cannot write standard output: \(String(cString: strerror(EBADF)))\n")
            let saved = try #require(FileManager.default.contents(atPath: folder + "/net.json"))
            #expect(try NetworkFile.decode(Array(saved), source: "net.json") == .small, "the file holds the network, not the output")
        }
    }

    @Test func aReaderThatGoesAwayEndsTheProgramQuietly() throws {
        try inTemporaryDirectory { folder in
            // grep leaves after the first line of the trace, which is about 1 MB long.
            let run = try shell(#""$B" -c "load mnist; backward; export -" | grep -m 1 "^{""#, in: folder)
            #expect(run.exitStatus == 0 && run.standardOutput == "{\n", "\(run)")
            #expect(run.standardError.isEmpty, "quiet, as cat is")
        }
    }

    // MARK: What export and save write over

    @Test func aFIFOOrASocketIsRefusedByNameAndLeftAsItWas() throws {
        try inTemporaryDirectory { folder in
            #expect(mkfifo(folder + "/pipe.json", 0o644) == 0)
            for command in ["export pipe.json", "save pipe.json"] {
                let run = try BuiltProgram.run("backprop", ["-c", command], environment: Self.plain, workingDirectory: folder,
                                               timeLimit: 20)
                #expect(run.exitStatus == 1, "\(run)")
                // Printed within 100 columns: the message is broken at a space.
                #expect(run.standardError == "error: cannot write pipe.json: it is a named pipe (FIFO), not a regular file "
                        + "(`export -` writes to\n  standard output)\n")
            }
            var status = stat()
            #expect(lstat(folder + "/pipe.json", &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["pipe.json"])
        }
    }

    @Test func aSymbolicLinkIsWrittenThroughAndAHardLinkSplitIsSaid() throws {
        try inTemporaryDirectory { folder in
            try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
            try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/real/net.json"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/net.json", withDestinationPath: "real/net.json")
            #expect(link(folder + "/real/net.json", folder + "/other.json") == 0)
            let run = try BuiltProgram.run("backprop", ["-c", "save net.json"], environment: Self.plain, workingDirectory: folder)
            #expect(run.exitStatus == 0, "\(run)")
            #expect(run.standardOutput.contains("written through the symbolic link, to real/net.json"), "\(run.standardOutput)")
            #expect(run.standardOutput.contains("note: the file was replaced, so its 1 other name (a hard link) keeps the old contents"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/net.json") == "real/net.json")
            let saved = try #require(FileManager.default.contents(atPath: folder + "/real/net.json"))
            #expect(try NetworkFile.decode(Array(saved), source: "net.json") == .small)
            #expect(FileManager.default.contents(atPath: folder + "/other.json") == Data("old".utf8))
        }
    }

    /// Permission bits do not bind root, which CI runs as: the program then runs as nobody
    /// (util-linux's setpriv), or the test says why it cannot.
    @Test func aWriteProtectedFileIsRefusedUnlessForced() throws {
        try inTemporaryDirectory { folder in
            #expect(chmod(folder, 0o777) == 0)
            let path = folder + "/net.json"
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            #expect(chmod(path, 0o444) == 0)
            var command = [try backprop()]
            if getuid() == 0 {
                guard access("/usr/bin/setpriv", X_OK) == 0 else {
                    print("skipped aWriteProtectedFileIsRefusedUnlessForced: running as root and /usr/bin/setpriv is missing")
                    return
                }
                #expect(chown(path, 65534, 65534) == 0)
                command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command
                let probe = try BuiltProgram.run(path: command[0], Array(command.dropFirst()) + ["-c", "print x"], environment: Self.plain)
                guard probe.exitStatus == 0 else {
                    print("skipped aWriteProtectedFileIsRefusedUnlessForced: nobody cannot run the built program (\(probe))")
                    return
                }
            }
            let refused = try BuiltProgram.run(path: command[0], Array(command.dropFirst()) + ["-c", "save net.json"],
                                               environment: Self.plain, workingDirectory: folder)
            #expect(refused.exitStatus == 1, "\(refused)")
            #expect(refused.standardError == "error: cannot write net.json: it is write-protected (mode 0444); --force replaces it\n")
            #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
            let forced = try BuiltProgram.run(path: command[0], Array(command.dropFirst()) + ["-c", "save net.json --force"],
                                              environment: Self.plain, workingDirectory: folder)
            #expect(forced.exitStatus == 0, "\(forced)")
            let saved = try #require(FileManager.default.contents(atPath: path))
            #expect(try NetworkFile.decode(Array(saved), source: "net.json") == .small)
        }
    }

    @Test func staleTemporaryFilesAreRemovedByTheNextWriteToTheirFolder() throws {
        try inTemporaryDirectory { folder in
            var gone: pid_t = 99_999
            while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
            let stale = folder + "/.net.json.tmp-\(gone)-5eed"
            try Data("half a file".utf8).write(to: URL(fileURLWithPath: stale))
            let old = Int(time(nil)) - 3_600
            var times = [timeval(tv_sec: old, tv_usec: 0), timeval(tv_sec: old, tv_usec: 0)]
            #expect(utimes(stale, &times) == 0)
            let run = try BuiltProgram.run("backprop", ["-c", "save net.json"], environment: Self.plain, workingDirectory: folder)
            #expect(run.exitStatus == 0, "\(run)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["net.json"])
        }
    }

    // MARK: Reading

    @Test func aFIFOInADataFolderIsRefusedAtOnce() throws {
        try inTemporaryDirectory { folder in
            let images = IDXReader.encode(images: IDXImages(count: 1, rows: 28, columns: 28, pixels: [UInt8](repeating: 0, count: 784)))
            let labels = IDXReader.encode(labels: IDXLabels(labels: [7]))
            for (name, bytes) in zip(MNISTFolder.fileNames, [images, labels, images]) {
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            #expect(mkfifo(folder + "/" + MNISTFolder.testLabels, 0o644) == 0)
            let run = try BuiltProgram.run("backprop", ["-c", "data ."], environment: Self.plain, workingDirectory: folder, timeLimit: 20)
            #expect(run.exitStatus == 1, "\(run)")
            #expect(run.standardError.contains("t10k-labels-idx1-ubyte is a named pipe (FIFO), not a regular file"), "\(run)")
            #expect(run.seconds < 10)
        }
    }

    /// A valid 3-2-1 network with 8 MB of numbers under a key nobody reads: read in at most
    /// 3 × the file's size + 50 MB beyond the idle program (before, the parser built every number:
    /// about 17 bytes per byte of file).
    @Test func unknownBulkInANetworkFileCostsNoMemory() throws {
        try inTemporaryDirectory { folder in
            let bulk = String(repeating: "0,", count: 4_000_000) + "0"
            let text = #"{"sizes": [3, 2, 1], "activation": "tanh", "cost": "quadratic", "unknown": [\#(bulk)], "#
                + #""weights": [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, -0.8]]], "biases": [[0.01, 0.02], [0.03]]}"#
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/net.json"))
            let size = text.utf8.count
            let run = try BuiltProgram.run("backprop", ["-c", "load net.json"], environment: Self.plain, workingDirectory: folder,
                                           timeLimit: 120)
            #expect(run.exitStatus == 0, "\(run)")
            let peak = try #require(run.peakMemoryBytes) - Self.idlePeak
            #expect(peak <= 3 * size + 50 << 20, "\(peak / 1_048_576) MB beyond the idle program for a file of \(size / 1_048_576) MB")
        }
    }

    /// A trace as tightly written as JSON allows (every number `0`), for the largest network there
    /// may be, compared within the same budget.
    @Test func aDenseTraceAtTheParameterLimitIsComparedWithinTheBudget() throws {
        try inTemporaryDirectory { folder in
            let (inputs, outputs) = (999, 1_000)
            #expect(inputs * outputs + outputs == Network.maximumParameterCount)
            let row = "[" + Array(repeating: "0", count: inputs).joined(separator: ",") + "]"
            let matrix = "[" + Array(repeating: row, count: outputs).joined(separator: ",") + "]"
            let zeros = "[" + Array(repeating: "0", count: outputs).joined(separator: ",") + "]"
            let x = "[" + Array(repeating: "0", count: inputs).joined(separator: ",") + "]"
            let text = #"{"network": {"sizes": [\#(inputs), \#(outputs)], "activation": "sigmoid", "cost": "quadratic", "#
                + #""weights": [\#(matrix)], "biases": [\#(zeros)]}, "example": {"input": \#(x), "target": \#(zeros)}, "#
                + #""gradients": {"weights": [\#(matrix)], "biases": [\#(zeros)]}}"#
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/trace.json"))
            let size = text.utf8.count
            let run = try BuiltProgram.run("backprop", ["-c", "compare trace.json"], environment: Self.plain,
                                           workingDirectory: folder, timeLimit: 240)
            // σ(0) = 0.5 against y = 0: ∂C/∂b = 0.5·0.25 is not 0, so the comparison finds a difference.
            #expect(run.exitStatus == 1, "\(run)")
            #expect(run.standardOutput.contains("gradients.biases"), "\(run.standardOutput)")
            let peak = try #require(run.peakMemoryBytes) - Self.idlePeak
            #expect(peak <= 3 * size + 50 << 20, "\(peak / 1_048_576) MB beyond the idle program for a file of \(size / 1_048_576) MB")
        }
    }
}
