import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../../src/report/escape-html.ts';
import { inlineSvg, renderHtml } from '../../../src/report/html.ts';
import { notRunRecord } from '../fixtures/records.ts';
import { fixtureEvents, fixtureRun } from './fixtures.ts';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><text>RSS (MiB)</text></svg>';

test('user text is escaped everywhere, the scenario claim included', () => {
  const run = fixtureRun('<script>alert("claim")</script>');
  run.title = '<b onmouseover=x>title</b>';
  run.variants[0]!.name = '"><script>alert(1)</script>';
  run.variants[0]!.analysis!.explanation = ['<img src=x onerror=alert(2)>'];
  const html = renderHtml(run, SVG, fixtureEvents());
  assert.ok(!html.includes('<script'), 'no script element');
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<b '));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;claim&quot;)&lt;/script&gt;'));
  assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
});

test('self-contained: no URL to load, CSS and SVG inline', () => {
  const html = renderHtml(fixtureRun(), SVG, fixtureEvents());
  assert.ok(!/https?:\/\//.test(html), 'no http(s) reference');
  assert.ok(!/<(link|script|img|iframe)\b/i.test(html));
  assert.ok(!/\burl\(/.test(html));
  assert.ok(html.includes('<style>'));
  assert.ok(html.includes('<svg width="10" height="10"><text>RSS (MiB)</text></svg>'));
  assert.equal(inlineSvg(SVG), '<svg width="10" height="10"><text>RSS (MiB)</text></svg>');
});

test('a card per variant with its verdict badge and expectation', () => {
  const html = renderHtml(fixtureRun(), SVG, fixtureEvents());
  assert.equal(html.match(/<article class="card"/g)?.length, 3);
  assert.ok(html.includes('<span class="badge verdict-leak">leak</span>'));
  assert.ok(html.includes('<span class="badge verdict-bounded">bounded</span>'));
  assert.ok(html.includes('<span class="badge verdict-sawtooth">sawtooth</span>'));
  assert.ok(html.includes('✗ expected flat, got bounded'));
  assert.equal(html.match(/✓ as expected/g)?.length, 2);
  assert.match(html, /\.verdict-leak \{ background: #[0-9a-f]{6}/);
});

test('cards carry the figures a talk walks through', () => {
  const html = renderHtml(fixtureRun(), SVG, fixtureEvents());
  for (const label of [
    'slope',
    'growth after warm-up',
    'warm-up ends',
    'plateau from',
    'restarts',
    'throughput',
    'latency',
    'status codes',
    'errors',
  ]) {
    assert.ok(html.includes(`<th scope="row">${label}</th>`), label);
  }
  assert.ok(html.includes('6 (max_requests ×6)'));
  assert.ok(html.includes('p50 1.2 ms · p90 2.1 ms · p99 4.8 ms'));
  assert.ok(html.includes('200: 39,997, 500: 3'));
  assert.ok(html.includes('1,200 requests'), 'plateau of the fixed variant');
  assert.ok(html.includes('<li>Memory grew after warm-up.</li>'));
  assert.ok(html.includes('20250101-100000-global-list'), 'run metadata');
});

test('skipped variants show their reason instead of figures', () => {
  const run = fixtureRun();
  run.variants.push(notRunRecord('redis', { status: 'skipped', reason: 'no redis-server found' }));
  const html = renderHtml(run, SVG);
  assert.ok(html.includes('<span class="badge verdict-skipped">skipped</span>'));
  assert.ok(html.includes('<p class="reason">Skipped: no redis-server found</p>'));
});
