// Probes in summary.md and report.html: one line each, a relative link to the saved answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProblem } from '../../../src/pipeline/load-health.ts';
import { renderHtml } from '../../../src/report/html.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { probeText } from '../../../src/report/probe-text.ts';
import { lostProbe, SNAPSHOT_PROBE } from '../fixtures/records.ts';
import { fixtureEvents, fixtureRun } from './fixtures.ts';

const SNAP = SNAPSHOT_PROBE;
const LOST = lostProbe('/x/<b>');

test('probeText says what was asked, who answered and where the answer is', () => {
  assert.equal(
    probeText(SNAP),
    'probe after the storm: GET /leaks/diagnose/snapshot/ → HTTP 200 from worker 4242, 4.1 KiB in 950 ms, saved as probes/leaky-snapshot.json',
  );
  assert.equal(probeText(LOST), 'probe before the storm: GET /x/<b> got no answer (connect ECONNREFUSED)');
});

test('summary.md lists the probes under their variant', () => {
  const run = fixtureRun();
  run.variants[0]!.probes = [SNAP];
  const md = renderMarkdown(run, fixtureEvents());
  assert.ok(md.includes(`- ${probeText(SNAP)}`), md);
  assert.equal(renderMarkdown(fixtureRun(), fixtureEvents()).includes('probe '), false);
});

test('report.html links each saved answer relatively and escapes the path', () => {
  const run = fixtureRun();
  run.variants[0]!.probes = [SNAP, LOST];
  const html = renderHtml(run, '<svg></svg>', fixtureEvents());
  assert.ok(html.includes('<a href="probes/leaky-snapshot.json">probes/leaky-snapshot.json</a>'));
  assert.ok(!html.includes('href="probes/leaky-x.json"'), 'no link to an answer that never came');
  assert.ok(html.includes('GET /x/&lt;b&gt; got no answer'));
  assert.ok(!/https?:\/\//.test(html));
});

test('maxFailedShare raises how many failed requests a storm may have', () => {
  const load = {
    requests: 1000,
    durationMs: 1,
    requestsPerSecond: 1,
    latencyMs: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
    statusCodes: { '200': 400, '500': 600 },
    errors: 0,
    timeouts: 0,
    engine: 't',
  };
  assert.match(loadProblem(load) ?? '', /^60\.0 % of 1000 requests failed/);
  assert.equal(loadProblem(load, 0.95), null);
  assert.match(loadProblem(load, 0.5) ?? '', /^60\.0 %/);
});
