import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFairRounds } from '../../../bench/fair-rounds.ts';

interface Attempt {
  round: number;
  attempt: number;
  outcome: 'fair' | 'unfair';
}

/** A round runner that returns the scripted outcomes in order ('fair' or 'unfair'), recording each call. */
function scripted(outcomes: ('fair' | 'unfair')[]) {
  const calls: [number, number][] = [];
  let i = 0;
  return {
    calls,
    run: async (round: number, attempt: number): Promise<Attempt> => {
      calls.push([round, attempt]);
      const outcome = outcomes[i++];
      if (outcome === undefined) throw new Error(`more attempts than scripted: round ${round}, attempt ${attempt}`);
      return { round, attempt, outcome };
    },
    unfair: (r: Attempt) => (r.outcome === 'unfair' ? "wrk's connections landed on one worker (93 % of requests)" : null),
  };
}

test('fair rounds run once each and are all kept', async () => {
  const s = scripted(['fair', 'fair', 'fair']);
  const lines: string[] = [];
  const r = await runFairRounds({ rounds: 3, maxRepeats: 3, run: s.run, unfair: s.unfair, say: (l) => lines.push(l) });
  assert.deepEqual(s.calls, [
    [1, 1],
    [2, 1],
    [3, 1],
  ]);
  assert.equal(r.kept.length, 3);
  assert.deepEqual(r.rejected, []);
  assert.deepEqual(lines, []);
});

test('an unfair round is repeated, said so, and the fair repeat is kept in its place', async () => {
  const s = scripted(['fair', 'unfair', 'fair', 'fair']);
  const lines: string[] = [];
  const r = await runFairRounds({ rounds: 3, maxRepeats: 3, run: s.run, unfair: s.unfair, say: (l) => lines.push(l) });
  assert.deepEqual(s.calls, [
    [1, 1],
    [2, 1],
    [2, 2],
    [3, 1],
  ]);
  assert.deepEqual(
    r.kept.map((k) => [k.round, k.attempt]),
    [
      [1, 1],
      [2, 2],
      [3, 1],
    ],
  );
  assert.deepEqual(lines, ["round 2: wrk's connections landed on one worker (93 % of requests), repeated"]);
  assert.equal(r.rejected.length, 1);
  assert.equal(r.rejected[0]?.discarded, false);
  assert.equal(r.rejected[0]?.result.attempt, 1, 'the unfair attempt is kept for the record');
});

test('a round unfair in every try is discarded after maxRepeats repeats, and the next round still runs', async () => {
  const s = scripted(['unfair', 'unfair', 'unfair', 'fair']);
  const lines: string[] = [];
  const r = await runFairRounds({ rounds: 2, maxRepeats: 2, run: s.run, unfair: s.unfair, say: (l) => lines.push(l) });
  assert.deepEqual(s.calls, [
    [1, 1],
    [1, 2],
    [1, 3],
    [2, 1],
  ]);
  assert.deepEqual(lines, [
    "round 1: wrk's connections landed on one worker (93 % of requests), repeated",
    "round 1: wrk's connections landed on one worker (93 % of requests), repeated",
    "round 1: wrk's connections landed on one worker (93 % of requests) in all 3 tries, discarded",
  ]);
  assert.deepEqual(
    r.kept.map((k) => k.round),
    [2],
  );
  assert.deepEqual(
    r.rejected.map((x) => [x.round, x.attempt, x.discarded]),
    [
      [1, 1, false],
      [1, 2, false],
      [1, 3, true],
    ],
  );
});

test('maxRepeats 0 discards an unfair round at once, never repeating it', async () => {
  const s = scripted(['unfair', 'fair']);
  const lines: string[] = [];
  const r = await runFairRounds({ rounds: 2, maxRepeats: 0, run: s.run, unfair: s.unfair, say: (l) => lines.push(l) });
  assert.equal(s.calls.length, 2);
  assert.deepEqual(lines, ["round 1: wrk's connections landed on one worker (93 % of requests) in all 1 tries, discarded"]);
  assert.equal(r.kept.length, 1);
});

test('no rounds asked: nothing runs', async () => {
  const s = scripted([]);
  const r = await runFairRounds({
    rounds: 0,
    maxRepeats: 3,
    run: s.run,
    unfair: s.unfair,
    say: () => assert.fail('nothing to say'),
  });
  assert.deepEqual(r, { kept: [], rejected: [] });
});
