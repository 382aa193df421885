// Fuzz target `keys`: the bytes a terminal sends while a learner edits a line. They go through the
// line editor's pure parts as the REPL uses them: `KeyDecoder` (in chunks), `EditorState` (with
// history and tab completion from a session), `LineRenderer` at several widths, and `History`,
// which also reads the input as a history file.
import BackpropDebugger
import LineEditing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

nonisolated(unsafe) let session = Session()

/// One input: libFuzzer calls this with each input it tries.
func fuzzKeys(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var history = History(text: String(decoding: bytes, as: UTF8.self), limit: 8)
    precondition(history.entries.count <= 8, "history kept more than its limit")

    var decoder = KeyDecoder()
    var editor = EditorState(history: history.entries)
    var renderers = [LineRenderer(prompt: "(backprop) "), LineRenderer(prompt: "\u{1B}[1m(backprop lesson 1)\u{1B}[0m ")]
    let completer: EditorState.Completer = { line, cursor in
        session.completions(for: String(line.prefix(cursor)))
    }
    // Chunk sizes 1, 2, 3, … so sequences are split at every place across reads.
    var start = 0, chunk = 1
    var keys: [Key] = []
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        keys += decoder.decode(bytes[start..<end])
        start = end
        chunk = chunk % 7 + 1
    }
    keys += decoder.flush()
    for (n, key) in keys.enumerated() {
        let effect = editor.apply(key, completer: completer)
        precondition(editor.buffer.cursor >= 0 && editor.buffer.cursor <= editor.buffer.characters.count,
                     "the cursor left the line")
        // One redraw per key, as the editor does, at widths taking turns (1, 10 and 80 columns).
        _ = renderers[n % 2].render(editor.buffer, columns: [1, 10, 80][n % 3])
        switch effect {
        case let .submit(line):
            history.add(line)
            editor = EditorState(history: history.entries)
        case let .list(candidates):
            _ = Completion.listing(candidates, columns: 40)
        default:
            break
        }
    }
    _ = renderers[0].renderFinal(editor.buffer, suffix: "^C")
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzKeys(data, size) })
    }
}
