import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeSpread, lopsidedLimit, requestsBetween, unfairRound, type WorkerSpread } from '../../../bench/worker-spread.ts';

test('the limit is halfway between an even split and one worker doing everything', () => {
  assert.equal(lopsidedLimit(2), 0.75);
  assert.equal(lopsidedLimit(4), 0.625);
  assert.equal(lopsidedLimit(8), 0.5625);
  assert.equal(lopsidedLimit(1), 1, 'one worker serving everything is the even split');
  assert.equal(lopsidedLimit(0), 1, 'no workers is treated as one, not a division by zero');
  for (let n = 2; n < 64; n++) {
    assert.ok(lopsidedLimit(n) > 1 / n, `${n} workers: an even split is never lopsided`);
    assert.ok(lopsidedLimit(n) < lopsidedLimit(n - 1), `${n} workers: the limit falls as workers are added`);
    assert.ok(lopsidedLimit(n) > 0.5, `${n} workers: a worker must serve more than half of everything`);
  }
});

test("2 workers: all of wrk's connections on one worker is lopsided, a 6/2 or 5/3 deal is not", () => {
  assert.equal(judgeSpread([9300, 700], 2)?.lopsided, true);
  assert.equal(judgeSpread([10000, 0], 2)?.lopsided, true);
  assert.equal(judgeSpread([8750, 1250], 2)?.lopsided, true, '7 of 8 connections');
  assert.equal(judgeSpread([7500, 2500], 2)?.lopsided, false, '6 of 8 connections: exactly at the limit, kept');
  assert.equal(judgeSpread([6250, 3750], 2)?.lopsided, false);
  assert.equal(judgeSpread([5000, 5000], 2)?.lopsided, false);
  assert.equal(judgeSpread([7501, 2499], 2)?.lopsided, true, 'just past the limit');
});

test('the spread reports the requests, the busiest share and the limit it was judged by', () => {
  const s = judgeSpread([300, 700], 2);
  assert.deepEqual(s, { requests: 1000, busiestShare: 0.7, limit: 0.75, lopsided: false });
});

test('a worker with no counter entry still counts: one entry for 2 workers is all on one', () => {
  const s = judgeSpread([4000], 2);
  assert.equal(s?.busiestShare, 1);
  assert.equal(s?.limit, 0.75);
  assert.equal(s?.lopsided, true);
});

test('more entries than configured workers (one replaced mid-run) judge by the entries', () => {
  // 3 entries: the limit is 2/3, so 65 % on one is not lopsided although it would be past 75 % of nothing else.
  const s = judgeSpread([650, 200, 150], 2);
  assert.equal(s?.limit, lopsidedLimit(3));
  assert.equal(s?.lopsided, false);
});

test('a single worker is never lopsided', () => {
  assert.equal(judgeSpread([5000], 1)?.lopsided, false);
});

test('4 workers: one worker with 5 of 8 connections is lopsided, 4 of 8 is not', () => {
  assert.equal(judgeSpread([625, 125, 125, 125], 4)?.lopsided, false, 'exactly 62.5 %');
  assert.equal(judgeSpread([630, 120, 125, 125], 4)?.lopsided, true);
  assert.equal(judgeSpread([500, 250, 125, 125], 4)?.lopsided, false);
});

test('nothing counted (no hooks, or no request reached the server) is not judged', () => {
  assert.equal(judgeSpread([], 2), null);
  assert.equal(judgeSpread([0, 0], 2), null);
});

test('requests between two readings are per worker; a new worker counts from zero, a gone one is left out', () => {
  const before = new Map([
    [101, 50],
    [102, 70],
    [103, 10],
  ]);
  const after = new Map([
    [101, 1050],
    [102, 70],
    [104, 300],
  ]);
  assert.deepEqual(requestsBetween(before, after), [1000, 0, 300]);
});

test('a counter that went backwards (a stale write seen first) counts as zero, not negative', () => {
  assert.deepEqual(requestsBetween(new Map([[7, 100]]), new Map([[7, 99]])), [0]);
});

test('readings to a judged spread: wrk on one worker of two', () => {
  const before = new Map([
    [1, 3],
    [2, 3],
  ]);
  const after = new Map([
    [1, 20_003],
    [2, 1_503],
  ]);
  const s = judgeSpread(requestsBetween(before, after), 2);
  assert.equal(s?.requests, 21_500);
  assert.equal(Math.round((s?.busiestShare ?? 0) * 100), 93);
  assert.equal(s?.lopsided, true);
});

const spread = (busiestShare: number, lopsided: boolean): WorkerSpread => ({
  requests: 1000,
  busiestShare,
  limit: 0.75,
  lopsided,
});

test('a round is unfair when either client piled onto one worker, and says which and how much', () => {
  assert.equal(
    unfairRound({ wrk: spread(0.93, true), leaklab: spread(0.52, false) }),
    "wrk's connections landed on one worker (93 % of requests)",
  );
  assert.equal(
    unfairRound({ wrk: spread(0.5, false), leaklab: spread(0.8, true) }),
    "leaklab's connections landed on one worker (80 % of requests)",
  );
  assert.equal(
    unfairRound({ wrk: spread(1, true), leaklab: spread(0.996, true) }),
    "wrk's connections landed on one worker (100 % of requests); leaklab's connections landed on one worker (100 % of requests)",
  );
});

test('a round is fair when both spread, or when the spread is unknown', () => {
  assert.equal(unfairRound({ wrk: spread(0.6, false), leaklab: spread(0.5, false) }), null);
  assert.equal(unfairRound({ wrk: null, leaklab: null }), null);
  assert.equal(unfairRound({ wrk: null, leaklab: spread(0.55, false) }), null);
});
