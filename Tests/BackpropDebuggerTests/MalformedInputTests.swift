import Foundation
import Testing
import BackpropCore
@testable import BackpropDebugger

/// A table of malformed inputs, each fed to its loader and through the REPL: each gives its own
/// clear error (checked by a distinctive part of the message), the REPL says exactly what the
/// loader says, and the session goes on with the network it had before.
struct MalformedInputTests {
    /// What a malformed input is, and where it goes.
    enum Input: Sendable {
        /// The bytes of a file given to `load`.
        case networkFile([UInt8])
        /// The bytes of an IDX images file (raw or gzipped), and the same for labels: read by the
        /// reader, then put in an MNIST folder (as its training images or labels, the other three
        /// files good) given to `data`, which must say what the reader says.
        case idxImages([UInt8])
        case idxLabels([UInt8])
        /// The bytes of a trace file given to `compare`.
        case traceFile([UInt8])
        /// A command line.
        case command(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: Input
        /// A part of the message that only this problem gives (FILE stands for the file's path,
        /// FOLDER for the case's folder; see `mnistFolders` for the MNIST folders in it).
        let message: String
        /// Commands run after loading `good` and before the input (FOLDER as above); the network they
        /// leave is the one that must still be loaded afterwards.
        var setup: String?
        var testDescription: String { name }
    }

    /// MNIST folders made in each case's folder, each named for what is wrong with it: "mnist" (3
    /// training and 2 test images of 28 × 28, labelled 0, 1, 2 and 3, 4, all good), "no-test-images",
    /// "small-images" (2 × 2 test images), "mismatch" (2 test images, 3 labels) and "incomplete"
    /// (no test labels file).
    static func mnistFolders(in folder: String) {
        func images(_ count: Int, side: Int = 28) -> [UInt8] {
            IDXReader.encode(images: IDXImages(count: count, rows: side, columns: side,
                                               pixels: (0..<(count * side * side)).map { UInt8($0 * 7 % 256) }))
        }
        func labels(_ values: [UInt8]) -> [UInt8] { IDXReader.encode(labels: IDXLabels(labels: values)) }
        let good = [images(3), labels([0, 1, 2]), images(2), labels([3, 4])]
        let folders: [(String, [[UInt8]?])] = [
            ("mnist", good),
            ("no-test-images", [good[0], good[1], images(0), labels([])]),
            ("small-images", [good[0], good[1], images(2, side: 2), good[3]]),
            ("mismatch", [good[0], good[1], good[2], labels([1, 2, 3])]),
            ("incomplete", [good[0], good[1], good[2], nil]),
        ]
        for (name, files) in folders {
            try? FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
            for (file, bytes) in zip(MNISTFolder.fileNames, files) {
                if let bytes { _ = FileManager.default.createFile(atPath: "\(folder)/\(name)/\(file)", contents: Data(bytes)) }
            }
        }
    }

    /// The network loaded before each case: 3-2-1 tanh, quadratic cost (not a built-in one).
    static let good = #"{"sizes": [3, 2, 1], "activation": "tanh", "cost": "quadratic", "weights": [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, -0.8]]], "biases": [[0.01, 0.02], [0.03]]}"#

    /// `good` with `old` replaced by `new` (which must occur once).
    static func variant(_ old: String, _ new: String) -> [UInt8] {
        precondition(good.components(separatedBy: old).count == 2, "the variant must match once: \(old)")
        return Array(good.replacingOccurrences(of: old, with: new).utf8)
    }

    static func idx(_ words: [UInt32], _ data: [UInt8] = []) -> [UInt8] {
        words.flatMap { w in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: w >> $0) } } + data
    }

    /// gzip of the IDX labels file holding 3, 1, 4 (Python: gzip.compress(data, mtime=0)); its CRC-32,
    /// 0x1270f785 (zlib.crc32), is stored little-endian at offset 23.
    static let labelsGzip: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60, 0xe0, 0x60, 0x64, 0x60,
        0x60, 0x60, 0x66, 0x66, 0x64, 0x01, 0x00, 0x85, 0xf7, 0x70, 0x12, 0x0b, 0x00, 0x00, 0x00,
    ]

    static let cases: [Case] = [
        // Network files: text that is not JSON.
        Case(name: "empty file", input: .networkFile([]), message: "FILE: the document is empty; expected a JSON value"),
        Case(name: "only whitespace", input: .networkFile(Array(" \n\t\n".utf8)),
             message: "FILE: the document is empty; expected a JSON value"),
        Case(name: "truncated JSON", input: .networkFile(Array(good.utf8.prefix(40))),
             message: "FILE: unterminated string at line 1, column 36"),
        Case(name: "binary garbage", input: .networkFile([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff, 0x00]),
             message: "FILE: the text is not valid UTF-8 at byte offset 6"),
        Case(name: "control bytes", input: .networkFile([0x01, 0x02, 0x03]), message: "expected a value, found U+0001 at line 1, column 1"),
        Case(name: "text after the document", input: .networkFile(Array((good + " x").utf8)),
             message: "unexpected \"x\" after the JSON value"),
        Case(name: "trailing comma", input: .networkFile(variant("[0.03]", "[0.03,]")), message: "trailing comma before ']'"),
        Case(name: "duplicate key", input: .networkFile(variant(#""cost": "quadratic""#, #""cost": "quadratic", "cost": "quadratic""#)),
             message: #"duplicate key "cost""#),
        Case(name: "lone surrogate", input: .networkFile(variant(#""tanh""#, #""\ud800""#)), message: #"lone surrogate \uD800 in a string"#),
        Case(name: "deep nesting", input: .networkFile(Array(String(repeating: "[", count: 10_000).utf8)),
             message: "arrays and objects nest more than 256 deep at line 1, column 257"),
        Case(name: "bare NaN", input: .networkFile(variant("0.7", "NaN")), message: "NaN is not valid JSON"),
        Case(name: "bare -Infinity", input: .networkFile(variant("0.7", "-Infinity")), message: "-Infinity is not valid JSON"),
        Case(name: "1e400", input: .networkFile(variant("0.7", "1e400")), message: "1e400 at line 1, column 115 is too large for a double"),
        Case(name: "-1e400", input: .networkFile(variant("0.03", "-1e400")), message: "-1e400 at line 1, column 155 is too large for a double"),
        // Network files: JSON of the wrong shape.
        Case(name: "an array, not an object", input: .networkFile(Array("[3, 2, 1]".utf8)),
             message: "FILE: the document is an array, expected an object"),
        Case(name: "missing key", input: .networkFile(variant(#", "biases": [[0.01, 0.02], [0.03]]"#, "")),
             message: #"FILE: the key "biases" is missing"#),
        Case(name: "sizes of the wrong type", input: .networkFile(variant("[3, 2, 1]", #""3-2-1""#)),
             message: "FILE: sizes is a string, expected an array"),
        Case(name: "a weight of the wrong type", input: .networkFile(variant("0.5", "true")),
             message: "FILE: weights[0][1][1] is a boolean, expected a number"),
        Case(name: "the string NaN as a weight", input: .networkFile(variant("0.5", #""NaN""#)),
             message: #"FILE: weights[0][1][1] is the string "NaN"; a network file holds only finite numbers"#),
        Case(name: "fractional size", input: .networkFile(variant("[3, 2, 1]", "[3, 2.5, 1]")),
             message: "FILE: sizes[1] is 2.5; a layer size is a whole number of neurons"),
        Case(name: "size 1e300", input: .networkFile(variant("[3, 2, 1]", "[3, 1e300, 1]")),
             message: "FILE: sizes[1] is 1e+300 neurons; the limit is 100000 per layer"),
        Case(name: "size -1e300", input: .networkFile(variant("[3, 2, 1]", "[3, -1e300, 1]")),
             message: "FILE: sizes[1] is -1e+300; every layer needs at least 1 neuron"),
        Case(name: "a layer too wide", input: .networkFile(variant("[3, 2, 1]", "[3, 200000, 1]")),
             message: "FILE: sizes[1] is 200000 neurons; the limit is 100000 per layer"),
        Case(name: "too many parameters", input: .networkFile(variant("[3, 2, 1]", "[100000, 100000, 100000]")),
             message: "FILE: the network would have 20000200000 weights and biases; the limit is 1000000"),
        Case(name: "too many layers", input: .networkFile(variant("[3, 2, 1]", "[" + Array(repeating: "1", count: 65).joined(separator: ", ") + "]")),
             message: "FILE: sizes has 65 layers; the limit is 64"),
        Case(name: "one layer", input: .networkFile(variant("[3, 2, 1]", "[3]")),
             message: "FILE: sizes has 1 layer; a network needs at least 2 (input and output)"),
        Case(name: "an empty layer", input: .networkFile(variant("[3, 2, 1]", "[3, 0, 1]")),
             message: "FILE: sizes[1] is 0; every layer needs at least 1 neuron"),
        Case(name: "a short weight row", input: .networkFile(variant("[0.4, 0.5, 0.6]", "[0.4, 0.5]")),
             message: "FILE: weights[0] row 1 has 2 values, expected 3 (sizes[0]: one per neuron it comes from)"),
        Case(name: "a missing bias", input: .networkFile(variant("[0.01, 0.02]", "[0.01]")),
             message: "FILE: biases[0] has 1 value, expected 2 (sizes[1]: one per neuron)"),
        Case(name: "unknown activation", input: .networkFile(variant(#""tanh""#, #""swish""#)),
             message: #"FILE: activation "swish" is not one of sigmoid, tanh, relu, softmax"#),
        Case(name: "softmax on a hidden layer", input: .networkFile(variant(#""activation": "tanh""#, #""activations": ["softmax", "softmax"]"#)),
             message: "FILE: activations[0] is softmax, which is for the output layer only (activations[1], the last): it turns a layer into probabilities"),
        Case(name: "an activations list of the wrong length", input: .networkFile(variant(#""activation": "tanh""#, #""activations": ["relu", "relu", "tanh"]"#)),
             message: "FILE: activations has 3 entries, expected 2 (one per layer after the input)"),
        Case(name: "activation and activations", input: .networkFile(variant(#""activation": "tanh""#, #""activation": "tanh", "activations": ["relu", "tanh"]"#)),
             message: #"FILE: both "activation" and "activations" are given; use one"#),
        Case(name: "softmax without log-likelihood", input: .networkFile(variant(#""activation": "tanh""#, #""activations": ["relu", "softmax"]"#)),
             message: "FILE: a softmax output layer goes with the log-likelihood cost (its δ is then a − y), not quadratic"),
        Case(name: "log-likelihood without softmax", input: .networkFile(variant(#""quadratic""#, #""log-likelihood""#)),
             message: "FILE: the log-likelihood cost needs a softmax output layer (outputs that sum to 1), not tanh"),
        Case(name: "cross-entropy without sigmoid", input: .networkFile(variant(#""quadratic""#, #""cross-entropy""#)),
             message: "FILE: the cross-entropy cost needs outputs strictly between 0 and 1, so it works only with sigmoid, not tanh"),
        Case(name: "a later version", input: .networkFile(variant("{", #"{"version": 2, "#)),
             message: "FILE: version 2 is not supported; this program reads backprop-network version 1"),
        Case(name: "a trace without its network", input: .networkFile(Array(#"{"format": "backprop-trace", "cost": 0.5}"#.utf8)),
             message: #"FILE: the key "network" is missing"#),
        Case(name: "a trace with a broken network", input: .networkFile(Array((#"{"format": "backprop-trace", "network": "# + good.replacingOccurrences(of: "[0.03]", with: "[]") + "}").utf8)),
             message: "FILE: network: biases[1] has 0 values, expected 1 (sizes[2]: one per neuron)"),
        Case(name: "Nielsen's bias not a list", input: .networkFile(Array(#"{"sizes": [1, 1], "weights": [[[1]]], "biases": [[0.5]], "cost": "QuadraticCost"}"#.utf8)),
             message: "FILE: biases[0][0] is a number, expected a one-element array (network2.py's layout)"),
        Case(name: "network2.py's layout with an unknown cost", input: .networkFile(Array(#"{"sizes": [1, 1], "weights": [[[1]]], "biases": [[[0.5]]], "cost": "FooCost"}"#.utf8)),
             message: #"FILE: cost "FooCost" is not one of sum-of-squares, quadratic, cross-entropy, log-likelihood, QuadraticCost, CrossEntropyCost"#),
        Case(name: "network2.py's layout without a cost", input: .networkFile(Array(#"{"sizes": [1, 1], "weights": [[[1]]], "biases": [[[0.5]]]}"#.utf8)),
             message: #"FILE: the key "cost" is missing (network2.py's save() writes "QuadraticCost" or "CrossEntropyCost")"#),
        Case(name: "an IDX file given to load", input: .networkFile(idx([0x801, 1], [7])),
             message: "FILE: expected a value, found U+0000 at line 1, column 1"),
        // IDX files.
        Case(name: "wrong IDX magic", input: .idxImages(idx([0x804, 1, 1, 1], [0])),
             message: "FILE: not an IDX images file: expected magic 0x00000803, found 0x00000804"),
        Case(name: "labels read as images", input: .idxImages(idx([0x801, 1], [3])),
             message: "FILE: this is an IDX labels file (magic 0x00000801), but an images file (magic 0x00000803) was expected"),
        Case(name: "truncated IDX header", input: .idxImages(idx([0x803, 1])),
             message: "FILE: truncated header: an IDX images file starts with 16 bytes, found 8"),
        Case(name: "truncated IDX pixels", input: .idxImages(idx([0x803, 2, 2, 2], [1, 2, 3])),
             message: "FILE: truncated: expected 8 bytes of pixels after the header, found 3"),
        Case(name: "huge IDX dimensions", input: .idxImages(idx([0x803, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff])),
             message: "FILE: absurd dimensions 4294967295 × 4294967295 × 4294967295 (limits: count ≤ 1000000, rows and columns 1…1024)"),
        Case(name: "a label that is not a digit", input: .idxLabels(idx([0x801, 2], [4, 200])),
             message: "FILE: label 200 at index 1 is not a digit 0–9"),
        Case(name: "truncated gzip", input: .idxLabels(Array(labelsGzip.prefix(20))),
             message: "FILE: gzip data ends early: more bytes needed at offset 20"),
        Case(name: "gzip with a wrong checksum", input: .idxLabels(labelsGzip.enumerated().map { $0.offset == 23 ? $0.element ^ 1 : $0.element }),
             message: "FILE: gzip CRC-32 mismatch at offset 23: trailer says 0x1270f784, data gives 0x1270f785"),
        // Commands with bad arguments.
        Case(name: "input nan", input: .command("input nan 1 2"), message: "input value 1 'nan' is not a finite number"),
        Case(name: "input 1e400", input: .command("input 1 1e400 2"), message: "input value 2 '1e400' is not a finite number"),
        Case(name: "input -inf", input: .command("input 1 2 -inf"), message: "input value 3 '-inf' is not a finite number"),
        Case(name: "target of the wrong size", input: .command("target 1 2"), message: "target needs 1 value (one per output neuron), got 2"),
        Case(name: "too many bracket indices", input: .command("print weights[0][0][0][0]"),
             message: "weights[0][0][0][0]: weights[…] takes at most 3 indices, found 4"),
        Case(name: "commas with nothing between", input: .command("print z(2)1,,,,"), message: "z(2)1,,,,: a comma must stand between two numbers"),
        Case(name: "an unterminated quote", input: .command(#"print "x"#), message: #"the " at column 7 is never closed: print "x"#),
        Case(name: "a target outside [0, 1] with cross-entropy", input: .command("target 2"),
             message: "y = 2: the cross-entropy cost needs every y between 0 and 1 (a probability); `cost quadratic` takes any y",
             setup: "load small"),
        Case(name: "cross-entropy with a target outside [0, 1]", input: .command("cost cross-entropy"),
             message: "y = 2: the cross-entropy cost needs every y between 0 and 1", setup: "load small; cost quadratic; target 2"),
        Case(name: "save with an empty name", input: .command(#"save """#), message: "cannot write a file without a name"),
        Case(name: "a huge step count", input: .command("step 99999999999999999999"), message: "step count '99999999999999999999' is not a whole number"),
        Case(name: "a negative step count", input: .command("back -3"), message: "step count -3 is out of range; it must be from 1 to 1000000"),
        Case(name: "layer Int.min", input: .command("print z(-9223372036854775808)1"),
             message: "z(-9223372036854775808)1: layer -9223372036854775808 does not exist; in Ng's notation the network has layers 1 (input) to 3 (output)"),
        Case(name: "neuron Int.min", input: .command("print a(2)-9223372036854775808"), message: "a(2)-9223372036854775808: layer 2 has neurons 1 to 2"),
        Case(name: "index past the end", input: .command("print weights[1][0][99]"), message: "weights[1][0][99]: weights[1] has columns 0 to 1"),
        Case(name: "ε out of range", input: .command("gradcheck --eps 1e-300"), message: "--eps 1e-300 is out of range; ε must be from 1e-12 to 1"),
        Case(name: "ε not a number", input: .command("gradcheck --eps nan"), message: "--eps 'nan' is not a finite number"),
        Case(name: "sample too large", input: .command("gradcheck --sample 12"), message: "--sample 12 is out of range; it must be from 1 to 11"),
        Case(name: "seed negative", input: .command("gradcheck --seed -1"), message: "--seed -1 is out of range; it must be from 0 to 9223372036854775807"),
        Case(name: "an unknown activation", input: .command("activation swish"),
             message: "unknown activation 'swish'; choose sigmoid, tanh, relu, softmax"),
        Case(name: "an activation for a layer that does not exist", input: .command("activation 7 relu"),
             message: "layer 7 is out of range; it must be from 2 to 3"),
        Case(name: "activations of the wrong count", input: .command("activation relu relu relu"),
             message: "activation takes one name (every layer), a layer and a name, or 2 names (one per layer after the input)"),
        Case(name: "softmax on every layer", input: .command("activation softmax"),
             message: "softmax is for the output layer only (layer 3), not layer 2: it turns a layer into probabilities\n"
                 + "  for a softmax output: `activation 3 softmax --cost log-likelihood`"),
        Case(name: "softmax without log-likelihood", input: .command("activation 3 softmax"),
             message: "a softmax output layer goes with the log-likelihood cost (its δ is then a − y), not quadratic\n"
                 + "  change both at once: `activation 3 softmax --cost log-likelihood`"),
        Case(name: "log-likelihood without softmax", input: .command("cost log-likelihood"),
             message: "the log-likelihood cost needs a softmax output layer (outputs that sum to 1), not tanh"),
        Case(name: "log-likelihood with a target that is not one-hot", input: .command("activation 3 softmax --cost log-likelihood"),
             message: "the log-likelihood cost needs a one-hot target (one 1, the rest 0), not (0.0)"),
        Case(name: "an unknown cost with an activation", input: .command("activation relu --cost mse"),
             message: "unknown cost 'mse'; choose sum-of-squares, quadratic, cross-entropy, log-likelihood"),
        Case(name: "a batch example of the wrong size", input: .command("batch add 1 2 -> 0"),
             message: "input needs 3 values (one per input neuron), got 2"),
        Case(name: "a batch example without its arrow", input: .command("batch add 1 2 3 0"),
             message: "batch add takes the input values, ->, then the target values: `batch add 0.9 -0.3 -> 0`"),
        Case(name: "a batch target that is not a number", input: .command("batch add 1 2 3 -> nan"),
             message: "target value 1 'nan' is not a finite number"),
        Case(name: "a batch with both reductions", input: .command("batch --mean --sum"),
             message: "a batch's gradient is its examples' mean or their sum, not both"),
        Case(name: "batch images off MNIST", input: .command("batch images 0-3"),
             message: "batch images needs a network with 784 inputs (28 × 28 pixels) and 10 outputs (one per digit)"),
        Case(name: "an unknown batch word", input: .command("batch frobnicate"),
             message: "batch takes add X… -> Y…, images A-B, or off (or nothing, to list the batch)"),
        Case(name: "load without a name", input: .command("load"), message: "load takes one name: small, mnist, or a .json file"),
        Case(name: "load a folder", input: .command("load FOLDER"), message: "FOLDER: is a directory, not a file"),
        Case(name: "load a missing file", input: .command("load FOLDER/missing.json"), message: "FOLDER/missing.json: no such file"),
        Case(name: "save into a missing folder", input: .command("save FOLDER/nope/net.json"),
             message: "cannot write FOLDER/nope/net.json: the directory FOLDER/nope does not exist"),
        Case(name: "save onto a folder", input: .command("save FOLDER"), message: "cannot write FOLDER: it is a directory"),
        Case(name: "a pasted line of 100,000 characters", input: .command(String(repeating: "x", count: 100_000)),
             message: "unknown command 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'; type 'help' for the list of commands"),
        Case(name: "lesson 99", input: .command("lesson 99"), message: "there is no lesson '99'; the lessons are 1 to"),
        // MNIST folders given to `data`.
        Case(name: "data: a test file with no images", input: .command("data FOLDER/no-test-images"),
             message: "FOLDER/no-test-images/t10k-images-idx3-ubyte holds no images; every MNIST file holds at least one"),
        Case(name: "data: images of 2 × 2", input: .command("data FOLDER/small-images"),
             message: "FOLDER/small-images/t10k-images-idx3-ubyte: images are 2 × 2; MNIST's are 28 × 28"),
        Case(name: "data: images and labels that disagree", input: .command("data FOLDER/mismatch"),
             message: "FOLDER/mismatch/t10k-images-idx3-ubyte holds 2 images but FOLDER/mismatch/t10k-labels-idx1-ubyte holds 3 labels"),
        Case(name: "data: a folder missing a file", input: .command("data FOLDER/incomplete"),
             message: "FOLDER/incomplete: missing t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz); an MNIST folder holds"),
        Case(name: "data: no such folder", input: .command("data FOLDER/none"), message: "FOLDER/none: no such folder"),
        Case(name: "data: a folder and --sample", input: .command("data FOLDER/mnist --sample"),
             message: "data takes a folder or --sample, not both"),
        // MNIST commands on a network of another shape, and past the end of a small set of images.
        Case(name: "image on a 3-2-1 network", input: .command("image 3"),
             message: "image needs a network with 784 inputs (28 × 28 pixels) and 10 outputs (one per digit);\nFOLDER/good.json is 3-2-1 — `load mnist` first"),
        Case(name: "train on a 3-2-1 network from MNIST's images", input: .command("train --images 5 --batch 6"),
             message: "--images picks MNIST training images of 784 pixels, and FOLDER/good.json (3-2-1) takes 3 inputs"),
        Case(name: "train on a 3-2-1 network with a batch larger than its one example", input: .command("train --batch 2"),
             message: "--batch 2 is out of range; it must be from 1 to 1"),
        // Changing parameters by hand and by descent.
        Case(name: "set an unknown name", input: .command("set q(1)1 0.5"), message: "q(1)1: unknown value 'q'"),
        Case(name: "set a weight that does not exist", input: .command("set Θ(1)3,1 0.5"),
             message: "Θ(1)3,1: row 3 does not exist; Θ(1) has rows 1 to 2"),
        Case(name: "set a whole matrix", input: .command("set Θ(1) 0.5"), message: "Θ(1) is not one weight or bias; set changes one"),
        Case(name: "set a gradient", input: .command("set dΘ(1)1,0 0.5"), message: "dΘ(1)1,0 is a gradient, computed by the pass"),
        Case(name: "set to NaN", input: .command("set Θ(1)1,0 nan"), message: "the value 'nan' is not a finite number"),
        Case(name: "set to 1e400", input: .command("set Θ(1)1,0 1e400"), message: "the value '1e400' is not a finite number"),
        Case(name: "set to a word", input: .command("set Θ(1)1,0 big"), message: "the value 'big' is not a number"),
        Case(name: "set without a value", input: .command("set Θ(1)1,0"), message: "set takes one weight or bias and its new value"),
        Case(name: "descend --eta 0", input: .command("descend --eta 0"), message: "--eta 0 must be above 0: a step of size 0 changes nothing"),
        Case(name: "descend --eta -1", input: .command("descend --eta -1"), message: "--eta −1 must be above 0: a negative step climbs the cost"),
        Case(name: "descend --eta nan", input: .command("descend --eta nan"), message: "--eta 'nan' is not a finite number"),
        // With y = 1000 the output δ = (a − y)·σ′(z) is about −250, so η·∂C/∂θ passes the largest double.
        Case(name: "descend --eta 1e308", input: .command("descend --eta 1e308"),
             message: "a step with η = 1e+308 overflows: a weight or bias would stop being a finite number;\nthe network is unchanged",
             setup: "load small; cost quadratic; target 1000"),
        Case(name: "descend with a word", input: .command("descend now"), message: "descend takes only --eta"),
        Case(name: "image past the last of 2", input: .command("image 2"), message: "image 2 is out of range; it must be from 0 to 1",
             setup: "load mnist; data FOLDER/mnist"),
        Case(name: "image nan", input: .command("image nan"), message: "image 'nan' is not a whole number", setup: "load mnist"),
        Case(name: "image 1e400", input: .command("image 1e400"), message: "image '1e400' is not a whole number", setup: "load mnist"),
        Case(name: "digit absent from the images", input: .command("digit 7"),
             message: "there is no 7 among the 2 test images in FOLDER/mnist", setup: "load mnist; data FOLDER/mnist"),
        Case(name: "train on more images than the folder has", input: .command("train --images 4"),
             message: "--images 4 is out of range; it must be from 1 to 3", setup: "load mnist; data FOLDER/mnist"),
        Case(name: "train with a batch larger than the images", input: .command("train --images 2 --batch 3"),
             message: "--batch 3 is out of range; it must be from 1 to 2", setup: "load mnist; data FOLDER/mnist"),
        Case(name: "train --eta 1e400", input: .command("train --eta 1e400"), message: "--eta '1e400' is not a finite number",
             setup: "load mnist"),
        Case(name: "train --lambda -1", input: .command("train --lambda -1"), message: "--lambda must be 0 or more", setup: "load mnist"),
        Case(name: "train --decay 0", input: .command("train --decay 0"), message: "--decay must be above 0", setup: "load mnist"),
        Case(name: "nudges --average past the images", input: .command("nudges --average 3"),
             message: "--average 3 is out of range; it must be from 1 to 2", setup: "load mnist; data FOLDER/mnist"),
        Case(name: "nudges: a neuron past its layer", input: .command("nudges --layer 1 16"),
             message: "neuron 16 is out of range; it must be from 0 to 15", setup: "load mnist"),
        Case(name: "nudges: a layer past the output", input: .command("nudges --layer 4"),
             message: "--layer 4 is out of range; it must be from 1 to 3", setup: "load mnist"),
        Case(name: "nudges: a neuron past a 1-neuron output", input: .command("nudges 5"),
             message: "neuron 5 is out of range; it must be from 1 to 1"),
        // Gradient commands.
        Case(name: "grads --top 0", input: .command("grads --top 0"), message: "--top 0 is out of range; it must be from 1 to 11"),
        Case(name: "grads --top 1e400", input: .command("grads --top 1e400"), message: "--top '1e400' is not a whole number"),
        Case(name: "gradcheck --sweep with --eps", input: .command("gradcheck --sweep --eps 1e-3"),
             message: "--sweep tries every ε from 1e-1 to 1e-12, so it takes no --eps"),
        Case(name: "an unknown bug", input: .command("bug nonsense"),
             message: "unknown bug 'nonsense'; choose missing-derivative, output-sign, no-bias-gradient"),
        // export and compare.
        Case(name: "export into a missing folder", input: .command("export FOLDER/nope/trace.json"),
             message: "cannot write FOLDER/nope/trace.json: the directory FOLDER/nope does not exist"),
        Case(name: "compare --atol -1", input: .command("compare FOLDER/good.json --atol -1"), message: "--atol must be 0 or more"),
        Case(name: "compare --rtol nan", input: .command("compare FOLDER/good.json --rtol nan"), message: "--rtol 'nan' is not a finite number"),
        Case(name: "compare: a network file", input: .traceFile(Array(good.utf8)),
             message: "FILE is a network file, not a trace: compare reads a trace's layers, gradients and cost (`load FILE` opens a network file)"),
        Case(name: "compare: steps that are a string", input: .traceFile(Array(#"{"layers": null, "cost": 1, "steps": "all"}"#.utf8)),
             message: "FILE: steps is a string, expected an array (or null)"),
        Case(name: "compare: layers of the wrong count", input: .traceFile(Array(#"{"layers": [null, null, null, null]}"#.utf8)),
             message: "FILE: layers has 4 entries, expected 3 (one per layer, the input layer first)"),
        Case(name: "compare: a z of the wrong length", input: .traceFile(Array(#"{"layers": [null, {"z": [1, 2, 3]}, null]}"#.utf8)),
             message: "FILE: layers[1].z has 3 values, expected 2 (one per neuron of layer 1)"),
        Case(name: "compare: a z for the input layer", input: .traceFile(Array(#"{"layers": [{"z": [1]}, null, null]}"#.utf8)),
             message: "FILE: layers[0].z must be null (or left out): the input layer has no z"),
        Case(name: "compare: gradient rows of the wrong length", input: .traceFile(Array(#"{"gradients": {"weights": [[[1, 2, 3], [1, 2, 3]], [[1]]]}}"#.utf8)),
             message: "FILE: gradients.weights[1][0] has 1 value, expected 2 (one per neuron of layer 1)"),
        Case(name: "compare: a batch whose examples differ in size",
             input: .traceFile(Array(#"{"example": {"input": [[1, 2, 3], [1, 2]], "target": [[0], [1]]}, "cost": 1}"#.utf8)),
             message: "FILE: example: the input of example 1 has 2 values, expected 3"),
        Case(name: "compare: a reduction other than mean or sum",
             input: .traceFile(Array(#"{"example": {"input": [[1, 2, 3]], "target": [[0]], "reduction": "median"}, "cost": 1}"#.utf8)),
             message: #"FILE: example.reduction "median" is not mean or sum (how the batch's costs and gradients combine)"#),
        Case(name: "compare: a batch with fewer targets than inputs",
             input: .traceFile(Array(#"{"example": {"input": [[1, 2, 3], [1, 2, 3]], "target": [[0]]}, "cost": 1}"#.utf8)),
             message: "FILE: example.target has 1 row, expected 2 (one per example of example.input)"),
        Case(name: "compare: a batch's layer with a row too few",
             input: .traceFile(Array(#"{"example": {"input": [[1, 2, 3], [1, 2, 3]], "target": [[0], [1]]}, "layers": [{"a": [[1, 2, 3]]}, null, null]}"#.utf8)),
             message: "FILE: layers[0].a has 1 row, expected 2 (one per example)"),
        Case(name: "compare: a cost that is a word", input: .traceFile(Array(#"{"cost": "high"}"#.utf8)),
             message: "FILE: cost is a string, expected a number or null"),
        Case(name: "compare: sizes without weights that differ", input: .traceFile(Array(#"{"network": {"sizes": [2, 2, 1]}, "cost": 1}"#.utf8)),
             message: "FILE: network: sizes 2-2-1 differ from the session's network (3-2-1), and the file has no weights to use instead"),
        Case(name: "compare: an example that does not fit", input: .traceFile(Array(#"{"example": {"input": [1, 2], "target": [1]}, "cost": 1}"#.utf8)),
             message: "FILE: example: the input has 2 values, expected 3"),
        Case(name: "compare: NaN in the example", input: .traceFile(Array(#"{"example": {"input": ["NaN", 0, 0], "target": [1]}, "cost": 1}"#.utf8)),
             message: "FILE: example.input[0] is not a finite number; an example holds only finite numbers"),
        Case(name: "compare: another format", input: .traceFile(Array(#"{"format": "other", "cost": 1}"#.utf8)),
             message: #"FILE: format "other" is not backprop-trace"#),
        Case(name: "compare: nothing to compare", input: .traceFile(Array(#"{"format": "backprop-trace", "version": 1}"#.utf8)),
             message: #"FILE: nothing to compare: the file has no numbers in "layers", "gradients" or "cost""#),
    ]

    @Test(arguments: cases)
    func eachMalformedInputGivesItsOwnErrorAndTheSessionGoesOn(_ c: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-malformed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let goodPath = folder + "/good.json"
        try AtomicFile.write(Array(MalformedInputTests.good.utf8), to: goodPath)
        MalformedInputTests.mnistFolders(in: folder)
        let session = Session()
        #expect(session.execute("load \(goodPath)").succeeded)
        if let setup = c.setup {
            #expect(session.execute(setup.replacingOccurrences(of: "FOLDER", with: folder)).succeeded, "setup: \(setup)")
        }
        let before = session.network, beforeName = session.networkName

        var file = folder + "/input"
        if case .idxImages = c.input { file = folder + "/mnist/" + MNISTFolder.trainingImages }
        if case .idxLabels = c.input { file = folder + "/mnist/" + MNISTFolder.trainingLabels }
        let expected = c.message.replacingOccurrences(of: "FILE", with: file).replacingOccurrences(of: "FOLDER", with: folder)
        var reply: Reply?
        switch c.input {
        case let .networkFile(bytes):
            try AtomicFile.write(bytes, to: file)
            let loaderMessage: String
            do {
                _ = try NetworkFile.decode(bytes, source: file)
                loaderMessage = "(no error)"
            } catch {
                loaderMessage = error.description
            }
            #expect(loaderMessage.contains(expected), "the loader says: \(loaderMessage)")
            reply = session.execute("load \(file)")
            #expect(reply?.error == loaderMessage, "the REPL says what the loader says")
        case let .idxImages(bytes), let .idxLabels(bytes):
            let message: String
            do {
                if case .idxImages = c.input {
                    _ = try IDXReader.images(from: bytes, source: file)
                } else {
                    _ = try IDXReader.labels(from: bytes, source: file)
                }
                message = "(no error)"
            } catch {
                message = error.description
            }
            #expect(message.contains(expected), "the reader says: \(message)")
            try AtomicFile.write(bytes, to: file)
            reply = session.execute("data \(folder)/mnist")
            #expect(reply?.error == message, "`data` says what the reader says")
        case let .traceFile(bytes):
            try AtomicFile.write(bytes, to: file)
            reply = session.execute("compare \(file)")
            #expect(reply?.error?.contains(expected) == true, "the REPL says: \(reply?.error ?? "(no error)")")
        case let .command(line):
            reply = session.execute(line.replacingOccurrences(of: "FOLDER", with: folder))
            #expect(reply?.error?.contains(expected) == true, "the REPL says: \(reply?.error ?? "(no error)")")
        }
        #expect(reply?.succeeded != true, "a malformed input is refused")
        #expect(session.network == before, "the network loaded before is still loaded")
        #expect(session.networkName == beforeName)
        #expect(session.execute("forward").succeeded, "the session goes on")
        #expect(session.execute("print a(3)1").text.hasPrefix("a(3)1 = "))
    }

    @Test func everyCaseHasItsOwnMessage() {
        let messages = MalformedInputTests.cases.map(\.message)
        let repeated = Dictionary(grouping: messages, by: { $0 }).filter { $0.value.count > 1 }.keys
        // The two empty documents say the same thing on purpose: both hold no JSON value.
        #expect(Array(repeated) == ["FILE: the document is empty; expected a JSON value"])
        #expect(MalformedInputTests.cases.count >= 30)
    }
}
