// A run with the three shapes a report must draw: a climbing line (leaky), a flat one (fixed)
// and a sawtooth (leaky under max_requests). Built in code so each test sees exact values.
import type { VariantAnalysis } from '../../../src/analyze/types.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { Sample, Verdict, WorkerEvent } from '../../../src/run-data/types.ts';

export const MIB = 1024 * 1024;
export const REQUESTS_PER_WORKER = 20_000;
export const MAX_REQUESTS = 5_000;
const STEP = 50; // requests between samples
const BASE = 40 * MIB;

/** bytes per request for a line climbing 40 → 100 MiB over one worker's 20k requests. */
const LEAK_SLOPE = (60 * MIB) / REQUESTS_PER_WORKER;

export function fixtureSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const slot of [0, 1]) {
    const wobble = slot * 0.3 * MIB;
    for (let r = 0; r <= REQUESTS_PER_WORKER; r += STEP) {
      const tMs = r * 2;
      samples.push(sample('leaky', 1000 + slot, slot, tMs, r, BASE + wobble + r * LEAK_SLOPE));
      samples.push(sample('fixed', 2000 + slot, slot, tMs, r, BASE + wobble + ((r / STEP) % 3) * 40_000));
    }
    // Four lives per slot: each climbs for MAX_REQUESTS requests, then Gunicorn recycles it.
    for (let life = 0; life < 4; life++) {
      const pid = 3000 + slot * 10 + life;
      for (let r = 0; r <= MAX_REQUESTS; r += STEP) {
        const tMs = (life * MAX_REQUESTS + r) * 2;
        samples.push(sample('leaky-max-requests', pid, slot, tMs, r, BASE + wobble + r * LEAK_SLOPE));
      }
    }
  }
  return samples;
}

function sample(variant: string, pid: number, slot: number, tMs: number, requests: number, rss: number): Sample {
  // USS is read every other tick only, as the sampler does for smaps_rollup.
  const everyOther = (requests / STEP) % 2 === 0;
  return { tMs, variant, pid, slot, requests, rss, uss: everyOther ? rss - 8 * MIB : null, pss: null };
}

export function fixtureEvents(): WorkerEvent[] {
  const events: WorkerEvent[] = [];
  for (const slot of [0, 1]) {
    for (let life = 0; life < 3; life++) {
      const pid = 3000 + slot * 10 + life;
      const tMs = (life + 1) * MAX_REQUESTS * 2;
      events.push({ tMs, variant: 'leaky-max-requests', kind: 'exit', pid, slot, cause: 'max_requests', requests: MAX_REQUESTS });
      events.push({ tMs, variant: 'leaky-max-requests', kind: 'spawn', pid: pid + 1, slot });
    }
  }
  return events;
}

function analysis(verdict: Verdict, slope: number, growth: number, extra: Partial<VariantAnalysis> = {}): VariantAnalysis {
  return {
    verdict,
    confidence: 0.97,
    metric: 'rss',
    slope: { bytesPerRequest: slope, low: slope * 0.9, high: slope * 1.1, level: 0.95 },
    growthBytes: growth,
    warmupEndRequests: 500,
    plateauStartRequests: null,
    restarts: [],
    workers: [],
    explanation: [`Memory ${verdict === 'flat' ? 'stayed flat' : 'grew'} after warm-up.`],
    ...extra,
  };
}

function variant(name: string, verdict: Verdict, expected: Verdict, a: VariantAnalysis, restarts: number): VariantRecord {
  return {
    name,
    status: 'complete',
    verdict,
    expected,
    expectationMet: verdict === expected,
    slopeBytesPerRequest: a.slope.bytesPerRequest,
    growthBytes: a.growthBytes,
    requests: 40_000,
    requestsPerSecond: 5123.4,
    errors: name === 'fixed' ? 3 : 0,
    workerRestarts: restarts,
    gunicorn: { workers: 2, worker_class: 'sync', max_requests: name === 'leaky-max-requests' ? MAX_REQUESTS : 0 },
    load: {
      requests: 40_000,
      durationMs: 7807,
      requestsPerSecond: 5123.4,
      latencyMs: { mean: 1.4, p50: 1.2, p90: 2.1, p99: 4.8, max: 31 },
      statusCodes: { '200': 39_997, '500': 3 },
      errors: name === 'fixed' ? 3 : 0,
      timeouts: 0,
      engine: 'raw-socket',
    },
    analysis: a,
  };
}

export function fixtureRun(
  scenarioClaim = 'A module-level list grows with every request until the worker is recycled.',
): RunRecord {
  const restarts = fixtureEvents()
    .filter((e) => e.kind === 'exit')
    .map((e) => ({ pid: e.pid, slot: e.slot, tMs: e.tMs, requests: e.requests ?? null, cause: e.cause ?? 'unknown' }));
  return {
    scenario: 'global-list',
    title: 'Global list leak',
    claim: scenarioClaim,
    status: 'complete',
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:01:30.000Z',
    runId: '20250101-100000-global-list',
    target: 'local',
    quick: true,
    variants: [
      variant('leaky', 'leak', 'leak', analysis('leak', LEAK_SLOPE, 59 * MIB), 0),
      // Deliberately failed expectation: the "fix" was expected flat but judged bounded.
      variant('fixed', 'bounded', 'flat', analysis('bounded', 2.1, 0.9 * MIB, { plateauStartRequests: 1200 }), 0),
      variant(
        'leaky-max-requests',
        'sawtooth',
        'sawtooth',
        analysis('sawtooth', LEAK_SLOPE, 14 * MIB, { restarts }),
        restarts.length,
      ),
    ],
  };
}
