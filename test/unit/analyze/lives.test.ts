import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aliveSinceOf, buildLife, buildLives, exitCauseOf, sortLives } from '../../../src/analyze/lives.ts';
import type { Sample, WorkerEvent } from '../../../src/run-data/types.ts';

function sample(tMs: number, pid: number, slot: number, requests: number, rss: number, uss: number | null = null): Sample {
  return { tMs, variant: 'v', pid, slot, requests, rss, uss, pss: null };
}

/** pid 1 runs to the end; pid 2 stops at 300 ms; pid 3 replaces it. */
function run(): Sample[] {
  const rows: Sample[] = [];
  for (let t = 0; t <= 1000; t += 100) rows.push(sample(t, 1, 0, t * 3, 1000 + t));
  for (let t = 0; t <= 300; t += 100) rows.push(sample(t, 2, 1, t * 3, 2000 + t));
  for (let t = 400; t <= 1000; t += 100) rows.push(sample(t, 3, 1, (t - 400) * 3, 3000 + t));
  return rows.reverse(); // any order
}

test('one life per pid, sorted by slot then start, points without the 0-request boot sample', () => {
  const { lives } = buildLives(run(), [], 'rss');
  assert.deepEqual(
    lives.map((l) => l.pid),
    [1, 2, 3],
  );
  const [first] = lives;
  assert.equal(first!.sampleCount, 11);
  assert.equal(first!.points.length, 10);
  assert.deepEqual(first!.points[0], { x: 300, y: 1100 });
  assert.equal(first!.requests, 3000);
});

test('a pid that stops without an exit event before the end is an unknown restart; one alive at the end is not', () => {
  const { lives, restarts } = buildLives(run(), [], 'rss');
  assert.equal(lives[0]!.exitCause, null);
  assert.equal(lives[1]!.exitCause, 'unknown');
  assert.equal(lives[2]!.exitCause, null);
  assert.deepEqual(restarts, [{ pid: 2, slot: 1, tMs: 300, requests: 900, cause: 'unknown' }]);
});

test('exit events give the cause; shutdown exits are not restarts; other variants are ignored', () => {
  const events: WorkerEvent[] = [
    { tMs: 350, variant: 'v', kind: 'exit', pid: 2, slot: 1, cause: 'max_requests', requests: 1000 },
    { tMs: 1000, variant: 'v', kind: 'exit', pid: 1, slot: 0, cause: 'shutdown', requests: 3000 },
    { tMs: 1000, variant: 'v', kind: 'exit', pid: 3, slot: 1, cause: 'shutdown' },
    { tMs: 500, variant: 'other', kind: 'exit', pid: 1, slot: 0, cause: 'crash' },
    { tMs: 600, variant: 'v', kind: 'exit', pid: 99, slot: 1, cause: 'timeout' },
  ];
  const { lives, restarts } = buildLives(run(), events, 'rss');
  assert.equal(lives[0]!.exitCause, 'shutdown');
  assert.equal(lives[1]!.exitCause, 'max_requests');
  assert.equal(lives[1]!.exitRequests, 1000);
  assert.deepEqual(restarts, [
    { pid: 2, slot: 1, tMs: 350, requests: 1000, cause: 'max_requests' },
    { pid: 99, slot: 1, tMs: 600, requests: null, cause: 'timeout' },
  ]);
});

test('an exit event without a cause counts as unknown', () => {
  const events: WorkerEvent[] = [{ tMs: 350, variant: 'v', kind: 'exit', pid: 2, slot: 1 }];
  const { restarts } = buildLives(run(), events, 'rss');
  assert.deepEqual(
    restarts.map((r) => r.cause),
    ['unknown'],
  );
  assert.equal(restarts[0]!.requests, 900);
});

test('uss/pss use only the samples that carry them, timing still uses every sample', () => {
  const rows = [
    sample(0, 1, 0, 0, 10, 5),
    sample(100, 1, 0, 300, 11, null),
    sample(200, 1, 0, 600, 12, 7),
    sample(300, 1, 0, 900, 13, null),
  ];
  const { lives } = buildLives(rows, [], 'uss');
  assert.equal(lives[0]!.sampleCount, 2);
  assert.deepEqual(lives[0]!.points, [{ x: 600, y: 7 }]);
  assert.equal(lives[0]!.lastTMs, 300);
  assert.equal(lives[0]!.exitCause, null);
});

test('idle samples (same request count) collapse to one point', () => {
  const rows = [sample(0, 1, 0, 100, 10), sample(100, 1, 0, 100, 30), sample(200, 1, 0, 100, 20), sample(300, 1, 0, 400, 40)];
  assert.deepEqual(buildLives(rows, [], 'rss').lives[0]!.points, [
    { x: 100, y: 20 },
    { x: 400, y: 40 },
  ]);
});

test('no samples: no lives, restarts from events only', () => {
  const events: WorkerEvent[] = [{ tMs: 5, variant: 'v', kind: 'exit', pid: 7, slot: 0, cause: 'crash', requests: 12 }];
  const { lives, restarts } = buildLives([], events, 'rss');
  assert.equal(lives.length, 0);
  assert.equal(restarts.length, 1);
});

test('buildLife, one pid at a time, is what buildLives makes of it (the live judge builds lives one by one)', () => {
  const rows = run();
  const { lives } = buildLives(rows, [], 'rss');
  const byPid = new Map<number, Sample[]>();
  for (const r of rows) byPid.set(r.pid, [...(byPid.get(r.pid) ?? []), r]);
  const aliveSince = aliveSinceOf(byPid, 1000);
  assert.equal(aliveSince, 700, 'three 100 ms intervals before the end');
  const one = sortLives([...byPid].map(([pid, r]) => buildLife(pid, r, undefined, aliveSince, 'rss')));
  assert.deepEqual(one, lives);
});

test('exitCauseOf: the event wins; without one, alive while sampled recently, else vanished', () => {
  const exit: WorkerEvent = { tMs: 300, variant: 'v', kind: 'exit', pid: 2, slot: 1, cause: 'max_requests', requests: 900 };
  assert.equal(exitCauseOf(300, exit, 700), 'max_requests');
  assert.equal(exitCauseOf(300, { ...exit, cause: undefined }, 700), 'unknown');
  assert.equal(exitCauseOf(900, undefined, 700), null);
  assert.equal(exitCauseOf(300, undefined, 700), 'unknown');
});
