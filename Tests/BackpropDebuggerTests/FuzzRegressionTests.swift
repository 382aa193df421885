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

    @Test func replLinesGiveErrorsAndTheSessionGoesOn() {
        for (name, bytes) in FuzzRegressionTests.inputs("repl") {
            let session = Session()
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                // As in the harness, nothing may write a file; here (no sandbox) nothing may read one either.
                let touchesFiles = session.splitCommands(String(line)).contains { part in
                    ["save", "load"].contains(words(part).first.flatMap(Commands.find)?.name ?? "")
                }
                if !touchesFiles { _ = session.execute(String(line)) }
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

    @Test func lessonFilesParseOrGiveAnError() {
        for (name, bytes) in FuzzRegressionTests.inputs("lesson") {
            #expect(throws: LessonError.self, "\(name)") {
                try Lesson.parse(String(decoding: bytes, as: UTF8.self), file: name, number: 1)
            }
        }
    }

    @Test func keyBytesEditALineWithoutTrapping() {
        for (name, bytes) in FuzzRegressionTests.inputs("keys") {
            var decoder = KeyDecoder()
            var editor = EditorState(history: History(text: String(decoding: bytes, as: UTF8.self), limit: 8).entries)
            var renderer = LineRenderer(prompt: "(backprop) ")
            for key in decoder.decode(bytes) + decoder.flush() {
                _ = editor.apply(key) { line, cursor in Session().completions(for: String(line.prefix(cursor))) }
                _ = renderer.render(editor.buffer, columns: 10)
            }
            #expect(editor.buffer.cursor <= editor.buffer.characters.count, "\(name)")
        }
    }
}
