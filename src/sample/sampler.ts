// The sampling loop: on a drift-corrected clock, reads every worker's RSS and request count,
// and USS/PSS on a slower clock, and hands each reading to a sink (which streams it to disk:
// the harness keeps no samples in memory).
//
// smaps_rollup walks the page tables: ~0.2 ms per read on a 40 MB worker, milliseconds on a
// big one. So its clock is also held to a budget: a pass that took C ms is not repeated for
// C / SMAPS_BUDGET ms, whatever smapsIntervalMs asks, and 8 big workers cannot eat a core.
import type { Sample } from '../run-data/types.ts';
import { pageSize, readSmapsRollup, readStatmRss } from './procfs.ts';
import { readEntryCounters, readRequestCounter } from './request-counter.ts';
import { WorkerTracker } from './worker-tracker.ts';

export interface SamplerOptions {
  stateDir: string;
  variant: string;
  intervalMs: number;
  /** Mix entries whose per-worker counts are read too (attribution); 0 or 1: none. */
  entries?: number;
  /** Also follow the processes of a Celery worker (counter files in <stateDir>/celery): role celery. */
  celery?: boolean;
  smapsIntervalMs: number;
  onSample: (s: Sample) => void;
  /** Called after each tick with how late it started (ms) and how long it took (ms). */
  onTick?: (latenessMs: number, costMs: number) => void;
  /** Clock origin: tMs in samples is measured from here (performance.now() units). */
  originMs: number;
  now?: () => number;
  procDir?: string;
}

/** Share of one core that USS/PSS reads may take. */
export const SMAPS_BUDGET = 0.004;

export interface Sampler {
  /** Stops the loop after one last tick, so the final state of every worker is on record. */
  stop(): void;
  /** The latest reading of each live worker, for progress display. */
  latest(): ReadonlyMap<number, Sample>;
}

export function startSampler(o: SamplerOptions): Sampler {
  const now = o.now ?? (() => performance.now());
  const web = new WorkerTracker(o.stateDir, o.procDir);
  // Celery's processes: their own slots (0 main, 1.. pool), their own rows; never the verdict's.
  const trackers: [WorkerTracker, Sample['role']][] = [[web, undefined]];
  if (o.celery) trackers.push([new WorkerTracker(o.stateDir, o.procDir, { subdir: 'celery', slotInFile: true }), 'celery']);
  const latest = new Map<number, Sample>();
  const page = pageSize();
  let nextSmapsAt = 0;
  let tick = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const start = now();

  const sampleAll = () => {
    const began = now();
    const readSmaps = began >= nextSmapsAt;
    const tMs = Math.round(began - o.originMs);
    for (const [tracker, role] of trackers) {
      const gone: number[] = [];
      for (const w of tracker.live) {
        if (!readWorker(w, tMs, readSmaps, role)) gone.push(w.pid);
      }
      for (const pid of gone) tracker.drop(pid);
    }
    if (readSmaps) {
      const cost = now() - began;
      nextSmapsAt = began + Math.max(o.smapsIntervalMs, cost / SMAPS_BUDGET);
    }
    // New workers are sampled in the same tick they are found, with smaps, as a baseline.
    for (const [tracker, role] of trackers) {
      for (const w of tracker.discover()) {
        if (!readWorker(w, tMs, true, role)) tracker.drop(w.pid);
      }
    }
  };

  const readWorker = (
    w: ReturnType<WorkerTracker['discover']>[number],
    tMs: number,
    smaps: boolean,
    role: Sample['role'],
  ): boolean => {
    const rss = readStatmRss(w.statmFd, page);
    if (rss === null) {
      latest.delete(w.pid);
      return false;
    }
    // A counter that cannot be read this tick keeps the worker's last count: 0 would read as a
    // new life on the chart and as a drop in the analysis.
    const requests = readRequestCounter(w.counterFd) ?? latest.get(w.pid)?.requests ?? 0;
    const entries = (o.entries ?? 0) > 1 && w.entriesFd !== null ? readEntryCounters(w.entriesFd, o.entries!) : null;
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
      ...(entries ? { entries } : {}),
      ...(role ? { role } : {}),
    };
    latest.set(w.pid, sample);
    o.onSample(sample);
    return true;
  };

  const schedule = () => {
    if (stopped) return;
    tick++;
    const due = start + tick * o.intervalMs;
    timer = setTimeout(
      () => {
        const began = now();
        sampleAll();
        o.onTick?.(began - due, now() - began);
        schedule();
      },
      Math.max(0, due - now()),
    );
  };

  sampleAll();
  schedule();
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      sampleAll();
      for (const [tracker] of trackers) tracker.close();
    },
    latest: () => latest,
  };
}
