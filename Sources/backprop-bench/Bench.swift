#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import BackpropDebugger

/// Runs every measurement and prints them.
struct Bench {
    let options: Options
    /// Timed runs per figure (after one warm-up).
    var runs: Int { options.quick ? 3 : 7 }

    /// Runs the benchmark; returns the exit status (0 even when a target is missed).
    func run() -> Int32 {
        if options.childLoad { return timeFirstLoad() }
        let data: BenchData
        do {
            data = try BenchData.load(directory: options.data)
        } catch {
            Clock.printError("backprop-bench: \(error.description)")
            return 1
        }
        if options.childTrain { return trainOneEpochForMemory(data) }

        var results: [Measurement] = []
        var notes: [String] = []
        func wanted(_ name: String) -> Bool { options.only?.contains(name) ?? true }
        if wanted("example.fwd_bwd") { results.append(exampleForwardBackward(data)) }
        for batch in [10, 100] where wanted("epoch.batch\(batch)") { results.append(epoch(data, batchSize: batch)) }
        if wanted("gradcheck.full") {
            let (check, checkNote) = gradientCheck(data)
            results.append(check)
            notes.append(checkNote)
        }
        if wanted("step.latency") { results.append(stepLatency(data)) }
        if wanted("load.mnist_full") {
            if options.data != nil { results.append(loadFull()) } else { notes.append("load.mnist_full: needs --data DIR") }
        }
        if wanted("load.shipped") {
            if let m = loadShipped() { results.append(m) } else { notes.append("load.shipped: the child run failed") }
        }
        if wanted("startup") {
            if let m = startup() { results.append(m) } else { notes.append("startup: could not run \(Clock.ownDirectory())/backprop -c quit") }
        }
        if wanted("memory.train_peak") {
            if let m = trainingMemory() { results.append(m) } else { notes.append("memory.train_peak: the child run failed") }
        }

        if options.json {
            print(JSON.array(results.map(\.json)).text(), terminator: "")
            Clock.printError("backprop-bench: \(data.name), \(data.set.count) images; median of \(runs) runs")
            for n in notes { Clock.printError(n) }
        } else {
            print("backprop-bench — \(data.name), \(data.set.count) images")
            print("each figure the median of \(runs) runs after a warm-up; in-process times are this thread's CPU time,")
            print("startup is wall time, memory the peak resident set of a child process\n")
            for m in results { print(m.line) }
            print("")
            for n in notes { print(n) }
        }
        return 0
    }

    /// The built-in 784-16-16-10 network every figure uses.
    var network: Network { Network.untrainedMNIST }

    // MARK: - Engine

    /// One example's forward and backward pass, all gradients, one example at a time.
    func exampleForwardBackward(_ data: BenchData) -> Measurement {
        let n = min(1000, data.set.count)
        let network = PackedNetwork(self.network)
        var work = Workspace(sizes: network.sizes)
        let t = Clock.median(runs: runs) {
            work.clear()
            for i in 0..<n {
                work.load(data.set, at: i)
                work.accumulate(network)
            }
        }
        return Measurement(name: "example.fwd_bwd", value: t / Double(n) * 1e6, unit: "µs", target: 5)
    }

    /// One epoch of mini-batch SGD over 60,000 images (a sample is repeated to 60,000).
    func epoch(_ data: BenchData, batchSize: Int) -> Measurement {
        let source = Tiled(base: data.set, count: 60_000)
        let start = network
        let t = Clock.median(runs: options.quick ? 1 : 5) {
            var net = start
            _ = try? net.train(on: source, options: TrainingOptions(epochs: 1, batchSize: batchSize, learningRate: 3, seed: 1))
        }
        return Measurement(name: "epoch.batch\(batchSize)", value: t, unit: "s", target: batchSize == 10 ? 0.30 : 0.15)
    }

    /// The central-difference check of all 13,002 parameters on one example; afterwards every row
    /// is compared with the plain check (each J(θ ± ε) from a full forward pass of the changed network).
    func gradientCheck(_ data: BenchData) -> (Measurement, String) {
        let network = self.network
        let example = data.set.example(at: 0, inputSize: 784, targetSize: 10)
        var check: GradientCheck?
        let t = Clock.median(runs: runs) { check = try? GradientCheck.run(network: network, examples: [example]) }
        var m = Measurement(name: "gradcheck.full", value: t, unit: "s", target: 0.03)
        guard let check else {
            m.valid = false
            return (m, "gradcheck.full: the check could not run")
        }
        let mismatches = Bench.plainCheckMismatches(check, network: network, example: example)
        m.valid = mismatches == 0 && check.rows.count == network.parameterCount
        let note = "gradcheck.full: \(check.rows.count) parameters, ‖n − a‖/‖n + a‖ = \(check.summary.normDifference), "
            + "\(check.summary.failed) failed; J(θ ± ε) equal to the plain check's: "
            + (mismatches == 0 ? "all \(check.rows.count)" : "NO, \(mismatches) differ")
        return (m, note)
    }

    /// How many rows' J(θ + ε), J(θ − ε) or numeric gradient differ from the plain check's.
    static func plainCheckMismatches(_ check: GradientCheck, network: Network, example: Example) -> Int {
        var changed = network
        var mismatches = 0
        let eps = check.summary.epsilon
        for row in check.rows {
            let theta = network.value(of: row.parameter)
            changed.set(row.parameter, to: theta + eps)
            let plus = changed.cost(example)
            changed.set(row.parameter, to: theta - eps)
            let minus = changed.cost(example)
            changed.set(row.parameter, to: theta)
            if plus != row.costPlus || minus != row.costMinus || (plus - minus) / (2 * eps) != row.numeric {
                mismatches += 1
            }
        }
        return mismatches
    }

    // MARK: - Debugger

    /// One `step` and one `next` on the MNIST network, formatted output included, with the first
    /// image of the data as the input (so the sums shown have MNIST's number of non-zero terms).
    func stepLatency(_ data: BenchData) -> Measurement {
        let session = Session()
        _ = session.execute("load mnist")
        let image = data.set.example(at: 0, inputSize: 784, targetSize: 10)
        _ = session.execute("input " + image.input.map { "\($0)" }.joined(separator: " "))
        var times: [Double] = []
        for i in 0..<(options.quick ? 21 : 101) {
            _ = session.execute("reset")
            let start = Clock.cpu()
            _ = session.execute("step")
            _ = session.execute("next")
            if i > 0 { times.append(Clock.cpu() - start) }
        }
        return Measurement(name: "step.latency", value: Clock.middle(times) * 1e6, unit: "µs", target: 1000)
    }

    /// `load mnist` from the shipped resources, the first time in a fresh process (when the files
    /// are read and decoded), in a child process each run.
    func loadShipped() -> Measurement? {
        var times: [Double] = []
        for i in 0..<(runs + 1) {
            guard let (_, ok, output) = Clock.run(Clock.ownPath(), ["--child-load"], capture: true), ok,
                  let line = output.split(separator: "\n").last(where: { $0.hasPrefix("load-ms ") }),
                  let ms = Double(line.dropFirst(8))
            else { return nil }
            if i > 0 { times.append(ms) }
        }
        return Measurement(name: "load.shipped", value: Clock.middle(times), unit: "ms", target: 20)
    }

    /// The child's work for `loadShipped`: one `load mnist` in a new session, timed.
    func timeFirstLoad() -> Int32 {
        let session = Session()
        let start = Clock.cpu()
        let reply = session.execute("load mnist")
        let ms = (Clock.cpu() - start) * 1000
        if let error = reply.error {
            Clock.printError("backprop-bench: load mnist: \(error)")
            return 1
        }
        print("load-ms \(ms)")
        return 0
    }

    // MARK: - Files and processes

    /// Reading and decoding the full training set from the `.gz` files.
    func loadFull() -> Measurement {
        let directory = options.data ?? "."
        let t = Clock.median(runs: options.quick ? 1 : 5) { _ = try? BenchData.mnistTrainingSet(directory: directory) }
        return Measurement(name: "load.mnist_full", value: t, unit: "s", target: 0.25)
    }

    /// From launching `backprop -c "quit"` to its exit.
    func startup() -> Measurement? {
        let program = Clock.ownDirectory() + "/backprop"
        var times: [Double] = []
        for i in 0..<(runs + 2) {
            guard let (t, ok, _) = Clock.run(program, ["-c", "quit"]), ok else { return nil }
            if i >= 2 { times.append(t) }
        }
        return Measurement(name: "startup", value: Clock.middle(times) * 1000, unit: "ms", target: 30)
    }

    /// Peak resident memory of a child process that loads the training set and trains one epoch,
    /// as the child measures it itself.
    func trainingMemory() -> Measurement? {
        var arguments = ["--child-train"]
        if let d = options.data { arguments += ["--data", d] }
        guard let (_, ok, output) = Clock.run(Clock.ownPath(), arguments, capture: true), ok,
              let line = output.split(separator: "\n").last(where: { $0.hasPrefix("peak-MB ") }),
              let peak = Double(line.dropFirst(8))
        else { return nil }
        return Measurement(name: "memory.train_peak", value: peak, unit: "MB", target: 120)
    }

    /// The child's work: hold 60,000 images (the full set, or the sample repeated) and train one epoch.
    func trainOneEpochForMemory(_ data: BenchData) -> Int32 {
        let set = data.set.count >= 60_000 ? data.set : data.set.repeated(to: 60_000)
        var network = self.network
        do {
            try network.train(on: set, options: TrainingOptions(epochs: 1, batchSize: 10, learningRate: 3, seed: 1))
        } catch {
            Clock.printError("backprop-bench: \(error)")
            return 1
        }
        guard let peak = Clock.ownPeakMemoryMB() else { return 1 }
        print("peak-MB \(peak)")
        return 0
    }
}
