#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock timing and child processes for the benchmark.
enum Clock {
    /// Seconds on a monotonic clock (wall time).
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Seconds of processor time this thread has used (user and system). On an idle machine it
    /// equals the wall time of single-threaded work; on a busy one it leaves out the time the
    /// thread spent waiting for a core, so figures taken beside other work stay comparable.
    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The median of `runs` timings of `body` (seconds of this thread's processor time), after
    /// `warmup` untimed runs.
    static func median(runs: Int, warmup: Int = 1, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = cpu()
            body()
            times.append(cpu() - start)
        }
        return middle(times)
    }

    /// The median of some figures (the upper one of the middle two for an even count).
    static func middle(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// Runs a program and waits for it, its standard output thrown away or, with `capture`, returned.
    /// Gives the wall time in seconds, whether it exited with status 0 and what it printed; nil if
    /// it could not be started.
    static func run(_ path: String, _ arguments: [String], capture: Bool = false)
        -> (seconds: Double, succeeded: Bool, output: String)? {
        var pid = pid_t()
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pipeEnds: [Int32] = [-1, -1]
        if capture { guard pipe(&pipeEnds) == 0 else { return nil } }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = now()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        if capture { close(pipeEnds[1]) }
        guard spawned == 0 else {
            if capture { close(pipeEnds[0]) }
            return nil
        }
        var output: [UInt8] = []
        if capture {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(pipeEnds[0], &buffer, buffer.count)
                if n > 0 { output += buffer[0..<n] } else if n == 0 || errno != EINTR { break }
            }
            close(pipeEnds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (now() - start, status == 0, String(decoding: output, as: UTF8.self))
    }

    /// This process's peak resident memory in MB (10⁶ bytes). On Linux it is read from
    /// /proc/self/status (VmHWM), which counts this program only: `getrusage` would also count the
    /// memory of the parent that started it, inherited when it ran `exec`.
    static func ownPeakMemoryMB() -> Double? {
        #if os(Linux)
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            let digits = text.filter(\.isNumber)
            return Double(digits).map { $0 * 1024 / 1e6 }
        }
        return nil
        #else
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1e6  // bytes on macOS
        #endif
    }

    /// Writes a line to standard error (unbuffered, so it is never interleaved out of order).
    static func printError(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress.map { $0 + done }, $0.count - done) }
            if n <= 0 && errno != EINTR { return }
            if n > 0 { done += n }
        }
    }

    /// This program's own path, to start it again as a child.
    static func ownPath() -> String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return CommandLine.arguments[0]
    }

    /// The folder this program lives in (the `backprop` executable is built beside it).
    static func ownDirectory() -> String {
        let path = ownPath()
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
