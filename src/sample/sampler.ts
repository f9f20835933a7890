// The sampling loop: on a drift-corrected clock, reads every worker's RSS and request count,
// and USS/PSS on a slower clock, and hands each reading to a sink (which streams it to disk:
// the harness keeps no samples in memory).
import type { Sample } from '../run-data/types.ts';
import { pageSize, readSmapsRollup, readStatmRss } from './procfs.ts';
import { readRequestCounter } from './request-counter.ts';
import { WorkerTracker } from './worker-tracker.ts';

export interface SamplerOptions {
  stateDir: string;
  variant: string;
  intervalMs: number;
  smapsIntervalMs: number;
  onSample: (s: Sample) => void;
  /** Called after each tick with how late it started (ms) and how long it took (ms). */
  onTick?: (latenessMs: number, costMs: number) => void;
  /** Clock origin: tMs in samples is measured from here (performance.now() units). */
  originMs: number;
  now?: () => number;
  procDir?: string;
}

export interface Sampler {
  /** Stops the loop after one last tick, so the final state of every worker is on record. */
  stop(): void;
  /** The latest reading of each live worker, for progress display. */
  latest(): ReadonlyMap<number, Sample>;
}

export function startSampler(o: SamplerOptions): Sampler {
  const now = o.now ?? (() => performance.now());
  const tracker = new WorkerTracker(o.stateDir, o.procDir);
  const latest = new Map<number, Sample>();
  const page = pageSize();
  const smapsEvery = Math.max(1, Math.round(o.smapsIntervalMs / o.intervalMs));
  let tick = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const start = now();

  const sampleAll = () => {
    const readSmaps = tick % smapsEvery === 0;
    const tMs = Math.round(now() - o.originMs);
    for (const w of [...tracker.live]) {
      if (!readWorker(w, tMs, readSmaps)) tracker.drop(w.pid);
    }
    // New workers are sampled in the same tick they are found, with smaps, as a baseline.
    for (const w of tracker.discover()) {
      if (!readWorker(w, tMs, true)) tracker.drop(w.pid);
    }
  };

  const readWorker = (w: ReturnType<WorkerTracker['discover']>[number], tMs: number, smaps: boolean): boolean => {
    const rss = readStatmRss(w.statmFd, page);
    if (rss === null) {
      latest.delete(w.pid);
      return false;
    }
    const requests = readRequestCounter(w.counterFd) ?? 0;
    const figures = smaps && w.smapsFd !== null ? readSmapsRollup(w.smapsFd) : null;
    const sample: Sample = {
      tMs,
      variant: o.variant,
      pid: w.pid,
      slot: w.slot,
      requests,
      rss,
      uss: figures?.uss ?? null,
      pss: figures?.pss ?? null,
    };
    latest.set(w.pid, sample);
    o.onSample(sample);
    return true;
  };

  const schedule = () => {
    if (stopped) return;
    tick++;
    const due = start + tick * o.intervalMs;
    timer = setTimeout(() => {
      const began = now();
      sampleAll();
      o.onTick?.(began - due, now() - began);
      schedule();
    }, Math.max(0, due - now()));
  };

  sampleAll();
  schedule();
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      sampleAll();
      tracker.close();
    },
    latest: () => latest,
  };
}
