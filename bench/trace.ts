// What --trace costs and finds, per case: the traced pass's throughput against the untraced
// pass of the same run (a ratio taken in one sitting, so the machine's load cancels out), the
// extra RSS per worker, the first app line named, the share of the RSS slope accounted, and the
// wall time the traced pass adds (the same variant run once without --trace, once with it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VariantRecord } from '../src/run-data/run-record.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { PlanOverrides } from '../src/scenario/plan.ts';
import { quietRun } from './quiet-run.ts';

export interface TraceCase {
  label: string;
  scenarioFile: string;
  variant: string;
  tracer: 'tracemalloc' | 'memray';
}

export interface TraceBench {
  label: string;
  tracer: string;
  verdict: string;
  throughputRatio: number | null;
  tracedRequestsPerSecond: number | null;
  extraRssBytesPerWorker: number | null;
  accountedShare: number;
  firstAppLine: string | null;
  untracedSeconds: number;
  tracedRunSeconds: number;
  problem?: string;
}

async function timedRun(c: TraceCase, overrides: PlanOverrides): Promise<{ seconds: number; variant: VariantRecord }> {
  const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-trace-'));
  const started = performance.now();
  try {
    const result = await quietRun(loadScenarioFile(c.scenarioFile), overrides, root);
    const variant = result.record.variants[0];
    if (!variant) throw new Error(`${c.scenarioFile}: no variant ran`);
    return { seconds: (performance.now() - started) / 1000, variant };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchTrace(c: TraceCase): Promise<TraceBench> {
  const base: PlanOverrides = { variants: [c.variant], quick: true };
  const untraced = await timedRun(c, base);
  const traced = await timedRun(c, { ...base, trace: c.tracer === 'memray' ? 'memray' : true });
  const t = traced.variant.trace;
  const first = t?.lines.find((l) => l.appFrame);
  return {
    label: c.label,
    tracer: c.tracer,
    verdict: traced.variant.verdict ?? traced.variant.status,
    throughputRatio: t?.cost?.throughputRatio ?? null,
    tracedRequestsPerSecond: t?.cost?.tracedRequestsPerSecond ?? null,
    extraRssBytesPerWorker: t?.cost?.extraRssBytesPerWorker ?? null,
    accountedShare: t?.accountedShare ?? 0,
    firstAppLine: first ? `${first.file}:${first.line} ${first.code}` : null,
    untracedSeconds: Math.round(untraced.seconds),
    tracedRunSeconds: Math.round(traced.seconds),
    ...(t?.problem ? { problem: t.problem } : {}),
  };
}

export function traceLine(r: TraceBench): string {
  const mib = (b: number | null) => (b === null ? '?' : `${(b / 1024 / 1024).toFixed(1)} MiB`);
  const cost =
    r.throughputRatio === null
      ? 'no cost figures'
      : `traced throughput ×${r.throughputRatio.toFixed(2)} of untraced (${r.tracedRequestsPerSecond} req/s), +${mib(r.extraRssBytesPerWorker)} RSS per worker`;
  return `trace: ${r.label} (${r.tracer}): ${cost}; run ${r.untracedSeconds} s untraced, ${r.tracedRunSeconds} s with the traced pass (+${r.tracedRunSeconds - r.untracedSeconds} s); verdict ${r.verdict}, ${Math.round(r.accountedShare * 100)} % of the slope traced, first app line ${r.firstAppLine ?? 'none'}${r.problem ? `; problem: ${r.problem}` : ''}`;
}
