import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartData, downsample, lineKey } from '../../../src/report/chart-data.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { fixtureSamples, MAX_REQUESTS, MIB } from './fixtures.ts';

test("a slot's later lives continue x from where the previous life ended", () => {
  const { rows } = chartData(fixtureSamples());
  const line = rows.filter((r) => r.line === lineKey('leaky-max-requests', 0));
  const lives = [...new Set(line.map((r) => r.pid))];
  assert.equal(lives.length, 4);
  for (const [i, pid] of lives.entries()) {
    const xs = line.filter((r) => r.pid === pid).map((r) => r.requests);
    assert.equal(Math.min(...xs), i * MAX_REQUESTS, `life ${i} starts where life ${i - 1} ended`);
    assert.equal(Math.max(...xs), (i + 1) * MAX_REQUESTS);
  }
});

test("restart marks sit on the last point of every life but the slot's last", () => {
  const { restarts } = chartData(fixtureSamples());
  const slot0 = restarts.filter((r) => r.line === lineKey('leaky-max-requests', 0));
  assert.deepEqual(
    slot0.map((r) => r.requests),
    [1, 2, 3].map((n) => n * MAX_REQUESTS),
  );
  assert.equal(restarts.filter((r) => r.variant === 'leaky').length, 0);
});

test('y is MiB of the chosen metric, and samples without it are skipped', () => {
  const samples = fixtureSamples();
  const rss = chartData(samples).rows;
  const uss = chartData(samples, { metric: 'uss' }).rows;
  assert.equal(rss.length, samples.length);
  assert.equal(uss.length, samples.filter((s) => s.uss !== null).length);
  assert.ok(uss.length < rss.length);
  const first = samples.find((s) => s.uss !== null)!;
  const row = uss.find((r) => r.pid === first.pid && r.requests === first.requests)!;
  assert.equal(row.mib, first.uss! / MIB);
  assert.equal(chartData(samples, { metric: 'pss' }).rows.length, 0);
});

test('rows keep drawing order along each line', () => {
  const { rows } = chartData(fixtureSamples());
  const line = rows.filter((r) => r.line === lineKey('leaky-max-requests', 1));
  for (let i = 1; i < line.length; i++) assert.ok(line[i]!.seq > line[i - 1]!.seq);
});

test('downsampling caps a line and keeps its peaks, troughs and ends', () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ i, mib: 40 + (i % 1000) / 100 }));
  rows[4321]!.mib = 500;
  rows[7777]!.mib = 1;
  const kept = downsample(rows, 1500);
  assert.ok(kept.length <= 1500, `${kept.length} points`);
  assert.ok(kept.length > 1000);
  assert.ok(
    kept.some((r) => r.i === 4321),
    'spike kept',
  );
  assert.ok(
    kept.some((r) => r.i === 7777),
    'dip kept',
  );
  assert.equal(kept[0]!.i, 0);
  assert.equal(kept.at(-1)!.i, 9999);
  for (let k = 1; k < kept.length; k++) assert.ok(kept[k]!.i > kept[k - 1]!.i, 'order kept');
  // every sawtooth peak (i % 1000 === 999) survives
  for (let p = 999; p < 10_000; p += 1000)
    assert.ok(
      kept.some((r) => r.i === p),
      `peak ${p}`,
    );
});

test('chartData downsamples per variant×slot line', () => {
  const samples: Sample[] = [];
  for (const slot of [0, 1]) {
    for (let r = 0; r < 6000; r++) {
      samples.push({
        tMs: r,
        variant: 'v',
        pid: 10 + slot,
        slot,
        requests: r,
        rss: (40 + (r === 3000 ? 50 : 0)) * MIB,
        uss: null,
        pss: null,
      });
    }
  }
  const { rows } = chartData(samples, { maxPointsPerLine: 1500 });
  for (const slot of [0, 1]) {
    const line = rows.filter((r) => r.slot === slot);
    assert.ok(line.length <= 1500 && line.length > 700, `${line.length}`);
    assert.equal(Math.max(...line.map((r) => r.mib)), 90);
  }
});

test('a sample whose request count went down (a misread 0 mid-life) is left out of the line', () => {
  const at = (tMs: number, requests: number, mib: number) => ({
    tMs,
    variant: 'v',
    pid: 7,
    slot: 0,
    requests,
    rss: mib * 1024 * 1024,
    uss: null,
    pss: null,
  });
  const { rows } = chartData([at(0, 0, 40), at(100, 500, 45), at(200, 0, 46), at(300, 900, 47)]);
  assert.deepEqual(
    rows.map((r) => [r.requests, r.mib]),
    [
      [0, 40],
      [500, 45],
      [900, 47],
    ],
  );
});

test("a recycled worker's samples after its last request (exiting, memory falling) are not drawn", () => {
  const at = (tMs: number, pid: number, requests: number, mib: number) => ({
    tMs,
    variant: 'v',
    pid,
    slot: 0,
    requests,
    rss: mib * 1024 * 1024,
    uss: null,
    pss: null,
  });
  const { rows, restarts } = chartData([
    at(0, 1, 0, 40),
    at(100, 1, 1000, 50),
    at(200, 1, 1000, 50),
    at(300, 1, 1000, 47),
    at(400, 2, 0, 40),
    at(500, 2, 600, 44),
    at(600, 2, 600, 43),
  ]);
  assert.deepEqual(
    rows.map((r) => [r.requests, r.mib]),
    [
      [0, 40],
      [1000, 50],
      [1000, 40],
      [1600, 44],
      [1600, 43],
    ],
  );
  // The restart is marked at the old worker's peak, where its line ends.
  assert.deepEqual(
    restarts.map((r) => [r.requests, r.mib]),
    [[1000, 50]],
  );
});
