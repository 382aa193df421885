/// The page's script, written by hand: no library, no build step, no network. It renders
/// nothing itself — every number and formula on the page was written by the Swift code — it only
/// moves between steps (buttons, keys, slider, play, the `#step=N` fragment), switches the
/// notation and the projector view, and offers the embedded trace as a download.
enum PageScript {
    static let js = #"""
// backprop's page: step through the pass embedded below.
(function () {
  "use strict";

  // The two documents the Swift code embedded. The trace is what `export FILE.json` writes; this
  // script reads only `steps` from it (every example's, for a batch) and ignores any other key.
  // The page data holds the debugger's text per notation, and how many steps one example's pass
  // takes (a batch's examples are stepped one after another).
  function readJSON(id) {
    var element = document.getElementById(id);
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }
  var trace = readJSON("trace");
  var page = readJSON("page-data");
  if (!trace || !page || !page.notations) return;

  var last = Array.isArray(trace.steps) ? trace.steps.length : 0;
  var body = document.body;
  var svg = document.getElementById("diagram");
  var slider = document.getElementById("slider");
  var position = document.getElementById("position");
  var title = document.getElementById("step-title");
  var text = document.getElementById("step-text");
  var status = document.getElementById("status");
  var previousButton = document.getElementById("prev");
  var nextButton = document.getElementById("next");
  var playButton = document.getElementById("play");
  var projectorButton = document.getElementById("projector");
  var links = document.querySelectorAll("#step-list a");

  // Elements that depend on the step: data-at="N" is a value computed at step N (hidden before
  // it, marked at it); data-use="N M" is a unit or line those steps use. In a batch,
  // data-example="E" is shown only at example E's steps, and data-marks="E" is marked there.
  function collect(attribute) {
    return Array.prototype.map.call(document.querySelectorAll("[" + attribute + "]"), function (element) {
      var steps = element.getAttribute(attribute).split(" ").filter(function (word) { return word !== ""; }).map(Number);
      return { element: element, steps: steps };
    });
  }
  var timed = collect("data-at");
  var used = collect("data-use");
  var shownIn = collect("data-example");
  var markedIn = collect("data-marks");
  var perExample = page.perExample > 0 ? page.perExample : Math.max(1, last);

  // The example step n belongs to: that of the last step taken (the first at the start).
  function exampleOf(n) {
    return n === 0 ? 0 : Math.floor((n - 1) / perExample);
  }

  var state = { step: 0, notation: page.notation === "3b1b" ? "3b1b" : "ng", projector: false, timer: null };

  function clamp(n) {
    n = Math.round(Number(n));
    return isFinite(n) ? Math.max(0, Math.min(last, n)) : 0;
  }

  function texts() {
    return page.notations[state.notation] || page.notations.ng || {};
  }

  // Shows step n (0 is the start): the diagram's state, the step's text, the controls.
  function show(n, announce) {
    n = clamp(n);
    state.step = n;
    timed.forEach(function (item) {
      var at = item.steps[0];
      item.element.classList.toggle("pending", at > n);
      item.element.classList.toggle("current", at === n);
    });
    used.forEach(function (item) {
      item.element.classList.toggle("used", item.steps.indexOf(n) >= 0);
    });
    var example = exampleOf(n);
    shownIn.forEach(function (item) { item.element.classList.toggle("elsewhere", item.steps[0] !== example); });
    markedIn.forEach(function (item) { item.element.classList.toggle("here", item.steps[0] === example); });
    if (svg) {
      svg.classList.toggle("active", n > 0);
      var taken = n > 0 ? trace.steps[n - 1] : null;
      svg.setAttribute("data-phase", taken && typeof taken.phase === "string" ? taken.phase : "start");
    }
    var t = texts();
    var heading = (t.titles || [])[n] || "";
    title.textContent = heading;
    fill(text, (t.texts || [])[n] || []);
    fitText();
    if (announce) status.textContent = heading + ". " + ((t.briefs || [])[n] || "");
    slider.value = String(n);
    slider.setAttribute("aria-valuetext", heading);
    position.textContent = n + " / " + last;
    previousButton.disabled = n === 0;
    nextButton.disabled = n === last;
    Array.prototype.forEach.call(links, function (link, i) {
      if (i === n) link.setAttribute("aria-current", "step"); else link.removeAttribute("aria-current");
    });
    writeFragment();
  }

  // Writes a step's text from its runs, [class, text] each: the terminal's emphasis (result,
  // dim, error …) as a class, the text as text (never as markup). Counts the longest line without
  // its dim notes into --columns, which the style sizes the text by.
  function fill(element, runs) {
    element.textContent = "";
    var longest = 0, line = 0;
    runs.forEach(function (run) {
      var span = document.createElement("span");
      if (run[0]) span.className = run[0];
      span.textContent = run[1];
      element.appendChild(span);
      String(run[1]).split("\n").forEach(function (part, i) {
        if (i > 0) line = 0;
        if (run[0] !== "dim") line += part.length;
        longest = Math.max(longest, line);
      });
    });
    element.style.setProperty("--columns", String(Math.max(longest, 24)));
  }

  // In the projector view the step's panel has a fixed height: a long step (Ng's bias-unit δ adds
  // three lines) gets smaller text rather than a scroll bar the room cannot use.
  function fitText() {
    text.style.fontSize = "";
    var panel = text.closest(".step-panel");
    if (!state.projector || !panel) return;
    var size = parseFloat(getComputedStyle(text).fontSize);
    while (size > 12 && panel.scrollHeight > panel.clientHeight + 1) {
      size -= 1;
      text.style.fontSize = size + "px";
    }
  }

  // The fragment names the step (#step=12), and the notation and projector view when chosen,
  // so a link opens there and a reload keeps the place. replace() adds no history entry per step.
  function writeFragment() {
    var fragment = "#step=" + state.step;
    if (state.notation !== page.notation) fragment += "&notation=" + state.notation;
    if (state.projector) fragment += "&projector";
    if (location.hash !== fragment) location.replace(fragment);
  }

  function readFragment() {
    var hash = location.hash.replace(/^#/, "");
    var found = {};
    hash.split("&").forEach(function (part) {
      var pair = part.split("=");
      found[decodeURIComponent(pair[0])] = pair.length > 1 ? decodeURIComponent(pair[1]) : "";
    });
    return found;
  }

  function setNotation(name) {
    state.notation = name === "3b1b" ? "3b1b" : "ng";
    body.classList.toggle("notation-ng", state.notation === "ng");
    body.classList.toggle("notation-3b1b", state.notation === "3b1b");
    Array.prototype.forEach.call(document.querySelectorAll("input[name=notation]"), function (radio) {
      radio.checked = radio.value === state.notation;
    });
    show(state.step, false);
  }

  function setProjector(on) {
    state.projector = on;
    body.classList.toggle("projector", on);
    projectorButton.setAttribute("aria-pressed", on ? "true" : "false");
    projectorButton.textContent = on ? "Leave the projector view (Esc)" : "Projector view (P)";
    fitText();
    writeFragment();
  }

  function step(delta) {
    stop();
    show(state.step + delta, true);
  }

  function play() {
    if (state.step >= last) show(0, true);
    playButton.setAttribute("aria-pressed", "true");
    playButton.textContent = "❚❚ Pause";
    state.timer = setInterval(function () {
      if (state.step >= last) { stop(); return; }
      show(state.step + 1, true);
    }, 2000);
  }

  function stop() {
    if (state.timer === null) return;
    clearInterval(state.timer);
    state.timer = null;
    playButton.setAttribute("aria-pressed", "false");
    playButton.textContent = "▶ Play";
  }

  previousButton.addEventListener("click", function () { step(-1); });
  nextButton.addEventListener("click", function () { step(1); });
  playButton.addEventListener("click", function () { if (state.timer === null) play(); else stop(); });
  slider.addEventListener("input", function () { stop(); show(slider.value, true); });
  projectorButton.addEventListener("click", function () { setProjector(!state.projector); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=notation]"), function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) setNotation(radio.value); });
  });

  // Keys work anywhere on the page, except where the focused control has its own use for them:
  // the slider moves with the arrows itself, and Space presses a focused button.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var onSlider = target === slider;
    var onControl = target && (target.tagName === "BUTTON" || target.tagName === "INPUT" || target.tagName === "A");
    switch (event.key) {
      case "ArrowRight": if (onSlider) return; step(1); break;
      case "ArrowLeft": if (onSlider) return; step(-1); break;
      case "Home": if (onSlider) return; step(-last); break;
      case "End": if (onSlider) return; step(last); break;
      case " ": if (onControl) return; if (state.timer === null) play(); else stop(); break;
      case "n": case "N": setNotation(state.notation === "ng" ? "3b1b" : "ng"); break;
      case "p": case "P": setProjector(!state.projector); break;
      case "Escape": if (!state.projector) return; setProjector(false); break;
      default: return;
    }
    event.preventDefault();
  });

  window.addEventListener("resize", fitText);

  // A link in the step list, or an edited address, moves to the step it names.
  window.addEventListener("hashchange", function () {
    var wanted = readFragment();
    if (wanted.step !== undefined && clamp(wanted.step) !== state.step) { stop(); show(wanted.step, true); }
  });

  // The embedded trace, offered as a file (made here, from the page's own bytes).
  var save = document.getElementById("save-trace");
  if (save) save.addEventListener("click", function () {
    var source = document.getElementById("trace").textContent;
    var url = URL.createObjectURL(new Blob([source], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = "trace.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // Start where the fragment says, else where the session's cursor was.
  var start = readFragment();
  state.step = clamp(start.step !== undefined && start.step !== "" ? start.step : page.opening);
  if (start.projector !== undefined) setProjector(true);
  setNotation(start.notation === "3b1b" || start.notation === "ng" ? start.notation : state.notation);
})();
"""#
}
