// Variants backed by services, and variants skipped for want of one, in every output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../../src/report/html.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { renderTerminalTable } from '../../../src/report/terminal.ts';
import { notRunRecord } from '../fixtures/records.ts';
import { fixtureRun } from './fixtures.ts';

const REASON = 'needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/0) or install redis-server';

const skipped = (name: string) => notRunRecord(name, { status: 'skipped', reason: REASON }, 'flat');

function runWithServices() {
  const run = fixtureRun();
  // Every judged expectation held, so only the skip can change the outcome.
  for (const v of run.variants) {
    if (v.expectationMet === false) {
      v.expected = v.verdict;
      v.expectationMet = true;
    }
  }
  run.variants[1]!.services = [{ service: 'redis', source: 'started', detail: 'started redis-server 7.0.15 on 127.0.0.1:40123' }];
  run.variants.push(skipped('ttl-redis'));
  return run;
}

test('terminal: a skipped variant is not a failed expectation, and the outcome says it was not judged', () => {
  const out = renderTerminalTable(runWithServices(), { color: false });
  assert.match(out, /✓ All 3 expectations held\. 1 variant skipped, not judged \(ttl-redis\)\./);
  assert.match(out, /ttl-redis \(skipped\)\n {2}Skipped: needs Redis: set REDIS_URL/);
  assert.match(out, /ttl-redis +skipped +flat +— /);
  assert.match(out, /Services: redis started redis-server 7\.0\.15 on 127\.0\.0\.1:40123\./);
});

test('terminal: a run where every variant was skipped says nothing was measured', () => {
  const run = fixtureRun();
  run.variants = [skipped('a'), skipped('b')];
  const out = renderTerminalTable(run, { color: false });
  assert.match(out, /Nothing was measured: 2 variants skipped, not judged \(a, b\)\./);
  assert.doesNotMatch(out, /expectations held/);
});

test('summary.md: the status line counts the skipped variant apart; the service is named under its variant', () => {
  const md = renderMarkdown(runWithServices());
  assert.match(md, /\*\*3 of 3 expectations held\*\* · 1 variant skipped, not judged \(ttl-redis\) · run/);
  assert.match(md, /- Skipped: needs Redis: set REDIS_URL/);
  assert.match(md, /- Services: redis started redis-server 7\.0\.15 on 127\.0\.0\.1:40123\./);
  assert.ok(md.startsWith('## ✅'), 'a skip alone does not make the run red');
});

test('report.html: the service line on its card, the skip in the outcome', () => {
  const html = renderHtml(runWithServices(), '<svg></svg>');
  assert.ok(html.includes('<p class="services">Services: redis started redis-server 7.0.15 on 127.0.0.1:40123.</p>'));
  assert.ok(html.includes('3 of 3 expectations held · 1 variant skipped, not judged (ttl-redis)'));
  assert.ok(html.includes(`<p class="reason">Skipped: ${REASON}</p>`));
});
