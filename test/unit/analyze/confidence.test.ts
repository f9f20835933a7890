import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineScores, marginScore, sampleScore } from '../../../src/analyze/confidence.ts';

test('marginScore is 0.5 at the threshold and rises towards 1', () => {
  assert.equal(marginScore(1), 0.5);
  assert.equal(marginScore(2), 0.875);
  assert.equal(marginScore(10), 0.995);
  assert.equal(marginScore(Infinity), 1);
  assert.equal(marginScore(0.5), 0.25);
  assert.equal(marginScore(Number.NaN), 0);
});

test('sampleScore saturates with more points', () => {
  assert.equal(sampleScore(10), 0.5);
  assert.ok(sampleScore(200) > 0.95);
  assert.equal(sampleScore(0), 0);
});

test('combineScores stays in 0..1, rounded to 2 decimals', () => {
  assert.equal(combineScores(1, 1, 1), 1);
  assert.equal(combineScores(0.95, 0.81, 1), 0.86);
  assert.equal(combineScores(0.9, 1, 0.5), 0.45);
  assert.equal(combineScores(2, 1, 1), 1);
});
