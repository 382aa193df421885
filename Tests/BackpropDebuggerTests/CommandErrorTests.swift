import Testing
@testable import BackpropDebugger

/// Every command's mistakes give one clear message, and the session goes on.
struct CommandErrorTests {
    @Test(arguments: [
        ("stpe", "unknown command 'stpe'; did you mean 'step'?"),
        ("forwrd", "unknown command 'forwrd'; did you mean 'forward'?"),
        ("xyzzy", "unknown command 'xyzzy'; type 'help' for the list of commands"),
        ("step zero", "step count 'zero' is not a whole number\nusage: step [N]\n   e.g. step"),
        ("step 0", "step count 0 is out of range; it must be from 1 to 1000000\nusage: step [N]\n   e.g. step"),
        ("input 1", "input needs 2 values (one per input neuron), got 1\nusage: input V1 V2 …\n   e.g. input 0.05 0.10"),
        ("input 1 nan", "input value 2 'nan' is not a finite number\nusage: input V1 V2 …\n   e.g. input 0.05 0.10"),
        ("input 1 1e400", "input value 2 '1e400' is not a finite number\nusage: input V1 V2 …\n   e.g. input 0.05 0.10"),
        ("target a", "target value 1 'a' is not a number\nusage: target V1 …\n   e.g. target 1"),
        ("print", "print needs a value to show\nusage: print EXPR [--all] [--images N]\n   e.g. print z(2)1"),
        ("print z(7)1", "z(7)1: layer 7 does not exist; in Ng's notation the network has layers 1 (input) to 4 (output)"),
        ("print z(2)5", "z(2)5: layer 2 has neurons 1 to 2"),
        ("print z(1)1", "z(1)1: the input layer has no z; its values are the inputs, a(1)"),
        ("print q(2)", "q(2): unknown value 'q'; try z, a, delta, w, b, Θ, dw, db, cost, x or y"),
        ("print Θ(4)", "Θ(4): Θ(4) does not exist; Θ(1) to Θ(3) map layer l to l + 1"),
        ("print w(0)", "w(0): w(0) does not exist; w(1) to w(3) are the weights into layers 1 to 3 (3Blue1Brown's numbering, input = 0)"),
        ("print z[9]", "z[9]: index 9 is past the last layer (3)"),
        ("print --bogus z", "unknown option --bogus; print takes --all, --images\nusage: print EXPR [--all] [--images N]\n   e.g. print z(2)1"),
        ("explain z(2)1", "z(2)1 is not computed yet: it comes 1 step from here (`step 1` or `forward` computes it)"),
        ("break 9", "layer 9 is out of range; it must be from 2 to 4\nusage: break [forward|backward|gradients] LAYER [NEURON] | z(l)j | δ(l)j\n   e.g. break backward 2"),
        ("break a(1)1", "the input layer is never computed, so a breakpoint there would never stop\nusage: break [forward|backward|gradients] LAYER [NEURON] | z(l)j | δ(l)j\n   e.g. break backward 2"),
        ("delete 1", "there are no breakpoints to delete"),
        ("delete", "delete takes a breakpoint number or 'all'\nusage: delete N | all\n   e.g. delete 1"),
        ("notation klingon", "unknown notation 'klingon'; choose ng or 3b1b\nusage: notation [ng | 3b1b]\n   e.g. notation 3b1b"),
        ("load", "load takes one name: small, mnist, or a .json file\nusage: load small | mnist [--untrained] | FILE.json\n   e.g. load small"),
        ("gradcheck --eps 5", "--eps 5 is out of range; ε must be from 1e-12 to 1\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck --sample 99", "--sample 99 is out of range; it must be from 1 to 15\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck --eps", "--eps needs a value\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck --eps 0", "--eps 0 is out of range; ε must be from 1e-12 to 1\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck --eps tiny", "--eps 'tiny' is not a number\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck --sweep --eps 1e-3", "--sweep tries every ε from 1e-1 to 1e-12, so it takes no --eps\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck Θ(2)1,2 --sample 3", "--sample picks the parameters a whole check looks at; with PARAM only that one is checked\nusage: gradcheck [PARAM] [--sweep] [--eps E] [--atol A] [--rtol R] [--sample N] [--seed S] [--json]\n   e.g. gradcheck Θ(2)1,2"),
        ("gradcheck Θ(9)1,1", "Θ(9)1,1: Θ(9) does not exist; Θ(1) to Θ(3) map layer l to l + 1"),
        ("gradcheck Θ(2)3,1", "Θ(2)3,1: row 3 does not exist; Θ(2) has rows 1 to 2, one per unit of layer 3"),
        ("gradcheck Θ(2)", "Θ(2) names more than one parameter; name one weight or bias. This network has Θ(1) (rows 1–2, columns 0–2, column 0 the bias), Θ(2) (rows 1–2, columns 0–2, column 0 the bias), Θ(3) (rows 1–1, columns 0–2, column 0 the bias)"),
        ("gradcheck z(2)1", "z(2)1 is not a weight or bias; name one like Θ(1)1,1 or Θ(1)1,0. This network has Θ(1) (rows 1–2, columns 0–2, column 0 the bias), Θ(2) (rows 1–2, columns 0–2, column 0 the bias), Θ(3) (rows 1–1, columns 0–2, column 0 the bias)"),
        ("grads Θ(1)1,1 Θ(1)1,2 Θ(1)2,1", "grads takes at most two parameters to compare\nusage: grads [PARAM [PARAM]] [--top N]\n   e.g. grads Θ(3)1,1 Θ(1)1,1"),
        ("grads --top 0", "--top 0 is out of range; it must be from 1 to 15\nusage: grads [PARAM [PARAM]] [--top N]\n   e.g. grads Θ(3)1,1 Θ(1)1,1"),
        ("grads --top 3 Θ(1)1,1", "--top ranks every parameter; with parameters named, grads shows or compares those\nusage: grads [PARAM [PARAM]] [--top N]\n   e.g. grads Θ(3)1,1 Θ(1)1,1"),
        ("grads Θ(4)1,1", "Θ(4)1,1: Θ(4) does not exist; Θ(1) to Θ(3) map layer l to l + 1"),
        ("bug nonsense", "unknown bug 'nonsense'; choose missing-derivative, output-sign, no-bias-gradient, transposed-weights, wrong-layer-delta, wrong-layer-activation, gradients-not-cleared, sum-for-mean, or off\nusage: bug [NAME | off]\n   e.g. bug missing-derivative"),
        ("bug output-sign off", "bug takes one name, or off\nusage: bug [NAME | off]\n   e.g. bug missing-derivative"),
        ("unwatch z", "z is not watched"),
        ("help nope", "unknown command 'nope'; did you mean 'note'?"),
        ("forward 2", "forward takes no arguments\nusage: forward\n   e.g. forward"),
    ])
    func mistakeGivesItsOwnMessage(line: String, message: String) {
        let s = Session()
        let before = s.stepper
        let reply = s.execute(line)
        if line == "help nope" {
            // No command is called "note": the nearest real names are too far away to suggest.
            #expect(reply.error == "unknown command 'nope'; type 'help' for the list of commands")
        } else {
            #expect(reply.error == message)
        }
        #expect(s.stepper == before, "a failed command changes nothing")
        #expect(s.execute("step").succeeded, "the session goes on")
    }

    @Test func helpListsEveryCommandAndExplainsEach() {
        let s = Session()
        let help = s.execute("help").text
        for c in Commands.all { #expect(help.contains("  \(c.name)"), "help lists \(c.name)") }
        for c in Commands.all {
            let one = s.execute("help \(c.name)")
            #expect(one.succeeded)
            #expect(one.text.contains(c.usage) && one.text.contains("example: \(c.example)"))
        }
        #expect(s.execute("?").text == help)
        #expect(s.execute("?step").text == s.execute("help step").text)
    }

    @Test func commandNamesFromTheIssueAreKept() {
        for name in ["load", "input", "target", "forward", "backward", "cost", "step", "next", "continue", "break",
                     "delete", "back", "reset", "where", "watch", "print", "explain", "gradcheck", "help", "quit"] {
            #expect(Commands.find(name)?.name == name)
        }
        for (alias, name) in [("s", "step"), ("n", "next"), ("c", "continue"), ("b", "break"), ("d", "delete"),
                              ("p", "print"), ("q", "quit"), ("rs", "back")] {
            #expect(Commands.find(alias)?.name == name)
        }
        let names = Commands.all.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count, "no name or alias is used twice")
    }

    @Test func severalCommandsOnOneLineStopAtTheFirstError() {
        let s = Session()
        let reply = s.execute("step; bogus; step")
        #expect(reply.error?.hasPrefix("unknown command 'bogus'") == true)
        #expect(s.stepper.position == 1)
    }

    @Test func completionOffersCommandsAndNetworkNames() {
        let s = Session()
        #expect(s.completions(for: "ba") == ["back", "backward", "batch"])
        #expect(s.completions(for: "load ") == ["mnist", "small"])
        #expect(s.completions(for: "notation 3") == ["3b1b"])
    }
}
