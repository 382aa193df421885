// swift-tools-version:6.0
// backprop — a step-through debugger for neural-network backpropagation.
// No package dependencies: everything here is the toolchain's (Foundation, and Swift Testing for the tests).
import PackageDescription

let package = Package(
    name: "backprop",
    products: [
        .executable(name: "backprop", targets: ["backprop"]),
        .executable(name: "backprop-bench", targets: ["backprop-bench"]),
        .executable(name: "backprop-train-shipped", targets: ["backprop-train-shipped"]),
        .library(name: "BackpropCore", targets: ["BackpropCore"]),
        .library(name: "BackpropDebugger", targets: ["BackpropDebugger"]),
    ],
    targets: [
        // Math only: networks, traces, gradient check, training, files. Never prints.
        .target(name: "BackpropCore", dependencies: ["CPrefetch"]),
        // One C function, a cache prefetch hint the trainer gives for the next example (Swift has none).
        .target(name: "CPrefetch"),
        // Debugger state, stepping, notation, commands, rendering to text. No terminal calls.
        // Resources/MNIST: the trained MNIST network and 1,000 test images (see the README there).
        .target(name: "BackpropDebugger", dependencies: ["BackpropCore", "BackpropLessons"],
                resources: [.copy("Resources/MNIST")]),
        // The guided lessons: plain text files under Lessons/Text, shipped as resources.
        .target(name: "BackpropLessons", path: "Lessons", resources: [.copy("Text")]),
        // The line editor: keys, editing, history, completion, display widths. Pure values: the
        // executable drives it from the terminal, the tests and the keys fuzz harness from bytes.
        .target(name: "LineEditing", dependencies: ["BackpropCore"]),
        // The executable: arguments, terminal, colour, main loop. It owns the process-wide state
        // (the terminal, signals, stdout), so it is compiled in Swift 5 mode.
        .executableTarget(name: "backprop", dependencies: ["BackpropDebugger", "LineEditing"],
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        // The benchmark (run it in a release build).
        .executableTarget(name: "backprop-bench", dependencies: ["BackpropCore", "BackpropDebugger"]),
        // Writes gzip files (the core only reads them): for backprop-train-shipped and the tests.
        .target(name: "GzipWriter", dependencies: ["BackpropCore"]),
        // Makes the trained MNIST network and image sample shipped in BackpropDebugger/Resources/MNIST
        // (run it in a release build; see the README there).
        .executableTarget(name: "backprop-train-shipped", dependencies: ["BackpropCore", "GzipWriter"],
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        // For every test target: runs the built executables as a user's shell does (BuiltProgram),
        // through measure-child, a small C program that reports its child's peak memory.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .executableTarget(name: "measure-child", path: "Tests/MeasureChild"),
        .testTarget(name: "BackpropCoreTests", dependencies: ["BackpropCore", "GzipWriter", "TestSupport"]),
        .testTarget(name: "BackpropDebuggerTests", dependencies: ["BackpropCore", "BackpropDebugger", "GzipWriter", "TestSupport"]),
        .testTarget(name: "BackpropLessonsTests", dependencies: ["BackpropLessons", "BackpropDebugger", "TestSupport"]),
        .testTarget(name: "LineEditingTests", dependencies: ["BackpropCore", "LineEditing", "BackpropDebugger", "TestSupport"]),
    ]
)

// Fuzz harnesses (Tests/Fuzz/Harnesses), one libFuzzer executable per input path a user can reach.
// Declared only when BACKPROP_FUZZ=1, which Tests/Fuzz/run.sh sets while it builds them with
// -sanitize=fuzzer,address in its own scratch folder: `swift build` and `swift test` never see them.
if Context.environment["BACKPROP_FUZZ"] == "1" {
    // Declares libFuzzer's LLVMFuzzerRunDriver: SwiftPM gives every executable its own main(), so
    // each harness's main hands over to libFuzzer's driver instead of libFuzzer supplying main().
    package.targets.append(.target(name: "FuzzDriver", path: "Tests/Fuzz/Harnesses/FuzzDriver"))
    let harnesses: [(name: String, dependency: String)] = [
        ("network-file", "BackpropCore"),
        ("trace", "BackpropDebugger"),
        ("idx", "BackpropCore"),
        ("repl", "BackpropDebugger"),
        ("expression", "BackpropDebugger"),
        ("lesson", "BackpropDebugger"),
        ("keys", "LineEditing"),
        ("script", "BackpropDebugger"),
    ]
    for harness in harnesses {
        // keys also completes lines from a session, as the REPL does.
        let extra: [Target.Dependency] = harness.name == "keys" ? ["BackpropDebugger"] : []
        package.targets.append(.executableTarget(
            name: "fuzz-\(harness.name)", dependencies: [.target(name: harness.dependency), "FuzzDriver"] + extra,
            path: "Tests/Fuzz/Harnesses/\(harness.name)"))
        package.products.append(.executable(name: "fuzz-\(harness.name)", targets: ["fuzz-\(harness.name)"]))
    }
}
