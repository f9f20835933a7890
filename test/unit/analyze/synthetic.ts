// Seeded synthetic runs shaped like the sample app's: per-worker request counters advancing at
// ~3.5k req/s, 100 ms sampling, RSS in 256 KiB arena steps with page-sized jitter, a warm-up
// bump, Gunicorn-style recycling and crashes. Same seed, same run.

import type { Point } from '../../../src/analyze/points.ts';
import { mulberry32 } from '../../../src/core/prng.ts';
import type { ExitCause, Sample, WorkerEvent } from '../../../src/run-data/types.ts';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const ARENA = 256 * KiB;
const PAGE = 4 * KiB;

export { mulberry32 };

/** Memory above the worker's base, bytes, as a function of requests it has served. */
export type Growth = (requests: number) => number;

/** The measured warm-up: ~1.6 MB, front-loaded, 95% done by 3·tau requests. */
export const warmupBump =
  ({ bytes = 1.6e6, tau = 2000 } = {}): Growth =>
  (x) =>
    bytes * (1 - Math.exp(-x / tau));
export const linearLeak =
  (bytesPerRequest: number): Growth =>
  (x) =>
    bytesPerRequest * x;
/** A cache filling linearly from `startAt` for `overRequests`, then full. */
export const boundedFill =
  ({ bytes, overRequests, startAt = 0 }: { bytes: number; overRequests: number; startAt?: number }): Growth =>
  (x) =>
    bytes * Math.min(1, Math.max(0, (x - startAt) / overRequests));
export const combine =
  (...parts: Growth[]): Growth =>
  (x) =>
    parts.reduce((sum, g) => sum + g(x), 0);

export interface VariantSpec {
  seed: number;
  growth: Growth;
  durationMs: number;
  variant?: string;
  workers?: number;
  intervalMs?: number;
  /** Per worker. */
  requestsPerSecond?: number;
  baseBytes?: number;
  /** RSS granularity (arena steps); 0 for smooth. */
  stepBytes?: number;
  /** Per-sample noise amplitude, rounded to pages. */
  jitterBytes?: number;
  /** Per-sample chance of one extra permanent arena step (allocator noise on a flat app). */
  strayStepChance?: number;
  maxRequests?: number;
  maxRequestsJitter?: number;
  /** Kill the worker in `slot` at `atMs`; without an exit event when withEvent is false. */
  crash?: { slot: number; atMs: number; withEvent?: boolean };
  /** Windows in which no request is served (ties in requests). */
  idle?: { fromMs: number; toMs: number }[];
  /** A sample at 0 requests, 20 MiB low (still importing the app), when a worker spawns. */
  bootSample?: boolean;
  respawnDelayMs?: number;
  /** uss/pss are read every N ticks only. */
  smapsEvery?: number;
  /** Extra PSS growth (copy-on-write) on top of RSS growth. */
  pssExtra?: Growth;
}

/** The global-list leak (2.7 KB/request) for 10 s under max_requests=1000±50: the sawtooth case. */
export function recycledLeak(seed: number): VariantSpec {
  return {
    seed,
    growth: combine(warmupBump(), linearLeak(2700)),
    durationMs: 10000,
    maxRequests: 1000,
    maxRequestsJitter: 50,
  };
}

interface Worker {
  pid: number;
  requests: number;
  limit: number;
  phase: number;
  stray: number;
}

export function simulateVariant(spec: VariantSpec): { samples: Sample[]; events: WorkerEvent[] } {
  const rand = mulberry32(spec.seed);
  const variant = spec.variant ?? 'synthetic';
  const interval = spec.intervalMs ?? 100;
  const rate = spec.requestsPerSecond ?? 3500;
  const base = spec.baseBytes ?? 60 * MiB;
  const step = spec.stepBytes ?? ARENA;
  const jitter = spec.jitterBytes ?? 8 * KiB;
  const delay = spec.respawnDelayMs ?? 150;
  const samples: Sample[] = [];
  const events: WorkerEvent[] = [];
  const slots: (Worker | null)[] = [];
  const respawnAt: number[] = [];
  let nextPid = 1000;
  let crashed = false;

  const spawn = (slot: number, tMs: number): Worker => {
    const limit = spec.maxRequests ? spec.maxRequests + Math.floor(rand() * (spec.maxRequestsJitter ?? 0)) : Infinity;
    const w: Worker = { pid: nextPid++, requests: 0, limit, phase: rand() * step, stray: 0 };
    events.push({ tMs, variant, kind: 'spawn', pid: w.pid, slot });
    if (spec.bootSample ?? true) push(tMs, slot, w, base - 20 * MiB);
    return w;
  };
  const exit = (slot: number, w: Worker, tMs: number, cause: ExitCause, withEvent = true) => {
    if (withEvent) events.push({ tMs, variant, kind: 'exit', pid: w.pid, slot, cause, requests: Math.floor(w.requests) });
    slots[slot] = null;
    respawnAt[slot] = tMs + delay;
  };
  function push(tMs: number, slot: number, w: Worker, rss: number) {
    const smaps = Math.round(tMs / interval) % (spec.smapsEvery ?? 1) === 0;
    const uss = rss - 30 * MiB;
    const x = Math.floor(w.requests);
    samples.push({
      tMs,
      variant,
      pid: w.pid,
      slot,
      requests: x,
      rss,
      uss: smaps ? uss : null,
      pss: smaps ? uss + 10 * MiB + (spec.pssExtra?.(x) ?? 0) : null,
    });
  }

  for (let slot = 0; slot < (spec.workers ?? 2); slot += 1) slots.push(spawn(slot, 0));
  for (let tMs = interval; tMs <= spec.durationMs; tMs += interval) {
    slots.forEach((current, slot) => {
      if (!current) {
        if (tMs >= respawnAt[slot]!) slots[slot] = spawn(slot, tMs);
        return;
      }
      const w = current;
      if (spec.crash && !crashed && spec.crash.slot === slot && tMs >= spec.crash.atMs) {
        crashed = true;
        exit(slot, w, tMs, 'crash', spec.crash.withEvent ?? true);
        return;
      }
      const idle = spec.idle?.some((p) => tMs >= p.fromMs && tMs < p.toMs) ?? false;
      if (!idle) w.requests += ((rate * interval) / 1000) * (0.8 + 0.4 * rand());
      if (w.requests >= w.limit) {
        w.requests = w.limit;
        exit(slot, w, tMs, 'max_requests');
        return;
      }
      if (rand() < (spec.strayStepChance ?? 0)) w.stray += step;
      const g = spec.growth(Math.floor(w.requests));
      const quantized = step > 0 ? step * Math.floor((g + w.phase) / step) : g;
      const noise = Math.round(((rand() * 2 - 1) * jitter) / PAGE) * PAGE;
      push(tMs, slot, w, base + quantized + w.stray + noise);
    });
  }
  slots.forEach((w, slot) => {
    if (w) exit(slot, w, spec.durationMs, 'shutdown');
  });
  return { samples, events };
}

/** The (requests, bytes) points of one worker's life, as the analysis sees them (served > 0). */
export function singleLife(spec: Omit<VariantSpec, 'workers'>): Point[] {
  const { samples } = simulateVariant({ ...spec, workers: 1 });
  const pid = samples[0]?.pid;
  return samples.filter((s) => s.pid === pid && s.requests > 0).map((s) => ({ x: s.requests, y: s.rss }));
}
