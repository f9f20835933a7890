import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseTiedX, type Point } from '../../../src/analyze/points.ts';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../src/analyze/thresholds.ts';
import { detectWarmupEnd, FLOOR_SAMPLES, warmupFloor } from '../../../src/analyze/warmup.ts';
import { boundedFill, combine, linearLeak, MiB, singleLife, warmupBump } from './synthetic.ts';

const t = DEFAULT_THRESHOLDS;

function growthAfter(points: Point[], index: number): number {
  const from = points[index]!.y;
  return Math.max(...points.slice(index).map((p) => p.y)) - from;
}

test('warm-up bump then flat: ends once the bump has settled, leaving at most a straggling step', () => {
  for (let seed = 1; seed <= 10; seed += 1) {
    const pts = collapseTiedX(singleLife({ seed, growth: warmupBump(), durationMs: 20000 }));
    const end = detectWarmupEnd(pts, t);
    assert.ok(end.requests >= t.minWarmupRequests);
    assert.ok(end.requests < 12000, `seed ${seed}: warm-up ended at ${end.requests}`);
    assert.ok(growthAfter(pts, end.index) <= 0.5 * MiB, `seed ${seed}: ${growthAfter(pts, end.index)} B after warm-up`);
  }
});

test('never ends before minWarmupRequests', () => {
  const pts = collapseTiedX(singleLife({ seed: 3, growth: linearLeak(2700), durationMs: 20000 }));
  const end = detectWarmupEnd(pts, mergeThresholds({ minWarmupRequests: 9000 }));
  assert.ok(end.requests >= 9000);
  assert.ok(pts[end.index - 1]!.x < 9000 || end.index === 0);
});

test('a steady leak is not mistaken for warm-up: it ends right at the floor', () => {
  const pts = collapseTiedX(singleLife({ seed: 4, growth: linearLeak(2700), durationMs: 20000 }));
  const end = detectWarmupEnd(pts, t);
  assert.ok(end.requests < t.minWarmupRequests + 1000, `ended at ${end.requests}`);
});

test('a cache that fills long after warm-up is judged, not absorbed', () => {
  const growth = combine(warmupBump(), boundedFill({ bytes: 2 * MiB, overRequests: 30000, startAt: 10000 }));
  const pts = collapseTiedX(singleLife({ seed: 5, growth, durationMs: 30000 }));
  const end = detectWarmupEnd(pts, t);
  assert.ok(end.requests < 12000, `ended at ${end.requests}`);
});

test('growth that never settles is capped at half the life and at 10 floors', () => {
  const slow = collapseTiedX(singleLife({ seed: 6, growth: warmupBump({ bytes: 8 * MiB, tau: 60000 }), durationMs: 12000 }));
  const end = detectWarmupEnd(slow, t);
  assert.ok(end.requests <= slow[slow.length - 1]!.x / 2, `ended at ${end.requests}`);
  const long = collapseTiedX(singleLife({ seed: 6, growth: warmupBump({ bytes: 30 * MiB, tau: 200000 }), durationMs: 60000 }));
  assert.ok(detectWarmupEnd(long, t).requests <= 10 * t.minWarmupRequests);
});

test('memory handed back late does not drag warm-up along', () => {
  const pts = collapseTiedX(singleLife({ seed: 7, growth: warmupBump(), durationMs: 20000 }));
  const dropAt = pts[Math.floor(pts.length * 0.8)]!.x;
  const dropped = pts.map((p) => (p.x >= dropAt ? { x: p.x, y: p.y - MiB } : p));
  assert.ok(detectWarmupEnd(dropped, t).requests < 12000);
});

test('short lives: ends at the floor, or never when the floor is not reached', () => {
  const few = [
    { x: 500, y: 1 },
    { x: 2500, y: 2 },
    { x: 3000, y: 3 },
  ];
  assert.deepEqual(detectWarmupEnd(few, t).index, 1);
  const none = detectWarmupEnd([{ x: 500, y: 1 }], t);
  assert.equal(none.index, 1);
  assert.equal(none.requests, t.minWarmupRequests);
});

test('warmupFloor: minWarmupRequests at full speed, the 50th sample for a slow view, never under the hard floor', () => {
  const fast = collapseTiedX(singleLife({ seed: 8, growth: warmupBump(), durationMs: 20000 }));
  assert.equal(warmupFloor(fast, t), t.minWarmupRequests);
  // 25 req/s per worker: ~2.5 requests per sample, so the 50th sample comes at ~125 requests.
  const slow = collapseTiedX(singleLife({ seed: 8, growth: warmupBump({ tau: 50 }), durationMs: 60000, requestsPerSecond: 25 }));
  assert.equal(warmupFloor(slow, t), slow[FLOOR_SAMPLES - 1]!.x);
  assert.ok(warmupFloor(slow, t) < 200, String(warmupFloor(slow, t)));
  assert.equal(warmupFloor(slow, t, 900), 900, "the scenario's warm-up time is kept");
  // Fewer than 50 samples so far: extrapolated from the spacing, so "how long" is not overstated.
  const young = slow.slice(0, 20);
  const expected = Math.ceil(young[0]!.x + ((young[19]!.x - young[0]!.x) / 19) * (FLOOR_SAMPLES - 1));
  assert.equal(warmupFloor(young, t), expected);
  assert.equal(warmupFloor(young.slice(0, 1), t), t.minWarmupRequests);
});

test('a slow view leaves warm-up within seconds, not after 2,000 requests', () => {
  const slow = collapseTiedX(
    singleLife({ seed: 9, growth: warmupBump({ bytes: 1.6e6, tau: 50 }), durationMs: 120000, requestsPerSecond: 25 }),
  );
  const end = detectWarmupEnd(slow, t);
  assert.ok(end.requests < 1000, `ended at ${end.requests}`);
  assert.ok(growthAfter(slow, end.index) <= 0.5 * MiB, `${growthAfter(slow, end.index)} B after warm-up`);
  assert.ok(detectWarmupEnd(slow, t, 2500).requests >= 2500, 'the hard floor holds');
});
