import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sample } from '../../../src/run-data/types.ts';
import { extraRssPerWorker, traceCost } from '../../../src/trace/cost.ts';

const MiB = 1024 * 1024;
function s(slot: number, pid: number, requests: number, rssMiB: number): Sample {
  return { tMs: requests, variant: 'v', pid, slot, requests, rss: rssMiB * MiB, uss: null, pss: null };
}

test('extraRssPerWorker: compared per slot at the requests both passes reached', () => {
  const untraced = [s(0, 1, 0, 50), s(0, 1, 1000, 60), s(0, 1, 3000, 80)];
  // The traced pass reached only 1000 requests: the untraced one is read there too.
  const traced = [s(0, 9, 0, 70), s(0, 9, 1000, 100)];
  assert.equal(extraRssPerWorker(untraced, traced), 40 * MiB);
});

test('extraRssPerWorker: the mean over slots; a slot only one pass has is left out', () => {
  const untraced = [s(0, 1, 100, 50), s(1, 2, 100, 50), s(2, 3, 100, 50)];
  const traced = [s(0, 7, 100, 60), s(1, 8, 100, 80)];
  assert.equal(extraRssPerWorker(untraced, traced), 20 * MiB);
  assert.equal(extraRssPerWorker([], traced), 0);
});

test("extraRssPerWorker: only each slot's first worker; a recycled one restarts from zero requests", () => {
  const untraced = [s(0, 1, 500, 60), s(0, 2, 10, 40)];
  const traced = [s(0, 5, 500, 90), s(0, 6, 20, 45)];
  assert.equal(extraRssPerWorker(untraced, traced), 30 * MiB);
});

test('traceCost: throughput ratio traced/untraced and the extra RSS, rounded', () => {
  const c = traceCost(
    { samples: [s(0, 1, 10, 50)], requestsPerSecond: 1000 },
    { samples: [s(0, 2, 10, 62)], requestsPerSecond: 333.333 },
  );
  assert.deepEqual(c, { throughputRatio: 0.33, extraRssBytesPerWorker: 12 * MiB, tracedRequestsPerSecond: 333.33 });
  assert.equal(traceCost({ samples: [], requestsPerSecond: 0 }, { samples: [], requestsPerSecond: 5 }).throughputRatio, 0);
});

test('traceCost: with tracedFrom, the throughput of the traced requests alone, not the warm-up before them', () => {
  // Each worker serves 500 untraced requests in 0.5 s, then 100 traced ones in 1 s.
  const traced = [1, 2].flatMap((pid) => [
    { ...s(pid - 1, pid, 0, 50), tMs: 0 },
    { ...s(pid - 1, pid, 500, 50), tMs: 500 },
    { ...s(pid - 1, pid, 600, 50), tMs: 1500 },
  ]);
  const c = traceCost({ samples: [], requestsPerSecond: 2000 }, { samples: traced, requestsPerSecond: 400, tracedFrom: 500 });
  assert.equal(c.tracedRequestsPerSecond, 200);
  assert.equal(c.throughputRatio, 0.1);
  // No sample past the warm-up: the pass's own mean stands.
  assert.equal(
    traceCost({ samples: [], requestsPerSecond: 2000 }, { samples: traced, requestsPerSecond: 400, tracedFrom: 9999 })
      .tracedRequestsPerSecond,
    400,
  );
});
