// An inconclusive verdict, from a real analysis of a run too short to judge, is shown in every
// output (terminal table, summary.md, report.html, the chart legend) with how many more
// requests per worker would decide it; and a storm run until decided says how it ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysedRecord } from '../../../src/pipeline/build-record.ts';
import { chartData } from '../../../src/report/chart-data.ts';
import { renderHtml } from '../../../src/report/html.ts';
import { leakCurveSpec } from '../../../src/report/leak-curve-spec.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { specToSvg } from '../../../src/report/render-svg.ts';
import { renderTerminalTable } from '../../../src/report/terminal.ts';
import { untilNotes } from '../../../src/report/until-notes.ts';
import { variantRows } from '../../../src/report/variant-rows.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import { simulateVariant, warmupBump } from '../analyze/synthetic.ts';

// 800 ms of a flat app: too few requests after warm-up to say anything.
const short = simulateVariant({ seed: 5, growth: warmupBump(), durationMs: 800, variant: 'short' });

function shortRecord(extra: Partial<VariantRecord> = {}): VariantRecord {
  const collected: VariantRecord = {
    name: 'short',
    status: 'complete',
    expected: 'flat',
    slopeBytesPerRequest: 0,
    growthBytes: 0,
    requests: 5600,
    requestsPerSecond: 7000,
    errors: 0,
    workerRestarts: 0,
    ...extra,
  };
  return analysedRecord(collected, { thresholds: {} }, short.samples, short.events);
}

function run(variant: VariantRecord): RunRecord {
  return {
    scenario: 'short',
    title: 'Too short to tell',
    status: 'complete',
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:05.000Z',
    runId: '20260101-100000-short',
    target: 'local',
    quick: false,
    variants: [variant],
  };
}

const NEEDED = /about [\d,]+ more requests per worker would decide it/;

test('the analysis of a short run is inconclusive, with the requests it still needs', () => {
  const v = shortRecord();
  assert.equal(v.verdict, 'inconclusive');
  assert.ok(v.requestsNeeded! > 0);
  assert.equal(v.expectationMet, false, 'an undecided run never passes');
});

test('the terminal table shows inconclusive, and its notes the requests still needed', () => {
  // Notes wrap at the terminal's width: read them as prose.
  const text = renderTerminalTable(run(shortRecord()), { color: false }).replace(/\n {2}(?=\S)/g, ' ');
  assert.match(text, /^short +inconclusive \(\d+ %\) +flat +✗/m);
  assert.match(text, NEEDED);
  assert.match(text, /Expected flat, got inconclusive\./);
});

test('summary.md shows inconclusive in the table and the requests still needed in the notes', () => {
  const md = renderMarkdown(run(shortRecord()));
  assert.match(md, /\| short \| inconclusive \(\d+ %\) \| flat \|/);
  assert.match(md, NEEDED);
});

test('report.html shows inconclusive and the requests still needed', () => {
  const html = renderHtml(run(shortRecord()), '<svg></svg>');
  assert.match(html, /<td class="left">inconclusive \(\d+ %\)<\/td>/);
  assert.match(html, NEEDED);
});

test('the chart legend label carries the inconclusive verdict', async () => {
  const r = run(shortRecord());
  const spec = leakCurveSpec(r, chartData(short.samples));
  assert.match(JSON.stringify(spec), /\\"short\\":\\"inconclusive\\"/);
  const svg = await specToSvg(spec);
  assert.ok(svg.includes('>short: inconclusive  ✗ expected flat</text>'), 'legend label in the SVG');
});

test('a storm stopped by its verdict says when, against its cap, in every output', () => {
  const v = shortRecord({
    until: {
      stoppedBy: 'verdict',
      decidedAfterMs: 6400,
      liveVerdict: 'inconclusive',
      liveConfidence: 0.3,
      capMs: 20_000,
      evaluations: 4,
    },
  });
  const row = variantRows(run(v))[0]!;
  const notes = row.notes.filter((n) => n.kind === 'until').map((n) => n.text);
  assert.equal(notes.length, 1, 'live and final agree: no difference note');
  assert.match(notes[0]!, /decided after 6\.4 s of load, so the storm stopped before its cap of 20 s/);
  assert.match(renderMarkdown(run(v)), /decided after 6\.4 s/);
  assert.match(renderHtml(run(v), '<svg></svg>'), /decided after 6\.4 s/);
  assert.match(renderTerminalTable(run(v), { color: false }), /decided after 6\.4 s/);
});

test('a live verdict that differs from the final one is said in the notes', () => {
  const v = shortRecord({
    until: { stoppedBy: 'verdict', decidedAfterMs: 5000, liveVerdict: 'flat', liveConfidence: 0.91, evaluations: 3 },
  });
  const lines = untilNotes(v);
  assert.match(lines[0]!, /live verdict flat \(91 %\)/);
  assert.match(lines[0]!, /the storm stopped before its cap\.$/, 'no cap recorded: no figure made up');
  assert.equal(lines[1], 'The live verdict (flat) differs from the final verdict from the saved data (inconclusive).');
});

test('a storm that reached its cap, or was interrupted, says so; a plain run has no such note', () => {
  const capped = untilNotes(
    shortRecord({
      until: { stoppedBy: 'cap', liveVerdict: 'inconclusive', liveConfidence: 0.2, capRequests: 40_000, evaluations: 9 },
    }),
  );
  assert.deepEqual(capped, [
    'Run until decided: no decided verdict before its cap of 40,000 requests (live verdict: inconclusive (20 %)).',
  ]);
  const stopped = untilNotes(shortRecord({ until: { stoppedBy: 'interrupted', evaluations: 0 } }));
  assert.deepEqual(stopped, ['Run until decided: interrupted before a decision (live verdict: none yet).']);
  assert.deepEqual(untilNotes(shortRecord()), []);
});
