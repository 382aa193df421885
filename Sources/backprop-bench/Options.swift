/// The benchmark's command line.
struct Options {
    var data: String?
    var json = false
    var quick = false
    /// Only these figures (for profiling one of them under valgrind or perf); nil runs all.
    var only: Set<String>?
    /// Internal: run as the child that trains one epoch, for the peak-memory figure.
    var childTrain = false
    /// Internal: run as the child that times its first `load mnist`, for the load.shipped figure.
    var childLoad = false

    static let usage = """
        usage: backprop-bench [--data DIR] [--json] [--quick]
          --data DIR   the MNIST folder (train-images-idx3-ubyte and train-labels-idx1-ubyte, raw or .gz);
                       without it the shipped sample is used
          --json       print the results as a JSON array of {name, value, unit, target, met}
          --quick      fewer runs (a smoke test; figures are noisier)
          --only NAME[,NAME…]  only these figures (for profiling one, e.g. --only gradcheck.full)
        Run it in a release build: swift run -c release backprop-bench
        """

    static func parse(_ arguments: [String]) -> Result<Options, OptionError> {
        var o = Options()
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--data":
                guard i + 1 < arguments.count else { return .failure(OptionError(message: "--data needs a folder")) }
                i += 1
                o.data = arguments[i]
            case "--only":
                guard i + 1 < arguments.count else { return .failure(OptionError(message: "--only needs figure names")) }
                i += 1
                o.only = Set(arguments[i].split(separator: ",").map(String.init))
            case "--json": o.json = true
            case "--quick": o.quick = true
            case "--child-train": o.childTrain = true
            case "--child-load": o.childLoad = true
            case "-h", "--help": return .failure(OptionError(message: nil))
            default: return .failure(OptionError(message: "unknown option '\(a)'"))
            }
            i += 1
        }
        return .success(o)
    }
}

/// A bad command line; a nil message asks for the usage only (`--help`).
struct OptionError: Error {
    let message: String?
}
