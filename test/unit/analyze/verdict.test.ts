import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLDS } from '../../../src/analyze/thresholds.ts';
import { combineVerdicts, judgeLife } from '../../../src/analyze/verdict.ts';

const t = DEFAULT_THRESHOLDS;
const MiB = 1024 * 1024;
const slope = (bytesPerRequest: number, low: number, high: number) => ({ bytesPerRequest, low, high, level: 0.95 });

test('judgeLife: each rule in order', () => {
  assert.deepEqual(judgeLife({ slope: null, growthBytes: 9 * MiB, plateauFound: false }, t), { verdict: 'flat', reason: 'too-short' });
  assert.deepEqual(judgeLife({ slope: slope(2700, 2600, 2800), growthBytes: 0.5 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'no-material-growth',
  });
  assert.deepEqual(judgeLife({ slope: slope(40, 30, 50), growthBytes: 2 * MiB, plateauFound: true }, t), { verdict: 'bounded', reason: 'plateau' });
  assert.deepEqual(judgeLife({ slope: slope(8, 7, 9), growthBytes: 2 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'slope-below-threshold',
  });
  assert.deepEqual(judgeLife({ slope: slope(40, -3, 90), growthBytes: 2 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'slope-not-significant',
  });
  assert.deepEqual(judgeLife({ slope: slope(2700, 2600, 2800), growthBytes: 20 * MiB, plateauFound: false }, t), { verdict: 'leak', reason: 'leak' });
});

test('combineVerdicts: leak needs more than half; a 1-1 split takes the milder verdict', () => {
  assert.deepEqual(combineVerdicts([{ verdict: 'leak', requests: 10 }, { verdict: 'leak', requests: 10 }]), { verdict: 'leak', agreement: 1 });
  assert.equal(combineVerdicts([{ verdict: 'leak', requests: 10 }, { verdict: 'flat', requests: 10 }]).verdict, 'flat');
  assert.equal(combineVerdicts([{ verdict: 'leak', requests: 10 }, { verdict: 'bounded', requests: 10 }]).verdict, 'bounded');
  const two = combineVerdicts([{ verdict: 'leak', requests: 10 }, { verdict: 'leak', requests: 10 }, { verdict: 'flat', requests: 10 }]);
  assert.equal(two.verdict, 'leak');
  assert.ok(Math.abs(two.agreement - 2 / 3) < 1e-9);
});

test('combineVerdicts: a life that served little cannot outvote the long ones', () => {
  const r = combineVerdicts([
    { verdict: 'flat', requests: 100000 },
    { verdict: 'flat', requests: 90000 },
    { verdict: 'leak', requests: 5000 },
    { verdict: 'leak', requests: 5000 },
    { verdict: 'leak', requests: 5000 },
  ]);
  assert.equal(r.verdict, 'flat');
  assert.equal(combineVerdicts([]).verdict, 'flat');
});
