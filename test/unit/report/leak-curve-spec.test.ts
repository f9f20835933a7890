import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ChartRow, chartData } from '../../../src/report/chart-data.ts';
import { leakCurveSpec, yDomain } from '../../../src/report/leak-curve-spec.ts';
import { fixtureRun, fixtureSamples } from './fixtures.ts';

// The spec is plain JSON: walking it as such keeps the test off vega-lite's deep union types.
type Json = Record<string, any>;
const spec = (): Json => leakCurveSpec(fixtureRun(), chartData(fixtureSamples())) as Json;

test('axes are titled requests served per worker and RSS (MiB)', () => {
  const line = spec().layer[0];
  assert.equal(line.mark.type, 'line');
  assert.equal(line.encoding.x.title, 'requests served per worker');
  assert.equal(line.encoding.y.title, 'RSS (MiB)');
  const uss = leakCurveSpec(fixtureRun(), chartData(fixtureSamples(), { metric: 'uss' })) as Json;
  assert.equal(uss.layer[0].encoding.y.title, 'USS (MiB)');
});

test('variants are told apart by colour with a "variant" legend, one line per slot', () => {
  const enc = spec().layer[0].encoding;
  assert.equal(enc.color.field, 'variant');
  assert.equal(enc.color.legend.title, 'variant');
  assert.deepEqual(enc.color.scale.domain, ['leaky', 'fixed', 'leaky-max-requests']);
  assert.equal(enc.detail.field, 'line');
  assert.equal(enc.order.field, 'seq');
});

test('restarts are marked when there are any', () => {
  assert.equal(spec().layer.length, 2);
  assert.equal(spec().layer[1].data.values.length, 6);
  const noRestarts = fixtureSamples().filter((s) => s.variant !== 'leaky-max-requests');
  assert.equal((leakCurveSpec(fixtureRun(), chartData(noRestarts)) as Json).layer.length, 1);
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
  const row = (mib: number): ChartRow => ({ variant: 'v', slot: 0, line: 'l', pid: 1, life: 0, requests: 0, mib, seq: 0 });
  const [lo, hi] = yDomain([row(40), row(100)]);
  assert.ok(lo >= 30 && lo <= 40 && hi >= 100 && hi <= 110, `${lo}..${hi}`);
  const [flo, fhi] = yDomain([row(40), row(40.5)]);
  assert.ok(fhi - flo >= 10, `flat line span ${fhi - flo}`);
  assert.ok(flo < 40 && fhi > 40.5);
});
