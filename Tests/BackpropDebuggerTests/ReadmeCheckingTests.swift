import Foundation
import Testing
@testable import BackpropDebugger

/// The README's "Checking gradients" section shows what the program really prints.
struct ReadmeCheckingTests {
    /// The `(backprop) COMMAND` lines inside a README section's code blocks, each with its output lines.
    static func sessions(in text: String) -> [(command: String, output: [String])] {
        var result: [(String, [String])] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inCode.toggle()
            } else if !inCode {
                continue
            } else if line.hasPrefix("(backprop) ") {
                result.append((String(line.dropFirst(11)), []))
            } else if !result.isEmpty {
                result[result.count - 1].1.append(String(line))
            }
        }
        return result.map { command, output in
            var lines = output
            while lines.last == "" { lines.removeLast() }
            return (command, lines)
        }
    }

    @Test func checkingBlockMatchesTheProgramExactly() throws {
        let block = try #require(ReadmeTests.section("<!-- checking", "<!-- end checking -->"))
        let body = try #require(block.components(separatedBy: "```text\n").last?.components(separatedBy: "```").first)
        let expected = Self.sessions(in: "```\n" + body + "```")
        #expect(expected.count == 3)
        let session = Session()
        for (command, lines) in expected {
            let reply = session.execute(command)
            #expect(reply.error == nil)
            #expect(reply.text == lines.joined(separator: "\n"), "README output of `\(command)`")
        }
    }

    /// The one-parameter check and the sweep show digits at the level of rounding, which another
    /// platform's `exp` may change; on Linux, where they were made, every line shown is real.
    @Test func parameterCheckAndSweepExcerptsAreRealOutput() throws {
        #if os(Linux)
        let section = try #require(ReadmeTests.section("### Checking gradients", "<!-- checking"))
        let excerpts = Self.sessions(in: section)
        #expect(excerpts.map(\.command) == ["gradcheck Θ(2)1,2", "gradcheck --sweep Θ(2)1,2"])
        for (command, lines) in excerpts {
            let output = Session().execute(command).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines where !line.contains("…") {
                #expect(output.contains(line), "`\(command)` prints \"\(line)\"")
            }
        }
        #endif
    }
}
