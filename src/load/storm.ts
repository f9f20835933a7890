// runStorm: the storm runs in a worker thread (see storm-worker.ts); this side relays
// progress, turns an abort signal into a stop message, and hands back the stats.
import { Worker } from 'node:worker_threads';
import type { LoadStats } from '../run-data/types.ts';
import type { EngineOptions } from './engine.ts';
import type { MainToWorker, WorkerToMain } from './storm-messages.ts';
import type { RunStorm, StormOptions } from './types.ts';

export interface StormResult {
  stats: LoadStats;
  /** CPU the worker's process spent during the storm, in ms (for measuring the engine's cost). */
  cpuMs: number;
}

export const runStorm: RunStorm = async (opts) => (await runStormMeasured(opts)).stats;

/** runStorm plus the CPU the engine used; the benchmarks want both. */
export function runStormMeasured(
  opts: StormOptions & Pick<EngineOptions, 'seed' | 'transport' | 'connectionMaxAgeMs'>,
): Promise<StormResult> {
  const { onProgress, signal, ...rest } = opts;
  const engineOptions: EngineOptions = rest;
  return new Promise<StormResult>((resolve, reject) => {
    // In dist/ this is the bundled worker; in src/ (tests under tsx) a shim that registers tsx first.
    // Up a folder first: bundled, this code runs from a chunk in another folder of dist/.
    const worker = new Worker(new URL('../load/storm-worker.js', import.meta.url), { workerData: engineOptions });
    let settled = false;
    const stop = (): void => worker.postMessage({ type: 'stop' } satisfies MainToWorker);
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      fn();
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (m: WorkerToMain) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') settle(() => resolve({ stats: m.stats, cpuMs: m.cpuMs }));
      else settle(() => reject(new Error(`load storm failed: ${m.message}`)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`load storm worker exited (code ${code}) without a result`))));
  });
}
