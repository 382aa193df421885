import Foundation
import Testing
import BackpropCore
@testable import BackpropDebugger

/// The inputs in Tests/Fuzz/Regressions/TARGET for the debugger's fuzz targets: each once trapped
/// its harness; now each gives an error or a value, and the session goes on.
struct FuzzRegressionTests {
    /// Every file of one target's regression folder, by name (none yet is fine).
    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }

    /// Tests/Fuzz/Sandbox: the files the fuzz harnesses read (the repl harness works in a copy of it).
    static let sandbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Sandbox").path

    /// `line` with the files it names made paths into `folder`, as the repl harness, which works in
    /// a copy of the sandbox, reads them; nil for a line the harness would not run (a file outside).
    static func inFolder(_ line: String, _ folder: String, session: Session) -> String? {
        var parts: [String] = []
        for part in session.splitCommands(line) {
            let w = words(part)
            guard let name = w.first.flatMap(Commands.find)?.name,
                  ["load", "save", "export", "compare", "data"].contains(name) else {
                parts.append(part)
                continue
            }
            var rewritten = [w[0]]
            for (i, word) in w.enumerated().dropFirst() {
                if word.contains("\"") || word.contains("'") { return nil }
                let isValue = ["--atol", "--rtol"].contains(w[i - 1])
                if word.hasPrefix("--") || isValue || word == "-" || (name == "load" && ["small", "mnist"].contains(word.lowercased())) {
                    rewritten.append(word)
                } else if word.contains("/") || word.hasPrefix("~") || word == ".." {
                    return nil
                } else {
                    rewritten.append(folder + "/" + word)
                }
            }
            parts.append(rewritten.map { "\"\($0)\"" }.joined(separator: " "))
        }
        return parts.joined(separator: "; ")
    }

    @Test func replLinesGiveErrorsAndTheSessionGoesOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-regressions-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: FuzzRegressionTests.sandbox, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, bytes) in FuzzRegressionTests.inputs("repl") {
            let session = Session()
            // As in the harness, long computations stop as on Ctrl-C after half a second.
            let deadline = ContinuousClock.now.advanced(by: .milliseconds(500))
            session.isInterrupted = { ContinuousClock.now > deadline }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                if let line = FuzzRegressionTests.inFolder(String(line), folder, session: session) { _ = session.execute(line) }
                session.wantsToQuit = false
            }
            #expect(session.execute("where").succeeded, "\(name): the session goes on")
        }
    }

    @Test func expressionsAreRefusedWithAMessage() {
        let sessions = ["notation ng", "notation 3b1b; forward; backward", "load mnist"].map { setup in
            let session = Session()
            _ = session.execute(setup)
            return session
        }
        for (name, bytes) in FuzzRegressionTests.inputs("expression") {
            let text = String(decoding: bytes, as: UTF8.self)
            for session in sessions {
                #expect(throws: ExpressionError.self, "\(name)") {
                    try ExpressionParser(network: session.network, notation: session.notation).parse(text)
                }
                #expect(!session.execute("print " + text).succeeded, "\(name)")
                #expect(!session.execute("explain " + text).succeeded, "\(name)")
            }
        }
    }

    @Test func lessonFilesParseOrGiveAnErrorAndTheirExpressionsEvaluateOrGiveAnError() throws {
        let sessions = ["notation ng", "load mnist; data \(FuzzRegressionTests.sandbox)/mnist; image 1"].map { setup in
            let session = Session()
            _ = session.execute(setup)
            return session
        }
        for (name, bytes) in FuzzRegressionTests.inputs("lesson") {
            let lesson: Lesson
            do {
                lesson = try Lesson.parse(String(decoding: bytes, as: UTF8.self), file: name, number: 1)
            } catch {
                continue
            }
            for question in lesson.questions {
                for session in sessions {
                    switch question.kind {
                    case let .number(expression, _):
                        if let value = try? session.expectedNumber(expression) { #expect(value.isFinite, "\(name)") }
                    case let .choice(_, _, checks):
                        for check in checks { _ = try? session.evaluateCheck(check) }
                    }
                }
            }
        }
    }
}
