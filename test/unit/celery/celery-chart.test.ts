// A Celery worker's processes on the leak-curve chart: lines of their own (never merged with
// the web worker of the same slot), a legend entry of their own, labelled "celery 1" at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeCelery } from '../../../src/analyze/celery-summary.ts';
import { celerySkipReason } from '../../../src/app-server/start-target.ts';
import { chartData, lineKey, seriesKey } from '../../../src/report/chart-data.ts';
import { leakCurveSpec } from '../../../src/report/leak-curve-spec.ts';
import { LiveRows } from '../../../src/report/live-rows.ts';
import { liveChartSpec } from '../../../src/report/live-spec.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

type Json = Record<string, any>;
const MIB = 1024 * 1024;
const at = (pid: number, slot: number, t: number, requests: number, mib: number, role?: 'celery'): Sample => ({
  tMs: t,
  variant: 'celery',
  pid,
  slot,
  requests,
  rss: mib * MIB,
  uss: null,
  pss: null,
  ...(role ? { role } : {}),
});
const samples: Sample[] = [];
for (let i = 0; i <= 10; i++) {
  samples.push(at(10, 0, i * 100, i * 100, 55), at(11, 1, i * 100, i * 100, 56));
  samples.push(at(20, 0, i * 100, i * 3, 60, 'celery'), at(21, 1, i * 100, i * 2, 69, 'celery'));
}

test('Celery processes are lines of their own, keyed by role, with their own series', () => {
  const { rows } = chartData(samples);
  const lines = [...new Set(rows.map((r) => r.line))].sort();
  assert.deepEqual(
    lines,
    [lineKey('celery', 1, 'celery'), lineKey('celery', 0, 'celery'), lineKey('celery', 0), lineKey('celery', 1)].sort(),
  );
  assert.equal(lineKey('celery', 0, 'celery'), 'celery · celery main');
  assert.notEqual(lineKey('celery', 0, 'celery'), lineKey('celery', 0), 'slot 0 of each role is a different line');
  const pool = rows.filter((r) => r.line === 'celery · celery 1');
  assert.equal(pool.length, 11);
  assert.ok(pool.every((r) => r.series === seriesKey('celery', 'celery') && r.role === 'celery'));
  assert.equal(Math.max(...pool.map((r) => r.requests)), 20, 'x is tasks done');
  assert.ok(rows.filter((r) => !r.role).every((r) => r.series === 'celery'));
});

test('the legend has an entry for the Celery worker, and its lines are labelled celery main / celery 1', () => {
  const run = runRecord('image-cache', [
    variantRecord('celery', {
      verdict: 'flat',
      expected: 'flat',
      expectationMet: true,
      slopeBytesPerRequest: 1,
      requests: 2000,
      requestsPerSecond: 100,
      celery: summarizeCelery(samples)!,
    }),
  ]);
  const spec = leakCurveSpec(run, chartData(samples)) as Json;
  const lines = spec.layer.find((l: Json) => l.name === 'lines');
  assert.equal(lines.encoding.color.field, 'series');
  assert.deepEqual(lines.encoding.color.scale.domain, ['celery', 'celery · Celery worker']);
  const [web, pool] = lines.encoding.color.scale.range;
  assert.equal(pool, web, "in its variant's colour");
  const dashes = lines.encoding.strokeDash.scale.range;
  assert.notDeepEqual(dashes[1], dashes[0], 'told apart by its dash');
  assert.match(lines.encoding.color.legend.labelExpr, /not judged, 20 tasks done/);
  assert.match(spec.layer.map((l: Json) => JSON.stringify(l.encoding?.x?.title ?? '')).join(), /tasks per process/);
  const labels = spec.layer
    .filter((l: Json) => String(l.name).startsWith('worker-labels-'))
    .flatMap((l: Json) => l.data.values.map((v: Json) => v.label))
    .sort();
  assert.deepEqual(labels, ['celery 1', 'celery main', 'w0', 'w1']);
});

test('the live chart keys Celery rows the same way, and their tasks do not move the warm-up band', () => {
  const live = new LiveRows();
  const rows = samples.map((s) => live.add(s).row!).filter(Boolean);
  assert.ok(rows.some((r) => r.series === 'celery · Celery worker' && r.line === 'celery · celery 1'));
  assert.equal(live.maxRequests('celery'), 1000, 'web requests only');
});

test('the live chart gives a Celery variant a second legend entry, and only that variant', () => {
  const spec = liveChartSpec({ scenario: 's', variants: ['dict', 'celery'], celeryVariants: ['celery'] }) as Json;
  const line = spec.layer.find((l: Json) => l.data?.name === 'rows');
  assert.deepEqual(line.encoding.color.scale.domain, ['dict', 'celery', 'celery · Celery worker']);
});

test('off the local target a Celery variant is skipped with the reason', () => {
  assert.equal(celerySkipReason({ target: 'local', startCelery: async () => ({ pid: 1, stop: async () => {} }) }), undefined);
  assert.match(celerySkipReason({ target: 'docker' }) ?? '', /local target only \(this run is --target docker/);
});
