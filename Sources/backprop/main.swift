// A throwaway demo of the line editor, to be replaced by the real main loop.
// BACKPROP_HISTORY names the history file; `sleep` waits for Ctrl-C to test `Interrupt`;
// `hang` ignores it for five seconds (a second Ctrl-C ends the process).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let words = ["load", "lessons", "lesson", "forward", "backward", "step", "next", "help", "quit"]
let editor = LineEditor(historyFile: TerminalInfo.environment("BACKPROP_HISTORY"))
editor.completer = { _, _ in words }
Interrupt.install()
let style = TerminalInfo.colorPolicy()
let prompt = style.isEnabled ? "\u{1B}[1;34m(backprop)\u{1B}[0m " : "(backprop) "

loop: while true {
    switch editor.readLine(prompt: prompt) {
    case .endOfInput:
        break loop
    case .interrupted:
        continue
    case let .line(line):
        Interrupt.reset()
        if line == "quit" { break loop }
        if line == "sleep" {
            var ticks = 0
            while !Interrupt.requested {
                usleep(100_000)
                ticks += 1
            }
            print("interrupted after \(ticks) ticks")
            continue
        }
        if line == "hang" {
            var left: UInt32 = 5
            while left > 0 { left = sleep(left) }
            print("hang done, requested=\(Interrupt.requested)")
            continue
        }
        print("echo: [\(line)] width=\(TerminalInfo.width())")
    }
}
editor.restore()
