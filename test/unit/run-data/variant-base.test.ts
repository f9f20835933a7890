// The base every variant record starts from, and the record of one that never ran.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notRunVariant, variantBase } from '../../../src/run-data/variant-base.ts';

const PLAN = {
  name: 'leaky',
  description: 'appends to a global list',
  expect: 'leak' as const,
  gunicorn: { workers: 2, maxRequests: 0 },
};

test('the plan base: name, description, expectation, zero figures and a copy of the Gunicorn settings', () => {
  const base = variantBase(PLAN);
  assert.deepEqual(base, {
    name: 'leaky',
    description: 'appends to a global list',
    expected: 'leak',
    slopeBytesPerRequest: 0,
    growthBytes: 0,
    requests: 0,
    requestsPerSecond: 0,
    errors: 0,
    workerRestarts: 0,
    gunicorn: { workers: 2, maxRequests: 0 },
  });
  assert.notEqual(base.gunicorn, PLAN.gunicorn, 'a copy: the record never aliases the plan');
  const bare = variantBase({ name: 'x', gunicorn: {} });
  assert.equal('description' in bare, false);
  assert.equal('expected' in bare, false);
});

test('a variant that never ran: skipped with its reason, or failed with its error, never judged', () => {
  const skipped = notRunVariant(PLAN, { status: 'skipped', reason: 'needs Redis' });
  assert.equal(skipped.status, 'skipped');
  assert.equal(skipped.skipReason, 'needs Redis');
  assert.equal('error' in skipped, false);
  assert.equal(skipped.expected, 'leak');
  const failed = notRunVariant(PLAN, { status: 'failed', reason: 'redis-server exited (code 1)' });
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error, 'redis-server exited (code 1)');
  assert.equal('skipReason' in failed, false);
  for (const r of [skipped, failed]) {
    assert.equal(r.verdict, undefined);
    assert.equal(r.expectationMet, undefined);
    assert.equal(r.requests, 0);
  }
});
