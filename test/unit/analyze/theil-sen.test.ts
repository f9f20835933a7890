import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile, twoSidedZ } from '../../../src/analyze/normal-quantile.ts';
import type { Point } from '../../../src/analyze/points.ts';
import { sortedMedian } from '../../../src/analyze/robust-stats.ts';
import { collectPairs, estimateFromPairs, kendallVariance, pooledTheilSen, theilSen } from '../../../src/analyze/theil-sen.ts';
import { mulberry32 } from './synthetic.ts';

test('a worked example: median of the 10 pairwise slopes and Sen bounds (Gilbert 1987, §16.5)', () => {
  const pts = [
    { x: 1, y: 1 },
    { x: 2, y: 3 },
    { x: 3, y: 2 },
    { x: 4, y: 5 },
    { x: 5, y: 4 },
  ];
  // Sorted slopes: -1 -1 1/3 0.5 0.75 1 1 4/3 2 3. Var S = 5·4·15/18; C = 1.96·sqrt(16.67) = 8.0,
  // so M1 = 1 and M2 + 1 = 10: the bounds are the smallest and largest slopes.
  const s = theilSen(pts, 0.95)!;
  assert.equal(s.bytesPerRequest, 0.875);
  assert.equal(s.low, -1);
  assert.equal(s.high, 3);
  assert.equal(s.level, 0.95);
  // At 50% C = 0.674·4.08 = 2.75: M1 = round(3.62) = 4, M2 + 1 = round(6.38) + 1 = 7.
  const narrow = theilSen(pts, 0.5)!;
  assert.equal(narrow.low, 0.5);
  assert.equal(narrow.high, 1);
});

test('an exact line gives its slope with a zero-width interval', () => {
  const pts = Array.from({ length: 50 }, (_, i) => ({ x: i * 350, y: 1e8 + 2700 * i * 350 }));
  const s = theilSen(pts, 0.95)!;
  assert.equal(s.bytesPerRequest, 2700);
  assert.equal(s.low, 2700);
  assert.equal(s.high, 2700);
});

test('Kendall variance is corrected for tied values', () => {
  assert.equal(kendallVariance([1, 2, 3, 4]), (4 * 3 * 13) / 18);
  // One group of 3 ties: (156 - 3·2·11) / 18 = 5.
  assert.equal(kendallVariance([1, 1, 1, 2]), 5);
  assert.equal(kendallVariance([7, 7, 7]), 0);
});

test('tied x (an idle worker) are collapsed, not turned into infinite slopes', () => {
  const pts = [
    { x: 0, y: 0 },
    { x: 100, y: 100 },
    { x: 100, y: 300 },
    { x: 100, y: 200 },
    { x: 200, y: 200 },
  ];
  const s = theilSen(pts, 0.95)!;
  assert.ok(Number.isFinite(s.low) && Number.isFinite(s.high));
  assert.equal(s.bytesPerRequest, 1);
  assert.equal(collectPairs([pts]).slopes.length, 3);
});

test('null without two distinct x', () => {
  assert.equal(theilSen([], 0.95), null);
  assert.equal(
    theilSen(
      [
        { x: 5, y: 1 },
        { x: 5, y: 2 },
      ],
      0.95,
    ),
    null,
  );
});

test('the median ignores a minority of wild points that pull least squares', () => {
  const pts: Point[] = Array.from({ length: 40 }, (_, i) => ({ x: i, y: 10 * i }));
  for (const i of [35, 36, 37, 38, 39]) pts[i] = { x: i, y: 1e6 };
  const s = theilSen(pts, 0.95)!;
  assert.ok(Math.abs(s.bytesPerRequest - 10) < 0.5, `slope ${s.bytesPerRequest}`);
});

test('Sen intervals cover the true slope about 95% of the time for independent noise', () => {
  const rand = mulberry32(42);
  const gauss = () => normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, rand())));
  let covered = 0;
  const trials = 300;
  for (let k = 0; k < trials; k += 1) {
    const pts = Array.from({ length: 40 }, (_, i) => ({ x: i * 100, y: 5 * i * 100 + 2000 * gauss() }));
    const s = theilSen(pts, 0.95)!;
    if (s.low <= 5 && 5 <= s.high) covered += 1;
  }
  const rate = covered / trials;
  assert.ok(rate > 0.9 && rate < 0.99, `coverage ${rate}`);
});

test('a long life is subsampled: 6000 points stay fast and keep the slope', () => {
  const pts = Array.from({ length: 6000 }, (_, i) => ({ x: i * 350, y: 256 * i * 350 + ((i * 7919) % 13) * 4096 }));
  const started = performance.now();
  const s = theilSen(pts, 0.95)!;
  assert.ok(performance.now() - started < 2000);
  assert.ok(Math.abs(s.bytesPerRequest - 256) < 1);
  assert.ok(collectPairs([pts]).points <= 800);
});

test('pooled estimate uses only pairs within a series: offsets between lives do not matter', () => {
  // Three lives with the same in-life slope, each starting 10 MB apart and going down overall.
  const lives = [0, 1, 2].map((k) =>
    Array.from({ length: 4 }, (_, i) => ({ x: 100 + i * 300, y: 5e7 - k * 1e7 + 2000 * (100 + i * 300) })),
  );
  const s = pooledTheilSen(lives, 0.95)!;
  assert.equal(s.bytesPerRequest, 2000);
  const pairs = collectPairs(lives);
  assert.equal(pairs.slopes.length, 3 * 6);
  assert.equal(pairs.varianceS, 3 * kendallVariance([1, 2, 3, 4]));
});

test('the estimate by selection equals the one read off fully sorted slopes', () => {
  const rng = mulberry32(11);
  for (let round = 0; round < 100; round += 1) {
    const n = 1 + Math.floor(rng() * 2000);
    const slopes = Float64Array.from({ length: n }, () => (round % 2 ? Math.floor(rng() * 4) : rng() * 100 - 50));
    const varianceS = rng() * n * 10;
    const sorted = Float64Array.from(slopes).sort();
    const c = twoSidedZ(0.95) * Math.sqrt(varianceS);
    const at = (rank: number) => sorted[Math.min(n - 1, Math.max(0, rank))]!;
    const got = estimateFromPairs(slopes, varianceS, 0.95)!;
    assert.equal(got.bytesPerRequest, sortedMedian(sorted));
    assert.equal(got.low, at(Math.round((n - c) / 2) - 1));
    assert.equal(got.high, at(Math.round((n + c) / 2)));
  }
});
