#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// backprop-bench: the project's performance figures, each the median of several runs after a
// warm-up. Run it in a release build: `swift run -c release backprop-bench [--data DIR] [--json]`.
switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case let .failure(error):
    if let message = error.message {
        Clock.printError("backprop-bench: \(message)\n\(Options.usage)")
        exit(2)
    }
    print(Options.usage)
case let .success(options):
    exit(Bench(options: options).run())
}
