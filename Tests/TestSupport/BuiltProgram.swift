#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a program's standard input is in `BuiltProgram.run`.
public enum ProgramInput: Sendable {
    /// `/dev/null`: the program reads end of input at once.
    case none
    /// These bytes, written through a pipe that is then closed.
    case bytes([UInt8])
    /// This text as UTF-8, written through a pipe that is then closed.
    case text(String)
    /// A file opened for reading (a FIFO, `/dev/zero`, a large file…).
    case file(String)
}

extension ProgramInput {
    /// Whether the input goes through a pipe the parent writes.
    var isPiped: Bool {
        switch self {
        case .bytes, .text: true
        case .none, .file: false
        }
    }
}

/// How a child process ended, what it printed, how long it took and its peak memory.
public struct ProgramRun: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended it.
    public let exitStatus: Int32?
    /// The signal that ended it (SIGKILL after the time limit), or nil when it exited.
    public let signal: Int32?
    /// Everything written to standard output (up to the output limit).
    public let outputBytes: [UInt8]
    /// Everything written to standard error (up to the output limit).
    public let errorBytes: [UInt8]
    /// True when the time limit passed and the process (group) was killed.
    public let timedOut: Bool
    /// True when a stream wrote more than the output limit; the rest was read and dropped.
    public let truncated: Bool
    /// The program's peak resident set in bytes, from `getrusage` (`wait4`) in the small
    /// process that started it (`measure-child`); nil when it was killed at the time limit.
    public let peakMemoryBytes: Int?
    /// Wall-clock seconds from start to exit.
    public let seconds: Double

    /// Standard output as UTF-8 text (invalid bytes replaced).
    public var standardOutput: String { String(decoding: outputBytes, as: UTF8.self) }
    /// Standard error as UTF-8 text (invalid bytes replaced).
    public var standardError: String { String(decoding: errorBytes, as: UTF8.self) }

    public var description: String {
        let end = exitStatus.map { "exit \($0)" } ?? "signal \(signal ?? 0)" + (timedOut ? " (time limit)" : "")
        return "\(end), \(outputBytes.count) bytes out, \(errorBytes.count) bytes err, "
            + "\(peakMemoryBytes.map { "\($0 / 1_048_576) MB" } ?? "unknown") peak, \(String(format: "%.2f", seconds)) s"
            + (errorBytes.isEmpty ? "" : "\nstderr: \(standardError)")
    }
}

/// A problem starting a program (not a problem of the program itself).
public enum ProgramRunError: Error, CustomStringConvertible {
    case notBuilt(name: String, searched: String)
    case cannotStart(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notBuilt(name, searched):
            "\(name) is not built in \(searched); `swift build` (or `swift test`, which builds every product) makes it"
        case let .cannotStart(path, reason):
            "cannot start \(path): \(reason)"
        }
    }
}

/// Runs the programs this package builds (`backprop`, `backprop-bench`, …) as child processes,
/// the way a user's shell or CI runs them: arguments, standard input, environment, a time limit;
/// back come the exit status, standard output and error, and the peak memory.
///
/// ```swift
/// let run = try BuiltProgram.run("backprop", ["-c", "bug output-sign; gradcheck"])
/// #expect(run.exitStatus == 1 && run.standardOutput.contains("verdict: FAIL"))
/// ```
public enum BuiltProgram {
    /// The folder `swift build` put the products in: the folder of the running test binary
    /// (`.build/<triple>/debug`), unless `BACKPROP_PRODUCTS` names another.
    public static let productsDirectory: String = {
        if let custom = ProcessInfo.processInfo.environment["BACKPROP_PRODUCTS"], !custom.isEmpty { return custom }
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent().path
        }
        #elseif os(Linux)
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: exe).deletingLastPathComponent().path
        }
        #endif
        return Bundle.main.bundleURL.path
    }()

    /// The path of the built product `name`, or nil when it is not there.
    public static func path(_ name: String) -> String? {
        let path = productsDirectory + "/" + name
        return access(path, X_OK) == 0 ? path : nil
    }

    /// Runs the built product `name` (see `run(path:…)`).
    public static func run(_ name: String = "backprop", _ arguments: [String] = [], input: ProgramInput = .none,
                           environment: [String: String?] = [:], workingDirectory: String? = nil,
                           timeLimit: Double = 60, outputLimit: Int = 64 << 20,
                           terminal: Bool = false, events: [ProgramEvent] = []) throws -> ProgramRun {
        guard let path = path(name) else { throw ProgramRunError.notBuilt(name: name, searched: productsDirectory) }
        return try run(path: path, arguments, input: input, environment: environment, workingDirectory: workingDirectory,
                       timeLimit: timeLimit, outputLimit: outputLimit, terminal: terminal, events: events)
    }

    /// Runs the program at `path` with `arguments`, in `workingDirectory` if given. `environment`
    /// changes the test process's own (a nil value removes a variable: `["NO_COLOR": nil]`).
    /// After `timeLimit` seconds the process group is killed (SIGKILL) and `timedOut` is set.
    /// Each stream keeps at most `outputLimit` bytes. The program gets the default actions of
    /// SIGPIPE and SIGINT and an empty signal mask, whatever the test process has, and runs in
    /// a process group of its own with `measure-child` (see Tests/MeasureChild/main.c), whose
    /// exit status or signal is the program's.
    ///
    /// With `terminal`, standard input and output are a pseudo-terminal of 100 × 40 (`input` is
    /// not used: type with `events`), and `standardOutput` is what the terminal showed. `events`
    /// send signals or type keys while the program runs (see `ProgramEvent`).
    public static func run(path: String, _ arguments: [String] = [], input: ProgramInput = .none,
                           environment: [String: String?] = [:], workingDirectory: String? = nil,
                           timeLimit: Double = 60, outputLimit: Int = 64 << 20,
                           terminal: Bool = false, events: [ProgramEvent] = []) throws -> ProgramRun {
        _ = ignoreBrokenPipes
        // measure-child runs the program as its child, in the folder, and reports its peak memory.
        guard let measure = Self.path("measure-child") else {
            throw ProgramRunError.notBuilt(name: "measure-child", searched: productsDirectory)
        }
        let argv = [measure, "3", workingDirectory ?? "-", path] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let envp = env.map { "\($0.key)=\($0.value)" }

        var pending: [UInt8] = []
        switch input {
        case let .bytes(b) where !terminal: pending = b
        case let .text(t) where !terminal: pending = Array(t.utf8)
        default: break
        }
        let tty = terminal ? try PseudoTerminal.open() : nil
        defer { if let tty { close(tty.controller) } }
        // Typing needs an open input pipe when there is no terminal.
        let types = events.contains { if case .type = $0.action { true } else { false } }
        // From making the pipes to closing the child's ends, no other run may start a child: it
        // would inherit them, and this run's output would not end until that child did.
        spawning.lock()
        let start = Date()
        let launched = Result { () throws -> (pid_t, Pipe, Pipe, Pipe?, Pipe) in
            let stdout = try Pipe.make(), stderr = try Pipe.make(), report = try Pipe.make()
            let stdin: Pipe? = tty == nil && (input.isPiped || types) ? try Pipe.make() : nil
            let pid = try spawn(measure, argv, envp, input: input, stdin: stdin, stdout: stdout, stderr: stderr, report: report,
                                terminal: tty?.devicePath)
            for fd in [stdout.write, stderr.write, report.write] { close(fd) }
            if let stdin { close(stdin.read) }
            return (pid, stdout, stderr, stdin, report)
        }
        spawning.unlock()
        let (pid, stdout, stderr, stdin, report) = try launched.get()
        defer { close(report.read) }

        // With a terminal, the program's output is read from the terminal, and its pipe (unused) closed.
        if tty != nil { close(stdout.read) }
        var streams = Streams(output: tty?.controller ?? stdout.read, error: stderr.read, input: stdin?.write,
                              pending: pending, limit: outputLimit, keepInputOpen: types)
        var schedule = EventSchedule(events: events, start: start)
        let deadline = start.addingTimeInterval(timeLimit)
        var timedOut = false
        func killGroup() {
            timedOut = true
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        // Read and write until both output streams end, or the time is up.
        while !streams.isDone {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { killGroup(); break }
            streams.pump(milliseconds: Int32(min(left, schedule.isDone ? 0.2 : 0.005) * 1000) + 1)
            schedule.step(output: streams.output, error: streams.error) { action in
                switch action {
                case let .signals(numbers): for number in numbers { kill(-pid, number) }
                case let .type(text): streams.type(Array(text.utf8), terminal: tty?.controller)
                }
            }
        }
        // After a kill, take what is left for up to 2 s (a grandchild may still hold the pipes).
        let grace = Date().addingTimeInterval(2)
        while timedOut, !streams.isDone, Date() < grace { streams.pump(milliseconds: 100) }
        // The process may outlive its streams: wait for it, within the limit.
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if !timedOut, Date() > deadline { killGroup() }
            usleep(1_000)
        }
        streams.closeAll()
        let seconds = Date().timeIntervalSince(start)
        // measure-child wrote ru_maxrss before it ended (nothing when it was killed).
        var line = [UInt8](repeating: 0, count: 32)
        let n = line.withUnsafeMutableBytes { read(report.read, $0.baseAddress, $0.count) }
        let reported = n > 0 ? Int(String(decoding: line.prefix(n), as: UTF8.self).filter(\.isNumber)) : nil
        #if canImport(Darwin)
        let peak = reported  // bytes on macOS
        #else
        let peak = reported.map { $0 * 1024 }  // kilobytes on Linux
        #endif
        let signalled = status & 0x7f != 0
        return ProgramRun(exitStatus: signalled ? nil : (status >> 8) & 0xff, signal: signalled ? status & 0x7f : nil,
                          outputBytes: streams.output, errorBytes: streams.error, timedOut: timedOut,
                          truncated: streams.truncated, peakMemoryBytes: peak, seconds: seconds)
    }

    private static let spawning = NSLock()

    /// Writing to a pipe whose reader has gone must be an error (EPIPE) here, not a signal that
    /// ends the test process; the child gets the default action back (see `spawn`).
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private static func spawn(_ program: String, _ argv: [String], _ envp: [String], input: ProgramInput,
                              stdin: Pipe?, stdout: Pipe, stderr: Pipe, report: Pipe, terminal: String?) throws -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        if let terminal {
            posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR | O_NOCTTY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, terminal, O_RDWR | O_NOCTTY, 0)
        } else if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        } else if case let .file(path) = input {
            posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if terminal == nil { posix_spawn_file_actions_adddup2(&actions, stdout.write, 1) }
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        posix_spawn_file_actions_adddup2(&actions, report.write, 3)

        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, cArgs, cEnv)
        guard result == 0 else {
            throw ProgramRunError.cannotStart(path: program, reason: String(cString: strerror(result)))
        }
        return pid
    }
}

/// A pipe whose ends are closed on exec, so that no other child inherits them. (Swift does not
/// see Linux's pipe2, so the flag is set just after; `BuiltProgram.spawning` keeps other runs from
/// starting a child in between.)
private struct Pipe {
    let read: Int32
    let write: Int32

    static func make() throws -> Pipe {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ProgramRunError.cannotStart(path: "pipe", reason: String(cString: strerror(errno))) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return Pipe(read: fds[0], write: fds[1])
    }
}

/// The parent's ends of the child's standard streams, moved along with `poll`: output and error
/// read as they come, input written as the child takes it (so neither side can block the other).
private struct Streams {
    /// One stream the child writes, and what has been read from it.
    struct Sink {
        var fd: Int32
        var bytes: [UInt8] = []
        var truncated = false

        /// Reads what is there; closes the stream at its end.
        mutating func drain(limit: Int) {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                let room = max(0, limit - bytes.count)
                bytes += chunk.prefix(min(n, room))
                if n > room { truncated = true }
            } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                close(fd)
                fd = -1
            }
        }
    }

    var outputSink: Sink
    var errorSink: Sink
    var inputFD: Int32
    let pending: [UInt8]
    var written = 0
    let limit: Int

    /// Whether typed input follows `pending` (events): the input is then closed only at the end.
    let keepInputOpen: Bool

    init(output: Int32, error: Int32, input: Int32?, pending: [UInt8], limit: Int, keepInputOpen: Bool = false) {
        outputSink = Sink(fd: output)
        errorSink = Sink(fd: error)
        inputFD = input ?? -1
        self.pending = pending
        self.limit = limit
        self.keepInputOpen = keepInputOpen
        for fd in [output, error, inputFD] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        if inputFD >= 0 && pending.isEmpty && !keepInputOpen { closeInput() }
    }

    /// Types `bytes` at the terminal `terminal`, or into the input pipe when there is none.
    mutating func type(_ bytes: [UInt8], terminal: Int32?) {
        let fd = terminal ?? inputFD
        guard fd >= 0 else { return }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { sent += n } else if n < 0 && (errno == EAGAIN || errno == EINTR) { usleep(1_000) } else { return }
        }
    }

    var output: [UInt8] { outputSink.bytes }
    var error: [UInt8] { errorSink.bytes }
    var truncated: Bool { outputSink.truncated || errorSink.truncated }
    var isDone: Bool { outputSink.fd < 0 && errorSink.fd < 0 }

    /// Waits up to `milliseconds` for any stream to be ready, then moves what it can.
    mutating func pump(milliseconds: Int32) {
        let wantsInput = inputFD >= 0 && written < pending.count
        var fds = [pollfd(fd: outputSink.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errorSink.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wantsInput ? inputFD : -1, events: Int16(POLLOUT), revents: 0)]
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        if fds[0].revents != 0 { outputSink.drain(limit: limit) }
        if fds[1].revents != 0 { errorSink.drain(limit: limit) }
        if fds[2].revents != 0 { feed() }
    }

    private mutating func feed() {
        let n = pending[written...].withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
        if n > 0 { written += n }
        if (written == pending.count && !keepInputOpen) || (n < 0 && errno != EAGAIN && errno != EINTR) { closeInput() }
    }

    private mutating func closeInput() {
        close(inputFD)
        inputFD = -1
    }

    mutating func closeAll() {
        for fd in [outputSink.fd, errorSink.fd, inputFD] where fd >= 0 { close(fd) }
        outputSink.fd = -1
        errorSink.fd = -1
        inputFD = -1
    }
}

/// The events of a run, each waiting for its condition after the one before happened.
private struct EventSchedule {
    var events: [ProgramEvent]
    var last: Date

    init(events: [ProgramEvent], start: Date) {
        self.events = events
        last = start
    }

    var isDone: Bool { events.isEmpty }

    /// Does every event whose turn it is and whose condition holds.
    mutating func step(output: [UInt8], error: [UInt8], act: (ProgramEvent.Action) -> Void) {
        while let event = events.first {
            let ready: Bool
            switch event.condition {
            case let .after(seconds): ready = Date().timeIntervalSince(last) >= seconds
            case let .outputContains(text):
                ready = String(decoding: output, as: UTF8.self).contains(text) || String(decoding: error, as: UTF8.self).contains(text)
            case let .when(condition): ready = condition()
            }
            guard ready else { return }
            act(event.action)
            events.removeFirst()
            last = Date()
        }
    }
}
