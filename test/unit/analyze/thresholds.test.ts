import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../src/analyze/thresholds.ts';

test('defaults are the documented starting point', () => {
  assert.deepEqual(
    { ...DEFAULT_THRESHOLDS },
    {
      materialGrowthBytes: 1024 * 1024,
      materialSlopeBytesPerRequest: 32,
      plateauFraction: 0.3,
      confidence: 0.95,
      minWarmupRequests: 2000,
    },
  );
  assert.ok(Object.isFrozen(DEFAULT_THRESHOLDS));
});

test('mergeThresholds overrides given keys and ignores undefined ones', () => {
  const t = mergeThresholds({ minWarmupRequests: 7000, confidence: undefined });
  assert.equal(t.minWarmupRequests, 7000);
  assert.equal(t.confidence, 0.95);
  assert.equal(t.materialGrowthBytes, DEFAULT_THRESHOLDS.materialGrowthBytes);
});

test('mergeThresholds reports every invalid value at once', () => {
  assert.throws(
    () => mergeThresholds({ plateauFraction: 1.5, confidence: 0, materialGrowthBytes: Number.NaN }),
    (err: unknown) =>
      err instanceof RangeError &&
      /plateauFraction/.test(err.message) &&
      /confidence/.test(err.message) &&
      /materialGrowthBytes/.test(err.message),
  );
});
