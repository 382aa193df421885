import Foundation
import Testing
@testable import BackpropDebugger

/// The README is part of the interface: its example session and command list must be what the
/// program really does.
struct ReadmeTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    static func section(_ start: String, _ end: String) -> String? {
        guard let a = readme.range(of: start), let b = readme.range(of: end, range: a.upperBound..<readme.endIndex) else { return nil }
        return String(readme[a.upperBound..<b.lowerBound])
    }

    /// The README's command table, one row per command, in table order.
    static var commandTable: String {
        Commands.all.map { c in
            let aliases = c.aliases.isEmpty ? "" : " (" + c.aliases.map { "`\($0)`" }.joined(separator: ", ") + ")"
            return "| `\(c.usage.replacingOccurrences(of: "|", with: "\\|"))`\(aliases) | \(c.summary) |"
        }.joined(separator: "\n") + "\n"
    }

    /// The README's option table, one row per option of each command, in table order.
    static var optionTable: String {
        Commands.all.flatMap { c in
            c.options.map { "| `\(c.name) \($0.usage)` | \($0.summary.replacingOccurrences(of: "|", with: "\\|")) |" }
        }.joined(separator: "\n") + "\n"
    }

    @Test func exampleSessionMatchesTheProgramExactly() throws {
        let block = try #require(Self.section("<!-- session", "<!-- end session -->"))
        let body = try #require(block.components(separatedBy: "```text\n").last?.components(separatedBy: "```").first)
        let session = Session()
        var expected: [(String, [String])] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("(backprop) ") {
                expected.append((String(line.dropFirst(11)), []))
            } else if !expected.isEmpty {
                expected[expected.count - 1].1.append(String(line))
            }
        }
        #expect(expected.count >= 3)
        for (command, lines) in expected {
            var output = lines
            while output.last == "" { output.removeLast() }
            let reply = session.execute(command)
            #expect(reply.error == nil)
            #expect(reply.text == output.joined(separator: "\n"), "README output of `\(command)`")
        }
    }

    /// The MNIST section's session is an excerpt: every line it shows (other than "…" and blank
    /// lines) must appear in the program's output of its command, in the same order.
    @Test func mnistSessionExcerptIsTheProgramsOutput() throws {
        let block = try #require(Self.section("<!-- mnist session", "<!-- end mnist session -->"))
        let body = try #require(block.components(separatedBy: "```text\n").last?.components(separatedBy: "```").first)
        let session = Session()
        var commands: [(String, [String])] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("(backprop) ") {
                commands.append((String(line.dropFirst(11)), []))
            } else if !commands.isEmpty, !line.isEmpty, line != "…" {
                commands[commands.count - 1].1.append(String(line))
            }
        }
        #expect(commands.map(\.0) == ["load mnist", "digit 2", "nudges"])
        for (command, shown) in commands {
            let reply = session.execute(command)
            #expect(reply.error == nil)
            var output = reply.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
            for line in shown {
                guard let i = output.firstIndex(of: line) else {
                    Issue.record("README line not in the output of `\(command)` (or out of order): \(line)")
                    break
                }
                output = output[(i + 1)...]
            }
        }
    }

    @Test func commandListNamesEveryCommand() throws {
        let table = try #require(Self.section("| command | what it does |\n|---|---|\n", "<!-- end commands -->"))
        #expect(table == Self.commandTable, "README command table; expected:\n\(Self.commandTable)")
    }

    @Test func optionListNamesEveryOption() throws {
        let table = try #require(Self.section("| option | what it does |\n|---|---|\n", "<!-- end options -->"))
        #expect(table == Self.optionTable, "README option table; expected:\n\(Self.optionTable)")
    }

    @Test func readmeShowsTheTwoCommandsFirst() {
        let firstBlock = Self.readme.components(separatedBy: "```").dropFirst().first ?? ""
        #expect(firstBlock.contains("swift run backprop"))
        #expect(firstBlock.contains("swift test"))
    }
}
