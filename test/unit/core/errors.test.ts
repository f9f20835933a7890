// Typed errors carry their exit code; their detail lines are capped so a flood stays readable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capDetails, DataError, EnvironmentError, InputError, MAX_DETAILS } from '../../../src/core/errors.ts';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `problem ${i + 1}`);

test('up to 50 details are shown as they are', () => {
  assert.equal(MAX_DETAILS, 50);
  assert.deepEqual(capDetails(lines(3)), lines(3));
  assert.deepEqual(capDetails(lines(50)), lines(50));
});

test('past 50, the first 50 and one line with the count of the rest', () => {
  const capped = capDetails(lines(51));
  assert.equal(capped.length, 51);
  assert.equal(capped[49], 'problem 50');
  assert.equal(capped[50], '… and 1 more problem');
  assert.equal(capDetails(lines(600_000)).at(-1), '… and 599950 more problems');
});

test('a caller that described only the first lines gives the total', () => {
  assert.equal(capDetails(lines(50), 600_000).at(-1), '… and 599950 more problems');
  assert.deepEqual(capDetails(lines(2), 2), lines(2));
});

test('each error kind has its exit code, and caps its details', () => {
  assert.equal(new InputError('x').exitCode, 2);
  assert.equal(new DataError('x').exitCode, 2);
  assert.equal(new EnvironmentError('x').exitCode, 3);
  const err = new DataError('damaged', { details: lines(120), hint: 'h' });
  assert.equal(err.name, 'DataError');
  assert.equal(err.details.length, 51);
  assert.equal(err.hint, 'h');
});
