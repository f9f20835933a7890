import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLDS } from '../../../src/analyze/thresholds.ts';
import { combineVerdicts, judgeLife } from '../../../src/analyze/verdict.ts';

const t = DEFAULT_THRESHOLDS;
const MiB = 1024 * 1024;
const slope = (bytesPerRequest: number, low: number, high: number) => ({ bytesPerRequest, low, high, level: 0.95 });

test('judgeLife: each rule in order', () => {
  assert.deepEqual(judgeLife({ slope: null, growthBytes: 9 * MiB, plateauFound: false }, t), {
    verdict: 'inconclusive',
    reason: 'too-short',
  });
  assert.deepEqual(judgeLife({ slope: slope(2700, 2600, 2800), growthBytes: 0.5 * MiB, plateauFound: false }, t), {
    verdict: 'inconclusive',
    reason: 'still-rising',
  });
  assert.deepEqual(judgeLife({ slope: slope(17, 16, 18), growthBytes: 0.5 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'no-material-growth',
  });
  assert.deepEqual(judgeLife({ slope: slope(40, 30, 50), growthBytes: 2 * MiB, plateauFound: true }, t), {
    verdict: 'bounded',
    reason: 'plateau',
  });
  assert.deepEqual(judgeLife({ slope: slope(8, 7, 9), growthBytes: 2 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'slope-below-threshold',
  });
  assert.deepEqual(judgeLife({ slope: slope(40, -3, 90), growthBytes: 2 * MiB, plateauFound: false }, t), {
    verdict: 'flat',
    reason: 'slope-not-significant',
  });
  assert.deepEqual(judgeLife({ slope: slope(2700, 2600, 2800), growthBytes: 20 * MiB, plateauFound: false }, t), {
    verdict: 'leak',
    reason: 'leak',
  });
});

test('judgeLife: under material growth, flat only once the slope is surely under the threshold', () => {
  const young = { growthBytes: 0.3 * MiB, plateauFound: false };
  // The interval reaches the threshold: it may still be a leak.
  assert.equal(judgeLife({ ...young, slope: slope(20, 5, 32) }, t).verdict, 'inconclusive');
  assert.equal(judgeLife({ ...young, slope: slope(20, 5, 31.9) }, t).verdict, 'flat');
  // A wide interval around zero, from noise: not enough to tell.
  assert.deepEqual(judgeLife({ ...young, slope: slope(-5, -80, 70) }, t), { verdict: 'inconclusive', reason: 'too-short' });
  assert.deepEqual(judgeLife({ ...young, slope: slope(5, -80, 70) }, t), { verdict: 'inconclusive', reason: 'still-rising' });
  // Memory ended lower than warm-up left it: not rising, whatever the pairs say (circular-refs gc-collect).
  assert.equal(judgeLife({ slope: slope(51, 44, 57), growthBytes: -1.3 * MiB, plateauFound: false }, t).verdict, 'flat');
  // The evidence floors (points, noise-scaled requests) not met: a settled slope is still "not yet".
  assert.deepEqual(judgeLife({ ...young, slope: slope(2, 1, 3), enoughEvidence: false }, t), {
    verdict: 'inconclusive',
    reason: 'too-short',
  });
  // The floors only guard flat: a material leak is a leak.
  assert.equal(
    judgeLife({ slope: slope(2700, 2600, 2800), growthBytes: 20 * MiB, plateauFound: false, enoughEvidence: false }, t).verdict,
    'leak',
  );
});

test('combineVerdicts: leak needs more than half; a 1-1 split is inconclusive', () => {
  assert.deepEqual(
    combineVerdicts([
      { verdict: 'leak', requests: 10 },
      { verdict: 'leak', requests: 10 },
    ]),
    { verdict: 'leak', agreement: 1 },
  );
  assert.deepEqual(
    combineVerdicts([
      { verdict: 'leak', requests: 10 },
      { verdict: 'flat', requests: 10 },
    ]),
    {
      verdict: 'inconclusive',
      agreement: 0.5,
      reason: 'workers-disagree',
    },
  );
  assert.equal(
    combineVerdicts([
      { verdict: 'leak', requests: 10 },
      { verdict: 'bounded', requests: 10 },
    ]).reason,
    'workers-disagree',
  );
  const three = combineVerdicts([
    { verdict: 'leak', requests: 10 },
    { verdict: 'bounded', requests: 10 },
    { verdict: 'flat', requests: 10 },
  ]);
  assert.equal(three.verdict, 'inconclusive');
  assert.equal(three.reason, 'workers-disagree');
  const two = combineVerdicts([
    { verdict: 'leak', requests: 10 },
    { verdict: 'leak', requests: 10 },
    { verdict: 'flat', requests: 10 },
  ]);
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
  assert.deepEqual(combineVerdicts([]), { verdict: 'inconclusive', agreement: 0, reason: 'too-few-requests' });
});

test('combineVerdicts: undecided lives are never counted as flat', () => {
  const half = combineVerdicts([
    { verdict: 'flat', requests: 10 },
    { verdict: 'inconclusive', requests: 10 },
  ]);
  assert.deepEqual(half, { verdict: 'inconclusive', agreement: 0.5, reason: 'too-few-requests' });
  const most = combineVerdicts([
    { verdict: 'flat', requests: 10 },
    { verdict: 'flat', requests: 10 },
    { verdict: 'inconclusive', requests: 10 },
  ]);
  assert.equal(most.verdict, 'flat');
  assert.ok(Math.abs(most.agreement - 2 / 3) < 1e-9);
  // A short undecided life (a late replacement) weighs in proportion to what it served.
  const late = combineVerdicts([
    { verdict: 'leak', requests: 100 },
    { verdict: 'inconclusive', requests: 10 },
  ]);
  assert.equal(late.verdict, 'leak');
  const split = combineVerdicts([
    { verdict: 'leak', requests: 10 },
    { verdict: 'flat', requests: 10 },
    { verdict: 'inconclusive', requests: 10 },
  ]);
  assert.equal(split.reason, 'workers-disagree');
});
