// Analysis of saved data into the contract's variant records. Pure: `leaklab run` and
// `leaklab report` both call it on what is on disk, so a re-render always agrees with the run.
import { analyzeVariant } from '../analyze/analyze-variant.ts';
import { DEFAULT_THRESHOLDS } from '../analyze/thresholds.ts';
import type { Thresholds } from '../analyze/types.ts';
import type { ProbeRecord } from '../run-data/probe-record.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import type { LoadStats, Sample, Verdict, WorkerEvent } from '../run-data/types.ts';

export interface VariantInput {
  name: string;
  description?: string;
  expected?: Verdict;
  gunicorn?: Record<string, unknown>;
  thresholds: Partial<Thresholds>;
  /** Load before which growth is always warm-up, from the scenario's load.warmup. */
  warmupMs?: number;
  load?: LoadStats;
  status: VariantRecord['status'];
  error?: string;
  skipReason?: string;
  warnings?: string[];
  services?: VariantRecord['services'];
  probes?: ProbeRecord[];
  container?: VariantRecord['container'];
}

export function buildVariantRecord(input: VariantInput, samples: Sample[], events: WorkerEvent[]): VariantRecord {
  const base: VariantRecord = {
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    status: input.status,
    ...(input.skipReason ? { skipReason: input.skipReason } : {}),
    ...(input.error ? { error: input.error } : {}),
    ...(input.warnings?.length ? { warnings: input.warnings } : {}),
    ...(input.expected ? { expected: input.expected } : {}),
    slopeBytesPerRequest: 0,
    growthBytes: 0,
    requests: input.load?.requests ?? 0,
    requestsPerSecond: round(input.load?.requestsPerSecond ?? 0),
    errors: input.load?.errors ?? 0,
    workerRestarts: 0,
    ...(input.services?.length ? { services: input.services } : {}),
    ...(input.gunicorn ? { gunicorn: input.gunicorn } : {}),
    ...(input.load ? { load: input.load } : {}),
    ...(input.probes?.length ? { probes: input.probes } : {}),
    ...(input.container ? { container: input.container } : {}),
  };
  if (input.status !== 'complete' || samples.length === 0) return base;

  const thresholds = { ...input.thresholds };
  const floor = warmupFloorRequests(samples, input.warmupMs);
  if (floor !== null) thresholds.minWarmupRequests = Math.max(thresholds.minWarmupRequests ?? DEFAULT_THRESHOLDS.minWarmupRequests, floor);
  const analysis = analyzeVariant(samples, events, { thresholds, ...(floor !== null ? { scenarioWarmupRequests: floor } : {}) });
  return {
    ...base,
    verdict: analysis.verdict,
    ...(input.expected ? { expectationMet: analysis.verdict === input.expected } : {}),
    slopeBytesPerRequest: round(analysis.slope.bytesPerRequest),
    growthBytes: Math.round(analysis.growthBytes),
    workerRestarts: analysis.restarts.length,
    analysis,
  };
}

/** Median requests per worker served by the end of the scenario's warm-up time. */
export function warmupFloorRequests(samples: Sample[], warmupMs: number | undefined): number | null {
  if (warmupMs === undefined) return null;
  const atWarmup = new Map<number, number>();
  for (const s of samples) {
    if (s.tMs <= warmupMs) atWarmup.set(s.pid, Math.max(atWarmup.get(s.pid) ?? 0, s.requests));
  }
  const values = [...atWarmup.values()].sort((a, b) => a - b);
  return values.length ? (values[Math.floor(values.length / 2)] ?? null) : null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
