// finalizeRun on a recorded run directory: run.json as collection leaves it, the scenario, and
// the samples and events of a real quick run of global-list (test/unit/analyze/fixtures/).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { finalizeRun } from '../../../src/pipeline/finalize-run.ts';
import { inlineSvg } from '../../../src/report/html.ts';
import { markdownCells, rowCells, variantRows } from '../../../src/report/variant-rows.ts';
import { readEvents } from '../../../src/run-data/events-jsonl.ts';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import { scratchDir } from '../../scratch.ts';

const COLLECTED = fileURLToPath(new URL('./fixtures/global-list-collected/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../analyze/fixtures/global-list-quick/', import.meta.url));

function recordedRunDir(): string {
  const dir = scratchDir('finalize');
  for (const f of readdirSync(COLLECTED)) copyFileSync(join(COLLECTED, f), join(dir, f));
  for (const f of ['samples.csv', 'events.jsonl']) copyFileSync(join(RECORDED, f), join(dir, f));
  return dir;
}

const collected = JSON.parse(readFileSync(join(COLLECTED, 'run.json'), 'utf8')) as RunRecord;

test('the recorded run gets the verdicts it was expected to, and the skipped variant none', async () => {
  const { record } = await finalizeRun(recordedRunDir());
  const byName = new Map(record.variants.map((v) => [v.name, v]));
  assert.deepEqual(
    record.variants.map((v) => [v.name, v.status, v.verdict, v.expectationMet]),
    [
      ['leaky', 'complete', 'leak', true],
      ['fixed', 'complete', 'flat', true],
      ['leaky-max-requests', 'complete', 'sawtooth', true],
      ['leaky-redis', 'skipped', undefined, undefined],
    ],
  );
  const leaky = byName.get('leaky')!;
  assert.ok(leaky.slopeBytesPerRequest > 4000 && leaky.slopeBytesPerRequest < 7000, `leaky slope ${leaky.slopeBytesPerRequest}`);
  assert.ok(leaky.growthBytes > 10 * 1024 * 1024, `leaky growth ${leaky.growthBytes}`);
  const saw = byName.get('leaky-max-requests')!;
  assert.ok(saw.workerRestarts >= 6, `max_requests recycled workers: ${saw.workerRestarts}`);
  assert.equal(saw.workerRestarts, saw.analysis?.restarts.length);
  const skipped = byName.get('leaky-redis')!;
  assert.equal(skipped.analysis, undefined);
  assert.match(skipped.skipReason ?? '', /^needs Redis/);
});

test('what collection recorded is kept as it was; only analysis fields are added and figures rounded', async () => {
  const { record } = await finalizeRun(recordedRunDir());
  for (const [i, v] of record.variants.entries()) {
    const before = collected.variants[i]!;
    assert.equal(v.name, before.name);
    assert.deepEqual(v.load, before.load);
    assert.deepEqual(v.gunicorn, before.gunicorn);
    assert.deepEqual(v.probes, before.probes);
    assert.deepEqual(v.warnings, before.warnings);
    assert.equal(v.description, before.description);
    assert.equal(v.requests, before.requests);
    assert.equal(v.requestsPerSecond, Math.round(before.requestsPerSecond * 100) / 100);
  }
  assert.equal(record.variants[0]!.requestsPerSecond, 2108.37);
  const { variants: _v, ...runFields } = record;
  const { variants: _c, ...collectedFields } = collected;
  assert.deepEqual(runFields, collectedFields, 'the run-level fields are untouched');
});

test('summary.md, report.html, leak-curves.svg and .png are written and tell the same story', async () => {
  const dir = recordedRunDir();
  const { record, written, terminal, paths } = await finalizeRun(dir, { width: 400 }); // every column in full
  for (const w of written) assert.ok(existsSync(w.path) && statSync(w.path).size > 0, `${w.label} at ${w.path}`);
  const md = readFileSync(paths.summaryMd, 'utf8');
  const html = readFileSync(paths.reportHtml, 'utf8');
  const svg = readFileSync(paths.chartSvg, 'utf8');
  const png = readFileSync(paths.chartPng);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
  assert.ok(html.includes(inlineSvg(svg)), 'report.html inlines the very chart written beside it');

  assert.deepEqual(JSON.parse(readFileSync(paths.runJson, 'utf8')), record, 'run.json holds the returned record');
  const rows = variantRows(record, readEvents(paths.eventsJsonl));
  const mdRows = md
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(2);
  assert.equal(mdRows.length, rows.length);
  for (const [i, r] of rows.entries()) {
    const cells = rowCells(r);
    const mdCells = mdRows[i]!.slice(2, -2).split(' | ');
    assert.deepEqual(
      mdCells.filter((_, c) => c !== 3),
      markdownCells(r).filter((_, c) => c !== 3),
      `summary.md row of ${r.record.name}`,
    );
    const termRow = terminal.split('\n').find((l) => l.startsWith(`${r.record.name} `))!;
    for (const cell of cells) assert.ok(termRow.includes(cell), `terminal row of ${r.record.name} has ${cell}`);
    for (const cell of cells) assert.ok(html.includes(`>${cell}<`), `report.html table has ${cell}`);
    for (const n of r.notes) assert.ok(md.includes(n.text), `summary.md note: ${n.text}`);
  }
  assert.ok(md.includes('**3 of 3 expectations held** · 1 variant skipped, not judged (leaky-redis)'));
  assert.ok(html.includes('3 of 3 expectations held · 1 variant skipped, not judged (leaky-redis)'));
  assert.ok(terminal.includes('✓ All 3 expectations held. 1 variant skipped, not judged (leaky-redis).'));
});

test('finalizing twice gives the same run.json and the same summary', async () => {
  const dir = recordedRunDir();
  const first = await finalizeRun(dir);
  const runJson = readFileSync(first.paths.runJson, 'utf8');
  const summary = readFileSync(first.paths.summaryMd, 'utf8');
  const second = await finalizeRun(dir);
  assert.equal(readFileSync(second.paths.runJson, 'utf8'), runJson);
  assert.equal(readFileSync(second.paths.summaryMd, 'utf8'), summary);
  assert.equal(second.terminal, first.terminal);
});

test('a run directory without samples.csv still finalizes: every variant unjudged, figures zero', async () => {
  const dir = scratchDir('finalize-empty');
  for (const f of readdirSync(COLLECTED)) copyFileSync(join(COLLECTED, f), join(dir, f));
  const { record } = await finalizeRun(dir);
  for (const v of record.variants) {
    assert.equal(v.verdict, undefined, v.name);
    assert.equal(v.slopeBytesPerRequest, 0);
    assert.equal(v.growthBytes, 0);
  }
  assert.ok(existsSync(join(dir, 'summary.md')));
});
