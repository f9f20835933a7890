import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testPlateau } from '../../../src/analyze/plateau.ts';
import { collapseTiedX, type Point } from '../../../src/analyze/points.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/analyze/thresholds.ts';
import { boundedFill, linearLeak, MiB, singleLife } from './synthetic.ts';

const t = DEFAULT_THRESHOLDS;
const TOLERANCE = 128 * 1024;

function post(points: Point[], from = 2000): Point[] {
  return collapseTiedX(points).filter((p) => p.x >= from);
}

test('a cache that fills and stops: plateau found near where it stopped', () => {
  const pts = post(singleLife({ seed: 1, growth: boundedFill({ bytes: 2 * MiB, overRequests: 30000 }), durationMs: 30000 }));
  const r = testPlateau(pts, t, TOLERANCE);
  assert.ok(r.startRequests !== null);
  assert.ok(Math.abs(r.startRequests - 30000) < 4500, `plateau at ${r.startRequests}`);
  assert.ok(r.growthBeforeTailBytes > MiB);
  assert.ok(Math.abs(r.tailSlope!.bytesPerRequest) < 1);
});

test('a steady leak has no plateau', () => {
  const pts = post(singleLife({ seed: 2, growth: linearLeak(256), durationMs: 30000 }));
  assert.equal(testPlateau(pts, t, TOLERANCE).startRequests, null);
});

test('flat memory has no plateau: nothing grew before the tail', () => {
  const pts = post(singleLife({ seed: 3, growth: () => 0, durationMs: 30000 }));
  const r = testPlateau(pts, t, TOLERANCE);
  assert.equal(r.startRequests, null);
  assert.ok(Math.abs(r.growthBeforeTailBytes) < 64 * 1024);
});

test('a staircase leak caught between two steps is no plateau: the tail is too short to tell', () => {
  // 64 B/request in 256 KiB steps climbs once every ~4k requests; a tail of ~4k may see none.
  let found = 0;
  for (let seed = 1; seed <= 20; seed += 1) {
    const pts = post(singleLife({ seed, growth: linearLeak(64), durationMs: 5000 }));
    if (testPlateau(pts, t, TOLERANCE).startRequests !== null) found += 1;
  }
  assert.equal(found, 0);
});

test('a slow creep that merely pauses is no plateau', () => {
  const creep = (x: number) => 12 * x;
  const pts = post(singleLife({ seed: 4, growth: creep, durationMs: 60000 }));
  assert.equal(testPlateau(pts, t, TOLERANCE).startRequests, null);
});

test('too few points to split into head and tail', () => {
  const r = testPlateau(
    [
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ],
    t,
    TOLERANCE,
  );
  assert.equal(r.startRequests, null);
  assert.equal(r.tailSlope, null);
});
