import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedStatuses, isExpectedStatus } from '../../../src/load/expected-status.ts';

test('by default any 2xx or 3xx is expected, nothing else', () => {
  for (const code of [200, 201, 204, 299, 301, 302, 304, 399])
    assert.equal(isExpectedStatus(code, undefined), true, String(code));
  for (const code of [0, 100, 199, 400, 404, 499, 500, 503]) assert.equal(isExpectedStatus(code, undefined), false, String(code));
});

test('a declared status replaces the default: a 404 asked for passes, a 200 then does not', () => {
  assert.equal(isExpectedStatus(404, [404]), true);
  assert.equal(isExpectedStatus(200, [404]), false);
  assert.equal(isExpectedStatus(302, [200, 302]), true);
  assert.equal(isExpectedStatus(301, [200, 302]), false);
});

test('a number or a list becomes a sorted list without repeats; absent stays absent', () => {
  assert.equal(expectedStatuses(undefined), undefined);
  assert.deepEqual(expectedStatuses(404), [404]);
  assert.deepEqual(expectedStatuses([302, 200, 302]), [200, 302]);
  assert.equal(expectedStatuses([]), undefined);
});

test('a status outside 100-599 is refused before any request is sent', () => {
  assert.throws(() => expectedStatuses(99), /100-599: 99/);
  assert.throws(() => expectedStatuses([200, 600]), /100-599: 600/);
  assert.throws(() => expectedStatuses(200.5), /100-599: 200.5/);
});
