// The targets, over 20 seeds each: no false leaks on a fixed app or a bounded cache,
// and the leaks found every time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import {
  boundedFill,
  combine,
  linearLeak,
  MiB,
  recycledLeak,
  simulateVariant,
  type VariantSpec,
  warmupBump,
} from './synthetic.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function verdicts(make: (seed: number) => VariantSpec, metric: 'rss' | 'pss' = 'rss'): Record<string, number> {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const seed of SEEDS) {
    const { samples, events } = simulateVariant(make(seed));
    const v = analyzeVariant(samples, events, { metric }).verdict;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

const notGrowing: Record<string, (seed: number) => VariantSpec> = {
  'fixed app, 5 s': (seed) => ({ seed, growth: warmupBump(), durationMs: 5000, requestsPerSecond: 2000 }),
  'fixed app with a slower warm-up, 5 s': (seed) => ({ seed, growth: warmupBump({ bytes: 2.5e6, tau: 2500 }), durationMs: 5000 }),
  'fixed app with stray arena steps, 20 s': (seed) => ({ seed, growth: warmupBump(), durationMs: 20000, strayStepChance: 0.005 }),
  'fixed app, smooth and noisy, 20 s': (seed) => ({
    seed,
    growth: warmupBump(),
    durationMs: 20000,
    stepBytes: 0,
    jitterBytes: 100 * 1024,
  }),
  'fixed app, PSS with copy-on-write, 20 s': (seed) => ({
    seed,
    growth: warmupBump(),
    durationMs: 20000,
    smapsEvery: 5,
    pssExtra: warmupBump({ bytes: 5e6, tau: 3000 }),
  }),
  // As recorded on the dev machine (fixtures/global-list-fixed-30s): a page every ~240 requests.
  'fixed app creeping 17 B/request, 60 s': (seed) => ({
    seed,
    growth: combine(warmupBump({ bytes: 0.7e6, tau: 50 }), linearLeak(17)),
    durationMs: 60000,
    stepBytes: 4096,
  }),
  'fixed app under max_requests=1000': (seed) => ({
    seed,
    growth: warmupBump(),
    durationMs: 10000,
    maxRequests: 1000,
    maxRequestsJitter: 50,
  }),
  'bounded cache filling after warm-up, 20 s': (seed) => ({
    seed,
    growth: combine(warmupBump(), boundedFill({ bytes: 1.8 * MiB, overRequests: 25000 })),
    durationMs: 20000,
  }),
  'bounded cache filling during warm-up, 20 s': (seed) => ({
    seed,
    growth: combine(warmupBump(), boundedFill({ bytes: 1.5 * MiB, overRequests: 1500 })),
    durationMs: 20000,
  }),
};

for (const [name, make] of Object.entries(notGrowing)) {
  test(`no leak and no sawtooth in 20 seeds: ${name}`, () => {
    const counts = verdicts(make, name.includes('PSS') ? 'pss' : 'rss');
    assert.equal(counts.leak ?? 0, 0, JSON.stringify(counts));
    assert.equal(counts.sawtooth ?? 0, 0, JSON.stringify(counts));
  });
}

test('the bounded cache filling after warm-up is bounded in all 20 seeds', () => {
  const counts = verdicts(notGrowing['bounded cache filling after warm-up, 20 s']!);
  assert.deepEqual(counts, { bounded: 20 });
});

test('leaks are found in all 20 seeds: 2.7 KB/request in 5 s, 256 B/request in 15 s, 64 B/request in 20 s', () => {
  assert.deepEqual(
    verdicts((seed) => ({ seed, growth: combine(warmupBump(), linearLeak(2700)), durationMs: 5000, requestsPerSecond: 2000 })),
    { leak: 20 },
  );
  assert.deepEqual(
    verdicts((seed) => ({ seed, growth: combine(warmupBump(), linearLeak(256)), durationMs: 15000 })),
    { leak: 20 },
  );
  assert.deepEqual(
    verdicts((seed) => ({ seed, growth: combine(warmupBump(), linearLeak(64)), durationMs: 20000 })),
    { leak: 20 },
  );
});

test('max_requests on the leak is sawtooth in all 20 seeds', () => {
  const counts = verdicts(recycledLeak);
  assert.deepEqual(counts, { sawtooth: 20 });
});
