import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLives, type Life } from '../../../src/analyze/lives.ts';
import { analyzeRecycling } from '../../../src/analyze/recycling.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/analyze/thresholds.ts';
import type { RestartInfo } from '../../../src/analyze/types.ts';
import { linearLeak, MiB, recycledLeak, simulateVariant, type VariantSpec, warmupBump } from './synthetic.ts';

const t = DEFAULT_THRESHOLDS;

function recycle(spec: VariantSpec) {
  const { samples, events } = simulateVariant(spec);
  const { lives, restarts } = buildLives(samples, events, 'rss');
  return analyzeRecycling(lives, restarts, t);
}

test('max_requests=1000 on a 2.7 KB/request leak: sawtooth from 2-4 samples per life', () => {
  const r = recycle(recycledLeak(1));
  assert.equal(r.sawtooth, true);
  assert.ok(r.recycles > 30);
  assert.equal(r.causes.max_requests, r.recycles);
  assert.ok(r.pooledSlope!.low > 2000 && r.pooledSlope!.high < 4500, JSON.stringify(r.pooledSlope));
  assert.ok(Math.abs(r.typicalLifeRequests - 1025) < 50);
  assert.equal(r.startsLowAgain, true);
  assert.ok(r.lateLifeGrowthBytes > 2 * MiB);
});

test('max_requests on a non-leaking app: each life repeats its warm-up bump, which is no sawtooth', () => {
  for (const maxRequests of [1000, 5000]) {
    const r = recycle({ seed: 2, growth: warmupBump(), durationMs: 20000, maxRequests, maxRequestsJitter: maxRequests / 10 });
    assert.equal(r.sawtooth, false, `max_requests ${maxRequests}`);
    assert.ok(r.lateLifeGrowthBytes < MiB);
  }
});

test('a sharp warm-up step early in each life is told apart by the late slope', () => {
  // 3 MB mostly in the first ~2000 requests of each ~5000-request life: the pooled slope alone
  // would project more than 1 MiB per life; the slope late in lives does not.
  const r = recycle({
    seed: 3,
    growth: warmupBump({ bytes: 3e6, tau: 1000 }),
    durationMs: 20000,
    maxRequests: 5000,
    maxRequestsJitter: 500,
  });
  assert.ok(r.lifeGrowthBytes > MiB, `pooled growth per life ${r.lifeGrowthBytes}`);
  assert.ok(r.lateLifeGrowthBytes < MiB, `late growth per life ${r.lateLifeGrowthBytes}`);
  assert.ok(r.lateSlopeBytesPerRequest! < r.pooledSlope!.bytesPerRequest / 2);
  assert.equal(r.sawtooth, false);
});

test('fewer than 2 recycles is never sawtooth, whatever the growth', () => {
  const r = recycle({ seed: 4, growth: linearLeak(2700), durationMs: 10000, crash: { slot: 0, atMs: 4000 } });
  assert.equal(r.recycles, 0);
  assert.equal(r.sawtooth, false);
});

test('lives that restart where the previous one ended are no sawtooth', () => {
  const life = (pid: number, start: number, y0: number, exitCause: Life['exitCause']): Life => ({
    pid,
    slot: 0,
    sampleCount: 4,
    points: [0, 1, 2, 3].map((i) => ({ x: 100 + 300 * i, y: y0 + 3000 * 300 * i })),
    firstTMs: start,
    lastTMs: start + 300,
    requests: 1000,
    exitCause,
    exitRequests: 1000,
  });
  const lives = [life(1, 0, 0, 'max_requests'), life(2, 400, 2.7e6, 'max_requests'), life(3, 800, 5.4e6, null)];
  const restarts: RestartInfo[] = lives
    .slice(0, 2)
    .map((l) => ({ pid: l.pid, slot: 0, tMs: l.lastTMs, requests: 1000, cause: 'max_requests' }));
  const r = analyzeRecycling(lives, restarts, t);
  assert.equal(r.startsLowAgain, false);
  assert.equal(r.sawtooth, false);
});
