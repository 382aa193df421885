import Foundation
@testable import BackpropDebugger

/// A learner at a terminal, scripted: types lines into a session as the REPL would pass them, and
/// keeps the screen as the REPL shows it — the prompt with the typed line, then the reply.
final class ScriptedLearner {
    let session: Session
    /// Every line shown so far.
    private(set) var screen: [String] = []
    /// Where each page of the lesson starts in `screen` (the first line after the Enter that turned to it).
    private(set) var pageStarts: [Int] = []
    /// Every reply, with what was typed.
    private(set) var replies: [(typed: String, reply: Reply)] = []

    init(session: Session = Session()) {
        self.session = session
    }

    /// Types one line and returns the reply.
    @discardableResult
    func type(_ line: String) -> Reply {
        let turnsPage = line.isEmpty && session.lessonPosition?.atPageEnd == true
        screen.append("(backprop\(session.promptNote)) " + line)
        if turnsPage || (line.hasPrefix("lesson ") && pageStarts.isEmpty) { pageStarts.append(screen.count) }
        let reply = session.execute(line)
        if !reply.text.isEmpty { screen += reply.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if let error = reply.error { screen += ("error: " + error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        replies.append((line, reply))
        return reply
    }

    /// The pages seen so far, each as on the screen: its lines, and the prompt waiting after it.
    var pages: [[String]] {
        let bounds = pageStarts + [screen.count + 1]
        return (0..<pageStarts.count).map { i in
            Array(screen[bounds[i]..<(bounds[i + 1] - 1)]) + ["(backprop lesson) "]
        }
    }

    /// The engine's answer to the open question: its value, or its letter.
    func rightAnswer() throws -> (value: Double?, letter: Character?) {
        guard let q = session.openQuestion else { return (nil, nil) }
        switch q.kind {
        case let .number(expression, _): return (try session.expectedNumber(expression), nil)
        case let .choice(_, letter, _): return (nil, letter)
        }
    }

    /// `value` rounded to `digits` significant digits, written as a person would (no exponent for
    /// numbers a person writes out, `6.8e-05` for the smallest).
    static func rounded(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        let e = Int(floor(log10(abs(value))))
        if e < -4 { return String(format: "%.\(digits - 1)e", value) }
        if e >= digits - 1 {
            let scale = pow(10, Double(e - digits + 1))
            return String(format: "%.0f", (value / scale).rounded() * scale)
        }
        return String(format: "%.\(max(0, digits - 1 - e))f", value)
    }
}

extension String {
    /// The text with its line breaks as spaces: wrapped feedback compared with the words it wraps.
    var unwrapped: String { replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ") }
}

extension Reply {
    /// The text as read without colour (the scripted learner may have a terminal with colour).
    var plain: String { Session.stripEscapes(text) }
}
