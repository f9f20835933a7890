import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkerLifeAnalysis } from '../../../src/analyze/types.ts';
import { type ChartRow, chartData } from '../../../src/report/chart-data.ts';
import { leakCurveSpec, yDomain } from '../../../src/report/leak-curve-spec.ts';
import { fixtureRun, fixtureSamples } from './fixtures.ts';

// The spec is plain JSON: walking it as such keeps the test off vega-lite's deep union types.
type Json = Record<string, any>;
const spec = (): Json => leakCurveSpec(fixtureRun(), chartData(fixtureSamples())) as Json;
const layer = (s: Json, name: string): Json | undefined => s.layer.find((l: Json) => l.name === name);

test('axes are titled requests served per worker and RSS (MiB)', () => {
  const line = layer(spec(), 'lines')!;
  assert.equal(line.mark.type, 'line');
  assert.equal(line.encoding.x.title, 'requests served per worker');
  assert.equal(line.encoding.y.title, 'RSS (MiB)');
  const uss = leakCurveSpec(fixtureRun(), chartData(fixtureSamples(), { metric: 'uss' })) as Json;
  assert.equal(layer(uss, 'lines')!.encoding.y.title, 'USS (MiB)');
});

test('variants are told apart by colour with a "variant" legend; one stroke per worker life', () => {
  const enc = layer(spec(), 'lines')!.encoding;
  // The series is the variant for web workers (a Celery worker's processes get one of their own).
  assert.equal(enc.color.field, 'series');
  assert.equal(enc.color.legend.title, 'variant');
  assert.deepEqual(enc.color.scale.domain, ['leaky', 'fixed', 'leaky-max-requests']);
  // A restart is a gap: the new worker's first sample is not joined to the old one's last.
  assert.equal(enc.detail.field, 'segment');
  assert.equal(enc.order.field, 'seq');
  const rows = layer(spec(), 'lines')!.data.values as Json[];
  const slot0 = rows.filter((r) => r.line === 'leaky-max-requests · worker 0');
  assert.equal(new Set(slot0.map((r) => r.segment)).size, 4);
});

test("each worker's line is told from its variant's other workers: width by slot and a label at its end", () => {
  const s = spec();
  assert.equal(layer(s, 'lines')!.encoding.strokeWidth.field, 'slot');
  const widths = layer(s, 'lines')!.encoding.strokeWidth.scale.range as number[];
  assert.notEqual(widths[0], widths[1]);
  const w0 = layer(s, 'worker-labels-0')!;
  const w1 = layer(s, 'worker-labels-1')!;
  assert.deepEqual(
    (w0.data.values as Json[]).map((r) => [r.variant, r.label]),
    [
      ['leaky', 'w0'],
      ['fixed', 'w0'],
      ['leaky-max-requests', 'w0'],
    ],
  );
  // Lines ending at the same point keep their labels apart.
  assert.notEqual(w0.mark.dy, w1.mark.dy);
});

test('restarts are marked when there are any', () => {
  assert.equal(layer(spec(), 'restarts')!.data.values.length, 6);
  const noRestarts = fixtureSamples().filter((s) => s.variant !== 'leaky-max-requests');
  assert.equal(layer(leakCurveSpec(fixtureRun(), chartData(noRestarts)) as Json, 'restarts'), undefined);
});

test("warm-up: shaded up to the first workers' warm-up, each life's own as a strip at the life's place", () => {
  const run = fixtureRun();
  const lifePids = [3000, 3001, 3002, 3003];
  run.variants[0]!.analysis!.workers = [1000, 1001].map((pid, slot) => worker(pid, slot, 1500, 20_000));
  run.variants[2]!.analysis!.workers = lifePids.map((pid) => worker(pid, 0, 2000, 5000));
  const s = leakCurveSpec(run, chartData(fixtureSamples())) as Json;
  assert.deepEqual(layer(s, 'warmup')!.data.values[0], { from: 0, to: 1500, text: 'warm-up, not judged' });
  const strips = layer(s, 'warmup-strips')!.data.values as Json[];
  assert.deepEqual(
    strips.filter((b) => b.variant === 'leaky-max-requests').map((b) => [b.from, b.to]),
    [
      [0, 2000],
      [5000, 7000],
      [10_000, 12_000],
      [15_000, 17_000],
    ],
  );
  // No analysis, no warm-up drawn.
  assert.equal(layer(spec(), 'warmup'), undefined);
});

function worker(pid: number, slot: number, warmupEndRequests: number, requests: number): WorkerLifeAnalysis {
  return {
    pid,
    slot,
    samples: 10,
    requests,
    warmupEndRequests,
    slope: null,
    growthBytes: 0,
    plateauStartRequests: null,
    exitCause: null,
    verdict: 'leak',
  };
}

test('a failed expectation is marked on the chart and in the legend', () => {
  const s = spec();
  const failed = layer(s, 'failed')!;
  assert.deepEqual(
    (failed.data.values as Json[]).map((r) => r.label),
    ['fixed: ✗ expected flat, got bounded'],
  );
  assert.match(layer(s, 'lines')!.encoding.color.legend.labelExpr, /✗ expected flat/);
  const held = fixtureRun();
  held.variants = held.variants.filter((v) => v.expectationMet);
  assert.equal(layer(leakCurveSpec(held, chartData(fixtureSamples())) as Json, 'failed'), undefined);
});

test('title is the scenario, subtitle its claim; white background, ~720×360', () => {
  const s = spec();
  assert.equal(s.title.text, 'Global list leak');
  assert.deepEqual(s.title.subtitle, [fixtureRun().claim]);
  assert.equal(s.background, 'white');
  assert.equal(s.width, 720);
  assert.equal(s.height, 360);
  assert.match(s.config.font, /^DejaVu Sans/);
});

test('a long claim wraps into subtitle lines', () => {
  const run = fixtureRun('word '.repeat(60));
  const subtitle = (leakCurveSpec(run, chartData([])) as Json).title.subtitle as string[];
  assert.ok(subtitle.length >= 3);
  for (const l of subtitle) assert.ok(l.length <= 95);
});

test('y domain is tight around a leak but keeps a flat line looking flat', () => {
  const row = (mib: number): ChartRow => ({
    variant: 'v',
    series: 'v',
    slot: 0,
    line: 'l',
    segment: 'l',
    pid: 1,
    life: 0,
    requests: 0,
    mib,
    seq: 0,
  });
  const [lo, hi] = yDomain([row(40), row(100)]);
  assert.ok(lo >= 30 && lo <= 40 && hi >= 100 && hi <= 110, `${lo}..${hi}`);
  const [flo, fhi] = yDomain([row(40), row(40.5)]);
  assert.ok(fhi - flo >= 10, `flat line span ${fhi - flo}`);
  assert.ok(flo < 40 && fhi > 40.5);
});
