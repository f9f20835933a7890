import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { notRunRecord } from '../fixtures/records.ts';
import { fixtureEvents, fixtureRun } from './fixtures.ts';

const tableRows = (md: string) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2);

test('a heading with the scenario, the claim, and a row per variant', () => {
  const md = renderMarkdown(fixtureRun(), fixtureEvents());
  assert.match(md, /^## .*global-list — Global list leak\n/);
  assert.ok(md.includes('> A module-level list grows'));
  const rows = tableRows(md);
  assert.equal(rows.length, 3);
  assert.deepEqual(
    rows.map((r) => r.split('|')[1]!.trim()),
    ['leaky', 'fixed', 'leaky-max-requests'],
  );
  for (const r of rows) assert.equal(r.split('|').length, 11, `9 cells in ${r}`);
});

test('❌ marks the failed expectation and the heading; ✅ the met ones', () => {
  const md = renderMarkdown(fixtureRun());
  const [leaky, fixed, saw] = tableRows(md);
  assert.ok(leaky!.includes('✅'));
  assert.ok(fixed!.includes('❌'));
  assert.ok(saw!.includes('✅'));
  assert.match(md, /^## ❌/);
  assert.ok(md.includes('2 of 3 expectations held'));
  assert.ok(md.includes('Expected flat, got bounded.'));
  const ok = fixtureRun();
  ok.variants = ok.variants.filter((v) => v.name !== 'fixed');
  assert.match(renderMarkdown(ok), /^## ✅/);
});

test('slope with its interval, growth and restarts in the table; req/s and the restart causes in the notes', () => {
  const md = renderMarkdown(fixtureRun(), fixtureEvents());
  const saw = tableRows(md)[2]!;
  assert.match(saw, /\/req ± \d/);
  assert.ok(saw.includes('| 40,000 |'));
  assert.ok(saw.endsWith('| 0 | 6 |'), saw);
  assert.ok(!saw.includes('5,123'), 'req/s is not a column');
  assert.match(
    md,
    /\*\*leaky-max-requests\*\* \(sawtooth\)\n\n<details><summary>Why sawtooth, and how the storm went<\/summary>\n\n- Memory grew after warm-up\.\n- Load: 5,123 req\/s.*\n- Restarts: 6 \(max_requests ×6\)\.\n\n<\/details>/,
  );
});

test('explanations follow the table; skipped variants say why', () => {
  const run = fixtureRun();
  run.variants.push(notRunRecord('redis', { status: 'skipped', reason: 'no redis-server found' }));
  const md = renderMarkdown(run);
  assert.ok(md.includes('- Memory grew after warm-up.'));
  assert.ok(md.includes('- Skipped: no redis-server found'));
  assert.ok(tableRows(md)[3]!.includes('| skipped |'));
  assert.ok(md.split('\n').length < 60, 'short enough for a PR comment');
  assert.equal((md.match(/<details>/g) ?? []).length, 3, 'each judged variant folds its explanation');
});

test('user text cannot break the table or inject HTML', () => {
  const run = fixtureRun('claim with <img src=x onerror=alert(1)> and a | pipe\nand a newline');
  run.variants[0]!.name = 'a|b';
  const md = renderMarkdown(run);
  assert.ok(!md.includes('<img'));
  assert.ok(md.includes('> claim with &lt;img'));
  assert.ok(tableRows(md)[0]!.startsWith('| a\\|b |'));
});

test('each variant says how the storm went: rate, latency percentiles, status codes, errors', () => {
  const md = renderMarkdown(fixtureRun());
  assert.match(md, /Load: [\d,]+ req\/s, latency p50 1\.2 ms · p90 2\.1 ms · p99 4\.8 ms, status 200: [\d,]+/);
});

test("a PR comment's table stays narrow: no row longer than GitHub shows without scrolling", () => {
  // A proxy for pixels: about 110 characters of source (pipes included) fit GitHub's ~780 px
  // comment column at its table font; the terminal's ten columns made 129 here.
  for (const r of tableRows(renderMarkdown(fixtureRun(), fixtureEvents()))) assert.ok(r.length <= 110, `${r.length}: ${r}`);
});

const TRACEBACK = [
  'Gunicorn exited with code 3 before the app was ready (the full log is /home/ci/proj/results/20261126-072714-global-list/logs/fixed-gunicorn.log)',
  ...Array.from({ length: 8 }, (_, i) => `[2026-11-26 07:27:20 +0000] [123] [INFO] booting line ${i}`),
  'Traceback (most recent call last):',
  '  File "/home/ci/proj/sample-django-app/.venv/lib/python3.11/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
  '    worker.init_process()',
  '  File "/home/ci/proj/sample-django-app/config/wsgi.py", line 16, in <module>',
  '    application = get_wsgi_application()',
  "ModuleNotFoundError: No module named 'leaks.fixed' <b>",
].join('\n');

function failedRun() {
  const run = fixtureRun();
  run.runId = '20261126-072714-global-list';
  const { verdict: _v, analysis: _a, expectationMet: _e, ...fixed } = run.variants[1]!;
  run.variants[1] = { ...fixed, status: 'failed', error: TRACEBACK };
  return run;
}

test('a failed variant: its first line as a note, the end of its traceback in a fenced block, no absolute path', () => {
  const md = renderMarkdown(failedRun(), fixtureEvents());
  assert.match(md, /^## ❌ /, 'a failed variant turns the heading red');
  assert.ok(
    md.includes(
      [
        '**fixed** (failed)',
        '- Failed: Gunicorn exited with code 3 before the app was ready (the full log is logs/fixed-gunicorn.log)',
        '',
        '```text',
        '[2026-11-26 07:27:20 +0000] [123] [INFO] booting line 4',
      ].join('\n'),
    ),
    md,
  );
  assert.ok(md.includes('  File "site-packages/gunicorn/arbiter.py", line 609, in spawn_worker\n'));
  assert.ok(md.includes('  File "…/config/wsgi.py", line 16, in <module>\n'));
  assert.ok(
    md.includes("ModuleNotFoundError: No module named 'leaks.fixed' <b>\n```\n"),
    'the last line, verbatim inside the fence',
  );
  assert.ok(!md.includes('booting line 3'), 'only the last ten lines');
  assert.ok(!md.includes('/home/'), 'no path of the machine that ran it');
});

test('a traceback with backticks cannot close its fence early', () => {
  const run = failedRun();
  run.variants[1]!.error = 'failed\nsome ```` text';
  const md = renderMarkdown(run);
  assert.ok(md.includes('\n`````text\nsome ```` text\n`````\n'), md);
});

test('a failed variant without an error, or with one line only, gets no empty block', () => {
  const run = failedRun();
  run.variants[1]!.error = 'the storm stopped';
  const md = renderMarkdown(run);
  assert.ok(md.includes('- Failed: the storm stopped\n'));
  assert.ok(!md.includes('```'));
  delete run.variants[1]!.error;
  assert.ok(renderMarkdown(run).includes('- Failed: no error recorded'));
});

test('a variant with nothing to say gets no section at all', () => {
  const run = fixtureRun();
  for (const v of run.variants) {
    delete v.analysis;
    delete v.load;
  }
  const md = renderMarkdown(run);
  assert.ok(!md.includes('<details>'));
  assert.ok(!md.includes('**leaky**'), md);
  assert.ok(md.includes('**fixed** (bounded)\n- Expected flat, got bounded.'), 'a miss is always said');
});
