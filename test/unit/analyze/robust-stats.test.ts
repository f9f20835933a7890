import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, medianHigh, selectInPlace, sortedMedian } from '../../../src/analyze/robust-stats.ts';
import { mulberry32 } from '../../../src/core/prng.ts';

test('median sorts numerically, not as text, and leaves its input alone', () => {
  const values = [10, 9, 100, 2];
  assert.equal(median(values), 9.5);
  assert.deepEqual(values, [10, 9, 100, 2]);
  assert.equal(median(Float64Array.from([5, -1, 3])), 3);
  assert.equal(median([7]), 7);
});

test('sortedMedian trusts the order it is given', () => {
  assert.equal(sortedMedian([1, 2, 3, 4]), 2.5);
  assert.equal(sortedMedian([1, 2, 30]), 2);
  assert.ok(Number.isNaN(sortedMedian([])));
});

test('medianHigh picks the larger middle value, always one of the inputs', () => {
  assert.equal(medianHigh([2600, 2500]), 2600);
  assert.equal(medianHigh([4, 1, 3, 2]), 3);
  assert.equal(medianHigh([3, 1, 2]), 2, 'an odd count has one middle');
  assert.equal(medianHigh([10, 9, 100, 2]), 10, 'numeric order');
  assert.ok(Number.isNaN(medianHigh([])));
});

test('selectInPlace and median agree with a full sort, ties and all', () => {
  const rng = mulberry32(7);
  for (let round = 0; round < 200; round += 1) {
    const n = 1 + Math.floor(rng() * 300);
    // Few distinct values in half the rounds: flat RSS makes many equal slopes.
    const distinct = round % 2 === 0 ? 3 : 1e6;
    const values = Float64Array.from({ length: n }, () => Math.floor(rng() * distinct) - distinct / 2);
    const sorted = Float64Array.from(values).sort();
    const k = Math.floor(rng() * n);
    assert.equal(selectInPlace(Float64Array.from(values), k), sorted[k]);
    const mid = n >> 1;
    assert.equal(median(values), n % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2);
  }
});
