import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonMarkdown } from '../../../src/compare/compare-markdown.ts';
import { compareRuns } from '../../../src/compare/compare-runs.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';

function variant(name: string, verdict: Verdict | undefined, slope: number): VariantRecord {
  return {
    name,
    status: verdict ? 'complete' : 'failed',
    ...(verdict ? { verdict } : {}),
    slopeBytesPerRequest: slope,
    growthBytes: 0,
    requests: 1000,
    requestsPerSecond: 100,
    errors: 0,
    workerRestarts: 0,
  };
}

function run(variants: VariantRecord[]): RunRecord {
  return {
    scenario: 'global-list',
    status: 'complete',
    startedAt: '',
    finishedAt: '',
    runId: 'r',
    target: 'local',
    quick: true,
    variants,
  };
}

test('a fix that starts leaking is a regression; a leak that got fixed is not', () => {
  const before = run([variant('fixed', 'flat', 2), variant('leaky', 'leak', 2700), variant('gone', 'flat', 0)]);
  const after = run([variant('fixed', 'leak', 900), variant('leaky', 'flat', 3), variant('new', 'flat', 0)]);
  const c = compareRuns(before, after, { maxSlopeIncrease: 128 });
  const kind = Object.fromEntries(c.changes.map((ch) => [ch.name, ch.kind]));
  assert.deepEqual(kind, { fixed: 'regression', leaky: 'improvement', gone: 'only-before', new: 'only-after' });
  assert.equal(c.regressions, 1);
  const md = comparisonMarkdown(c, { before: 'a', after: 'b' });
  assert.match(md, /\| fixed \| flat \| leak \|.*❌ regression: flat → leak/);
  assert.match(md, /\*\*1 regression\.\*\*/);
});

test('a slope that rises past the limit is a regression even with the same verdict', () => {
  const c = compareRuns(run([variant('v', 'leak', 1000)]), run([variant('v', 'leak', 1200)]), { maxSlopeIncrease: 128 });
  assert.equal(c.changes[0]?.kind, 'regression');
  assert.match(c.changes[0]?.reason ?? '', /rose by 200/);
  const loose = compareRuns(run([variant('v', 'leak', 1000)]), run([variant('v', 'leak', 1200)]), { maxSlopeIncrease: 500 });
  assert.equal(loose.regressions, 0);
});

test('a variant that did not complete is not judged', () => {
  const c = compareRuns(run([variant('v', 'flat', 0)]), run([variant('v', undefined, 0)]), { maxSlopeIncrease: 128 });
  assert.equal(c.changes[0]?.kind, 'not-judged');
});

test('inconclusive is not judged, never flat: a leak that became inconclusive is not called fixed', () => {
  const before = run([
    variant('was-leak', 'leak', 2700),
    variant('was-flat', 'flat', 2),
    variant('undecided', 'inconclusive', 60),
  ]);
  const after = run([
    variant('was-leak', 'inconclusive', 60),
    variant('was-flat', 'inconclusive', 900),
    variant('undecided', 'leak', 2700),
  ]);
  const c = compareRuns(before, after, { maxSlopeIncrease: 128 });
  const kind = Object.fromEntries(c.changes.map((ch) => [ch.name, ch.kind]));
  assert.deepEqual(kind, { 'was-leak': 'not-judged', 'was-flat': 'not-judged', undecided: 'not-judged' });
  assert.equal(c.regressions, 0);
  assert.match(c.changes[0]!.reason, /leak → inconclusive: the after run could not decide/);
  assert.match(c.changes[2]!.reason, /inconclusive → leak: the before run could not decide/);
  // The slope is still reported, so a reader sees what the undecided run measured.
  assert.equal(c.changes[1]!.slopeDelta, 898);
  const md = comparisonMarkdown(c, { before: 'a', after: 'b' });
  assert.match(md, /\| was-leak \| leak \| inconclusive \|.*⚠️ not judged: leak → inconclusive/);
  assert.doesNotMatch(md, /improvement/);
});

test('both runs inconclusive: not judged, said so', () => {
  const c = compareRuns(run([variant('v', 'inconclusive', 10)]), run([variant('v', 'inconclusive', 12)]), {
    maxSlopeIncrease: 128,
  });
  assert.equal(c.changes[0]!.kind, 'not-judged');
  assert.match(c.changes[0]!.reason, /both runs could not decide/);
});
