import Foundation
@testable import BackpropCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A headless Chromium driven through its DevTools protocol over `--remote-debugging-pipe`: the
/// browser reads commands on its file descriptor 3 and writes replies and events on 4, each
/// message one JSON object ended by a NUL byte. No package: `posix_spawn`, two pipes, and our own
/// JSON reader and writer.
///
/// One browser, one page (a target attached in flattened mode: every page command carries its
/// `sessionId`). Everything the page reports — exceptions, console messages, log entries, network
/// requests — is kept in `events` for the tests to look at. Each wait has a deadline, so a browser
/// that hangs fails the test instead of stopping the suite; the object kills the
/// process this object started and waits for it (`quit()`, also on deinit).
final class HeadlessBrowser {
    /// A failure talking to the browser, with what was going on.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The names tried on `PATH`, in order: Debian's headless shell, then the full browser.
    static let candidates = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]

    /// Whether a missing browser fails the browser tests instead of skipping them (CI sets it).
    static var isRequired: Bool { ProcessInfo.processInfo.environment["BACKPROP_REQUIRE_BROWSER"] == "1" }

    /// The first candidate found on `PATH` (or named by `BACKPROP_BROWSER`), or nil.
    static func find() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["BACKPROP_BROWSER"], !named.isEmpty {
            return access(named, X_OK) == 0 ? named : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders where access(folder + "/" + name, X_OK) == 0 { return folder + "/" + name }
        }
        return nil
    }

    private(set) var pid: pid_t = 0
    private var toBrowser: Int32 = -1
    private var fromBrowser: Int32 = -1
    private var received: [UInt8] = []
    private var nextID = 1
    private var session: String?
    private let profile: String
    /// Every event received so far, in order (method and params).
    private(set) var events: [(method: String, params: JSON)] = []
    /// How long one command may take.
    var timeout: Double = 30

    /// Starts `executable` headless with an empty profile and opens one blank page.
    init(executable: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-browser-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        var commands: [Int32] = [-1, -1], replies: [Int32] = [-1, -1]
        guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw Failure("pipe() failed: \(String(cString: strerror(errno)))") }
        // Our ends are not inherited; the browser's ends are moved above 10 first, so that moving
        // them onto 3 and 4 cannot overwrite one with the other.
        for fd in [commands[1], replies[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let childRead = fcntl(commands[0], F_DUPFD_CLOEXEC, 10), childWrite = fcntl(replies[1], F_DUPFD_CLOEXEC, 10)
        close(commands[0])
        close(replies[1])
        defer {
            close(childRead)
            close(childWrite)
        }
        var arguments = [
            executable, "--headless", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--mute-audio", "--hide-scrollbars",
            "--force-color-profile=srgb", "--font-render-hinting=none", "about:blank",
        ]
        // Chromium's sandbox refuses to run as root (CI containers run as root).
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childRead, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrite, 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            close(commands[1])
            close(replies[0])
            throw Failure("could not start \(executable): \(String(cString: strerror(spawned)))")
        }
        toBrowser = commands[1]
        fromBrowser = replies[0]
        do {
            let target = try command("Target.createTarget", ["url": .string("about:blank")], inPage: false)
            guard let id = target["targetId"]?.string else { throw Failure("Target.createTarget gave no targetId: \(target.text(.compact))") }
            let attached = try command("Target.attachToTarget", ["targetId": .string(id), "flatten": .bool(true)], inPage: false)
            guard let sessionID = attached["sessionId"]?.string else { throw Failure("Target.attachToTarget gave no sessionId") }
            session = sessionID
            for domain in ["Page", "Runtime", "Log", "Network"] { _ = try command("\(domain).enable") }
        } catch {
            quit()
            throw error
        }
    }

    deinit { quit() }

    /// Kills the browser this object started (by its process id) and removes its profile.
    func quit() {
        guard pid > 0 else { return }
        if toBrowser >= 0 { close(toBrowser) }
        if fromBrowser >= 0 { close(fromBrowser) }
        toBrowser = -1
        fromBrowser = -1
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
        try? FileManager.default.removeItem(atPath: profile)
    }

    // MARK: The protocol

    /// Sends one command and returns its `result`, keeping the events that arrive meanwhile.
    /// Page commands go to the attached page (`inPage`), others to the browser.
    @discardableResult
    func command(_ method: String, _ params: [String: JSON] = [:], inPage: Bool = true) throws -> JSON {
        let id = nextID
        nextID += 1
        var message: [(key: String, value: JSON)] = [
            (key: "id", value: .number(Double(id))), (key: "method", value: .string(method)),
            (key: "params", value: .object(params.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })),
        ]
        if inPage, let session { message.append((key: "sessionId", value: .string(session))) }
        try send(JSON.object(message).serialized(.compact) + [0])
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try readMessage(until: deadline, waitingFor: method)
            if reply["id"]?.double == Double(id) {
                if let error = reply["error"] { throw Failure("\(method): \(error.text(.compact))") }
                return reply["result"] ?? .object([])
            }
        }
    }

    /// Waits until an event named `method` arrives (or has arrived since `index`), and returns it.
    @discardableResult
    func waitForEvent(_ method: String, after index: Int = 0, seconds: Double = 30) throws -> JSON {
        let deadline = Date().addingTimeInterval(seconds)
        var checked = index
        while true {
            while checked < events.count {
                if events[checked].method == method { return events[checked].params }
                checked += 1
            }
            _ = try readMessage(until: deadline, waitingFor: method)
        }
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure("writing to the browser failed: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Reads the next whole message; an event is also appended to `events`.
    private func readMessage(until deadline: Date, waitingFor what: String) throws -> JSON {
        while true {
            if let end = received.firstIndex(of: 0) {
                let bytes = Array(received[..<end])
                received.removeSubrange(...end)
                let message: JSON
                do { message = try JSON.parse(bytes, limit: 256 << 20) } catch {
                    throw Failure("the browser sent a message that is not JSON: \(error)")
                }
                if let method = message["method"]?.string {
                    events.append((method: method, params: message["params"] ?? .null))
                }
                return message
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure("no answer from the browser within \(Int(timeout)) s, waiting for \(what)") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno != EINTR { throw Failure("poll() failed: \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(fromBrowser, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure("the browser closed its pipe, waiting for \(what)") }
            received += chunk[0..<n]
        }
    }

    // MARK: What the tests do

    /// The viewport's size, as last set.
    private(set) var viewport = (width: 800, height: 600)

    /// Sets the viewport (CSS pixels, one device pixel each) and whether the page is laid out for print.
    func setViewport(width: Int, height: Int, print: Bool = false) throws {
        viewport = (width, height)
        try command("Emulation.setDeviceMetricsOverride", [
            "width": .number(Double(width)), "height": .number(Double(height)),
            "deviceScaleFactor": .number(1), "mobile": .bool(false),
        ])
        try command("Emulation.setEmulatedMedia", ["media": .string(print ? "print" : "")])
    }

    /// Opens `url` and waits for its load event.
    func open(_ url: String) throws {
        let mark = events.count
        let result = try command("Page.navigate", ["url": .string(url)])
        if let error = result["errorText"]?.string { throw Failure("Page.navigate \(url): \(error)") }
        try waitForEvent("Page.loadEventFired", after: mark)
    }

    /// Reloads the page and waits for its load event.
    func reload() throws {
        let mark = events.count
        try command("Page.reload")
        try waitForEvent("Page.loadEventFired", after: mark)
    }

    /// The value of a script expression (returned by value), or a failure with the page's exception.
    @discardableResult
    func evaluate(_ expression: String) throws -> JSON {
        let reply = try command("Runtime.evaluate", ["expression": .string(expression), "returnByValue": .bool(true)])
        if let exception = reply["exceptionDetails"] { throw Failure("\(expression): \(exception.text(.compact))") }
        return reply["result"]?["value"] ?? .null
    }

    /// The page's visible text (`innerText` of the body).
    func text() throws -> String {
        try evaluate("document.body.innerText").string ?? ""
    }

    /// Presses and releases a key as a real key event (Input.dispatchKeyEvent), as a user does.
    func press(_ key: String) throws {
        let codes: [String: (code: String, keyCode: Int, text: String?)] = [
            "ArrowRight": ("ArrowRight", 39, nil), "ArrowLeft": ("ArrowLeft", 37, nil),
            "Home": ("Home", 36, nil), "End": ("End", 35, nil), "Escape": ("Escape", 27, nil),
            " ": ("Space", 32, " "), "Tab": ("Tab", 9, nil), "Enter": ("Enter", 13, "\r"),
            "n": ("KeyN", 78, "n"), "p": ("KeyP", 80, "p"),
        ]
        let c = codes[key] ?? (key, 0, key)
        var down: [String: JSON] = [
            "type": .string(c.text == nil ? "rawKeyDown" : "keyDown"), "key": .string(key), "code": .string(c.code),
            "windowsVirtualKeyCode": .number(Double(c.keyCode)), "nativeVirtualKeyCode": .number(Double(c.keyCode)),
        ]
        if let text = c.text { down["text"] = .string(text) }
        try command("Input.dispatchKeyEvent", down)
        try command("Input.dispatchKeyEvent", [
            "type": .string("keyUp"), "key": .string(key), "code": .string(c.code),
            "windowsVirtualKeyCode": .number(Double(c.keyCode)), "nativeVirtualKeyCode": .number(Double(c.keyCode)),
        ])
    }

    /// A PNG of the viewport, at `scale` of its size (a half has a quarter of the pixels to check).
    func screenshot(scale: Double = 1) throws -> [UInt8] {
        var params: [String: JSON] = ["format": .string("png")]
        if scale != 1 {
            params["clip"] = .object([
                (key: "x", value: .number(0)), (key: "y", value: .number(0)),
                (key: "width", value: .number(Double(viewport.width))), (key: "height", value: .number(Double(viewport.height))),
                (key: "scale", value: .number(scale)),
            ])
        }
        let result = try command("Page.captureScreenshot", params)
        guard let encoded = result["data"]?.string, let data = Data(base64Encoded: encoded) else {
            throw Failure("Page.captureScreenshot returned no image")
        }
        return [UInt8](data)
    }

    /// Errors the page reported: uncaught exceptions, console.error and console.warn, and log
    /// entries of level error or warning (a blocked resource, a bad attribute).
    var pageErrors: [String] {
        events.compactMap { event in
            switch event.method {
            case "Runtime.exceptionThrown":
                return "exception: " + (event.params["exceptionDetails"]?.text(.compact) ?? "")
            case "Runtime.consoleAPICalled":
                let type = event.params["type"]?.string ?? ""
                guard type == "error" || type == "warning" || type == "assert" else { return nil }
                return "console.\(type): " + (event.params["args"]?.text(.compact) ?? "")
            case "Log.entryAdded":
                let level = event.params["entry"]?["level"]?.string ?? ""
                guard level == "error" || level == "warning" else { return nil }
                return "log \(level): " + (event.params["entry"]?["text"]?.string ?? "") + " " + (event.params["entry"]?["url"]?.string ?? "")
            default:
                return nil
            }
        }
    }

    /// The URL of every request the page made.
    var requestedURLs: [String] {
        events.filter { $0.method == "Network.requestWillBeSent" }.compactMap { $0.params["request"]?["url"]?.string }
    }
}
