import Testing
@testable import BackpropDebugger

/// The README's pictures are what the program draws: its "Pictures" section is run in one session,
/// each command's output matched exactly, or, where the README shows "…", line by line in order.
struct ReadmePictureTests {
    @Test func picturesSectionIsTheProgramsOutput() throws {
        let section = try #require(ReadmeTests.section("<!-- pictures", "<!-- end pictures -->"))
        let blocks = ReadmeCheckingTests.sessions(in: section)
        #expect(blocks.map(\.command) == ["step 3", "draw", "descend", "back", "load mnist", "digit 2", "backward",
                                          "draw a(3)2", "picture w(1)5"])
        let session = Session()
        for (command, shown) in blocks {
            let reply = session.execute(command)
            #expect(reply.error == nil, "\(command)")
            let output = reply.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard shown.contains("…") else {
                #expect(output == shown, "README output of `\(command)`")
                continue
            }
            var rest = output[...]
            for line in shown where line != "…" && !line.isEmpty {
                guard let i = rest.firstIndex(of: line) else {
                    Issue.record("README line not in the output of `\(command)` (or out of order): \(line)")
                    break
                }
                rest = rest[(i + 1)...]
            }
        }
        #expect(section.split(separator: "\n").allSatisfy { visibleWidth(String($0)) <= 100 || $0.hasPrefix("<!--") })
    }
}
