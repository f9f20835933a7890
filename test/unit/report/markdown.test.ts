import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../../src/report/markdown.ts';
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
  for (const r of rows) assert.equal(r.split('|').length, 12, `10 cells in ${r}`);
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

test('slope with its interval, growth, load figures and restarts with causes', () => {
  const saw = tableRows(renderMarkdown(fixtureRun()))[2]!;
  assert.match(saw, /\/req ± \d/);
  assert.ok(saw.includes('| 40,000 |'));
  assert.ok(saw.includes('| 5,123 |'));
  assert.ok(saw.includes('6 (max_requests ×6)'));
});

test('explanations follow the table; skipped variants say why', () => {
  const run = fixtureRun();
  run.variants.push({
    name: 'redis',
    status: 'skipped',
    skipReason: 'no redis-server found',
    slopeBytesPerRequest: 0,
    growthBytes: 0,
    requests: 0,
    requestsPerSecond: 0,
    errors: 0,
    workerRestarts: 0,
  });
  const md = renderMarkdown(run);
  assert.ok(md.includes('- Memory grew after warm-up.'));
  assert.ok(md.includes('- Skipped: no redis-server found'));
  assert.ok(tableRows(md)[3]!.includes('| skipped |'));
  assert.ok(md.split('\n').length < 40, 'short enough for a PR comment');
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
