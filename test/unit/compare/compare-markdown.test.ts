// The comparison as a PR comment: the answer on the first line, one row per variant, cells
// that user text cannot break, and chart links that work from the comment's folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonMarkdown, headline } from '../../../src/compare/compare-markdown.ts';
import { compareRuns } from '../../../src/compare/compare-runs.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import { judgedRecord, runRecord } from '../fixtures/records.ts';

const LIMIT = { maxSlopeIncrease: 128 };

const variant = (
  name: string,
  verdict: Verdict | undefined,
  slope: number,
  status: VariantRecord['status'] = 'complete',
): VariantRecord => judgedRecord(name, verdict, slope, status);

const run = (variants: VariantRecord[], status: RunRecord['status'] = 'complete'): RunRecord =>
  runRecord('global-list', variants, { status, quick: true });

const rows = (md: string) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(1);

test('the first line is the answer; a row per variant with both verdicts, both slopes and the change', () => {
  const c = compareRuns(run([variant('fixed', 'flat', 2)]), run([variant('fixed', 'leak', 5632)]), LIMIT);
  const md = comparisonMarkdown(c, { before: 'run-a', after: 'run-b' });
  assert.equal(md.split('\n')[0], '### ❌ global-list: 1 regression (fixed: flat → leak)');
  assert.deepEqual(rows(md), ['| fixed | flat | leak | 2 B/req | 5.5 KiB/req | ❌ regression: flat → leak |']);
  assert.ok(md.includes('Before: `run-a` · After: `run-b`'));
  assert.ok(md.endsWith('</details>\n'), 'ends with the folded rules when there is no chart');
  assert.ok(md.includes('<details><summary>What counts as a regression</summary>'));
  assert.ok(md.includes('- the slope rose by more than 128 B/request and the two 95% intervals do not overlap;'));
});

test('a skipped or failed variant says so instead of a bare dash, and is a regression', () => {
  const before = run([variant('redis', 'flat', 0), variant('app', 'leak', 900)]);
  const after = run([variant('redis', undefined, 0, 'skipped'), variant('app', undefined, 0, 'failed')]);
  const md = comparisonMarkdown(compareRuns(before, after, LIMIT), { before: 'a', after: 'b' });
  const [redis, app] = rows(md);
  assert.equal(redis, '| redis | flat | skipped | 0 B/req | — | ❌ regression: skipped in the after run only |');
  assert.equal(app, '| app | leak | failed | 900 B/req | — | ❌ regression: failed in the after run |');
  assert.match(md, /^### ❌ global-list: 2 regressions \(redis: skipped in the after run only; app: failed in the after run\)\n/);
});

test('a failed after run is said above the table, and the headline lists two causes then how many more', () => {
  const before = run([variant('a', 'flat', 1), variant('b', 'flat', 1), variant('c', 'flat', 1)]);
  const md = comparisonMarkdown(compareRuns(before, run([], 'failed'), LIMIT), { before: 'x', after: 'y' });
  assert.equal(
    md.split('\n')[0],
    '### ❌ global-list: 4 regressions (the after run failed; a: missing from the after run; +2 more)',
  );
  assert.ok(md.includes('\n- ❌ the after run failed\n\n| variant |'));
});

test('a variant only in one run is a regression when removed and new when added', () => {
  const md = comparisonMarkdown(compareRuns(run([variant('old', 'flat', 1)]), run([variant('new', 'flat', 1)]), LIMIT), {
    before: 'a',
    after: 'b',
  });
  assert.deepEqual(rows(md), [
    '| old | flat | — | 1 B/req | — | ❌ regression: missing from the after run |',
    '| new | — | flat | — | 1 B/req | 🆕 new: new in the after run |',
  ]);
});

test('no regression: the headline names what got better', () => {
  const c = compareRuns(
    run([variant('leaky', 'leak', 5000), variant('same', 'flat', 1)]),
    run([variant('leaky', 'flat', 1), variant('same', 'flat', 1)]),
    LIMIT,
  );
  assert.equal(headline(c), '### ✅ global-list: no regression (leaky: leak → flat)');
  assert.equal(
    headline(compareRuns(run([variant('s', 'flat', 1)]), run([variant('s', 'flat', 1)]), LIMIT)),
    '### ✅ global-list: no regression',
  );
});

test('charts are linked after the table, by the path given, encoded for Markdown', () => {
  const c = compareRuns(run([variant('leaky', 'leak', 5000)]), run([variant('leaky', 'leak', 5000)]), LIMIT);
  const md = comparisonMarkdown(c, { before: 'a', after: 'b' }, [{ variant: 'leaky', png: 'charts dir/compare-leaky.png' }]);
  assert.ok(md.endsWith('\n\n![leaky: before dashed, after solid](charts%20dir/compare-leaky.png)\n'), md);
});

test('a pipe or markup in a variant name, or a backtick in a run id, cannot break the comment', () => {
  const name = 'a|b <img src=x>';
  const md = comparisonMarkdown(compareRuns(run([variant(name, 'flat', 1)]), run([variant(name, 'flat', 1)]), LIMIT), {
    before: 'a`b',
    after: 'b',
  });
  const [row] = rows(md);
  assert.ok(row!.startsWith('| a\\|b &lt;img src=x&gt; | flat |'), row);
  assert.ok(!md.includes('<img'));
  assert.ok(md.includes("Before: `a'b`"));
});

test('a variant that failed in the after run: its error under the table, traceback folded, paths made relative', () => {
  const before = run([variant('app', 'flat', 1)]);
  const failed: VariantRecord = {
    ...variant('app', undefined, 0, 'failed'),
    error:
      'Gunicorn exited (the full log is /home/ci/results/rid/logs/app-gunicorn.log)\nTraceback (most recent call last):\n  File "/home/ci/p/config/wsgi.py", line 3\nImportError: x',
  };
  const after = { ...run([failed], 'failed'), runId: 'rid' };
  const md = comparisonMarkdown(compareRuns(before, after, LIMIT), { before: 'a', after: 'rid' });
  assert.ok(
    md.includes(
      [
        '<details><summary><b>app</b> failed in the after run: Gunicorn exited (the full log is logs/app-gunicorn.log)</summary>',
        '',
        '```text',
        'Traceback (most recent call last):',
        '  File "…/config/wsgi.py", line 3',
        'ImportError: x',
        '```',
        '',
        '</details>',
      ].join('\n'),
    ),
    md,
  );
  assert.ok(!md.includes('/home/'));
  const oneLine = { ...run([{ ...failed, error: 'the storm stopped' }], 'failed'), runId: 'rid' };
  assert.ok(
    comparisonMarkdown(compareRuns(before, oneLine, LIMIT), { before: 'a', after: 'b' }).includes(
      '\n<b>app</b> failed in the after run: the storm stopped\n',
    ),
  );
});
