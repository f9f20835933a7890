// The gate's rules one at a time, on hand-made records: each boundary with its exact kind and
// reason. The same rules on recorded runs, through the command line: cli/compare-gate.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRuns, compareVariant } from '../../../src/compare/compare-runs.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import { judgedRecord, runRecord } from '../fixtures/records.ts';

const LIMIT = { maxSlopeIncrease: 128 };

function variant(
  name: string,
  verdict: Verdict | undefined,
  slope: number,
  extra: Partial<VariantRecord> & { interval?: [number, number] } = {},
): VariantRecord {
  const { interval, ...rest } = extra;
  return {
    ...judgedRecord(name, verdict, slope, verdict ? 'complete' : 'failed'),
    ...(interval && verdict
      ? {
          analysis: {
            verdict,
            confidence: 0.9,
            metric: 'rss',
            slope: { bytesPerRequest: slope, low: interval[0], high: interval[1], level: 0.95 },
            growthBytes: 0,
            warmupEndRequests: 0,
            plateauStartRequests: null,
            restarts: [],
            workers: [],
            explanation: [],
          },
        }
      : {}),
    ...rest,
  };
}

const run = (variants: VariantRecord[], status: RunRecord['status'] = 'complete'): RunRecord =>
  runRecord('global-list', variants, { status, quick: true });

const judge = (b: VariantRecord | undefined, a: VariantRecord | undefined) => {
  const c = compareVariant('v', b, a, LIMIT);
  return `${c.kind}: ${c.reason}`;
};

test('every step up flat < bounded < sawtooth < leak is a regression, whatever the slope', () => {
  const order: Verdict[] = ['flat', 'bounded', 'sawtooth', 'leak'];
  for (const [i, from] of order.entries()) {
    for (const to of order.slice(i + 1)) {
      assert.equal(judge(variant('v', from, 100), variant('v', to, 100)), `regression: ${from} → ${to}`);
    }
  }
});

test('leak or sawtooth to flat or bounded is "fixed"; any other step down is "improved"', () => {
  assert.equal(judge(variant('v', 'leak', 5000), variant('v', 'flat', 2)), 'fixed: leak → flat');
  assert.equal(judge(variant('v', 'sawtooth', 5000), variant('v', 'bounded', 2)), 'fixed: sawtooth → bounded');
  assert.equal(judge(variant('v', 'leak', 5000), variant('v', 'sawtooth', 5000)), 'improved: leak → sawtooth');
  assert.equal(judge(variant('v', 'bounded', 50), variant('v', 'flat', 2)), 'improved: bounded → flat');
});

test('a slope rise counts only past the limit AND with the two intervals apart', () => {
  const at = (slope: number, interval: [number, number]) => variant('v', 'leak', slope, { interval });
  // Past the limit, intervals apart: regression.
  assert.equal(
    judge(at(1000, [990, 1010]), at(1200, [1190, 1210])),
    'regression: slope rose by 200 B/request (limit 128), outside both intervals',
  );
  // Exactly the limit is allowed.
  assert.equal(judge(at(1000, [999, 1001]), at(1128, [1127, 1129])), 'unchanged: same verdict');
  // Past the limit, intervals touch: noise.
  assert.equal(
    judge(at(1000, [900, 1100]), at(1200, [1100, 1300])),
    'unchanged: same verdict; slope rose by 200 B/request but the intervals overlap (noise)',
  );
  // Intervals apart but within the limit: too small to matter.
  assert.equal(judge(at(1000, [999, 1001]), at(1100, [1099, 1101])), 'unchanged: same verdict');
});

test('without recorded intervals a rise past the limit stands (no evidence that it is noise)', () => {
  assert.equal(
    judge(variant('v', 'leak', 1000), variant('v', 'leak', 1200)),
    'regression: slope rose by 200 B/request (limit 128), no intervals recorded',
  );
  assert.equal(
    compareRuns(run([variant('v', 'leak', 1000)]), run([variant('v', 'leak', 1200)]), { maxSlopeIncrease: 500 }).regressions,
    0,
  );
});

test('a slope fall past the limit with the intervals apart is "improved"; a verdict that got worse wins over a fall', () => {
  const at = (v: Verdict, slope: number, interval: [number, number]) => variant('v', v, slope, { interval });
  assert.equal(
    judge(at('leak', 8000, [7990, 8010]), at('leak', 5000, [4990, 5010])),
    'improved: slope fell by 3000 B/request, outside both intervals',
  );
  assert.equal(judge(at('flat', 8000, [7990, 8010]), at('leak', 5000, [4990, 5010])), 'regression: flat → leak');
});

test('anything judged that becomes inconclusive is a regression; undecided before is not compared', () => {
  for (const from of ['flat', 'bounded', 'sawtooth', 'leak'] as const) {
    assert.equal(
      judge(variant('v', from, 10), variant('v', 'inconclusive', 10)),
      `regression: ${from} → inconclusive: the after run could not decide`,
    );
  }
  assert.equal(
    judge(variant('v', 'inconclusive', 10), variant('v', 'inconclusive', 12)),
    'not-compared: inconclusive in both runs',
  );
  assert.equal(
    judge(variant('v', 'inconclusive', 10), variant('v', 'leak', 2700)),
    'not-compared: inconclusive → leak: the before run could not decide',
  );
});

test('failed, skipped or missing in the after run is a regression; new in the after run is not', () => {
  const skipped = (v: VariantRecord): VariantRecord => ({ ...v, status: 'skipped', skipReason: 'needs Redis' });
  assert.equal(judge(variant('v', 'flat', 0), variant('v', undefined, 0)), 'regression: failed in the after run');
  assert.equal(judge(variant('v', undefined, 0), variant('v', undefined, 0)), 'regression: failed in the after run too');
  assert.equal(judge(variant('v', 'flat', 0), undefined), 'regression: missing from the after run');
  assert.equal(judge(variant('v', 'flat', 0), skipped(variant('v', undefined, 0))), 'regression: skipped in the after run only');
  assert.equal(
    judge(skipped(variant('v', undefined, 0)), skipped(variant('v', undefined, 0))),
    'not-compared: skipped in both runs',
  );
  assert.equal(judge(undefined, variant('v', 'leak', 0)), 'new: new in the after run');
  assert.equal(
    judge(variant('v', undefined, 0), variant('v', 'flat', 0)),
    'not-compared: failed in the before run: nothing to compare with',
  );
  // A complete record without a verdict (analysis never ran) cannot pass either.
  assert.equal(
    judge(variant('v', 'flat', 0), { ...variant('v', undefined, 0), status: 'complete' }),
    'regression: no verdict in the after run',
  );
});

test('an after run that failed or was interrupted is a regression of its own, on top of its variants', () => {
  const b = run([variant('a', 'flat', 0), variant('b', 'flat', 0)]);
  const failed = compareRuns(b, run([], 'failed'), LIMIT);
  assert.deepEqual(failed.runProblems, ['the after run failed']);
  assert.equal(failed.regressions, 3);
  const interrupted = compareRuns(b, run([variant('a', 'flat', 0)], 'interrupted'), LIMIT);
  assert.deepEqual(interrupted.runProblems, ['the after run was interrupted']);
  assert.equal(interrupted.regressions, 2);
  // A failed before run is no fault of the change.
  assert.equal(compareRuns(run([variant('a', 'flat', 0)], 'failed'), run([variant('a', 'flat', 0)]), LIMIT).regressions, 0);
});

test('the variants come in before-run order, then the new ones; the scenario is named once', () => {
  const c = compareRuns(
    run([variant('x', 'flat', 0), variant('y', 'flat', 0)]),
    run([variant('z', 'flat', 0), variant('x', 'flat', 0)]),
    LIMIT,
  );
  assert.deepEqual(
    c.changes.map((ch) => `${ch.name}:${ch.kind}`),
    ['x:unchanged', 'y:regression', 'z:new'],
  );
  assert.equal(c.scenario, 'global-list');
  assert.equal(c.changes[0]!.slopeDelta, 0);
  assert.equal(c.changes[1]!.slopeDelta, null);
});
