import Foundation
import Testing
import BackpropDebugger
import LineEditing

/// The inputs in Tests/Fuzz/Regressions/keys: each once trapped the `keys` fuzz harness; now each
/// edits a line (with a session's completion, as the REPL does) without trapping.
struct KeyRegressionTests {
    /// Every file of the keys target's regression folder, by name (none yet is fine).
    static func inputs() -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Regressions/keys")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }

    @Test func keyBytesEditALineWithoutTrapping() {
        for (name, bytes) in KeyRegressionTests.inputs() {
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
