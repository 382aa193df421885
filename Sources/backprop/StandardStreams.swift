#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input, output and error: made safe at start, and written so that every failure is seen.
enum StandardStreams {
    /// Reopens a closed descriptor 0, 1 or 2 on `/dev/null`, in the mode that makes any use of it
    /// fail (standard input write-only, output and error read-only), as gnulib's `stdopen` does:
    /// no file this program opens later can become its standard output, and writing to an output
    /// that was closed (`backprop -c "print x" >&-`) fails with EBADF and is reported.
    static func secure() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY) | O_NOCTTY)
            if opened >= 0 && opened != fd {
                _ = dup2(opened, fd)
                _ = close(opened)
            }
        }
    }

    /// SIGPIPE back to its default action and unblocked, whatever the parent left: `| head` then ends
    /// this program quietly, as it ends `cat`.
    static func defaultBrokenPipe() {
        signal(SIGPIPE, SIG_DFL)
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        sigprocmask(SIG_UNBLOCK, &pipe, nil)
    }

    /// Writes all of `text` to `fd`; the `errno` of a failure, or nil.
    static func write(_ text: String, to fd: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    // Left non-blocking by whoever started us: wait until it takes more.
                    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                return errno
            }
            guard count > 0 else { return EIO }
            bytes = bytes.dropFirst(count)
        }
        return nil
    }
}

/// write(2), named apart from `StandardStreams.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
