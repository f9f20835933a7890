// --trace: after a variant's untraced pass, a second pass of the same variant with tracemalloc
// in every worker. A separate pass because tracing slows every allocation and adds its own
// memory: its curve must never feed the verdict, and the untraced pass stays the same run a
// user gets without --trace, so its verdict and figures do not move. Its samples are kept only
// in memory (for the cost), and its snapshots under <run>/trace/<variant>/ for analysis.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { memrayProblem, memraySnapshots } from '../app-server/memray.ts';
import { traceEnv } from '../app-server/trace-env.ts';
import { LeaklabError } from '../core/errors.ts';
import { isWebSample, type Sample } from '../run-data/types.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import type { TraceSettings } from '../scenario/schema.ts';
import { traceCost } from '../trace/cost.ts';
import type { VariantTrace } from '../trace/types.ts';
import { warmupFloorRequests } from './build-record.ts';
import { type CollectContext, collectVariant } from './collect-variant.ts';
import { failedRequests } from './load-health.ts';

/** Requests before a worker's base snapshot when the scenario names no warm-up. */
export const DEFAULT_TRACE_WARMUP_REQUESTS = 500;

export const TRACED_WORKER_TIMEOUT_S = 300;

/**
 * Requests each worker serves traced, after its untraced warm-up. A traced allocation costs
 * ~10-30x an untraced one, so the traced pass does not repeat the untraced one's length: a
 * thousand requests put a line that keeps 8 B/request at 8 KB, well above one-off churn.
 */
export const TRACED_WINDOW_REQUESTS = 1000;

/**
 * Traced requests each worker serves before its base snapshot. Tracing starts after warm-up, so
 * a bounded cache still holds untraced entries then, and replacing one reads as growth (+1, the
 * -1 unseen) until every entry has been replaced: on dict-cache's lru (1,000 entries per worker,
 * every request a miss) that read as a leak at the cache's own line. Caches of up to this many
 * entries per worker read as flat.
 */
export const TRACED_SETTLE_REQUESTS = 1000;

/** A samples sink that remembers what passed through (and forwards it, for the untraced pass). */
export function recordingSamples(inner?: { write(s: Sample): void }): { write(s: Sample): void; samples: Sample[] } {
  const samples: Sample[] = [];
  return {
    samples,
    write(s) {
      samples.push(s);
      inner?.write(s);
    },
  };
}

/** A trace with nothing found yet: what a pass reports before its snapshots are read, or when it fails. */
export function emptyTrace(tracer: VariantTrace['tracer'] = 'tracemalloc'): VariantTrace {
  return { tracer, accountedShare: 0, tracedBytesPerRequest: 0, requests: 0, workers: 0, lines: [] };
}

export function traceDir(runDir: string, variant: string): string {
  return join(runDir, 'trace', variant);
}

/** The base snapshot waits for the scenario's warm-up, but never past a fifth of what a worker served untraced. */
export function traceWarmupRequests(untracedSamples: readonly Sample[], warmupMs: number | undefined): number {
  const perWorker = Math.max(0, ...untracedSamples.map((s) => s.requests));
  const floor = warmupFloorRequests(untracedSamples, warmupMs) ?? DEFAULT_TRACE_WARMUP_REQUESTS;
  return Math.max(1, Math.min(floor, Math.floor(perWorker / 5) || floor));
}

/** How many requests the traced pass sends, and how each worker's share is split. */
export interface TracedPassPlan {
  /** Traced requests per worker before the base snapshot (0 for memray, read once at exit). */
  settle: number;
  /** Traced requests per worker between the base and the end snapshot. */
  window: number;
  /** The pass's stop condition, every worker together. */
  requests: number;
}

/**
 * Every worker's warm-up, then the settle and window requests traced. Never more than the
 * untraced pass served (a short run stays short): a slow view (image-cache: 1,600 requests in
 * all) gets the requests past its warm-up split half and half.
 */
export function tracedPassPlan(
  untracedSamples: readonly Sample[],
  workers: number,
  warmupRequests: number,
  tracer: TraceSettings['tracer'] = 'tracemalloc',
): TracedPassPlan {
  const served = new Map<number, number>();
  for (const s of untracedSamples) served.set(s.pid, Math.max(served.get(s.pid) ?? 0, s.requests));
  const untracedTotal = [...served.values()].reduce((n, r) => n + r, 0);
  const n = Math.max(1, workers);
  const full = tracer === 'memray' ? 0 : TRACED_SETTLE_REQUESTS;
  const wanted = { settle: full, window: TRACED_WINDOW_REQUESTS };
  if (untracedTotal > 0 && n * (warmupRequests + full + TRACED_WINDOW_REQUESTS) > untracedTotal) {
    const traced = Math.max(2, Math.floor(untracedTotal / n) - warmupRequests);
    wanted.settle = full ? Math.floor(traced / 2) : 0;
    wanted.window = traced - wanted.settle;
  }
  return { ...wanted, requests: n * (warmupRequests + wanted.settle + wanted.window) };
}

export async function runTracedPass(
  plan: VariantPlan & { trace: TraceSettings },
  ctx: CollectContext,
  untraced: { samples: readonly Sample[]; requestsPerSecond: number },
): Promise<VariantTrace> {
  const dir = traceDir(ctx.stateRoot, plan.name);
  mkdirSync(dir, { recursive: true });
  const warmupRequests = traceWarmupRequests(untraced.samples, plan.warmupMs);
  // End snapshots within the window too: the one at exit can be cut by Gunicorn's 3 s graceful
  // timeout on a loaded machine (a worker of numpy-buffers kept lost its answer so).
  const pass = tracedPassPlan(untraced.samples, plan.gunicorn.workers, warmupRequests, plan.trace.tracer);
  const everyRequests = Math.max(1, Math.min(plan.trace.everyRequests || pass.window, Math.floor(pass.window / 4)));
  const env = traceEnv({
    dir,
    settings: { ...plan.trace, everyRequests },
    warmupRequests,
    // memray is read once, at exit: its base is where tracing started.
    settleRequests: pass.settle,
  });
  const sink = recordingSamples();
  const pending = emptyTrace(plan.trace.tracer);
  const memray = plan.trace.tracer === 'memray';
  if (memray) {
    // Checked before the pass: a worker that cannot import memray would fail every request.
    if (ctx.runtime.target !== 'local') return { ...pending, problem: '--trace memray runs on --target local only' };
    const missing = await memrayProblem(ctx.runtime.python.python, ctx.baseEnv);
    if (missing) return { ...pending, problem: missing };
  }
  try {
    const collected = await collectVariant(
      {
        ...plan,
        name: `${plan.name}-traced`,
        probes: [],
        // A request count, not the untraced pass's duration or live stop: see TRACED_WINDOW_REQUESTS.
        durationMs: undefined,
        amount: pass.requests,
        untilVerdict: false,
        env: { ...plan.env, ...env },
        // A snapshot of a traced heap takes seconds inside a request: the arbiter must not kill it for that.
        gunicorn: { ...plan.gunicorn, timeout: Math.max(plan.gunicorn.timeout, TRACED_WORKER_TIMEOUT_S) },
      },
      // Its curve is not the measured one: no running verdict of it reaches a watcher.
      { ...ctx, samples: sink, onLiveStatus: undefined },
    );
    const cost = traceCost(untraced, {
      samples: sink.samples.filter(isWebSample),
      requestsPerSecond: collected.load.requestsPerSecond,
      tracedFrom: warmupRequests,
    });
    const failed = failedRequests(collected.load);
    const problems = memray ? await memraySnapshots(ctx.runtime.python.python, dir, ctx.baseEnv) : [];
    if (failed > collected.load.requests / 100) problems.unshift(`${failed} traced requests failed`);
    return { ...pending, cost, ...(problems.length ? { problem: problems.join('; ') } : {}) };
  } catch (err) {
    // A traced pass that fails leaves the untraced verdict standing.
    if (!(err instanceof LeaklabError)) throw err;
    return { ...pending, problem: `the traced pass failed: ${err.message}` };
  }
}
