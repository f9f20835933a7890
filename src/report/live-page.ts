// The live page: vega and vega-lite from the local server (no CDN, works offline), one
// EventSource, and the chart drawn from the live spec with vega's View API, inserting rows as
// they arrive. Everything a scenario or run names is set with textContent, never as HTML.
import { CHART_FONT } from './leak-curve-spec.ts';

export const LIVE_ASSETS = { vega: '/assets/vega.min.js', vegaLite: '/assets/vega-lite.min.js' } as const;

const CSS = `
body { font-family: ${CHART_FONT}; margin: 16px 24px; color: #222; background: #fff; }
#status { display: flex; flex-wrap: wrap; gap: 8px 24px; list-style: none; padding: 0; margin: 0 0 8px; font-size: 17px; }
#status li { padding: 4px 10px; border-left: 4px solid #bbb; }
#status li.running { border-color: #0072B2; background: #eef5fb; }
#status li.decided { border-color: #009E73; }
#status li.missed { border-color: #D55E00; background: #fdf0ea; }
#status .verdict { font-weight: bold; }
/* The chart fills the window's width (a projector's 1280×720 too); vega's SVG keeps its proportions. */
#chart svg { width: 100%; max-width: 1400px; height: auto; max-height: calc(100vh - 110px); }
#banner { font-size: 16px; color: #444; min-height: 1.4em; }
#banner a { font-weight: bold; }
`;

// Runs in the browser: plain ES2020, no imports. Messages are handled one after another (a new
// run's View is built asynchronously and later rows must wait for it); rows are buffered and
// inserted at most every 100 ms, one redraw each.
const CLIENT = `
const state = { view: null, points: 0, restarts: 0, messages: 0, verdicts: {}, verdictLog: [], ended: null, run: null };
window.leaklabLive = state;
const params = new URLSearchParams(location.search);
let queue = Promise.resolve();
let pending = { rows: [], restarts: [] };
let timer = null;
const statusList = document.getElementById('status');
const banner = document.getElementById('banner');

function item(name) { return statusList.querySelector('li[data-variant="' + CSS.escape(name) + '"]'); }
function setText(li, cls, text) { const el = li && li.querySelector('.' + cls); if (el) el.textContent = text; }

function flush() {
  timer = null;
  if (!state.view) return;
  const cs = vega.changeset().insert(pending.rows);
  state.view.change('rows', cs);
  if (pending.restarts.length) state.view.change('restarts', vega.changeset().insert(pending.restarts));
  state.points += pending.rows.length;
  state.restarts += pending.restarts.length;
  pending = { rows: [], restarts: [] };
  // resize() asks for a new layout: axis labels grow as the data does, and would be clipped.
  state.view.resize().run();
}

async function startRun(m) {
  if (state.view) state.view.finalize();
  pending = { rows: [], restarts: [] };
  state.points = 0; state.restarts = 0; state.verdicts = {}; state.verdictLog = []; state.ended = null; state.run = m;
  document.title = 'leaklab live · ' + m.title;
  banner.textContent = m.replaySpeed ? 'replay at ' + m.replaySpeed + '×' : 'live: samples arrive as the storm runs';
  statusList.replaceChildren();
  for (const v of m.variants) {
    const li = document.createElement('li');
    li.dataset.variant = v.name;
    const name = document.createElement('b'); name.textContent = v.name;
    const phase = document.createElement('span'); phase.className = 'phase'; phase.textContent = ' waiting';
    const verdict = document.createElement('span'); verdict.className = 'verdict';
    const expected = document.createElement('span'); expected.className = 'expected';
    if (v.expected) expected.textContent = ' (expected ' + v.expected + ')';
    li.append(name, phase, document.createTextNode(' '), verdict, expected);
    statusList.append(li);
  }
  const compiled = vegaLite.compile(m.spec).spec;
  state.view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: '#chart', hover: false });
  await state.view.runAsync();
  // A replay's clock starts now, not when the stream opened: building the chart can take a while.
  if (m.replaySpeed) fetch('/ready?viewer=' + viewer).catch(() => {});
}

function verdictText(m) {
  if (m.verdict === 'skipped' || m.verdict === 'failed') return m.verdict;
  const pct = m.confidence === undefined ? '' : ' (' + Math.floor(m.confidence * 100) + ' %)';
  if (m.final) return m.verdict + pct + (m.expectationMet === false ? ' ✗' : m.expectationMet ? ' ✓' : '');
  if (m.verdict === 'inconclusive') return 'undecided' + (m.requestsNeeded ? ': ~' + m.requestsNeeded.toLocaleString('en-US') + ' more req/worker' : '');
  return 'running verdict: ' + m.verdict + pct + (m.decided ? ', decided' : '');
}

async function handle(m) {
  state.messages++;
  if (m.type === 'run') return startRun(m);
  if (!state.view) return;
  if (m.type === 'rows') {
    pending.rows.push(...m.rows);
    pending.restarts.push(...m.restarts);
    if (!timer) timer = setTimeout(flush, 100);
  } else if (m.type === 'warmup') {
    const datum = { variant: m.variant, series: m.variant, from: 0, to: m.to };
    state.view.change('warmup', vega.changeset().remove((d) => d.variant === m.variant).insert([datum])).run();
    const li = item(m.variant);
    if (li && !li.dataset.verdict) setText(li, 'phase', m.done ? ' measuring' : ' warming up');
  } else if (m.type === 'variant') {
    // One band at a time, the running variant's: overlapping bands of several variants blend into one.
    state.view.change('warmup', vega.changeset().remove(() => true)).run();
    for (const li of statusList.children) li.classList.remove('running');
    const li = item(m.name);
    if (li) { li.classList.add('running'); setText(li, 'phase', ' starting'); }
  } else if (m.type === 'verdict') {
    state.verdicts[m.variant] = m;
    state.verdictLog.push(m);
    const li = item(m.variant);
    if (!li) return;
    li.dataset.verdict = m.verdict;
    setText(li, 'phase', m.final ? ': ' : ' · ');
    setText(li, 'verdict', verdictText(m));
    li.classList.toggle('decided', Boolean(m.final || m.decided));
    li.classList.toggle('missed', m.expectationMet === false);
  } else if (m.type === 'end') {
    if (timer) { clearTimeout(timer); flush(); }
    state.ended = m;
    for (const li of statusList.children) li.classList.remove('running');
    banner.textContent = 'run ' + m.status + (m.report ? ' · ' : '');
    if (m.report) {
      const a = document.createElement('a'); a.href = m.report; a.textContent = 'the finished report';
      banner.append(a);
      if (m.navigate && !params.has('stay')) setTimeout(() => location.assign(m.report), 2500);
    }
  }
}

const viewer = Math.random().toString(36).slice(2);
params.set('viewer', viewer);
const events = new EventSource('/events?' + params);
events.onmessage = (e) => { const m = JSON.parse(e.data); queue = queue.then(() => handle(m)).catch((err) => { banner.textContent = 'live view error: ' + err; }); };
events.addEventListener('done', () => events.close());
`;

export function livePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leaklab live</title>
<style>${CSS}</style>
<script src="${LIVE_ASSETS.vega}"></script>
<script src="${LIVE_ASSETS.vegaLite}"></script>
</head>
<body>
<ul id="status"></ul>
<div id="chart"></div>
<p id="banner">waiting for the run…</p>
<script>${CLIENT}</script>
</body>
</html>
`;
}
