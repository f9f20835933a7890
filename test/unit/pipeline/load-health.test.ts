import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isExpectedStatus } from '../../../src/load/expected-status.ts';
import { allowedFailuresNote, failedRequests, loadProblem } from '../../../src/pipeline/load-health.ts';
import type { EntryLoadStats, LoadStats } from '../../../src/run-data/types.ts';

const load = (statusCodes: Record<string, number>, errors = 0): LoadStats => ({
  requests: Object.values(statusCodes).reduce((a, b) => a + b, 0),
  durationMs: 1000,
  requestsPerSecond: 1,
  latencyMs: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
  statusCodes,
  errors,
  timeouts: 0,
  engine: 'test',
});

test('a healthy storm, with a stray 400, is fine', () => {
  assert.equal(loadProblem(load({ '200': 15999, '400': 1 })), null);
  assert.equal(loadProblem(load({ '200': 990, '302': 10 })), null);
});

test('an app answering 500s, or not at all, voids the variant with the breakdown', () => {
  assert.match(loadProblem(load({ '500': 900, '200': 100 })) ?? '', /^90\.0 % of 1000 requests failed \(900 × HTTP 500\)/);
  assert.match(loadProblem(load({ '200': 900 }, 100)) ?? '', /100 without a response/);
  assert.match(loadProblem(load({ '404': 50, '200': 950 })) ?? '', /50 × HTTP 404/);
  assert.equal(loadProblem(load({})), 'the storm got no response at all');
});

test('failures a scenario allows are still said, once they pass the default share', () => {
  const rlimit = load({ '500': 610, '200': 390 });
  assert.equal(allowedFailuresNote(rlimit, undefined), null);
  assert.equal(allowedFailuresNote(rlimit, 0.5), null, 'over the allowance: voided by loadProblem, not a note');
  assert.equal(
    allowedFailuresNote(rlimit, 0.95),
    '61.0 % of 1000 requests failed (610 × HTTP 500); allowed here (maxFailedShare 0.95)',
  );
  assert.equal(allowedFailuresNote(load({ '200': 995, '500': 5 }), 0.95), null, 'within the default share: nothing to say');
});

// A storm that counted per mix entry: the entries' counts, summed into the storm's figures.
function entry(path: string, statusCodes: Record<string, number>, status?: number[], errors = 0): EntryLoadStats {
  const counts = Object.entries(statusCodes);
  const requests = counts.reduce((sum, [, n]) => sum + n, 0);
  const unexpected = counts.filter(([code]) => !isExpectedStatus(Number(code), status)).reduce((sum, [, n]) => sum + n, 0);
  return { method: 'GET', path, ...(status ? { status } : {}), requests, statusCodes, unexpected, errors };
}
function perEntryLoad(entries: EntryLoadStats[]): LoadStats {
  const statusCodes: Record<string, number> = {};
  for (const e of entries)
    for (const [code, n] of Object.entries(e.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const errors = entries.reduce((sum, e) => sum + e.errors, 0);
  return { ...load(statusCodes, errors), perEntry: entries };
}

test("a stock app's missing page, declared with status 404, no longer voids the variant", () => {
  // The report that started it: 20 % of requests were 404s asked for on purpose.
  const stock = [entry('/', { '200': 800 }), entry('/missing/', { '404': 200 }, [404])];
  assert.equal(loadProblem(perEntryLoad(stock)), null);
  assert.equal(failedRequests(perEntryLoad(stock)), 0);
  const undeclared = [entry('/', { '200': 800 }), entry('/missing/', { '404': 200 })];
  assert.equal(
    loadProblem(perEntryLoad(undeclared)),
    '20.0 % of 1000 requests failed (200 × HTTP 404 from GET /missing/): the memory curve would say nothing about a leak',
  );
});

test('a declared status makes the default statuses unexpected for that entry, and only for it', () => {
  const stats = perEntryLoad([entry('/login-required/', { '302': 90, '200': 10 }, [302]), entry('/', { '200': 900 })]);
  assert.equal(failedRequests(stats), 10);
  assert.match(loadProblem(stats, 0.005) ?? '', /^1\.0 % of 1000 requests failed \(10 × HTTP 200 from GET \/login-required\/\)/);
  assert.equal(loadProblem(stats), null, '1 % is within the default share');
});

test('a list of statuses accepts each of them', () => {
  const stats = perEntryLoad([entry('/api/', { '201': 500, '409': 480, '500': 20 }, [201, 409])]);
  assert.equal(failedRequests(stats), 20);
  assert.match(loadProblem(stats) ?? '', /^2\.0 % of 1000 requests failed \(20 × HTTP 500 from GET \/api\/\)/);
});

test('failed requests are unexpected statuses plus requests without a response, over all attempts', () => {
  const stats = perEntryLoad([entry('/a/', { '200': 880, '500': 60 }, undefined, 40), entry('/b/', { '404': 20 }, [404], 0)]);
  assert.equal(failedRequests(stats), 100);
  assert.equal(
    loadProblem(stats),
    '10.0 % of 1000 requests failed (60 × HTTP 500 from GET /a/, 40 without a response): the memory curve would say nothing about a leak',
  );
});

test('runs recorded before per-entry counts fall back to the default rule over all responses', () => {
  assert.equal(failedRequests(load({ '200': 900, '302': 40, '404': 50, '500': 10 }, 7)), 67);
  assert.equal(failedRequests(load({ '200': 1000 })), 0);
});

test('the figure agrees with the health check: no failures, no problem, and the other way round', () => {
  for (const stats of [
    perEntryLoad([entry('/', { '200': 10 }), entry('/x/', { '404': 5 }, [404])]),
    perEntryLoad([entry('/', { '200': 10, '503': 5 })]),
    load({ '200': 10, '404': 5 }),
  ]) {
    assert.equal(failedRequests(stats) === 0, loadProblem(stats, 0) === null);
  }
});

test('allowed failures are said with the entry they came from', () => {
  const stats = perEntryLoad([entry('/limited/', { '500': 610, '200': 390 })]);
  assert.equal(
    allowedFailuresNote(stats, 0.95),
    '61.0 % of 1000 requests failed (610 × HTTP 500 from GET /limited/); allowed here (maxFailedShare 0.95)',
  );
});
