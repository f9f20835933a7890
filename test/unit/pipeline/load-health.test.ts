import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedFailuresNote, loadProblem } from '../../../src/pipeline/load-health.ts';
import type { LoadStats } from '../../../src/run-data/types.ts';

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
  assert.equal(allowedFailuresNote(rlimit, 0.95), '61.0 % of 1000 requests failed (610 × HTTP 500); allowed here (maxFailedShare 0.95)');
  assert.equal(allowedFailuresNote(load({ '200': 995, '500': 5 }), 0.95), null, 'within the default share: nothing to say');
});
