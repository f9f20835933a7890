import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseTiedX, subsampleEvenly } from '../../../src/analyze/points.ts';

/** Points from a flat list x0, y0, x1, y1, …: a table row stays one line. */
const points = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, i) => ({ x: flat[2 * i]!, y: flat[2 * i + 1]! }));

// [input, expected]: odd and even numbers of ties, in any input order.
const TIES: [number[], number[]][] = [
  [
    [2, 5, 1, 30, 1, 10, 1, 20, 3, 1, 3, 3],
    [1, 20, 2, 5, 3, 2],
  ],
  [
    [5, 10, 1, 4, 5, 30, 1, 2, 1, 100, 3, 7],
    [1, 4, 3, 7, 5, 20],
  ],
];

test('collapseTiedX sorts by x and keeps one point per x at the median y of its ties (an idle stretch)', () => {
  for (const [input, expected] of TIES) {
    assert.deepEqual(collapseTiedX(points(input)), points(expected), JSON.stringify(input));
  }
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
