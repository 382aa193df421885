// Fuzz target `lesson`: the text of a lesson file (Markdown with ```run and ```ask blocks).
//
// A lesson that parses is also evaluated: every number question's `answer:` expression
// (`Session.expectedNumber`) and every choice question's `check:` comparisons
// (`Session.evaluateCheck`) run against sessions in different states — the small network, the small
// network with a bug planted part-way through a pass, MNIST on the sandbox's five images (so that
// `average(…, N)` and `accuracy` stay cheap), and a 3-2-1 tanh network. Every line of the file is
// also read as a learner's answer (`LessonExpression.learnerNumber`). When the lesson runs no
// command that could touch a file, it is played through on a fresh session, answering each
// question in turn with a letter, a number, `hint` and `show`.
// The internal API is reached with `@testable import` (run.sh builds with -enable-testing).
import BackpropCore
@testable import BackpropDebugger
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzDriver

/// Tests/Fuzz/Sandbox (read only here).
let sandbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sandbox").path

/// The sessions every question is evaluated in (they only read them, so they are reused).
nonisolated(unsafe) let sessions: [Session] = [
    "notation ng",
    "notation 3b1b; bug missing-derivative; step 9",
    "load mnist; data \(sandbox)/mnist; image 1",
    "load mnist --untrained; data \(sandbox)/mnist; image 3; bug wrong-layer-delta",
    "load \(sandbox)/tanh.json; input 1 -2 0.5; target 0.25",
].map { setup in
    let session = Session()
    precondition(session.execute(setup).succeeded, "setting up a session failed: \(setup)")
    return session
}

/// Commands a played lesson may run: none writes or reads a file (`load` only small or mnist).
let playable: Set<String> = [
    "input", "target", "forward", "backward", "cost", "step", "next", "continue", "break", "delete", "back",
    "reset", "where", "watch", "unwatch", "print", "explain", "draw", "notation", "gradcheck", "grads", "bug",
    "image", "digit", "accuracy", "nudges", "train", "help",
]

func isPlayable(_ command: String) -> Bool {
    let w = words(command)
    guard let first = w.first, let name = Commands.find(first)?.name else { return true }
    if name == "load" { return w.dropFirst().allSatisfy { ["small", "mnist", "--untrained"].contains($0.lowercased()) } }
    return playable.contains(name)
}

/// Plays `lesson` through on a fresh session, at most `limit` pages, questions and answers.
func play(_ lesson: Lesson, limit: Int = 64) {
    let session = Session()
    _ = session.execute("data \(sandbox)/mnist")
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(500))
    session.isInterrupted = { ContinuousClock.now > deadline }
    session.lessonPosition = LessonPosition(lesson: lesson)
    _ = session.advanceLesson()
    let answers = ["a", "0.5", "hint", "b", "show"]
    for n in 0..<limit {
        guard session.lessonPosition != nil else { break }
        if session.openQuestion != nil {
            _ = session.answerLesson(answers[n % answers.count])
        } else {
            _ = session.advanceLesson()
        }
    }
}

/// One input: libFuzzer calls this with each input it tries.
func fuzzLesson(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for line in text.split(separator: "\n").prefix(256) { _ = LessonExpression.learnerNumber(String(line)) }
    guard let lesson = try? Lesson.parse(text, file: "fuzz.md", number: 1) else { return 0 }
    precondition(!lesson.title.isEmpty, "a parsed lesson has a title")
    // Each input starts with no remembered averages (they would pile up over millions of inputs).
    for session in sessions { session.lessonAverages = nil }
    for question in lesson.questions {
        for session in sessions {
            switch question.kind {
            case let .number(expression, _):
                if let value = try? session.expectedNumber(expression) {
                    precondition(value.isFinite, "an expected answer is finite")
                }
            case let .choice(_, _, checks):
                for check in checks { _ = try? session.evaluateCheck(check) }
            }
        }
        _ = try? sessions[0].revealAnswer(question)
    }
    if lesson.commands.allSatisfy(isPlayable) { play(lesson) }
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
