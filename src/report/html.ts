// report.html: one self-contained page (inline SVG and CSS, no script, nothing fetched), so it
// opens offline, attaches to a CI run as one file, and projects well in a talk.
import { formatByteRange, formatCount, formatSeconds } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { WorkerEvent } from '../run-data/types.ts';
import { escapeHtml } from './escape-html.ts';
import { REPORT_CSS } from './html-style.ts';
import {
  DASH,
  growthText,
  msText,
  noJudgementText,
  rateText,
  restartsText,
  skippedText,
  slopeText,
  verdictText,
} from './variant-figures.ts';
import { COLUMNS, type NoteKind, rowCells, type VariantNote, type VariantRow, variantRows } from './variant-rows.ts';

/**
 * Namespace declarations are not needed for SVG inside HTML, and dropping them leaves the page
 * with no URL at all, so "does it reference anything remote" stays a one-line check.
 */
export function inlineSvg(svg: string): string {
  return svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
}

export function renderHtml(run: RunRecord, chartSvg: string, events: readonly WorkerEvent[] = []): string {
  const title = run.title ?? run.scenario;
  const rows = variantRows(run, events);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`leaklab · ${title}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<p class="scenario">${escapeHtml(run.scenario)}</p>
<h1>${escapeHtml(title)}</h1>
${run.claim ? `<p class="claim">${escapeHtml(run.claim)}</p>` : ''}
<p class="outcome ${outcomeClass(run)}">${escapeHtml(outcomeText(run))}</p>
</header>
<figure class="chart">
${inlineSvg(chartSvg)}
<figcaption>Memory of each worker against the requests it has served. One line per worker slot, labelled w0, w1, … at its end; a worker that replaces a recycled one continues its slot's line after a gap, and ▼ marks the restart. The shaded start is warm-up, not judged; the strips along the bottom are each worker's own warm-up.</figcaption>
</figure>
${resultsTable(rows)}
<section class="variants">
${rows.map((r) => variantCard(r, events)).join('\n')}
</section>
${metadata(run)}
</body>
</html>
`;
}

function outcomeText(run: RunRecord): string {
  const judged = run.variants.filter((v) => v.expectationMet !== undefined);
  const held = judged.filter((v) => v.expectationMet).length;
  const skipped = skippedText(run.variants);
  const base =
    (judged.length > 0 ? `${held} of ${judged.length} expectations held` : noJudgementText(run.variants)) +
    (skipped ? ` · ${skipped}` : '');
  return run.status === 'complete' ? base : `${base} · run ${run.status}`;
}

function outcomeClass(run: RunRecord): string {
  return run.status !== 'complete' || run.variants.some((v) => v.expectationMet === false) ? 'bad' : 'good';
}

/** The same table as the terminal and summary.md: every variant at a glance, above the cards. */
function resultsTable(rows: readonly VariantRow[]): string {
  const head = COLUMNS.map((c) => `<th scope="col" class="${c.align}">${escapeHtml(c.header)}</th>`).join('');
  const body = rows.map((r) => {
    const cells = rowCells(r).map((cell, i) => {
      const col = COLUMNS[i]!;
      return col.key === 'variant'
        ? `<th scope="row" class="${col.align}"><a href="#variant-${escapeHtml(cell)}">${escapeHtml(cell)}</a></th>`
        : `<td class="${col.align}">${escapeHtml(cell)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="results-wrap"><table class="results"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** Notes a card shows in elements of their own (expectation line, figure tables, reason), not in its list. */
const OWN_ELEMENT: ReadonlySet<NoteKind> = new Set(['expectation', 'load', 'skipped', 'failed', 'services']);

function variantCard(row: VariantRow, events: readonly WorkerEvent[]): string {
  const v = row.record;
  const paragraphs = (cls: string, ...kinds: NoteKind[]) =>
    row.notes
      .filter((n) => kinds.includes(n.kind))
      .map((n) => `<p class="${cls}">${escapeHtml(n.text)}</p>`)
      .join('');
  const badge = `<span class="badge verdict-${escapeHtml(v.verdict ?? v.status)}">${escapeHtml(verdictText(v))}</span>`;
  return `<article class="card" id="variant-${escapeHtml(v.name)}">
<h2>${escapeHtml(v.name)} ${badge}</h2>
${expectation(v)}
${v.description ? `<p class="description">${escapeHtml(v.description)}</p>` : ''}
${paragraphs('services', 'services')}
${paragraphs('reason', 'skipped', 'failed')}
${v.status === 'complete' || v.load ? figures(v, events) : ''}
${noteList(row.notes.filter((n) => !OWN_ELEMENT.has(n.kind)))}
</article>`;
}

function expectation(v: VariantRecord): string {
  if (v.expected === undefined) return '<p class="expect">no expectation set</p>';
  if (v.expectationMet === undefined) return `<p class="expect">expected ${escapeHtml(v.expected)}</p>`;
  return v.expectationMet
    ? `<p class="expect met">✓ as expected (${escapeHtml(v.expected)})</p>`
    : `<p class="expect missed">✗ expected ${escapeHtml(v.expected)}, got ${escapeHtml(verdictText(v))}</p>`;
}

function figures(v: VariantRecord, events: readonly WorkerEvent[]): string {
  const a = v.analysis;
  const memory: [string, string][] = [
    ['slope', slopeText(v)],
    ['growth after warm-up', `${growthText(v)} per worker`],
  ];
  if (a) {
    memory.push(
      ['interval', `${Math.round(a.slope.level * 100)} %: ${formatByteRange(a.slope.low, a.slope.high)}/req`],
      ['warm-up ends', `${formatCount(a.warmupEndRequests)} requests`],
      ['plateau from', a.plateauStartRequests === null ? 'none found' : `${formatCount(a.plateauStartRequests)} requests`],
      ['metric', `${a.metric.toUpperCase()}, verdict confidence ${Math.round(a.confidence * 100)} %`],
    );
  }
  memory.push(['restarts', restartsText(v, events)]);
  const l = v.load;
  const load: [string, string][] = [
    ['requests', formatCount(v.requests)],
    ['throughput', `${rateText(v.requestsPerSecond)} req/s`],
    ['errors', l && l.timeouts > 0 ? `${formatCount(v.errors)} (${formatCount(l.timeouts)} timeouts)` : formatCount(v.errors)],
  ];
  if (l) {
    load.push(
      ['latency', `p50 ${msText(l.latencyMs.p50)} · p90 ${msText(l.latencyMs.p90)} · p99 ${msText(l.latencyMs.p99)}`],
      [
        'status codes',
        Object.entries(l.statusCodes)
          .map(([code, n]) => `${code}: ${formatCount(n)}`)
          .join(', ') || DASH,
      ],
      ['duration', `${formatSeconds(l.durationMs)} (${l.engine})`],
    );
  }
  const gunicorn = v.gunicorn
    ? Object.entries(v.gunicorn)
        .map(([k, val]) => `${k}=${typeof val === 'string' ? val : JSON.stringify(val)}`)
        .join(' ')
    : '';
  return `<div class="figures">${table('memory', memory)}${table('load', load)}</div>
${gunicorn ? `<p class="gunicorn">gunicorn: <code>${escapeHtml(gunicorn)}</code></p>` : ''}`;
}

function table(caption: string, rows: [string, string][]): string {
  const body = rows.map(([k, val]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(val)}</td></tr>`).join('');
  return `<table><caption>${escapeHtml(caption)}</caption>${body}</table>`;
}

/** A note that names a saved file (a probe's answer) links to it: a relative link, nothing fetched. */
function noteList(notes: readonly VariantNote[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => {
    const link = n.file === undefined ? '' : ` <a href="${escapeHtml(n.file)}">${escapeHtml(n.file)}</a>`;
    return `<li>${escapeHtml(n.text)}${link}</li>`;
  });
  return `<ul class="why">${items.join('')}</ul>`;
}

function metadata(run: RunRecord): string {
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const rows: [string, string][] = [
    ['run', run.runId],
    ['scenario', run.scenario],
    ['status', run.status],
    ['started', run.startedAt],
    ['finished', run.finishedAt],
    ['duration', Number.isFinite(ms) ? formatSeconds(ms) : DASH],
    [
      'target',
      run.target === 'docker' && run.image ? `docker (image ${run.image.tag}, base ${run.image.baseImage})` : run.target,
    ],
    ['mode', run.quick ? 'quick' : 'full'],
  ];
  return `<footer>${table('run', rows)}</footer>`;
}
