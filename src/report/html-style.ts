// report.html's stylesheet, inlined into the page. Large type because the page is shown on
// projectors; a print block because it also ends up on paper and in PDFs.
export const REPORT_CSS = `
:root { --ink: #1d2329; --muted: #5b6670; --line: #d8dde2; --bg-card: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 32px 28px 48px; color: var(--ink);
  font: 20px/1.45 "DejaVu Sans", Verdana, "Segoe UI", Arial, "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif; background: #fff; }
header .scenario { margin: 0; color: var(--muted); font-size: 0.85em; letter-spacing: 0.03em; }
h1 { margin: 0.1em 0 0.2em; font-size: 2em; line-height: 1.15; }
.claim { margin: 0 0 0.6em; font-size: 1.1em; color: #333; border-left: 4px solid var(--line); padding-left: 0.6em; }
.outcome { display: inline-block; margin: 0 0 1em; padding: 0.2em 0.7em; border-radius: 6px; font-weight: bold; }
.outcome.good { background: #e3f4ea; color: #05603a; }
.outcome.bad { background: #fde8e7; color: #a3120a; }
.chart { margin: 0 0 1.5em; }
.chart svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.8em; margin-top: 0.3em; }
.variants { display: grid; grid-template-columns: 1fr; gap: 20px; }
.card { background: var(--bg-card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px;
  break-inside: avoid; }
.card h2 { margin: 0 0 0.2em; font-size: 1.35em; display: flex; align-items: center; gap: 0.5em; flex-wrap: wrap; }
.badge { font-size: 0.7em; color: #fff; padding: 0.15em 0.6em; border-radius: 999px; background: #667085;
  text-transform: uppercase; letter-spacing: 0.05em; }
.verdict-leak { background: #b42318; }
.verdict-sawtooth { background: #b54708; }
.verdict-bounded { background: #175cd3; }
.verdict-flat { background: #067647; }
.expect { margin: 0 0 0.5em; font-weight: bold; }
.expect.met { color: #067647; }
.expect.missed { color: #b42318; }
.description, .reason, .services { margin: 0 0 0.5em; }
.results-wrap { overflow-x: auto; margin: 0 0 1.5em; }
.results { font-size: 0.75em; white-space: nowrap; }
.results th, .results td { padding-right: 0.8em; }
.results thead th { color: var(--ink); font-weight: bold; }
.results .right { text-align: right; }
.results .center { text-align: center; }
.results a { color: inherit; }
.figures { display: grid; grid-template-columns: 1fr 1fr; gap: 0 20px; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 0.5em; }
caption { text-align: left; font-weight: bold; color: var(--muted); font-size: 0.85em; text-transform: uppercase;
  letter-spacing: 0.05em; padding: 0.3em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.15em 0.4em 0.15em 0; border-top: 1px solid var(--line); }
th { font-weight: normal; color: var(--muted); white-space: nowrap; }
td { font-variant-numeric: tabular-nums; }
.gunicorn { font-size: 0.75em; color: var(--muted); margin: 0.3em 0; overflow-wrap: anywhere; }
.why { margin: 0.5em 0 0; padding-left: 1.2em; }
.why li { margin: 0.15em 0; }
footer { margin-top: 2em; max-width: 640px; }
@media (max-width: 800px) { .figures { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  .variants { gap: 10px; }
  .card, .chart, footer { break-inside: avoid; }
  .badge, .outcome, .card { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
