// --trace: after a variant's untraced pass, a second pass of the same variant with tracemalloc
// in every worker. A separate pass because tracing slows every allocation and adds its own
// memory: its curve must never feed the verdict, and the untraced pass stays the same run a
// user gets without --trace, so its verdict and figures do not move. Its samples are kept only
// in memory (for the cost), and its snapshots under <run>/trace/<variant>/ for analysis.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { traceEnv } from '../app-server/trace-env.ts';
import { LeaklabError } from '../core/errors.ts';
import type { Sample } from '../run-data/types.ts';
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
export function emptyTrace(): VariantTrace {
  return { tracer: 'tracemalloc', accountedShare: 0, tracedBytesPerRequest: 0, requests: 0, workers: 0, lines: [] };
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

export async function runTracedPass(
  plan: VariantPlan & { trace: TraceSettings },
  ctx: CollectContext,
  untraced: { samples: readonly Sample[]; requestsPerSecond: number },
): Promise<VariantTrace> {
  const dir = traceDir(ctx.stateRoot, plan.name);
  mkdirSync(dir, { recursive: true });
  const env = traceEnv({ dir, settings: plan.trace, warmupRequests: traceWarmupRequests(untraced.samples, plan.warmupMs) });
  const sink = recordingSamples();
  const pending = emptyTrace();
  try {
    const collected = await collectVariant(
      {
        ...plan,
        name: `${plan.name}-traced`,
        probes: [],
        env: { ...plan.env, ...env },
        // A snapshot of a traced heap takes seconds inside a request: the arbiter must not kill it for that.
        gunicorn: { ...plan.gunicorn, timeout: Math.max(plan.gunicorn.timeout, TRACED_WORKER_TIMEOUT_S) },
      },
      // Its curve is not the measured one: no running verdict of it reaches a watcher.
      { ...ctx, samples: sink, onLiveStatus: undefined },
    );
    const cost = traceCost(untraced, { samples: sink.samples, requestsPerSecond: collected.load.requestsPerSecond });
    const failed = failedRequests(collected.load);
    return {
      ...pending,
      cost,
      ...(failed > collected.load.requests / 100 ? { problem: `${failed} traced requests failed` } : {}),
    };
  } catch (err) {
    // A traced pass that fails leaves the untraced verdict standing.
    if (!(err instanceof LeaklabError)) throw err;
    return { ...pending, problem: `the traced pass failed: ${err.message}` };
  }
}
