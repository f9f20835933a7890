import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32, randomInt } from '../../../src/core/prng.ts';
import { compilePathTemplate, expandPath } from '../../../src/load/path-template.ts';

test('a path without tokens is static and expands to itself', () => {
  const t = compilePathTemplate('/ok/?a=1');
  assert.equal(t.isStatic, true);
  assert.equal(expandPath(t, 7, Math.random), '/ok/?a=1');
});

test('{seq} is replaced by the request number, counted from 1 as ids are', () => {
  const t = compilePathTemplate('/item/{seq}/x{seq}');
  assert.equal(t.isStatic, false);
  assert.equal(expandPath(t, 0, Math.random), '/item/1/x1');
  assert.equal(expandPath(t, 12345, Math.random), '/item/12346/x12346');
});

test('{rand:LOW:HIGH} stays in range, reaches both ends, and is seeded', () => {
  const t = compilePathTemplate('/k/{rand:3:7}');
  const random = mulberry32(42);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = Number(expandPath(t, i, random).slice(3));
    assert.ok(Number.isInteger(v) && v >= 3 && v <= 7, `out of range: ${v}`);
    seen.add(v);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  const a = mulberry32(9);
  const b = mulberry32(9);
  const first = Array.from({ length: 5 }, () => expandPath(t, 0, a));
  assert.deepEqual(
    first,
    Array.from({ length: 5 }, () => expandPath(t, 0, b)),
  );
});

test('negative bounds and a single-value range work', () => {
  const r = mulberry32(1);
  for (let i = 0; i < 100; i++) {
    const v = randomInt(-5, -2, r);
    assert.ok(v >= -5 && v <= -2);
  }
  assert.equal(expandPath(compilePathTemplate('/{rand:4:4}'), 0, r), '/4');
});

test('ranges wider than 2^32 stay in range', () => {
  const r = mulberry32(3);
  for (let i = 0; i < 1000; i++) {
    const v = randomInt(0, 2 ** 40, r);
    assert.ok(Number.isInteger(v) && v >= 0 && v <= 2 ** 40);
  }
});

test('unknown or malformed tokens are rejected up front', () => {
  assert.throws(() => compilePathTemplate('/{sequence}'), /unknown token \{sequence\}/);
  assert.throws(() => compilePathTemplate('/{rand:9:1}'), /LOW <= HIGH/);
  assert.throws(() => compilePathTemplate('/{rand:1}'), /unknown token/);
});

test('mulberry32 gives floats in [0, 1)', () => {
  const r = mulberry32(123);
  for (let i = 0; i < 10000; i++) {
    const x = r();
    assert.ok(x >= 0 && x < 1);
  }
});
