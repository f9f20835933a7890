// One variant's samples and worker events -> the verdict a user acts on. Pure: no I/O, no
// clock, no randomness; `leaklab run` and `leaklab report` get the same answer from the same files.
import type { MemoryMetric, Sample, WorkerEvent } from '../run-data/types.ts';
import { explainVariant } from './explain.ts';
import { analyzeLife, type LifeResult } from './life-analysis.ts';
import { buildLives } from './lives.ts';
import { analyzeRecycling } from './recycling.ts';
import { mergeThresholds } from './thresholds.ts';
import type { RestartInfo, Thresholds, VariantAnalysis, WorkerLifeAnalysis } from './types.ts';
import { decideVariant } from './variant-decision.ts';

export interface AnalyzeOptions {
  thresholds?: Partial<Thresholds>;
  /** Which memory figure to judge; rss by default. uss/pss use only the samples that carry them. */
  metric?: MemoryMetric;
  /**
   * Requests per worker served by the end of the scenario's `warmup` time. Warm-up never ends
   * before it, even for a slow view whose sample-based floor comes earlier (warmup.ts).
   */
  scenarioWarmupRequests?: number;
}

/**
 * `samples`: one variant's rows, any order. `events`: its worker spawn/exit events (events of
 * other variants are ignored). Throws RangeError on invalid thresholds.
 */
export function analyzeVariant(samples: Sample[], events: WorkerEvent[], opts: AnalyzeOptions = {}): VariantAnalysis {
  const t = mergeThresholds(opts.thresholds);
  const metric = opts.metric ?? 'rss';
  const { lives, restarts } = buildLives(samples, events, metric);
  const results = lives.map((life) => analyzeLife(life, t, opts.scenarioWarmupRequests ?? 0));
  return assembleAnalysis(results, restarts, t, metric);
}

/**
 * The variant's analysis from its lives, each already analysed alone (analyzeLife): the
 * recycling test, the decision and the explanation. The live judge calls it with the lives it
 * kept from its last evaluation and re-analysed only those that got new points.
 */
export function assembleAnalysis(
  results: readonly LifeResult[],
  restarts: RestartInfo[],
  t: Thresholds,
  metric: MemoryMetric,
): VariantAnalysis {
  const recycling = analyzeRecycling(
    results.map((r) => r.life),
    restarts,
    t,
  );
  const decision = decideVariant(results, recycling, t);
  return {
    verdict: decision.verdict,
    confidence: decision.confidence,
    metric,
    slope: decision.slope,
    growthBytes: decision.growthBytes,
    warmupEndRequests: decision.warmupEndRequests,
    plateauStartRequests: decision.plateauStartRequests,
    restarts,
    workers: results.map((r) => workerVerdict(r, decision.verdict === 'sawtooth')),
    ...(decision.reason ? { reason: decision.reason, requestsNeeded: decision.requestsNeeded ?? undefined } : {}),
    explanation: explainVariant({ decision, recycling, results, restarts, metric, thresholds: t }),
  };
}

/**
 * In a sawtooth variant a life too short to judge alone, or one that leaks on its own, is a
 * tooth of the saw; a long life that stayed flat or levelled off keeps its own verdict.
 */
function workerVerdict(r: LifeResult, sawtooth: boolean): WorkerLifeAnalysis {
  if (sawtooth && (r.reason === 'too-short' || r.analysis.verdict === 'leak')) {
    const { requestsNeeded: _undecided, ...rest } = r.analysis;
    return { ...rest, verdict: 'sawtooth' };
  }
  return r.analysis;
}
