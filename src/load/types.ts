// The storm's interface, shared by the pipeline and the benchmarks.
import type { LoadStats } from '../run-data/types.ts';

/**
 * One kind of request in a scenario's mix. `path` may hold tokens that are filled per request:
 * `{seq}` (0, 1, 2, ... across the storm) and `{rand:LOW:HIGH}` (a uniform integer in
 * [LOW, HIGH]) — many distinct keys are what make a cache leak show.
 */
export interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Relative share of the mix; defaults to 1. */
  weight?: number;
  /** The expected status(es); any other is a failure. Default: any 2xx or 3xx. */
  status?: number | number[];
}

export interface StormProgress {
  elapsedMs: number;
  requests: number;
  errors: number;
}

export interface StormOptions {
  host: string;
  port: number;
  requests: RequestSpec[];
  connections: number;
  /** Stop after this long. One of durationMs / amount must be set; whichever comes first ends the storm. */
  durationMs?: number;
  /** Stop after exactly this many responses. */
  amount?: number;
  /**
   * Whether the server keeps connections open. Gunicorn's sync worker closes after every
   * response; gthread/gevent keep them alive. The engine picks its strategy from this.
   */
  keepAlive: boolean;
  /**
   * Send the mix in shuffled cycles of this many requests, each entry's share as one run,
   * instead of one draw per request: exact shares every cycle, but within one each entry's
   * count strays far from its share, which is what lets attribution tell entries apart.
   */
  entryCycle?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  onProgress?: (p: StormProgress) => void;
  signal?: AbortSignal;
}

export type RunStorm = (opts: StormOptions) => Promise<LoadStats>;
