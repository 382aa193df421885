// Fuzz target `lesson`: the text of a lesson file (Markdown with ```run and ```ask blocks).
import BackpropDebugger
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// One input: libFuzzer calls this with each input it tries.
func fuzzLesson(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let lesson = try? Lesson.parse(text, file: "fuzz.md", number: 1) {
        precondition(!lesson.title.isEmpty, "a parsed lesson has a title")
        _ = lesson.questions
        _ = lesson.commands
    }
    return 0
}

@main
enum Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzLesson(data, size) })
    }
}
