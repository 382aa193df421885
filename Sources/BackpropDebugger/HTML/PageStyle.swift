/// The page's style sheet, written by hand. Three layouts: the desk (the diagram beside the step,
/// everything else below), the projector (`body.projector`: the diagram and the step text large,
/// nothing else) and paper (`@media print`: black on white, signs drawn as solid and dashed lines,
/// no buttons). The notation shown is a class on `body`.
enum PageStyle {
    static let css = #"""
/* Colours in one place. Blue and orange stay apart for the common colour blindnesses, and every
   colour also has a shape: negative weights are dashed. */
:root {
  --ink: #111827; --muted: #4b5563; --paper: #ffffff; --panel: #f3f4f6; --line: #d1d5db;
  --pos: #1d4ed8; --neg: #c2410c; --accent: #b45309; --focus: #2563eb;
  --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --sans: system-ui, "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); font: 17px/1.45 var(--sans); }
body { margin: 0 auto; padding: 12px 20px 28px; max-width: 1800px; }
h1 { font-size: 1.45rem; margin: 0 0 2px; }
h2 { font-size: 1.15rem; margin: 22px 0 8px; }
.subtitle { margin: 0; color: var(--muted); }
pre { font: 0.95rem/1.4 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
button, input, select { font: inherit; }
button {
  border: 1px solid #9ca3af; background: #fff; color: var(--ink); border-radius: 6px;
  padding: 5px 12px; cursor: pointer; min-height: 38px;
}
button:hover { background: #eef2ff; }
button[aria-pressed="true"] { background: var(--ink); color: #fff; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}

/* Only the chosen notation's names are shown. */
body.notation-ng .n-3b1b, body.notation-3b1b .n-ng { display: none; }

header { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 8px 24px; }
.tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.tools fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px 4px; margin: 0; }
.tools legend { font-size: 0.8rem; color: var(--muted); padding: 0 4px; }
.tools label { margin-right: 10px; white-space: nowrap; }

/* The stage: the diagram beside the step it is at. */
.stage { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 18px; margin-top: 12px; align-items: start; }
/* A wide network's formulas are long and its diagram is wide: the step goes under the diagram. */
body.wide .stage { grid-template-columns: minmax(0, 1fr); }
body.wide #diagram { max-height: 62vh; }
figure { margin: 0; }
#diagram { width: 100%; height: auto; max-height: 78vh; display: block; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 4px; }
/* The diagram's key: each mark drawn as in the diagram. */
.legend { display: flex; flex-wrap: wrap; gap: 2px 18px; }
.key { white-space: nowrap; }
.key-unit { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%; border: 1.5px solid #374151; vertical-align: -0.1em; margin-right: 1px; }
.key-unit.pending { background: #fff; border: 1.5px dashed #9ca3af; }
.key-unit.ring { background: #fff; border: 3px solid var(--accent); }
.key-line { display: inline-block; width: 2em; height: 0; vertical-align: 0.3em; border-top: 3px solid var(--pos); }
.key-line.neg { border-top: 3px dashed var(--neg); }
.step-panel { background: var(--panel); border-radius: 10px; padding: 12px 16px 16px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls input[type=range] { flex: 1 1 160px; min-width: 120px; accent-color: var(--ink); }
#position { font-variant-numeric: tabular-nums; min-width: 5.5em; text-align: right; }
#step-title { font-size: 1.05rem; margin: 14px 0 8px; color: var(--muted); font-weight: 600; }
/* The step's text is sized so its longest formula line fits the panel (the script counts it into
   --columns; a monospace character is about 0.6em wide); notes after it may wrap. */
.step-body { container-type: inline-size; }
#step-text { font-size: clamp(13px, calc(100cqi / (var(--columns, 60) * 0.61)), 19px); }
/* The terminal's emphasis: results bold, notes dim, a bug's note red. */
pre .result { font-weight: 700; color: #0f5f75; }
pre .dim { color: var(--muted); }
pre .bold { font-weight: 700; }
pre .error { font-weight: 700; color: #b91c1c; }
pre .warning { color: var(--accent); }
pre .success { font-weight: 700; color: #15803d; }
pre .pos { color: var(--pos); }
pre .neg { color: var(--neg); }
.keys { font-size: 0.85rem; color: var(--muted); margin: 12px 0 0; }
kbd { font: 0.8rem var(--mono); border: 1px solid #9ca3af; border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: #fff; }

/* The list of steps; the current one marked. */
#step-list { columns: 2 26em; font: 0.85rem/1.5 var(--mono); margin: 0; padding-left: 3.2em; }
#step-list a { color: var(--ink); text-decoration: none; }
#step-list a:hover { text-decoration: underline; }
#step-list a[aria-current="step"] { background: #fde68a; outline: 1px solid var(--accent); }
details > summary { cursor: pointer; font-weight: 600; margin: 22px 0 8px; }
section.extra pre { background: var(--panel); border-radius: 8px; padding: 10px 12px; overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 12px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.projector-only { display: none; }

/* A batch: only the current example's values and line are shown (the script moves "elsewhere");
   under the step, each example's cost with the current one marked, and the batch's C at the end.
   A value not computed yet keeps its place, empty, as in the diagram. */
.elsewhere { display: none !important; }
.example-line strong { color: var(--ink); }
.batch-strip { font: 0.95rem/1.6 var(--mono); margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 2px 16px; }
.batch-strip .strip-title { font-family: var(--sans); color: var(--muted); }
.strip-item, .strip-total { white-space: nowrap; padding: 0 3px; border-radius: 3px; }
.strip-item.here { font-weight: 700; background: #fde68a; outline: 1px solid var(--accent); }
.strip-total { font-weight: 700; }
.batch-strip .v { display: inline-block; min-width: 4.2em; }
.batch-strip .v.pending { color: transparent; border-bottom: 1px dotted var(--muted); }
.batch-strip .v.current, .batch-table td.current { color: var(--accent); }
.batch-table .pending { visibility: hidden; }
.batch-table th.here { background: #fde68a; }
.batch-table td.total { font-weight: 700; }
.batch-table .num { font-family: var(--mono); font-size: 0.9rem; }
.table-scroll { overflow-x: auto; }
.bug { color: var(--neg); margin: 2px 0 0; }
footer { margin-top: 28px; font-size: 0.85rem; color: var(--muted); }

/* The diagram. Presentation attributes (fill, stroke-width) hold the engine's values; classes
   say when a value is known. */
svg text { font-family: var(--sans); text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; fill: var(--ink); }
svg .val { font-size: 19px; font-weight: 600; stroke: none; }
svg .val.on-dark { fill: #fff; }
svg .name { font-size: 18px; font-weight: 600; }
svg .bias-b { font-weight: 400; fill: var(--muted); }
svg .small { font-size: 16px; }
svg .tiny { font-size: 10px; }
svg .value { font-size: 12px; text-anchor: start; }
svg .tiny.delta { text-anchor: start; fill: var(--muted); }
svg .digit { font-size: 15px; font-weight: 700; text-anchor: end; }
svg .mark { font-size: 13px; font-weight: 700; text-anchor: start; fill: var(--accent); }
svg .caption { font-size: 16px; fill: var(--muted); }
svg .cost-value { font-size: 22px; font-weight: 700; }
svg .target { text-anchor: start; fill: var(--muted); }
svg .start { text-anchor: start; }
svg .unit-c { stroke: #374151; stroke-width: 2; }
svg .bias .unit-c { fill: #fff; stroke-dasharray: 3 3; }
svg .frame { fill: #fff; stroke: #9ca3af; }
svg .edge { stroke-linecap: round; }
svg .edge.pos { stroke: var(--pos); }
svg .edge.neg { stroke: var(--neg); stroke-dasharray: 9 6; }
svg .edge.zero { stroke: #9ca3af; stroke-dasharray: 2 6; }
svg .faint.neg { stroke-dasharray: 4 3; }
svg .edge-label text { font-size: 15px; }
/* A label beside a line wears a halo in the page's own colour (paper white in print too): a line
   crossing it is cut where the text is, so a dash never reads as part of a number or its sign. */
svg .halo { paint-order: stroke; stroke: var(--paper); stroke-width: 7px; stroke-linejoin: round; }
svg .edge-label .w { fill: var(--muted); }
svg .grad { font-weight: 700; fill: var(--accent); }
svg .pixel-ring { fill: none; stroke-width: 2; }
svg .pixel-ring.pos { stroke: var(--pos); }
svg .pixel-ring.neg { stroke: var(--neg); stroke-dasharray: 3 2; }

/* The training record's cost plot. */
.cost-plot { width: 100%; max-width: 900px; height: auto; display: block; }
svg .cost-line { fill: none; stroke: var(--pos); stroke-width: 2.5; stroke-linejoin: round; }
svg .axis { stroke: #6b7280; stroke-width: 1.5; }
svg .epoch { stroke: #9ca3af; stroke-dasharray: 4 4; }
svg .tick { font-size: 14px; text-anchor: end; }
svg .axis-label { font-size: 14px; fill: var(--muted); }

/* A value not computed yet at this step is not shown (as in the debugger); its unit is drawn
   empty with a dashed rim. */
svg .pending { visibility: hidden; }
svg .unit-c.pending { visibility: visible; fill: #fff; stroke: #9ca3af; stroke-dasharray: 5 4; }
/* ∂C/∂w on an edge only at its gradient step, in place of the weights' labels (the script sets
   data-phase from the trace's step). */
svg .grad { visibility: hidden; }
svg .grad.current { visibility: visible; }
svg[data-phase="gradients"] .edge-label { display: none; }
/* While a step is shown, what it uses stands out and the rest steps back. */
svg.active .edge:not(.used) { opacity: 0.28; }
/* (Unused labels are paler by their fill, not by opacity, which would thin their halo too.) */
svg.active .edge-label:not(.used) text { fill: #9ca3af; }
svg.active .strong .edge, svg.active .faint.used { opacity: 1; }
svg .faint.used { stroke-opacity: 0.9; }
svg .edge.used { filter: drop-shadow(0 0 2px rgba(0, 0, 0, 0.35)); }
svg .edge-label.used text { font-weight: 700; fill: var(--ink); }
svg .strong { display: none; }
svg .strong.used { display: inline; }
svg .unit.used .unit-c { stroke: var(--accent); stroke-width: 6; }
svg .current.val, svg .current.value, svg .current.delta, svg .current.cost-value { fill: var(--accent); }
svg .val.current.on-dark { fill: #fde68a; }

/* Projector: one screen, nothing to scroll — a title line, the diagram as large as the screen
   allows, and under it the step with its text sized to the screen's width. Only the weights the
   step uses keep their labels, and the diagram's text is larger. */
body.projector { max-width: none; height: 100vh; padding: 0.8vh 1.2vw; display: flex; flex-direction: column; overflow: hidden; }
body.projector .desk-only { display: none !important; }
body.projector .projector-only { display: block; }
body.projector header { flex: none; align-items: center; }
body.projector header h1 { font-size: max(16px, 2.2vh); }
body.projector header .subtitle, body.projector .tools fieldset, body.projector figcaption { display: none; }
body.projector .tools button { min-height: 0; padding: 2px 10px; font-size: max(13px, 1.5vh); }
body.projector main { flex: 1; min-height: 0; display: flex; flex-direction: column; }
body.projector .stage { flex: 1; min-height: 0; grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 1fr) 35vh; gap: 0.8vh; margin-top: 0.4vh; align-items: stretch; }
body.projector figure { min-height: 0; height: 100%; }
body.projector #diagram { width: 100%; height: 100%; max-height: none; }
body.projector .step-panel { min-height: 0; overflow: auto; padding: 1vh 1.4vw; display: flex; gap: 1.6vw; align-items: flex-start; }
body.projector .controls { flex: none; flex-direction: column; flex-wrap: nowrap; align-items: stretch; width: max(150px, 11vw); }
body.projector .controls input[type=range] { flex: none; min-width: 0; width: 100%; }
body.projector .step-body { flex: 1; min-width: 0; }
body.projector #step-title { margin: 0 0 0.6vh; font-size: max(16px, 2.5vh); }
body.projector #step-text { font-size: clamp(16px, calc(100cqi / (var(--columns, 60) * 0.61)), 3.6vh); line-height: 1.4; }
body.projector .keys { font-size: max(13px, 1.6vh); margin-top: 0.8vh; }
body.projector .batch-strip { font-size: max(14px, 2vh); margin-top: 0.6vh; }
body.projector button { min-height: max(40px, 4.5vh); font-size: max(15px, 2vh); }
body.projector #position { text-align: center; font-size: max(15px, 2.2vh); }
body.projector svg.active .edge-label:not(.used) { display: none; }
body.projector svg .edge-label text { font-size: 19px; }
body.projector svg .name { font-size: 21px; }
body.projector svg .small { font-size: 19px; }
body.projector svg .caption { font-size: 19px; }
/* Beside a wide network's units: a while the pass goes forward, δ while it goes back, one line
   each and larger (the shade still shows a). */
body.projector svg .value { font-size: 16px; }
body.projector svg .tiny { font-size: 12.5px; }
body.projector svg .tiny.delta { display: none; }
body.projector svg[data-phase="backward"] .value, body.projector svg[data-phase="gradients"] .value { display: none; }
body.projector svg[data-phase="backward"] .tiny.delta, body.projector svg[data-phase="gradients"] .tiny.delta {
  display: inline; font-size: 16px; fill: var(--ink); transform: translateY(-10px);
}
body.projector svg .tiny.delta.current { fill: var(--accent); }
body.projector svg .digit, body.projector svg .mark { font-size: 17px; }
/* The label and guess marks stay clear of the larger values (each mark says by how much). */
body.projector svg text.mark { transform: translateX(var(--projector-shift, 0px)); }
body.projector svg .grad { font-size: 16px; }
@media (max-width: 900px) {
  .stage { grid-template-columns: 1fr; }
}

/* Paper: black on white, the signs as solid and dashed lines, no controls. */
@media print {
  html { font-size: 11pt; }
  body { padding: 0; max-width: none; }
  .no-print, .controls, .tools, .keys { display: none !important; }
  .stage { grid-template-columns: 1fr; }
  #diagram { max-height: none; }
  .step-panel { background: none; border: 1px solid #000; }
  section.extra pre { background: none; border: 1px solid #000; }
  svg .edge.pos, svg .cost-line { stroke: #000; }
  .key-line.pos { border-top-color: #000; }
  .key-line.neg { border-top-color: #555; }
  .key-unit.ring { border-color: #000; }
  svg .edge.neg { stroke: #555; stroke-dasharray: 9 6; }
  svg .pixel-ring.pos { stroke: #000; }
  svg .pixel-ring.neg { stroke: #555; }
  svg .unit.used .unit-c { stroke: #000; }
  svg .mark, svg .grad, svg .current { fill: #000 !important; }
  pre span { color: #000 !important; }
  svg.active .edge:not(.used) { opacity: 0.75; }
  svg.active .edge-label:not(.used) text { fill: #555; }
  svg .edge.used { filter: none; }
  #step-list a[aria-current="step"] { background: none; outline: 2px solid #000; }
  .strip-item.here, .batch-table th.here { background: none; outline: 2px solid #000; }
  section, figure { break-inside: avoid; }
}
"""#
}
