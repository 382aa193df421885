// measure-child REPORT_FD DIR PROGRAM [ARGUMENT…]
//
// Runs PROGRAM as its own child (in DIR, unless DIR is "-") and, when it ends, writes the child's
// peak resident set (getrusage's ru_maxrss: kilobytes on Linux, bytes on macOS) as one decimal
// line to file descriptor REPORT_FD, then ends as the child did: the same exit status, or the same
// signal. TestSupport's BuiltProgram starts programs through it because a child spawned straight
// from the test process would report the test process's memory too: at exec, Linux keeps the
// high-water mark of the image exec replaced, and for a process forked from a small program such
// as this one that is small.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: measure-child REPORT_FD DIR PROGRAM [ARGUMENT…]\n");
        return 125;
    }
    int report = atoi(argv[1]);
    if (argv[2][0] != '-' && chdir(argv[2]) != 0) {
        perror(argv[2]);
        return 126;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 126;
    }
    if (pid == 0) {
        close(report);
        execv(argv[3], argv + 3);
        fprintf(stderr, "cannot run %s: ", argv[3]);
        perror("");
        _exit(127);
    }
    // A Ctrl-C, SIGTERM or SIGHUP sent to the process group is for the program, not for this
    // wrapper, which ends as the program ends.
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    int status = 0;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) return 126;
    }
    dprintf(report, "%ld\n", (long)usage.ru_maxrss);
    close(report);
    if (WIFSIGNALED(status)) {
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);
        signal(WTERMSIG(status), SIG_DFL);
        raise(WTERMSIG(status));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
}
