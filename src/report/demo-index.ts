// The demo's index page: every scenario's claim, verdicts and chart on one page, linking to
// each run's full report. Pure; links are relative, so the results folder can be moved whole.
import type { RunRecord } from '../run-data/run-record.ts';
import { escapeHtml } from './html.ts';
import { REPORT_CSS } from './html-style.ts';
import { okText, slopeText, verdictWithConfidence } from './variant-figures.ts';

export interface DemoEntry {
  run: RunRecord;
  /** From the index page to the run's folder, e.g. "../20261126-071502-global-list". */
  href: string;
}

export function renderDemoIndex(entries: readonly DemoEntry[], generatedAt: string): string {
  const held = entries.flatMap((e) => e.run.variants).filter((v) => v.expectationMet === true).length;
  const judged = entries.flatMap((e) => e.run.variants).filter((v) => v.expectationMet !== undefined).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leaklab demo</title>
<style>${REPORT_CSS}
.demo-chart { width: 100%; max-width: 960px; display: block; }
</style>
</head>
<body>
<header>
<h1>leaklab: every scenario</h1>
<p class="claim">${escapeHtml(`${held} of ${judged} expectations held · ${entries.length} scenarios · ${generatedAt}`)}</p>
</header>
${entries.map(entry).join('\n')}
</body>
</html>
`;
}

function entry(e: DemoEntry): string {
  const href = (file: string) => escapeHtml(`${e.href}/${file}`);
  const rows = e.run.variants
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.name)}</td><td>${escapeHtml(verdictWithConfidence(v))}</td><td>${escapeHtml(v.expected ?? '—')}</td><td>${escapeHtml(okText(v, { ok: '✓', failed: '✗' }))}</td><td>${escapeHtml(slopeText(v))}</td></tr>`,
    )
    .join('\n');
  return `<section class="variant">
<h2>${escapeHtml(e.run.title ?? e.run.scenario)}</h2>
${e.run.claim ? `<p class="claim">${escapeHtml(e.run.claim)}</p>` : ''}
<table><thead><tr><th>variant</th><th>verdict</th><th>expected</th><th>ok</th><th>slope per worker</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<a href="${href('report.html')}"><img class="demo-chart" src="${href('leak-curves.svg')}" alt="${escapeHtml(`leak curves of ${e.run.scenario}`)}"></a>
<p><a href="${href('report.html')}">full report</a> · <a href="${href('summary.md')}">summary.md</a> · <a href="${href('run.json')}">run.json</a></p>
</section>`;
}
