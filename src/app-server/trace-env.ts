// The environment that turns on the tracing block of leaklab_gunicorn_hooks.py: tracemalloc in
// every worker, snapshots into `dir`. Environment rather than flags: Gunicorn has no flag for it,
// and the hooks read it at import in the master, which every worker inherits.
import type { TraceSettings } from '../scenario/schema.ts';

export interface TraceEnvOptions {
  /** Where the workers write <pid>-base.json and <pid>-end.json (kept in the run directory). */
  dir: string;
  settings: TraceSettings;
  /** Requests a worker serves before its base snapshot: growth before it is warm-up. */
  warmupRequests: number;
  /** Traced requests before the base snapshot (0: at once), so a bounded cache's entries are all traced by then. */
  settleRequests?: number;
}

export function traceEnv(o: TraceEnvOptions): Record<string, string> {
  return {
    LEAKLAB_TRACE_DIR: o.dir,
    LEAKLAB_TRACE_DEPTH: String(o.settings.depth),
    LEAKLAB_TRACE_WARMUP: String(Math.max(1, Math.round(o.warmupRequests))),
    LEAKLAB_TRACE_EVERY: String(o.settings.everyRequests),
    LEAKLAB_TRACE_SETTLE: String(Math.max(0, Math.round(o.settleRequests ?? 0))),
    LEAKLAB_TRACER: o.settings.tracer,
  };
}
