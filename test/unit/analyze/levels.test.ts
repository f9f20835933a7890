import assert from 'node:assert/strict';
import { test } from 'node:test';
import { growthBetweenEnds, levelAtEnd, levelAtStart, levelPointCount } from '../../../src/analyze/levels.ts';

const line = Array.from({ length: 40 }, (_, i) => ({ x: i * 100, y: 1000 + 10 * i * 100 }));

test('levels projected along the slope are unbiased on a steady line', () => {
  assert.equal(levelAtStart(line, 10), 1000);
  assert.equal(levelAtEnd(line, 10), 1000 + 10 * 3900);
  assert.equal(growthBetweenEnds(line, 10), 39000);
});

test('without projection the end level lags by half a window', () => {
  assert.ok(levelAtEnd(line, 0) < 1000 + 10 * 3900);
});

test('one odd sample at an end does not move the level', () => {
  const flat = Array.from({ length: 40 }, (_, i) => ({ x: i * 100, y: 5000 }));
  flat[39] = { x: 3900, y: 5e6 };
  assert.equal(growthBetweenEnds(flat, 0), 0);
});

test('short stretches use fewer points so the two ends never overlap', () => {
  assert.equal(levelPointCount(3), 1);
  assert.equal(levelPointCount(8), 2);
  assert.equal(levelPointCount(100), 5);
  assert.equal(
    growthBetweenEnds(
      [
        { x: 1, y: 10 },
        { x: 2, y: 30 },
      ],
      0,
    ),
    20,
  );
  assert.equal(growthBetweenEnds([{ x: 1, y: 10 }], 0), 0);
});
