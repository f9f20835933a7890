// The data a run leaves on disk. Collection writes it; analysis and reporting read only it,
// which is what lets `leaklab report <run-dir>` re-render everything without re-running.

/** `inconclusive`: the data cannot yet tell leak from flat (too few requests, workers disagree, still rising). */
export type Verdict = 'leak' | 'bounded' | 'sawtooth' | 'flat' | 'inconclusive';
export const VERDICTS: readonly Verdict[] = ['leak', 'bounded', 'sawtooth', 'flat', 'inconclusive'];

/** Which memory figure a slope or curve is about. */
export type MemoryMetric = 'rss' | 'uss' | 'pss';

/**
 * Whose process a sample is of: a Gunicorn worker (web, the one the verdict judges) or a process
 * of a Celery worker the variant started beside it (celery: the main process and its pool).
 */
export type SampleRole = 'web' | 'celery';

/**
 * One reading of one worker's memory (one row of samples.csv).
 * uss/pss are null on ticks where smaps_rollup was not read: it costs milliseconds on a big
 * process, so the sampler reads it less often than RSS.
 */
export interface Sample {
  /** Milliseconds since the variant's storm started. */
  tMs: number;
  variant: string;
  pid: number;
  /** Worker slot: a worker that replaces a dead one takes its slot, so a slot is one line on a chart. */
  slot: number;
  /** Requests this pid has served so far in its own life (0 at spawn). */
  requests: number;
  /** Bytes. */
  rss: number;
  uss: number | null;
  pss: number | null;
  /** Requests this pid has served per mix entry (a mix of several entries only); entry-counts.csv. */
  entries?: number[];
  /**
   * Absent for a web worker (every sample of a run without Celery, and every row of a samples.csv
   * written before the column existed). For a Celery process, `requests` counts tasks: received
   * by the main process (slot 0), finished by a pool process (slot 1 + its pool index).
   */
  role?: 'celery';
}

/** A Gunicorn worker's sample: what verdicts, the live judge and attribution are about. */
export function isWebSample(s: Pick<Sample, 'role'>): boolean {
  return s.role !== 'celery';
}

/** Why a worker process ended, as far as it can be known. */
export type ExitCause =
  | 'max_requests' // Gunicorn recycled it after max_requests (+ jitter)
  | 'memory_limit' // a memory guard asked it to stop
  | 'timeout' // the arbiter aborted it (worker_abort, SIGABRT)
  | 'crash' // it died without running worker_exit (signal, segfault, OOM kill)
  | 'shutdown' // the harness stopped the server
  | 'unknown';

/** Lifecycle events of workers, from Gunicorn hooks (events.jsonl in the run directory). */
export interface WorkerEvent {
  tMs: number;
  variant: string;
  kind: 'spawn' | 'exit';
  pid: number;
  slot: number;
  cause?: ExitCause;
  /** Requests served by the pid when it exited. */
  requests?: number;
}

/** What the load generator measured for one variant. Latencies in milliseconds. */
export interface LoadStats {
  requests: number;
  durationMs: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Which engine produced these figures ("raw-socket", "autocannon", ...). */
  engine: string;
  /** Per mix entry, in mix order; absent in runs recorded before it existed. */
  perEntry?: EntryLoadStats[];
}

/** One mix entry's share of a storm, counted exactly: the storm picks one entry per request. */
export interface EntryLoadStats {
  method: string;
  /** As written in the mix, tokens not filled. */
  path: string;
  /** The statuses the scenario expects; absent: any 2xx or 3xx. */
  status?: number[];
  /** Complete responses, whatever their status. */
  requests: number;
  statusCodes: Record<string, number>;
  /** Responses whose status was not expected: failures. */
  unexpected: number;
  /** Requests that got no complete response. */
  errors: number;
}
