import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../src/core/prng.ts';
import { LatencyHistogram } from '../../../src/load/histogram.ts';

/** Nearest-rank percentile of sorted values: the one at rank ceil(p/100 * n). */
function exact(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

test('percentiles are within 1 % of the exact ones on a wide, skewed distribution', () => {
  const r = mulberry32(77);
  const h = new LatencyHistogram();
  const values: number[] = [];
  for (let i = 0; i < 50000; i++) {
    // Log-normal-ish: mostly around 1 ms, a tail into hundreds of ms, some sub-ms.
    const v = Math.exp((r() + r() + r() - 1.5) * 4) * 1.2;
    const ms = Math.round(v * 1000) / 1000; // whole microseconds, as the histogram keeps them
    values.push(ms);
    h.record(ms);
  }
  values.sort((a, b) => a - b);
  for (const p of [1, 10, 50, 90, 99, 99.9, 100]) {
    const want = exact(values, p);
    const got = h.percentileMs(p);
    assert.ok(Math.abs(got - want) <= want * 0.01 + 0.0005, `p${p}: got ${got}, exact ${want}`);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(Math.abs(h.meanMs() - mean) < 1e-6 * mean + 1e-9, 'mean is exact');
  assert.equal(h.maxMs(), values[values.length - 1]);
  assert.equal(h.count, 50000);
});

test('small values are exact to the microsecond', () => {
  const h = new LatencyHistogram();
  for (const ms of [0.05, 0.1, 0.2, 0.25]) h.record(ms);
  assert.equal(h.percentileMs(25), 0.05);
  assert.equal(h.percentileMs(50), 0.1);
  assert.equal(h.percentileMs(75), 0.2);
  assert.equal(h.percentileMs(100), 0.25);
});

test('an empty histogram reports zeros', () => {
  const h = new LatencyHistogram();
  assert.equal(h.percentileMs(50), 0);
  assert.equal(h.meanMs(), 0);
  assert.equal(h.maxMs(), 0);
});

test('huge latencies are clamped, not lost, and negative ones count as 0', () => {
  const h = new LatencyHistogram();
  h.record(1e9);
  h.record(-3);
  assert.equal(h.count, 2);
  assert.equal(h.percentileMs(50), 0);
  assert.ok(h.percentileMs(100) > 2_000_000, 'clamped to ~36 minutes');
});

test('memory does not grow with the number of samples', () => {
  const h = new LatencyHistogram();
  const r = mulberry32(1);
  for (let i = 0; i < 1000; i++) h.record(r() * 1000);
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 2_000_000; i++) h.record(r() * 1000);
  const grown = process.memoryUsage().heapUsed - before;
  // 2M samples in an array would take 16 MB; the histogram takes none.
  assert.ok(grown < 4_000_000, `heap grew by ${grown} bytes`);
});
