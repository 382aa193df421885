import BackpropCore

/// Every REPL command, in the order `help` lists them. A command, an option or a failure is
/// declared here and nowhere else (see `CommandSpec`): help, completion, parsing and the README's
/// command list follow.
public enum Commands {
    public static let all: [CommandSpec] = [
        CommandSpec(
            "load", arguments: "small | mnist [--untrained] | FILE.json",
            options: [.flag("untrained", "with mnist: the same network before training (seeded), whose outputs are noise")],
            group: .setup,
            summary: "load a built-in network or a network file (ours, Nielsen's, or a trace)",
            example: "load small",
            details: """
            small: Ng's 2-2-2-1 sigmoid network and its example.
            mnist: 3Blue1Brown's 784-16-16-10 network trained on MNIST, with 1,000 MNIST test images
                   (image 0 is the example).
            """,
            completions: { _ in BuiltinNetwork.allCases.map(\.rawValue) },
            run: { s, a throws(CommandError) in try s.load(a) }),
        CommandSpec(
            "save", arguments: "FILE.json",
            options: [
                .flag("force", "replace a file you may not write (chmod 444); the folder must allow it"),
                .word("format", "F", "backprop (the default: every network) or nielsen (what network2.py's load() reads)")
                    .completing { _ in Session.saveFormats },
            ],
            group: .files,
            summary: "write the network to a file (atomically: a temporary file, then a rename)",
            example: "save my-network.json",
            details: """
            A symbolic link is written through (the file it points to is replaced); a file with other
            hard links is replaced, and the other names keep the old contents (save says so).
            A FIFO, a device or a folder is refused: `export -` writes a trace to standard output.
            --format nielsen writes Michael Nielsen's network2.py layout: sizes, weights, biases as column
            vectors, and cost QuadraticCost or CrossEntropyCost. His networks are sigmoid throughout and have
            no sum-of-squares cost, so other networks are refused with the reason. `load` reads both layouts.
            examples:
              save my-network.json
              save for-nielsen.json --format nielsen
            """,
            run: { s, a throws(CommandError) in try s.saveCommand(a) }),
        CommandSpec(
            "export", arguments: "FILE.json | FILE.html | -",
            options: [.flag("no-weights", "leave the weights and biases out of the network (only sizes, activation and cost)"),
                      .flag("force", "replace a file you may not write (chmod 444); the folder must allow it")],
            group: .files,
            summary: "write the trace as JSON (- for standard output), or the whole pass as one offline web page to step through (FILE.html)",
            example: "export trace.json",
            details: """
            JSON: values not computed yet are null; `load` reopens the network of a trace with its weights.
            The format (keys, indexing, NaN as "NaN") is described in
            Sources/BackpropCore/BackpropCore.docc/TraceFormat.md.
            FILE.html: one file that opens from disk in any browser, offline. It holds the whole pass (the
            rest computed on a copy, as `backward` would), the trace `backward; export FILE.json` writes,
            a diagram, each step's arithmetic in both notations, and gradcheck, nudges and training if run.
            ← → step, Space plays, N switches notation, P is the projector view; #step=N in the address
            opens step N. Networks of at most 100,000 weights and biases.
            Files are written as `save` writes them (see `help save`); Ctrl-C cancels the write.
            examples:
              forward; backward; gradcheck; export small-trace.json
              export - --no-weights
              load mnist; export mnist.html
            """,
            output: .dataWhenWrittenToStandardOutput,
            run: { s, a throws(CommandError) in try s.exportCommand(a) }),
        CommandSpec(
            "compare", arguments: "FILE.json",
            options: [
                .number("atol", "A", "the absolute tolerance atol (default 1e-9)"),
                .number("rtol", "R", "the relative tolerance rtol (default 1e-6)"),
                .flag("json", "print the result as one JSON document (verdict, counts, the first difference, hints)"),
            ],
            group: .files,
            summary: "check a trace from another implementation against this one: the first value that differs, with our arithmetic",
            example: "compare my-backprop.json",
            details: """
            FILE holds `layers` (z, a, delta per layer, input first) and/or `gradients` (weights, biases) in the
            shapes `export` writes; null values are skipped. Its `network` and `example` are used when present,
            else the session's. Values agree when |ours − yours| ≤ atol + rtol·|ours|.
            examples:
              export ours.json; compare ours.json        (a clean match)
              compare numpy-trace.json --rtol 1e-4       (a float32 implementation)
              compare mine.json --json                   (for a script: exit status 1 on a difference)
            """,
            output: .dataWithFlag("json"),
            failsWhen: "a value differs beyond the tolerance",
            check: { s, a throws(CommandError) in try s.compareCommand(a) }),
        CommandSpec(
            "input", aliases: ["x"], arguments: "V1 V2 …", group: .setup,
            summary: "set the input x (one value per input neuron); the pass starts again",
            example: "input 0.05 0.10",
            run: { s, a throws(CommandError) in try s.setInput(a) }),
        CommandSpec(
            "target", aliases: ["y"], arguments: "V1 …", group: .setup,
            summary: "set the target y (one value per output neuron); the pass starts again",
            example: "target 1",
            run: { s, a throws(CommandError) in try s.setTarget(a) }),
        CommandSpec(
            "batch", arguments: "[add X… -> Y… | images A-B | off]",
            options: [
                .flag("mean", "the batch's cost and gradient are its examples' mean (the default)"),
                .flag("sum", "the batch's cost and gradient are its examples' sum"),
            ],
            group: .setup,
            summary: "several examples at once: stepped one after another, their gradient combined by mean or sum",
            example: "batch add 0.9 -0.3 -> 0",
            details: """
            batch                  list the examples, how far each one's pass is, and the reduction
            batch add X… -> Y…     add an example: its input values, ->, its target values
            batch images A-B       MNIST test images A to B (or `batch images 3 7 12`)
            batch off              back to one example, the one the cursor is in
            `input` and `target` change the example the cursor is in; `grads`, `gradcheck`, `export`,
            `compare`, `descend` and `train` (on a network without MNIST's images) use the whole batch.
            `step`, `next` and `continue` go on from one example's pass to the next (a breakpoint stops
            in each); `forward` and `backward` run one example's.
            """,
            completions: { _ in ["add", "images", "off"] },
            run: { s, a throws(CommandError) in try s.batchCommand(a) }),
        CommandSpec(
            "forward", aliases: ["fwd"], group: .passes,
            summary: "run the whole forward pass and show every layer's z and a",
            example: "forward",
            run: { s, a throws(CommandError) in try s.forwardCommand(a) }),
        CommandSpec(
            "backward", aliases: ["bwd"], group: .passes,
            summary: "run the rest of the pass and show every δ and the gradients (in a batch, one example's)",
            example: "backward",
            details: """
            Breakpoints do not stop it. In a batch it ends the pass of the example the cursor is in (at
            the end of one, the next example's) and says which: `backward` again goes on to the next
            example, `continue` runs every example's pass to the end of the batch.
            """,
            run: { s, a throws(CommandError) in try s.backwardCommand(a) }),
        CommandSpec(
            "cost", arguments: "[sum-of-squares | quadratic | cross-entropy | log-likelihood]", group: .passes,
            summary: "show the cost of the example, term by term; with a name, switch to that cost first",
            example: "cost sum-of-squares",
            details: """
            sum-of-squares: C = Σ(a − y)² (3Blue1Brown)
            quadratic:      C = ½Σ(a − y)² (Nielsen)
            cross-entropy:  C = −Σ[y ln a + (1 − y) ln(1 − a)] (Ng's logistic cost; a sigmoid output only)
            log-likelihood: C = −ln a_y (Nielsen, chapter 3; a softmax output only, a one-hot y)
            """,
            completions: { _ in Cost.allCases.map(\.rawValue) },
            run: { s, a throws(CommandError) in try s.costCommand(a) }),
        CommandSpec(
            "activation", arguments: "[LAYER] [NAME …]",
            options: [.word("cost", "NAME", "change the cost too (a softmax output goes with log-likelihood, and only with it)")
                        .completing { _ in Cost.allCases.map(\.rawValue) }],
            group: .passes,
            summary: "show each layer's activation; with names, change one layer's, every layer's or each layer's; the pass starts again",
            example: "activation relu relu softmax --cost log-likelihood",
            details: """
            activation NAME          every layer after the input: sigmoid, tanh or relu
            activation LAYER NAME    one layer, numbered as the notation numbers it
            activation NAME NAME …   one per layer after the input; softmax only on the output layer
            softmax turns the output layer into probabilities that sum to 1; it goes with the
            log-likelihood cost C = −ln a_y, and then δ(L) = a − y.
            """,
            completions: { _ in Activation.allCases.map(\.rawValue) },
            run: { s, a throws(CommandError) in try s.activationCommand(a) }),
        CommandSpec(
            "step", aliases: ["s"], arguments: "[N]", group: .stepping,
            summary: "compute the next value (one neuron's z and a, one δ, or one neuron's gradients) and show its arithmetic",
            example: "step",
            emptyLine: .repeatsCommand,
            run: { s, a throws(CommandError) in try s.stepCommand(a) }),
        CommandSpec(
            "next", aliases: ["n"], arguments: "[N]", group: .stepping,
            summary: "compute the rest of the current layer",
            example: "next",
            emptyLine: .repeatsCommand,
            run: { s, a throws(CommandError) in try s.nextCommand(a) }),
        CommandSpec(
            "continue", aliases: ["c", "cont"], group: .stepping,
            summary: "run to the next breakpoint or the end of the pass (in a batch, of the last example's)",
            example: "continue",
            details: """
            In a batch it goes on from one example's pass to the next, as gdb's `continue` runs to a
            breakpoint or the end of the program; a breakpoint stops in every example's pass, as one in a
            loop stops on every turn. At the end the batch's C and ∇C are known (`grads`).
            """,
            run: { s, a throws(CommandError) in try s.continueCommand(a) }),
        CommandSpec(
            "break", aliases: ["b"], arguments: "[forward|backward|gradients] LAYER [NEURON] | z(l)j | δ(l)j", group: .stepping,
            summary: "stop before a layer or a neuron is computed; with no argument, list breakpoints",
            example: "break backward 2",
            details: """
            Layers and neurons are counted in the current notation.
            `break δ(3)1` stops before δ(3)1 is computed; `break z(2)` before layer 2's forward step.
            In a batch a breakpoint stops in each example's pass.
            """,
            completions: { _ in Breakpoint.Direction.allCases.map(\.rawValue) },
            run: { s, a throws(CommandError) in try s.breakCommand(a) }),
        CommandSpec(
            "delete", aliases: ["d"], arguments: "N | all", group: .stepping,
            summary: "remove breakpoint N (as numbered by `break`) or all of them",
            example: "delete 1",
            completions: { s in s.breakpoints.indices.map { "\($0 + 1)" } + ["all"] },
            run: { s, a throws(CommandError) in try s.deleteCommand(a) }),
        CommandSpec(
            "back", aliases: ["rs", "reverse-step", "undo"], arguments: "[N]", group: .stepping,
            summary: "undo the latest step, set, descend or train (or the N latest) exactly; `where` says what it would undo",
            example: "back",
            details: """
            Steps and changes to the network (set, descend, train) are one history: while the cursor is
            past the start of the pass, back undoes a step; at the start, it undoes the change that
            started the pass again, and puts the cursor back where it was before it.
            load, input, target, image, digit and cost NAME start a new history.
            """,
            emptyLine: .repeatsCommand,
            run: { s, a throws(CommandError) in try s.backCommand(a) }),
        CommandSpec(
            "reverse-continue", aliases: ["rc"], group: .stepping,
            summary: "undo steps back to the previous breakpoint or the start of the pass (gdb's reverse-continue)",
            example: "rc",
            details: """
            It stops with the cursor just before a breakpoint's step, as `continue` does going forward.
            It never undoes a set, descend or train (`back` does).
            """,
            run: { s, a throws(CommandError) in try s.reverseContinueCommand(a) }),
        CommandSpec(
            "reset", group: .stepping,
            summary: "go back to the start of the pass (only the input known)",
            example: "reset",
            run: { s, a throws(CommandError) in try s.resetCommand(a) }),
        CommandSpec(
            "where", aliases: ["bt", "status"], group: .stepping,
            summary: "show where the cursor is, what comes next, what `back` would undo and what was changed in the network",
            example: "where",
            run: { s, a throws(CommandError) in try s.whereCommand(a) }),
        CommandSpec(
            "watch", arguments: "[EXPR | clear]", group: .inspect,
            summary: "show a value after every step; with no argument, list watches",
            example: "watch a(3)",
            completions: { _ in valueNames },
            run: { s, a throws(CommandError) in try s.watchCommand(a) }),
        CommandSpec(
            "unwatch", arguments: "EXPR | all", group: .inspect,
            summary: "stop watching a value",
            example: "unwatch a(3)",
            completions: { s in s.watches + ["all"] },
            run: { s, a throws(CommandError) in try s.unwatchCommand(a) }),
        CommandSpec(
            "print", aliases: ["p"], arguments: "EXPR",
            options: [.flag("all", "every value of a long vector or a wide matrix, not a summary"),
                      .count("images", "N", "MNIST test images 0 … N−1 side by side (up to 6): a neuron's or a layer's z, a or δ")],
            group: .inspect,
            summary: "show a value, a layer's vector or a weight matrix",
            example: "print z(2)1",
            details: """
            EXPR: z, a, delta (δ), w, b, Θ, dw, db, dΘ, cost, x, y — optionally with a layer and neuron:
              z(2)1   a(3)   delta   Θ(1)1,0   w(2)0,1   b(1)0   dw(1)   ∂C/∂b(2)0   z[1][0]
            In parentheses, indices follow the current notation; Θ is always Ng's, w and b always 3Blue1Brown's;
            in small layers a weight's indices may be side by side (Θ(1)10 is Θ(1)1,0);
            brackets are the engine's 0-based indices, as in exported traces.
            """,
            output: .data,
            completions: { _ in valueNames },
            run: { s, a throws(CommandError) in try s.printCommand(a) }),
        CommandSpec(
            "explain", aliases: ["e", "why"], arguments: "EXPR", group: .inspect,
            summary: "show how a value was computed: the formula and its numbers",
            example: "explain δ(2)1",
            completions: { _ in valueNames },
            run: { s, a throws(CommandError) in try s.explainCommand(a) }),
        CommandSpec(
            "draw", arguments: "[NEURON]", group: .inspect,
            summary: "draw the network with the values computed so far; with a neuron, the connections into it",
            example: "draw a(2)5",
            details: """
            Up to 4 layers of 4 units: left to right as Ng draws it, each unit with its z, a and δ, the last
            step heavy with its edges' weights. MNIST: the digit, each layer a column of neurons shaded by
            activation, the label and guess, and after backward each neuron's nudge ↑/↓. NEURON (a(2)5):
            the strongest connections into it. Other networks: a summary of the layers.
            """,
            run: { s, a throws(CommandError) in try s.drawCommand(a) }),
        CommandSpec(
            "picture", arguments: "NAME", group: .inspect,
            summary: "a 784-long vector as a 28×28 image: x, w(1)J or Θ(1)J, dw(1)J or dΘ(1)J, wishes (blue +, red −)",
            example: "picture w(1)3",
            details: """
            x        the input image
            w(1)J    the 784 weights into first-layer neuron J (Θ(1)J in Ng's notation, no bias column)
            dw(1)J   their gradient ∂C/∂w for this example (dΘ(1)J); like grads, it finishes the pass first
            wishes   −∂C/∂x: what this example asks of each pixel (the first layer's desires added up)
            Each pixel is two columns: blue positive, red negative, brighter for larger |v|; without colour
            a shade (░ ▒ ▓ █) written twice when positive, followed by - when negative. The legend gives
            the scale; rows and columns are numbered at the edges.
            """,
            completions: { s in ["x", "wishes", "w(1)0", "Θ(1)1", "dw(1)0", "dΘ(1)1"] },
            run: { s, a throws(CommandError) in try s.pictureCommand(a) }),
        CommandSpec(
            "notation", arguments: "[ng | 3b1b]", group: .inspect,
            summary: "switch between Ng's names (Θ(l)ij, layers from 1) and 3Blue1Brown's (w(L)jk, b(L)j)",
            example: "notation 3b1b",
            completions: { _ in Notation.allCases.map(\.rawValue) },
            run: { s, a throws(CommandError) in try s.notationCommand(a) }),
        CommandSpec(
            "gradcheck", aliases: ["gc"], arguments: "[PARAM]",
            options: [
                .flag("sweep", "try every ε from 1e-1 to 1e-12: one-sided and central errors, no verdict"),
                .number("eps", "E", "the nudge ε (default 1e-4; from 1e-12 to 1)"),
                .number("atol", "A", "the absolute tolerance atol (default 1e-9)"),
                .number("rtol", "R", "the relative tolerance rtol (default 1e-6)"),
                .count("sample", "N", "check N parameters chosen at random, not every one"),
                .count("seed", "S", "the seed of --sample's choice (default 1)"),
                .flag("json", "print the result as one JSON document (verdict, counts, the worst parameters, hints)"),
            ],
            group: .check,
            summary: "compare backprop's gradient with finite differences: every parameter, one as arithmetic, or an ε sweep",
            example: "gradcheck Θ(2)1,2",
            details: """
            gradcheck            every parameter: the worst ones, ‖n − a‖ / ‖n + a‖ and a verdict
            gradcheck PARAM      one parameter: J(θ + ε), J(θ − ε), their difference over 2ε,
                                 backprop's value, the errors
            gradcheck --sweep [PARAM]
                                 the errors for each ε (the worst parameter when none is named)
            A parameter fails when |a − n| > atol·max(1, |J|) + rtol·max(|a|, |n|).
            PARAM is named as in print: Θ(2)1,2, w(2)0,1, b(1)0, weights[1][0][1].
            """,
            output: .dataWithFlag("json"),
            failsWhen: "the verdict is FAIL: backprop and finite differences disagree (a sweep never fails)",
            check: { s, a throws(CommandError) in try s.gradcheckCommand(a) }),
        CommandSpec(
            "grads", arguments: "[PARAM [PARAM]]",
            options: [.count("top", "N", "how many parameters the ranking shows (default 10)")],
            group: .check,
            summary: "rank the parameters by the size of ∂C/∂θ (how sensitive the cost is to each), or compare two",
            example: "grads Θ(3)1,1 Θ(1)1,1",
            details: """
            grads            the largest |∂C/∂θ|, with what increasing each does to the cost
            grads P          one parameter's ∂C/∂θ and its rank
            grads P1 P2      how many times more sensitive the cost is to one than to the other
            Runs the rest of the pass first if needed; with a bug planted, these are the buggy gradients.
            """,
            run: { s, a throws(CommandError) in try s.gradsCommand(a) }),
        CommandSpec(
            "bug", arguments: "[NAME | off]", group: .check,
            summary: "plant a classic backprop bug in the backward pass (then catch it with gradcheck); with no argument, list them",
            example: "bug missing-derivative",
            details: """
            \(Session.wrapped("Bugs: " + BackpropBug.allCases.map(\.rawValue).joined(separator: ", ") + ".", width: Session.helpWidth))
            While one is planted the prompt says so, every δ and gradient shown is the buggy one, and
            gradcheck compares that with finite differences (which never have the bug).
            Training is never affected. It stays planted across `load`.
            """,
            completions: { _ in BackpropBug.allCases.map(\.rawValue) + ["off"] },
            run: { s, a throws(CommandError) in try s.bugCommand(a) }),
        CommandSpec(
            "data", arguments: "[DIR | --sample]",
            options: [.flag("sample", "go back to the 1,000 shipped test images")],
            group: .mnist,
            summary: "use the full MNIST database in folder DIR (standard file names, raw or .gz); with no argument, say which images are in use",
            example: "data ~/mnist",
            details: """
            DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
            t10k-labels-idx1-ubyte (each raw or .gz). `train` then learns from the 60,000 training images;
            image, digit, accuracy and nudges --average use the 10,000 test images.
            `backprop --data DIR` does the same at start.
            """,
            run: { s, a throws(CommandError) in try s.dataCommand(a) }),
        CommandSpec(
            "image", arguments: "[N]",
            options: [.flag("brief", "only the heading, the guess and the cost: no picture, no bars")],
            group: .mnist,
            summary: "make MNIST test image N the example: its picture, label, the ten outputs as bars and the network's guess",
            example: "image 1",
            details: """
            Images are numbered from 0 in file order: the 1,000 shipped test images, or the 10,000 of
            `data DIR`.
            With no number, shows the current image again.
            """,
            run: { s, a throws(CommandError) in try s.imageCommand(a) }),
        CommandSpec(
            "digit", arguments: "D",
            options: [.flag("next", "the next image of digit D after the current one (after the last, the first)")],
            group: .mnist,
            summary: "make the first image of digit D the example and show it; --next: the next D after the current image",
            example: "digit 2",
            completions: { _ in (0...9).map(String.init) },
            run: { s, a throws(CommandError) in try s.digitCommand(a) }),
        CommandSpec(
            "accuracy", group: .mnist,
            summary: "how many test images the network gets right, and the confusion matrix of labels and guesses",
            example: "accuracy",
            run: { s, a throws(CommandError) in try s.accuracyCommand(a) }),
        CommandSpec(
            "nudges", arguments: "[NEURON] [--layer L] [--average N] [--brief | --avenues | --sum]",
            options: [
                .count("layer", "L", "the layer whose activations are nudged (default the output layer)")
                    .completing { s in s.shownLayers() },
                .count("average", "N", "average test images 0 … N−1's nudges to the neuron's bias and weights, beside "
                       + "the trainer's −(mean gradient)"),
                .flag("brief", "only the first table: each activation's desired change; with --average, the bias's row"),
                .flag("avenues", "only the neuron's three avenues"),
                .flag("sum", "only the last table: the desires for the layer before, added up beside backprop's"),
            ],
            group: .mnist,
            summary: "what the example wants changed: each activation's nudge, one neuron's three avenues, and the desires summed beside backprop's values",
            example: "nudges",
            details: """
            NEURON (current notation): the neuron whose avenues are listed (default: the label's output neuron).
            The desires are summed for the layer before the nudged one (before the output layer by default).
            """,
            run: { s, a throws(CommandError) in try s.nudgesCommand(a) }),
        CommandSpec(
            "descend", options: [.number("eta", "E", "the learning rate η (default as for train: 0.5 for cross-entropy, 3 quadratic, 1.5 sum-of-squares, 0.1 log-likelihood)")],
            group: .learning,
            summary: "one step of gradient descent on the example: every parameter's old value, gradient and new value, the cost before and after",
            example: "descend --eta 0.5",
            details: """
            θ ← θ − η·∂C/∂θ for every weight and bias, taken by the same trainer `train` uses; beside the
            real change of the cost, the first-order prediction ΔC ≈ −η‖∇C‖². The pass starts again with
            the new values; `back` undoes the step. The step uses the true gradient, even with a bug planted.
            """,
            run: { s, a throws(CommandError) in try s.descendCommand(a) }),
        CommandSpec(
            "set", arguments: "PARAM VALUE", group: .learning,
            summary: "set one weight or bias by hand (`where` and exports say the network was changed); the pass starts again",
            example: "set Θ(1)1,0 0.5",
            details: """
            PARAM is named as in print: Θ(2)1,2, w(2)0,1, b(1)0, weights[1][0][1]; VALUE is a finite number.
            `back` puts the old value back.
            """,
            run: { s, a throws(CommandError) in try s.setCommand(a) }),
        CommandSpec(
            "train",
            options: [
                .count("epochs", "N", "how many times to go through the training images, or the example (default 1)"),
                .count("batch", "M", "examples per mini-batch (default 100)"),
                .number("eta", "E", "the learning rate η (default 1.5 for sum-of-squares, 3 quadratic, 0.5 cross-entropy, 0.1 log-likelihood)"),
                .number("lambda", "L", "the L2 regularization λ (default 0)"),
                .number("decay", "D", "multiply η by D after each epoch (default 1)"),
                .count("seed", "S", "the seed of the shuffling: the same seed, the same run (default 1)"),
                .count("images", "N", "learn from the first N training images only"),
                .count("only", "L", "change only the weights and biases into layer L (w(L) and b(L); Ng's Θ(L − 1))")
                    .completing { s in s.shownLayers() },
            ],
            group: .learning,
            summary: "gradient descent: on MNIST's training images by mini-batches, on any other network on its example; Ctrl-C stops",
            example: "train --epochs 1",
            details: """
            On MNIST: cost and accuracy after each epoch and a plot of the cost; without `data DIR` it learns
            from the 1,000 shipped test images.
            On any other network (small): each epoch is one update on the example, and every weight and bias
            is shown before and after (`train --epochs 100` watches them learn).
            Ctrl-C stops after the current mini-batch; the network keeps every update made so far.
            `back` undoes the whole run.
            """,
            run: { s, a throws(CommandError) in try s.trainCommand(a) }),
        CommandSpec(
            "lessons", group: .lessons,
            summary: "list the guided lessons and which ones you have finished",
            example: "lessons",
            run: { s, a throws(CommandError) in try s.lessonsCommand(a) }),
        CommandSpec(
            "lesson", arguments: "[N | back | restart | stop]", group: .lessons,
            summary: "start lesson N or go back to where you left it; alone, turn the page or resume",
            example: "lesson 1",
            details: """
            A lesson shows a page at a time: a passage, commands with their real output, and questions.
            Answer a number question with a number (0.38, about 0.38, 13,002) or arithmetic (σ(0.19),
            2·(1 − 0.55)); a choice with its letter (b, B), (b)). `hint`, `show` and `skip` help; any command
            works in between, and the lesson puts its own network and pass back when it goes on.
            Enter turns the page; `lesson back` shows the page before; `lesson stop` leaves, and `lesson`
            (or `lesson N`) brings you back to the same page, even after a restart; `lesson restart`
            starts the lesson over. Either way the lesson's commands before that page are run again.
            """,
            completions: { s in s.lessons.map { "\($0.number)" } + ["back", "restart", "stop"] },
            run: { s, a throws(CommandError) in try s.lessonCommand(a) }),
        CommandSpec(
            "hint", group: .lessons,
            summary: "a hint for the lesson's open question",
            example: "hint",
            run: { s, a throws(CommandError) in try s.hintCommand(a) }),
        CommandSpec(
            "show", group: .lessons,
            summary: "reveal the answer to the lesson's open question and go on",
            example: "show",
            run: { s, a throws(CommandError) in try s.showCommand(a) }),
        CommandSpec(
            "skip", group: .lessons,
            summary: "skip the lesson's open question",
            example: "skip",
            run: { s, a throws(CommandError) in try s.skipCommand(a) }),
        CommandSpec(
            "help", aliases: ["h", "?"], arguments: "[COMMAND]", group: .session,
            summary: "list the commands, or show one command's usage and an example",
            example: "help step",
            emptyLine: .keepsPrevious,
            completions: { _ in Commands.all.map(\.name) },
            run: { s, a throws(CommandError) in try s.helpCommand(a) }),
        CommandSpec(
            "quit", aliases: ["q", "exit"], group: .session,
            summary: "leave backprop",
            example: "quit",
            run: { s, a throws(CommandError) in try s.quitCommand(a) }),
    ]

    /// The names `print`, `explain` and `watch` complete.
    static let valueNames = ["z", "a", "delta", "cost", "weights", "biases", "x", "y"]

    /// The command with this name or alias (names are case-insensitive).
    public static func find(_ name: String) -> CommandSpec? {
        let lower = name.lowercased()
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }
}
