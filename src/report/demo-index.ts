// The demo's index page: the talk in the seed's order, each step with its claim, the measured
// outcome, the chart and a takeaway, then the seed's four interview questions answered from the
// same runs. Pure; links are relative, so the results folder can be moved whole.
import type { Answer, Figure } from '../demo/answers.ts';
import type { DemoStep } from '../demo/plan.ts';
import type { StepResult } from '../demo/step-outcome.ts';
import type { RunRecord } from '../run-data/run-record.ts';
import { escapeHtml } from './escape-html.ts';
import { REPORT_CSS } from './html-style.ts';
import { okText, slopeText, verdictWithConfidence } from './variant-figures.ts';

export interface DemoStepEntry {
  step: DemoStep;
  result: StepResult;
  /** The scenario's run; undefined when it could not run (interrupted before it). */
  run?: RunRecord;
  /** From the index page to the run's folder, e.g. "../20261126-071502-global-list". */
  href?: string;
  /** The command that replays the run on the live page. */
  replay?: string;
}

export interface DemoIndex {
  steps: readonly DemoStepEntry[];
  answers: readonly Answer[];
  generatedAt: string;
  /** Wall time of the whole demo, ms. */
  elapsedMs?: number;
}

const OUTCOME_CLASS: Record<string, string> = {
  confirmed: 'good',
  refuted: 'bad',
  depends: 'mixed',
  'not measured': 'none',
};

export function renderDemoIndex(index: DemoIndex): string {
  const counts = new Map<string, number>();
  for (const e of index.steps) counts.set(e.result.outcome, (counts.get(e.result.outcome) ?? 0) + 1);
  const tally = [...counts].map(([o, n]) => `${n} ${o}`).join(' · ');
  const runs = uniqueRuns(index.steps);
  const variants = runs.flatMap((r) => r.variants);
  const held = variants.filter((v) => v.expectationMet === true).length;
  const judged = variants.filter((v) => v.expectationMet !== undefined).length;
  const took = index.elapsedMs === undefined ? '' : ` · ${Math.round(index.elapsedMs / 1000)} s`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leaklab demo: memory leaks in Django under Gunicorn</title>
<style>${REPORT_CSS}
.demo-chart { width: 100%; max-width: 1100px; display: block; }
.step { margin: 0 0 2.5em; padding-top: 0.5em; border-top: 1px solid var(--line); }
.step .section { margin: 0; color: var(--muted); font-size: 0.85em; }
.step h2 { margin: 0.1em 0 0.3em; }
.outcome.mixed { background: #fef0c7; color: #7a2e0e; }
.outcome.none { background: #eaecf0; color: #344054; }
.takeaway { font-size: 1.1em; margin: 0.6em 0; }
.takeaway p { margin: 0; }
.replay code, .answers code { font-size: 0.85em; }
.answers h3 { margin: 1.2em 0 0.3em; }
.figure { font-weight: bold; border-bottom: 1px dotted var(--muted); }
</style>
</head>
<body>
<header>
<h1>Memory leaks in Django under Gunicorn, measured</h1>
<p class="claim">${escapeHtml(`The source material's claims in its own order: ${tally} · ${held} of ${judged} expectations held · ${runs.length} scenarios${took} · ${index.generatedAt}`)}</p>
</header>
${index.steps.map(stepSection).join('\n')}
${answersSection(index.answers)}
</body>
</html>
`;
}

function uniqueRuns(steps: readonly DemoStepEntry[]): RunRecord[] {
  const seen = new Map<string, RunRecord>();
  for (const e of steps) if (e.run) seen.set(e.run.runId, e.run);
  return [...seen.values()];
}

function stepSection(e: DemoStepEntry, i: number): string {
  const { step, result, run } = e;
  const shown = new Set([...Object.keys(step.predicts), ...(step.context ?? [])]);
  const rows = (run?.variants ?? [])
    .filter((v) => shown.has(v.name))
    .map((v) => {
      const predicted = step.predicts[v.name];
      const seed = predicted ? predicted.join(' or ') : 'comparison';
      return `<tr><td>${escapeHtml(v.name)}</td><td>${escapeHtml(seed)}</td><td>${escapeHtml(verdictWithConfidence(v))}</td><td>${escapeHtml(v.expected ?? '—')}</td><td>${escapeHtml(okText(v, { ok: '✓', failed: '✗' }))}</td><td>${escapeHtml(slopeText(v))}</td></tr>`;
    })
    .join('\n');
  const missing = result.checks
    .filter((c) => c.missing)
    .map((c) => `<p class="reason">${escapeHtml(`${c.variant}: ${c.missing}`)}</p>`)
    .join('\n');
  // The takeaway was written for what the scenario expects; say so when the run disagrees.
  const offScript =
    result.outcome !== result.foreseen
      ? `<p class="expect missed">${escapeHtml(`This run measured "${result.outcome}"; the takeaway below was written for "${result.foreseen}".`)}</p>`
      : '';
  const href = (file: string) => escapeHtml(`${e.href}/${file}`);
  const chart = e.href
    ? `<a href="${href('report.html')}"><img class="demo-chart" src="${href('leak-curves.svg')}" alt="${escapeHtml(`leak curves of ${step.scenario}`)}"></a>
<p><a href="${href('report.html')}">full report</a> · <a href="${href('summary.md')}">summary.md</a> · <a href="${href('run.json')}">run.json</a></p>`
    : '';
  const replay = e.replay ? `<p class="replay">Replay on the live page: <code>${escapeHtml(e.replay)}</code></p>` : '';
  return `<section class="step" id="${escapeHtml(step.id)}">
<p class="section">${escapeHtml(`Step ${i + 1} · seed ${step.section}`)}</p>
<h2>${escapeHtml(step.claim)}</h2>
<p class="outcome ${OUTCOME_CLASS[result.outcome] ?? 'none'}">${escapeHtml(outcomeLine(e))}</p>
${offScript}
${rows ? `<table><thead><tr><th>variant</th><th>the seed says</th><th>measured</th><th>expected</th><th>ok</th><th>slope per worker</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>` : ''}
${missing}
<div class="takeaway">${step.takeaway.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>
${chart}
${replay}
</section>`;
}

/** "refuted: cycles measured flat (the seed: leak)". */
export function outcomeLine(e: Pick<DemoStepEntry, 'result'>): string {
  const parts = e.result.checks.map((c) =>
    c.measured ? `${c.variant} ${c.measured} (the seed: ${c.predicted.join(' or ')})` : `${c.variant} ${c.missing}`,
  );
  return `${e.result.outcome}: ${parts.join(', ')}`;
}

function answersSection(answers: readonly Answer[]): string {
  return `<section class="answers" id="questions">
<h2>The four interview questions, answered from this demo's runs</h2>
<p class="reason">Every figure below is a field of a run.json written by this demo (hover it to see which).</p>
${answers.map(answerHtml).join('\n')}
</section>`;
}

function answerHtml(a: Answer): string {
  const body = a.paragraphs.map((p) => `<p>${p.map(partHtml).join('')}</p>`).join('\n');
  const missing =
    a.missing.length > 0
      ? `<p class="reason">${escapeHtml(`Part of this answer needs runs this demo did not make: leaklab demo --only ${a.missing.join(',')}`)}</p>`
      : '';
  return `<h3>${escapeHtml(`${a.id}. ${a.question}`)}</h3>\n${body}\n${missing}`;
}

function partHtml(part: string | Figure): string {
  if (typeof part === 'string') return escapeHtml(part);
  const where = part.of.map((s) => `${s.runId}/run.json: ${s.variant}.${s.field}`).join(' ÷ ');
  return `<span class="figure" title="${escapeHtml(where)}">${escapeHtml(part.text)}</span>`;
}

/** The same answer as plain text, for the terminal. */
export function answerText(a: Answer): string {
  const paras = a.paragraphs.map((p) => p.map((x) => (typeof x === 'string' ? x : x.text)).join(''));
  if (a.missing.length > 0) paras.push(`(needs: leaklab demo --only ${a.missing.join(',')})`);
  return [`${a.id}. ${a.question}`, ...paras].join('\n');
}

/** Each paragraph of an answer wrapped on its own (wrapping the whole would join them). */
export function answerLines(a: Answer, wrap: (text: string) => string[]): string[] {
  return answerText(a).split('\n').flatMap(wrap);
}
