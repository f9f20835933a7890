// The comparison as a PR comment: one row per variant, cells that user text cannot break.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonMarkdown } from '../../../src/compare/compare-markdown.ts';
import { compareRuns } from '../../../src/compare/compare-runs.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';

function variant(
  name: string,
  verdict: Verdict | undefined,
  slope: number,
  status: VariantRecord['status'] = 'complete',
): VariantRecord {
  return {
    name,
    status,
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

const rows = (md: string) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(1);

test('a row per variant with both verdicts, both slopes and the change', () => {
  const c = compareRuns(run([variant('fixed', 'flat', 2)]), run([variant('fixed', 'leak', 5632)]), { maxSlopeIncrease: 128 });
  const md = comparisonMarkdown(c, { before: 'results/a', after: 'results/b' });
  assert.deepEqual(rows(md), ['| fixed | flat | leak | 2 B/req | 5.5 KiB/req | ❌ regression: flat → leak |']);
  assert.match(md, /^### leaklab compare: global-list\n/);
  assert.ok(md.includes('Before: `results/a` · After: `results/b`'));
  assert.ok(md.trimEnd().endsWith('**1 regression.**'));
});

test('a variant that was skipped or failed says so instead of a bare dash', () => {
  const before = run([variant('redis', 'flat', 0), variant('app', 'leak', 900)]);
  const after = run([variant('redis', undefined, 0, 'skipped'), variant('app', undefined, 0, 'failed')]);
  const md = comparisonMarkdown(compareRuns(before, after, { maxSlopeIncrease: 128 }), { before: 'a', after: 'b' });
  const [redis, app] = rows(md);
  assert.match(redis!, /^\| redis \| flat \| skipped \| 0 B\/req \| — \| ⚠️ not judged: /);
  assert.match(app!, /^\| app \| leak \| failed \| 900 B\/req \| — \|/);
  assert.ok(md.trimEnd().endsWith('No regression.'));
});

test('a variant only in one run is marked removed or new, with a dash for the missing side', () => {
  const md = comparisonMarkdown(
    compareRuns(run([variant('old', 'flat', 1)]), run([variant('new', 'flat', 1)]), { maxSlopeIncrease: 128 }),
    { before: 'a', after: 'b' },
  );
  assert.deepEqual(rows(md), [
    '| old | flat | — | 1 B/req | — | ⚠️ removed: missing from the after run |',
    '| new | — | flat | — | 1 B/req | 🆕 new: new in the after run |',
  ]);
});

test('a pipe or markup in a variant name cannot break the table or inject HTML', () => {
  const name = 'a|b <img src=x>';
  const md = comparisonMarkdown(
    compareRuns(run([variant(name, 'flat', 1)]), run([variant(name, 'flat', 1)]), { maxSlopeIncrease: 128 }),
    { before: 'a', after: 'b' },
  );
  const [row] = rows(md);
  assert.ok(row!.startsWith('| a\\|b &lt;img src=x&gt; | flat |'), row);
  assert.ok(!md.includes('<img'));
});
