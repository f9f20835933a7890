// What --trace leaves in run.json (contract: variants[].trace) and what the hooks write per worker:
// file formats, so they live with the run's other data.

/** One worker snapshot as leaklab_gunicorn_hooks.py writes it (<pid>-base.json, <pid>-end.json). */
export interface TraceSnapshot {
  pid: number;
  /** Requests the worker had served when the snapshot was taken. */
  requests: number;
  /** The worker's working directory: the app's folder, which decides what an app frame is. */
  appDir: string;
  depth: number;
  /** Memory tracemalloc itself used for its traces, bytes. */
  tracerBytes: number;
  /** Interned file names; frames refer to them by index. */
  files: string[];
  /** [size bytes, block count, [fileIndex, line, fileIndex, line, ...] most recent frame first]. */
  groups: [number, number, number[]][];
}

export interface TraceLine {
  file: string;
  line: number;
  /** The source line's text (empty when the file cannot be read). */
  code: string;
  bytesPerRequest: number;
  objectsPerRequest: number;
  /** The line is in the app's own code (under its folder, outside a venv or site-packages). */
  appFrame: boolean;
}

/** What tracing cost: the traced pass against the untraced one of the same variant. */
export interface TraceCost {
  /** Traced requests per second / untraced. */
  throughputRatio: number;
  /** Mean RSS a worker had more in the traced pass, at the same number of requests served. */
  extraRssBytesPerWorker: number;
  tracedRequestsPerSecond: number;
}

export interface VariantTrace {
  tracer: 'tracemalloc' | 'memray';
  /** Traced growth per request / the untraced RSS slope (0 when the slope is not positive). */
  accountedShare: number;
  /** Net growth of every traced allocation, per request, between the two snapshots. */
  tracedBytesPerRequest: number;
  /** Requests served between the snapshots, every worker together. */
  requests: number;
  workers: number;
  lines: TraceLine[];
  cost?: TraceCost;
  /** Why there are no lines (no snapshot pair), when there are none. */
  problem?: string;
  /**
   * Set when the untraced pass judged the variant flat or bounded (or inconclusive, not still
   * rising): it did not see memory keep growing, so an app line that grew while tracing (a bounded cache filling, in a window too
   * short to see it cull) is not a leak line. Those lines, left out of `lines`, are here.
   */
  settled?: { verdict: 'flat' | 'bounded' | 'inconclusive'; appLines: TraceLine[] };
}
