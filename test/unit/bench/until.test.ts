// The bench's until line: both storm times and both verdicts, how the until run ended, and a
// loud word when stopping early changed the verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type UntilComparison, untilLine } from '../../../bench/until.ts';

const pair = (until: Partial<UntilComparison['until']> = {}): UntilComparison => ({
  label: 'global-list leaky',
  variant: 'leaky',
  expected: 'leak',
  fixed: { seconds: 20, requests: 52_000, verdict: 'leak' },
  until: {
    seconds: 7,
    requests: 18_000,
    verdict: 'leak',
    stoppedBy: 'verdict',
    decidedAfterSeconds: 7.1,
    liveVerdict: 'leak',
    ...until,
  },
});

test('the line gives both times, both verdicts, and how much shorter the until run was', () => {
  assert.equal(
    untilLine(pair()),
    'until: global-list leaky: fixed-length 20 s (52000 requests) -> leak; until decided 7 s (18000 requests) -> leak, ' +
      'stopped by verdict at 7.1 s (65 % shorter); same verdict, expected leak',
  );
});

test('a run that reached its cap, or whose verdict changed, says so', () => {
  const capped = untilLine(
    pair({ seconds: 20, verdict: 'inconclusive', stoppedBy: 'cap', decidedAfterSeconds: undefined, liveVerdict: 'inconclusive' }),
  );
  assert.match(capped, /until decided 20 s \(18000 requests\) -> inconclusive, stopped by cap \(0 % shorter\); VERDICTS DIFFER/);
  const changed = untilLine(pair({ verdict: 'flat', liveVerdict: 'leak' }));
  assert.match(changed, /-> flat, stopped by verdict at 7\.1 s, live verdict leak/);
  assert.match(changed, /VERDICTS DIFFER, expected leak$/);
});
