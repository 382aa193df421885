import Testing
@testable import BackpropDebugger

/// Every line printed for people fits 100 columns (house rule 5): the common outputs of every
/// command on both built-in networks, their errors, and the example of every command's help.
/// JSON written for machines (`export -`) is exempt.
struct OutputWidthTests {
    static let width = 100

    /// Lines for `small`, in order: a whole session's worth of the common commands.
    static let small = [
        "where", "draw", "print Θ(1)", "print a(2)", "step", "explain z(2)1", "next", "step 3", "back", "forward", "cost",
        "cost sum-of-squares", "cost quadratic", "cost cross-entropy", "step", "explain δ(4)1", "step 3", "backward",
        "print δ", "print dΘ", "explain dΘ(3)1,1", "explain dΘ(1)1,0", "grads", "grads --top 15", "grads Θ(3)1,1 Θ(1)1,1",
        "gradcheck", "gradcheck Θ(3)1,1", "gradcheck Θ(2)1,2 --eps 0.1", "gradcheck Θ(2)1,2 --eps 1e-10",
        "gradcheck --sweep Θ(2)1,2", "gradcheck --sweep", "gradcheck --sample 5", "bug", "reset", "break δ(3)2",
        "break", "continue", "delete all", "watch a(3)", "step", "watch", "unwatch all", "continue", "continue",
        "notation 3b1b", "print w(1)", "print b(1)0", "explain δ(2)0", "grads", "notation ng", "input 1 -2", "target 0",
        "backward", "input 0.05 0.10", "target 1", "lessons", "help", "data", "nudges", "train",
    ]

    /// Lines for `mnist`: the digit commands and the whole passes of a 784-16-16-10 network.
    static let mnist = [
        "load mnist", "draw", "print a(2) --images 6", "print δ(3)2 --images 6", "image 1", "image 1 --brief", "digit 2", "digit 2 --next", "step", "next", "next", "forward",
        "cost", "backward", "print a(2)", "print w(3)2", "explain δ(2)15", "explain dw(3)2,8", "grads", "grads --top 20",
        "grads w(3)2,8 w(1)4,300", "gradcheck", "gradcheck --sample 20", "gradcheck w(3)2,8", "gradcheck --sweep w(3)2,8", "nudges",
        "nudges --brief", "nudges 4 --avenues", "nudges --sum", "nudges --layer 2", "nudges --layer 1 --avenues",
        "nudges 2 --average 100", "notation ng", "explain δ(3)16", "step 20", "notation 3b1b", "accuracy", "load mnist --untrained", "digit 2", "nudges", "train --images 200 --batch 20",
        "train --epochs 1 --batch 10 --only 3", "accuracy", "cost cross-entropy", "backward", "where",
    ]

    /// Every bug planted on `small`, with what it changes.
    static let bugs = ["output-sign", "missing-derivative", "no-bias-gradient", "transposed-weights", "wrong-layer-delta",
                       "wrong-layer-activation"].flatMap { ["bug \($0)", "backward", "gradcheck", "gradcheck Θ(2)1,1", "bug off"] }

    static func wideLines(_ lines: [String], session: Session = Session()) -> [String] {
        var wide: [String] = []
        for line in lines {
            let reply = session.execute(line)
            // An error is printed after "error: ", fitted to 100 columns as the program prints it.
            for text in [reply.text, reply.error.map { "error: " + Session.fitted($0, after: "error: ") } ?? ""] {
                for shown in text.split(separator: "\n") where visibleWidth(String(shown)) > width {
                    wide.append("`\(line)` (\(visibleWidth(String(shown)))): \(shown)")
                }
            }
        }
        return wide
    }

    @Test func theCommonOutputsOfTheSmallNetworkFit() {
        let wide = Self.wideLines(Self.small + Self.bugs)
        #expect(wide.isEmpty, "\(wide.count) lines wider than 100 columns:\n\(wide.joined(separator: "\n"))")
    }

    @Test func theCommonOutputsOfTheMNISTNetworkFit() {
        let wide = Self.wideLines(Self.mnist)
        #expect(wide.isEmpty, "\(wide.count) lines wider than 100 columns:\n\(wide.joined(separator: "\n"))")
    }

    @Test func theCommonOutputsFitWithColourToo() {
        // Colour adds words of its own (a legend for what a colour means); escapes take no column.
        let wide = Self.wideLines(Self.small + Self.bugs, session: Session(style: Style(enabled: true)))
            + Self.wideLines(Self.mnist, session: Session(style: Style(enabled: true)))
        #expect(wide.isEmpty, "\(wide.count) lines wider than 100 columns:\n\(wide.joined(separator: "\n"))")
    }

    /// What a new user typed and saw pass 100 columns (2026-12-07): now within it.
    @Test func whatANewUserSawFits() {
        let wide = Self.wideLines(["bug zzz", "target 2", "activation softmax", "lesson 9", "lesson stop", "lessons",
                                   "load mnist", "set w(9)1,1 1", "notation ng", "print --images 3 a(1)", "notation 3b1b",
                                   "batch images 1-3", "where", "nudges 2 --average 5 --brief"])
        #expect(wide.isEmpty, "\(wide.count) lines wider than 100 columns:\n\(wide.joined(separator: "\n"))")
    }

    @Test func everyCommandsExampleAndItsMistakesFit() {
        // Each example on a fresh session of each network, then the command with a wrong argument:
        // the output, the error and the usage after it.
        var wide: [String] = []
        for command in Commands.all where !["quit", "export", "save", "compare", "data", "train"].contains(command.name) {
            for setup in ["load small", "load mnist"] {
                let session = Session()
                _ = session.execute(setup)
                wide += Self.wideLines([command.example, command.name + " nonsense-argument --nonsense"], session: session)
            }
        }
        #expect(wide.isEmpty, "\(wide.count) lines wider than 100 columns:\n\(wide.joined(separator: "\n"))")
    }
}
