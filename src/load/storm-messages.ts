// Messages between storm.ts (main thread) and storm-worker.ts.
import type { LoadStats } from '../run-data/types.ts';
import type { StormProgress } from './types.ts';

export type MainToWorker = { type: 'stop' };

export type WorkerToMain =
  | { type: 'progress'; progress: StormProgress }
  /** cpuMs: CPU time of the whole process during the storm (the worker's loop dominates it). */
  | { type: 'done'; stats: LoadStats; cpuMs: number }
  | { type: 'failed'; message: string };
