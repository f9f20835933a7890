import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile, twoSidedZ } from '../../../src/analyze/normal-quantile.ts';
import { median, robustSigma, runningMedian, weightedShare } from '../../../src/analyze/robust-stats.ts';

test('median of odd, even and empty input', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('robustSigma ignores one wild value and is ~sigma for normal-ish data', () => {
  assert.equal(robustSigma([5, 5, 5, 5, 1e9]), 0);
  const values = Array.from({ length: 1001 }, (_, i) => normalQuantile((i + 0.5) / 1001) * 3);
  assert.ok(Math.abs(robustSigma(values) - 3) < 0.05);
});

test('runningMedian removes a single spike and keeps the length', () => {
  const smoothed = runningMedian([1, 1, 1, 50, 1, 1, 1], 5);
  assert.deepEqual(smoothed, [1, 1, 1, 1, 1, 1, 1]);
});

test('weightedShare', () => {
  assert.equal(
    weightedShare(
      [1, 2, 3],
      (v) => v,
      (v) => v > 1,
    ),
    5 / 6,
  );
  assert.equal(
    weightedShare(
      [],
      () => 1,
      () => true,
    ),
    0,
  );
});

test('normalQuantile matches known z values', () => {
  assert.ok(Math.abs(twoSidedZ(0.95) - 1.959964) < 1e-5);
  assert.ok(Math.abs(normalQuantile(0.5)) < 1e-12);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232) < 1e-5);
  assert.ok(Math.abs(normalQuantile(0.999) - 3.090232) < 1e-5);
  assert.throws(() => normalQuantile(1), RangeError);
});
