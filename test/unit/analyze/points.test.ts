import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseTiedX, subsampleEvenly } from '../../../src/analyze/points.ts';

test('collapseTiedX sorts by x and keeps the median y of an idle stretch', () => {
  const out = collapseTiedX([
    { x: 2, y: 5 },
    { x: 1, y: 30 },
    { x: 1, y: 10 },
    { x: 1, y: 20 },
    { x: 3, y: 1 },
    { x: 3, y: 3 },
  ]);
  assert.deepEqual(out, [
    { x: 1, y: 20 },
    { x: 2, y: 5 },
    { x: 3, y: 2 },
  ]);
});

test('subsampleEvenly keeps the ends and spreads the rest', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(subsampleEvenly(items, 4), [0, 3, 6, 9]);
  assert.deepEqual(subsampleEvenly(items, 20), items);
  assert.equal(
    subsampleEvenly(
      Array.from({ length: 6000 }, (_, i) => i),
      800,
    ).length,
    800,
  );
});
