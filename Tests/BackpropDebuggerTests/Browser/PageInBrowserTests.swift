import Foundation
import Testing
@testable import BackpropCore
@testable import BackpropDebugger
import TestSupport

/// `export FILE.html` in a real headless Chromium, driven through the DevTools protocol
/// (`HeadlessBrowser`): the page opens from disk at the step its fragment names, real key events
/// step it, nothing is requested from outside, no script error is reported, and its screenshots —
/// on a projector-sized screen, in the projector view, and laid out for print — are not blank.
///
/// Runs when `chromium-headless-shell` or `chromium` is on PATH (`.ci/run` installs the first);
/// otherwise each test is skipped with a line saying so — unless `BACKPROP_REQUIRE_BROWSER=1`
/// (set by `.ci/run`), when a missing browser fails them. With `BACKPROP_SCREENSHOTS=DIR` the
/// screenshots are also written to DIR, to be looked at.
@Suite(.serialized, .enabled(if: HeadlessBrowser.find() != nil || HeadlessBrowser.isRequired,
                             "no chromium-headless-shell or chromium on PATH: the page's browser tests are skipped (apt-get install chromium-headless-shell)"))
struct PageInBrowserTests {
    /// Exports `commands`' session to a page in a fresh folder and hands its file URL to `body`
    /// with a started browser; the folder and the browser are gone afterwards.
    func withPage(_ commands: [String], _ body: (HeadlessBrowser, String) throws -> Void) throws {
        let executable = try #require(HeadlessBrowser.find(), "no browser found, and BACKPROP_REQUIRE_BROWSER is set")
        try inTemporaryDirectory { folder throws in
            let s = Session()
            for c in commands { #expect(s.execute(c).error == nil, "\(c)") }
            let path = folder + "/page.html"
            let reply = s.execute("export \(path)")
            try #require(reply.error == nil, "\(reply.error ?? "")")
            let browser = try HeadlessBrowser(executable: executable)
            defer { browser.quit() }
            try body(browser, URL(fileURLWithPath: path).absoluteString)
        }
    }

    /// Where `BACKPROP_SCREENSHOTS` asks screenshots to be kept, if anywhere.
    static let screenshotFolder = ProcessInfo.processInfo.environment["BACKPROP_SCREENSHOTS"].flatMap { $0.isEmpty ? nil : $0 }

    /// A screenshot, checked not blank: some ink, several colours. Checked at half size (a debug
    /// build decodes a quarter of the pixels in a quarter of the time); kept at full size when asked.
    @discardableResult
    func screenshot(_ browser: HeadlessBrowser, _ name: String) throws -> PNGImage {
        if let folder = Self.screenshotFolder {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: folder + "/" + name + ".png", contents: Data(try browser.screenshot()))
        }
        let image = try PNGImage(try browser.screenshot(scale: 0.5))
        #expect(image.width == browser.viewport.width / 2, "\(name): a half-size screenshot")
        #expect(image.fractionDarker(than: 128) > 0.01, "\(name): almost no ink")
        #expect(image.colourCount > 20, "\(name): \(image.colourCount) colours")
        return image
    }

    func step(_ browser: HeadlessBrowser) throws -> Int {
        Int(try browser.evaluate("Number(document.getElementById('slider').value)").double ?? -1)
    }

    @Test func theSmallPageOpensAtItsFragmentAndStepsWithRealKeys() throws {
        try withPage([]) { browser, url in
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url + "#step=3")
            // Step 3 is z(3)1 in Ng's notation: 0.6·1 + 0.4·0.59327 + 0.45·0.596884 = 1.10591 (NumPy: SmallNetworkTests).
            var text = try browser.text()
            #expect(text.contains("[3/16] forward · layer 3, neuron 1"))
            #expect(text.contains("z(3)1 = Θ(2)1,0·1 + Θ(2)1,1·a(2)1 + Θ(2)1,2·a(2)2"))
            #expect(text.contains("= 1.10591"))
            #expect(!text.contains("0.568349"), "step 4's value is not shown yet")
            try browser.press("ArrowRight")
            text = try browser.text()
            #expect(text.contains("[4/16] forward · layer 3, neuron 2"))
            #expect(text.contains("= 0.568349"))
            #expect(try browser.evaluate("location.hash").string == "#step=4")
            // The diagram follows: a(3)2 is known now, a(4)1 not yet.
            #expect(try browser.evaluate("document.querySelector('#u-2-1 .unit-c').classList.contains('current')").bool == true)
            #expect(try browser.evaluate("document.querySelector('#u-3-0 .unit-c').classList.contains('pending')").bool == true)
            // A reload keeps the step; ← goes back; End and Home go to the ends.
            try browser.reload()
            #expect(try step(browser) == 4)
            try browser.press("ArrowLeft")
            #expect(try step(browser) == 3)
            try browser.press("End")
            #expect(try step(browser) == 16)
            #expect(try browser.text().contains("[16/16] gradients · into layer 2, neuron 2"))
            try browser.press("Home")
            #expect(try step(browser) == 0)
            #expect(try browser.text().contains("only the input is known: x = (0.05, 0.1), y = (1)"))
            // At the start nothing is computed, so nothing is marked as used (an input unit once was).
            #expect(try browser.evaluate("document.querySelectorAll('#diagram .used, #diagram .current').length").double == 0)
            // A link in the step list (a new fragment) moves there. A gradient step labels the lines
            // into its unit with ∂C/∂Θ, and no other line.
            try browser.evaluate("document.querySelector('#step-list a[href=\"#step=13\"]').click()")
            #expect(try step(browser) == 13)
            #expect(try browser.evaluate("[...document.querySelectorAll('.grad')].filter(e => getComputedStyle(e).visibility == 'visible').map(e => e.textContent.split('∂')[0]).join(' ')").string
                    == "−0.03506 −0.03527 −0.0591")
            #expect(try browser.evaluate("[...document.querySelectorAll('.edge-label')].filter(e => getComputedStyle(e).display != 'none').length").double == 0)
            #expect(browser.pageErrors == [])
            #expect(browser.requestedURLs.allSatisfy { $0.hasPrefix(url) }, "requests: \(browser.requestedURLs)")
        }
    }

    @Test func theNotationSwitchesWithTheKeyAndTheFragmentKeepsIt() throws {
        try withPage(["step 3"]) { browser, url in
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url)
            #expect(try step(browser) == 3, "opens where the session's cursor was")
            try browser.press("n")
            let text = try browser.text()
            #expect(text.contains("z(2)0 = b(2)0 + w(2)0,0·a(1)0 + w(2)0,1·a(1)1"))
            #expect(text.contains("a(2)0"), "the diagram's names changed too")
            #expect(!text.contains("Θ(2)1,0"))
            #expect(try browser.evaluate("location.hash").string == "#step=3&notation=3b1b")
            try browser.reload()
            #expect(try browser.text().contains("z(2)0 = b(2)0"))
            // The embedded trace offered as a file: the button makes it without an error.
            try browser.evaluate("document.getElementById('save-trace').click()")
            #expect(browser.pageErrors == [])
        }
    }

    @Test func everyControlWorksFromTheKeyboardAlone() throws {
        try withPage([]) { browser, url in
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url + "#step=5")
            // Tab reaches the Next button (it has a visible focus ring); Enter presses it.
            var reached = false
            for _ in 0..<12 {
                try browser.press("Tab")
                if try browser.evaluate("document.activeElement && document.activeElement.id").string == "next" { reached = true; break }
            }
            #expect(reached, "Tab never reached the Next button")
            try browser.press("Enter")
            #expect(try step(browser) == 6)
            // Space on a focused button presses the button, not play.
            #expect(try browser.evaluate("document.getElementById('play').getAttribute('aria-pressed')").string == "false")
            // Play with Space from the page, two seconds a step; pause again.
            try browser.evaluate("document.activeElement.blur()")
            try browser.press(" ")
            #expect(try browser.evaluate("document.getElementById('play').getAttribute('aria-pressed')").string == "true")
            let deadline = Date().addingTimeInterval(8)
            while try step(browser) == 6 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            try browser.press(" ")
            #expect(try step(browser) == 7)
            #expect(try browser.evaluate("document.getElementById('play').getAttribute('aria-pressed')").string == "false")
            // The live region says what the step computed.
            #expect(try browser.evaluate("document.getElementById('status').textContent").string?.contains("[7/16] backward · δ of layer 4, neuron 1") == true)
            #expect(browser.pageErrors == [])
        }
    }

    @Test func theMNISTPageShowsItsDigitLabelAndGuess() throws {
        try withPage(["load mnist"]) { browser, url in
            try browser.setViewport(width: 1920, height: 1080)
            try browser.open(url + "#step=1")
            let text = try browser.text()
            #expect(text.contains("label 7"))
            #expect(text.contains("guess 7 (a(3)7 = 0.999 is the largest output) — right"))
            #expect(text.contains("z(1)0 = b(1)0 + Σₖ w(1)0,k·a(0)k   (784 terms, 116 with a ≠ 0)"))
            // The digit is drawn: 116 squares of ink.
            #expect(try browser.evaluate("document.querySelectorAll('#input-image rect:not(.frame)').length").double == 116)
            // The bold lines into a(1)0, the unit step 1 computes, are shown; those into a(1)1 are not.
            #expect(try browser.evaluate("getComputedStyle(document.querySelectorAll('.strong')[0]).display").string != "none")
            #expect(try browser.evaluate("getComputedStyle(document.querySelectorAll('.strong')[1]).display").string == "none")
            try screenshot(browser, "mnist-1920x1080-step1")
            try browser.press("End")
            try screenshot(browser, "mnist-1920x1080-end")
            #expect(browser.pageErrors == [])
            #expect(browser.requestedURLs.allSatisfy { $0.hasPrefix(url) }, "requests: \(browser.requestedURLs)")
        }
    }

    /// For every shown label of a line (weight or ∂C/∂w), how far its text's ink stays from its own
    /// line's stroke (negative: the line runs through the text), the smallest; and whether every
    /// such label has a halo in the page's background colour.
    static let labelClearance = """
        (() => {
          const page = getComputedStyle(document.documentElement).backgroundColor;
          let least = Infinity, halo = true, count = 0, worst = '';
          const lines = [...document.querySelectorAll('#diagram line.edge')];
          const labels = [...document.querySelectorAll('#diagram .edge-label text, #diagram .grad')];
          labels.forEach((t, i) => {
            if (t.getClientRects().length == 0 || getComputedStyle(t).visibility != 'visible') return;
            const style = getComputedStyle(t);
            halo = halo && style.paintOrder.startsWith('stroke') && style.stroke == page && parseFloat(style.strokeWidth) >= 5;
            const own = t.classList.contains('grad') ? lines[labels.indexOf(t) - lines.length] : lines[i];
            // The ink of a number: digits stand 0.73 em on the baseline (the box getBBox gives
            // also holds the font's descent, where digits put no ink).
            const box = t.getBBox(), size = parseFloat(style.fontSize), base = parseFloat(t.getAttribute('y'));
            const b = { x: box.x, width: box.width, y: base - 0.73 * size, height: 0.73 * size };
            const w = parseFloat(own.getAttribute('stroke-width')) / 2;
            const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map(a => parseFloat(own.getAttribute(a)));
            let d = Infinity;
            for (let s = 0; s <= 200; s++) {
              const x = x1 + (x2 - x1) * s / 200, y = y1 + (y2 - y1) * s / 200;
              const dx = Math.max(b.x - x, 0, x - b.x - b.width), dy = Math.max(b.y - y, 0, y - b.y - b.height);
              d = Math.min(d, Math.hypot(dx, dy) - w);
            }
            if (d < least) { least = d; worst = t.textContent.split('∂')[0]; }
            count++;
          });
          return [count, least, halo, worst].join(' ');
        })()
        """

    /// Moves the open page to step `n` as an edited address does, and into or out of the projector
    /// view as P does; waits for the page to get there.
    func go(_ browser: HeadlessBrowser, to n: Int, projector: Bool) throws {
        try browser.evaluate("location.hash = '#step=\(n)'")
        let deadline = Date().addingTimeInterval(5)
        while try step(browser) != n && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try step(browser) == n)
        if try browser.evaluate("document.body.classList.contains('projector')").bool != projector { try browser.press("p") }
    }

    @Test func noLabelSitsOnItsOwnLineAndEveryOneHasAHalo() throws {
        try withPage(["batch add 0.3 0.9 -> 0"]) { browser, url in
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url + "#step=1")
            // Step 20: a(3)2 of example 2 — the heavy dashed −0.55 line is used (once read "=0.55");
            // step 13: the ∂C/∂Θ labels on the lines into a(4)1; in the desk and projector views.
            for (n, projector, labels) in [(20, false, 15), (13, false, 3), (20, true, 3), (13, true, 3)] {
                try go(browser, to: n, projector: projector)
                let fragment = "step \(n)" + (projector ? " projector" : "")
                let parts = (try browser.evaluate(Self.labelClearance).string ?? "").split(separator: " ")
                #expect(parts.count == 4 && Int(parts[0]) == labels, "\(fragment): labels shown, clearance, halo: \(parts)")
                #expect(parts.count == 4 && (Double(parts[1]) ?? -1) >= 1, "\(fragment): a label touches its own line: \(parts)")
                #expect(parts.count == 4 && parts[2] == "true", "\(fragment): a label without a halo in the page's colour")
                try screenshot(browser, "labels-1280x720-" + fragment.replacingOccurrences(of: " ", with: "-"))
            }
            #expect(browser.pageErrors == [])
        }
    }

    @Test func theMNISTLabelMarkNeverOverlapsTheValuesBesideItsUnit() throws {
        try withPage(["load mnist", "digit 2"]) { browser, url in
            // At the desk a and δ are beside the output units; in the projector view a going
            // forward and δ (larger) going back. The mark "← label, guess" on unit 2 clears both.
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url + "#step=1")
            for (n, projector) in [(5, false), (120, false), (5, true), (120, true), (60, true)] {
                try go(browser, to: n, projector: projector)
                let fragment = "step \(n)" + (projector ? " projector" : "")
                let gap = try browser.evaluate("""
                    (() => {
                      const unit = document.getElementById('u-3-2'), mark = unit.querySelector('text.mark').getBoundingClientRect();
                      const texts = [...unit.querySelectorAll('text.value, text.delta')].filter(t => t.getClientRects().length > 0);
                      return Math.min(...texts.map(t => mark.left - t.getBoundingClientRect().right));
                    })()
                    """).double ?? -1
                #expect(gap >= 2, "\(fragment): the mark is \(gap) px right of the values")
                // Near them too (it was 110 units right of the unit): in the projector view the mark
                // keeps its place when a (shorter) replaces δ going forward.
                #expect(gap <= 60, "\(fragment): the mark is \(gap) px away from its values")
            }
            // The bold lines into a(1)0 at step 1 start at their pixels, inside the image.
            try go(browser, to: 1, projector: false)
            #expect(try browser.evaluate("""
                (() => { const f = document.querySelector('#input-image .frame').getBBox();
                  return [...document.querySelectorAll('.strong.used line')].every(l => {
                    const x = parseFloat(l.getAttribute('x1')); return x > f.x && x < f.x + f.width; }); })()
                """).bool == true)
            #expect(try browser.evaluate("document.elementFromPoint(...(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector('.strong.used .pixel-ring').getBoundingClientRect())).closest('.strong') != null").bool == true,
                    "a ring on its pixel is on top of the image")
            try screenshot(browser, "mnist-1280x720-step1-lines")
            #expect(browser.pageErrors == [])
        }
    }

    @Test func aBatchPageStepsAcrossAnExampleBoundary() throws {
        // `small`'s example and two more: 3 passes of 16 steps (BatchCommandTests.session).
        try withPage(["batch add 0.9 -0.3 -> 0", "batch add 0.2 0.7 -> 1"]) { browser, url in
            try browser.setViewport(width: 1280, height: 720)
            try browser.open(url + "#step=16")
            func visible(_ selector: String) throws -> Bool {
                try browser.evaluate("(e => !!e && e.getClientRects().length > 0)(document.querySelector('\(selector)'))").bool == true
            }
            var text = try browser.text()
            #expect(text.contains("[16/48] example 1 of 3 · gradients · into layer 2, neuron 2"))
            #expect(text.contains("example 1 of 3 is done: every z, a, δ and gradient of its pass is known"))
            #expect(text.contains("example 1 of 3: x = (0.05, 0.1), y = (1)") && !text.contains("example 2 of 3: x"))
            // Input unit a(1)1 (engine layer 0) of each example: only example 1's is shown.
            #expect(try visible("#u-0-0") && !visible("#u-0-0-x2"), "the diagram shows example 1's values")
            #expect(try browser.evaluate("document.querySelector('#u-0-0 .val').textContent").string == "0.05")
            // C₁ is known, C₂ not yet; the batch's C is not shown before every pass is done.
            #expect(try browser.evaluate("document.querySelector('[data-marks=\"0\"].strip-item').classList.contains('here')").bool == true)
            #expect(try browser.evaluate("document.querySelector('.strip-total .v').classList.contains('pending')").bool == true)
            try screenshot(browser, "batch-1280x720-step16")
            // → crosses into example 2: its header, its input (0.9, −0.3) in the diagram, its line.
            try browser.press("ArrowRight")
            text = try browser.text()
            #expect(try step(browser) == 17 && browser.evaluate("location.hash").string == "#step=17")
            #expect(text.contains("[17/48] example 2 of 3 · forward · layer 2, neuron 1"))
            // z(2)1 of example 2 = 0.35 + 0.15·0.9 + 0.2·(−0.3) = 0.425 (by hand).
            #expect(text.contains("= 0.425"))
            #expect(text.contains("example 2 of 3: x = (0.9, −0.3), y = (0)") && !text.contains("example 1 of 3: x"))
            #expect(try !visible("#u-0-0") && visible("#u-0-0-x2"))
            #expect(try browser.evaluate("document.querySelector('#u-0-0-x2 .val').textContent").string == "0.9")
            #expect(try browser.evaluate("document.querySelector('#u-1-0-x2 .unit-c').classList.contains('current')").bool == true)
            #expect(try browser.evaluate("document.querySelector('[data-marks=\"1\"].strip-item').classList.contains('here')").bool == true)
            // ← goes back into example 1; End reaches the batch's C = 0.6652 (NumPy 0.66520169…).
            try browser.press("ArrowLeft")
            #expect(try step(browser) == 16 && visible("#u-0-0"))
            try browser.press("End")
            #expect(try step(browser) == 48)
            text = try browser.text()
            #expect(text.contains("the batch is complete: C = 0.665202, the mean over 3 examples' Cₓ"))
            #expect(try browser.evaluate("(e => e.classList.contains('pending') ? '' : e.textContent)(document.querySelector('.strip-total .v'))").string == "0.6652")
            #expect(try browser.evaluate("document.querySelectorAll('#batch td.pending').length").double == 0)
            try screenshot(browser, "batch-1280x720-end")
            try browser.press("p")
            try screenshot(browser, "batch-1280x720-projector-end")
            #expect(try visible("#batch-strip") && !visible("#batch"), "the projector keeps the strip, not the table")
            #expect(browser.pageErrors == [])
            #expect(browser.requestedURLs.allSatisfy { $0.hasPrefix(url) }, "requests: \(browser.requestedURLs)")
        }
    }

    @Test func projectorViewAndPrintAreLaidOutAgainNotJustZoomed() throws {
        try withPage(["step 7", "gradcheck"]) { browser, url in
            try browser.setViewport(width: 1920, height: 1080)
            try browser.open(url)
            let desk = try screenshot(browser, "small-1920x1080-desk")
            #expect(desk.fractionColoured() > 0.002, "blue and orange weights")
            try browser.press("p")
            #expect(try browser.evaluate("document.body.classList.contains('projector')").bool == true)
            #expect(try browser.evaluate("location.hash").string == "#step=7&projector")
            // Nothing but the diagram and the step: no scrolling, the step list and reports hidden,
            // the diagram most of the screen's height, the formula text large.
            let fits = try browser.evaluate("document.documentElement.scrollHeight <= innerHeight + 1").bool
            let sizes = try browser.evaluate("[document.documentElement.scrollHeight, innerHeight, document.querySelector('.step-panel').getBoundingClientRect().bottom, document.querySelector('main').getBoundingClientRect().bottom, document.body.getBoundingClientRect().bottom].join(' ')").string ?? ""
            #expect(fits == true, "scroll height, window height, bottoms of the step panel, main and body: \(sizes)")
            #expect(try browser.evaluate("getComputedStyle(document.getElementById('gradcheck')).display").string == "none")
            #expect(try browser.evaluate("document.getElementById('diagram').getBoundingClientRect().height / innerHeight").double ?? 0 > 0.5)
            #expect(try browser.evaluate("parseFloat(getComputedStyle(document.getElementById('step-text')).fontSize)").double ?? 0 >= 24)
            try screenshot(browser, "small-1920x1080-projector")
            // Step 9 in Ng's notation adds the bias unit's δ: three more lines, made smaller to fit.
            try browser.press("ArrowRight")
            try browser.press("ArrowRight")
            #expect(try browser.text().contains("δ(3)0 = Θ(3)1,0·δ(4)1"))
            #expect(try browser.evaluate("(p => p.scrollHeight <= p.clientHeight + 1)(document.querySelector('.step-panel'))").bool == true)
            try screenshot(browser, "small-1920x1080-projector-step9")
            try browser.setViewport(width: 1280, height: 720)
            try screenshot(browser, "small-1280x720-projector")
            try browser.press("Escape")
            #expect(try browser.evaluate("document.body.classList.contains('projector')").bool == false)
            // Paper: no buttons, negative weights still dashed, ink on white.
            try browser.setViewport(width: 1000, height: 1400, print: true)
            #expect(try browser.evaluate("getComputedStyle(document.querySelector('.controls')).display").string == "none")
            #expect(try browser.evaluate("getComputedStyle(document.querySelector('line.edge.neg')).strokeDasharray").string != "none")
            let paper = try screenshot(browser, "small-print")
            #expect(paper.fractionDarker(than: 100) > 0.005, "text and lines in ink")
            #expect(browser.pageErrors == [])
        }
    }
}
