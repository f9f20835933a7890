// Issue 8: a verdict must never say `flat` when its own data says "not yet". Swept over seeded
// synthetic series (slopes, noise, requests per worker, workers) and the recorded fixtures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeVariant } from '../../../src/analyze/analyze-variant.ts';
import type { VariantAnalysis } from '../../../src/analyze/types.ts';
import { loadFixtures, variantData } from './fixtures.ts';
import { combine, KiB, linearLeak, MiB, simulateVariant, type VariantSpec, warmupBump } from './synthetic.ts';

/** Words by which an explanation admits it has not decided. */
const NOT_YET = /still rising|not enough|too few|run longer|would decide|would show/i;

function assertHonest(a: VariantAnalysis, label: string): void {
  const text = a.explanation.join(' ');
  if (NOT_YET.test(text)) assert.notEqual(a.verdict, 'flat', `${label}: flat, yet "${text}"`);
  if (a.verdict === 'inconclusive') {
    assert.match(text, /^Not yet decided: /, label);
    assert.ok(a.reason !== undefined, `${label}: inconclusive without a reason`);
    assert.ok(a.requestsNeeded === undefined || a.requestsNeeded >= 0, label);
  } else {
    assert.equal(a.reason, undefined, `${label}: a decided verdict carries no reason`);
    assert.doesNotMatch(text, /Not yet decided/, label);
  }
}

const SLOPES = [0, 16, 64, 256, 725, 1000];
const NOISE = [4 * KiB, 64 * KiB, 1 * MiB];
const REQUESTS_PER_WORKER = [50, 300, 2000, 8000, 20000];
const WORKERS = [1, 2, 8];

test('sweep: no flat where the explanation says not yet, over slopes x noise x requests x workers', () => {
  let cases = 0;
  let inconclusive = 0;
  let seed = 100;
  for (const slope of SLOPES) {
    for (const jitter of NOISE) {
      for (const requests of REQUESTS_PER_WORKER) {
        for (const workers of WORKERS) {
          // 10 s at the rate that serves `requests` per worker: 100 samples per life.
          const spec: VariantSpec = {
            seed: ++seed,
            growth: combine(warmupBump({ bytes: 1.6e6, tau: Math.max(20, requests / 10) }), linearLeak(slope)),
            durationMs: 10000,
            requestsPerSecond: requests / 10,
            jitterBytes: jitter,
            workers,
          };
          const { samples, events } = simulateVariant(spec);
          const a = analyzeVariant(samples, events);
          const label = `slope ${slope}, jitter ${jitter}, ${requests} req/worker, ${workers} workers`;
          assertHonest(a, label);
          // Too few requests to leave the floors: never flat.
          if (requests <= 300) assert.notEqual(a.verdict, 'flat', `${label}: flat on ${requests} requests per worker`);
          cases += 1;
          if (a.verdict === 'inconclusive') inconclusive += 1;
        }
      }
    }
  }
  assert.equal(cases, SLOPES.length * NOISE.length * REQUESTS_PER_WORKER.length * WORKERS.length);
  // The sweep reaches both sides: it is no proof if everything came out undecided.
  assert.ok(inconclusive > 0 && inconclusive < cases, `${inconclusive} of ${cases} inconclusive`);
});

test('sweep: clear long series keep their verdicts (leak stays leak, flat stays flat)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const leak = simulateVariant({ seed, growth: combine(warmupBump(), linearLeak(725)), durationMs: 20000, workers: 4 });
    assert.equal(analyzeVariant(leak.samples, leak.events).verdict, 'leak', `seed ${seed}`);
    const flat = simulateVariant({ seed, growth: warmupBump(), durationMs: 20000, workers: 4 });
    assert.equal(analyzeVariant(flat.samples, flat.events).verdict, 'flat', `seed ${seed}`);
  }
});

test("the issue's mix: one endpoint in 8 keeping ~725 B, 30 s at ~1,300 req/s, is never flat while still rising", () => {
  // ~91 B/request on average, 650 req/s per worker: by 30 s a leak, before that "not yet".
  for (const seconds of [3, 5, 8, 30]) {
    for (const seed of [1, 2, 3]) {
      const { samples, events } = simulateVariant({
        seed,
        growth: combine(warmupBump(), linearLeak(725 / 8)),
        durationMs: seconds * 1000,
        requestsPerSecond: 650,
      });
      const a = analyzeVariant(samples, events);
      assertHonest(a, `${seconds} s, seed ${seed}`);
      assert.notEqual(a.verdict, 'flat', `${seconds} s, seed ${seed}: ${a.explanation.join(' ')}`);
      if (seconds === 30) assert.equal(a.verdict, 'leak', a.explanation.join(' '));
    }
  }
});

test('a heavy view (tens of MB allocated and freed per request, few requests) is flat or inconclusive, never flat with "run longer"', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const seconds of [10, 60, 300]) {
      const { samples, events } = simulateVariant({
        seed,
        growth: warmupBump({ bytes: 1.6e6, tau: 20 }),
        durationMs: seconds * 1000,
        requestsPerSecond: 25,
        stepBytes: 0,
        jitterBytes: 30 * MiB,
      });
      const a = analyzeVariant(samples, events);
      assertHonest(a, `heavy ${seconds} s, seed ${seed}`);
      assert.ok(a.verdict === 'flat' || a.verdict === 'inconclusive', `heavy ${seconds} s, seed ${seed}: ${a.verdict}`);
    }
  }
});

test('a slow view (25 req/s per worker) is judged in minutes, not never', () => {
  const slow = { requestsPerSecond: 25, durationMs: 180000 };
  for (const seed of [1, 2, 3]) {
    const flat = simulateVariant({ seed, growth: warmupBump({ bytes: 1.6e6, tau: 50 }), ...slow });
    assert.equal(analyzeVariant(flat.samples, flat.events).verdict, 'flat', `seed ${seed}`);
    const leak = simulateVariant({ seed, growth: combine(warmupBump({ bytes: 1.6e6, tau: 50 }), linearLeak(725)), ...slow });
    assert.equal(analyzeVariant(leak.samples, leak.events).verdict, 'leak', `seed ${seed}`);
    // 30 s in: too early for either, and it says so.
    const early = simulateVariant({
      seed,
      growth: warmupBump({ bytes: 1.6e6, tau: 50 }),
      requestsPerSecond: 25,
      durationMs: 30000,
    });
    const a = analyzeVariant(early.samples, early.events);
    assert.equal(a.verdict, 'inconclusive');
    assert.ok(a.requestsNeeded! > 0 && a.requestsNeeded! < 5000, String(a.requestsNeeded));
  }
});

test('recorded fixtures: explanations and verdicts agree on "not yet"', () => {
  const fixtures = loadFixtures();
  assert.ok(fixtures.length >= 4);
  for (const f of fixtures) {
    for (const variant of Object.keys(f.expected)) {
      const { samples, events } = variantData(f, variant);
      assertHonest(analyzeVariant(samples, events, { thresholds: f.thresholds, metric: f.metric }), `${f.name}/${variant}`);
      // Cut short, the same series must not turn flat on too little data.
      const endMs = Math.min(...samples.map((s) => s.tMs)) + 1500;
      const cut = analyzeVariant(
        samples.filter((s) => s.tMs <= endMs),
        events.filter((e) => e.tMs <= endMs),
        { thresholds: f.thresholds, metric: f.metric },
      );
      assertHonest(cut, `${f.name}/${variant} cut at 1.5 s`);
    }
  }
});
