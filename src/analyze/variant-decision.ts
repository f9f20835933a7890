// The variant's verdict from its lives: sawtooth when recycled lives keep growing, otherwise
// the lives long enough to judge alone, otherwise (all lives too short) the pooled evidence.
import type { Verdict } from '../run-data/types.ts';
import { combineScores, lifeRatio, marginScore, recyclingRatio, sampleScore } from './confidence.ts';
import type { LifeResult } from './life-analysis.ts';
import type { RecyclingResult } from './recycling.ts';
import { median } from './robust-stats.ts';
import type { InconclusiveReason, SlopeEstimate, Thresholds } from './types.ts';
import { combineVerdicts } from './verdict.ts';

/** Confidence of an inconclusive verdict: it is sure of nothing but that it has not decided. */
const UNDECIDED_CONFIDENCE = 0.1;

/** What the verdict rests on: lives judged one by one, the pooled recycled lives, or neither. */
export type Basis = 'lives' | 'recycling' | 'none';

export interface VariantDecision {
  verdict: Verdict;
  confidence: number;
  basis: Basis;
  slope: SlopeEstimate;
  growthBytes: number;
  warmupEndRequests: number;
  plateauStartRequests: number | null;
  /** Lives with a slope after warm-up. */
  judged: LifeResult[];
  /** Judged lives whose own verdict is the variant's. */
  agreeing: LifeResult[];
  /** Why the verdict is inconclusive; null when decided. */
  reason: InconclusiveReason | null;
  /** When inconclusive: more requests per worker after warm-up that would decide it (median over lives). */
  requestsNeeded: number | null;
}

export function decideVariant(results: readonly LifeResult[], rec: RecyclingResult, t: Thresholds): VariantDecision {
  const judged = results.filter((r) => r.analysis.slope !== null);
  const warmupPool = judged.length > 0 ? judged : results;
  const plateaus = results.flatMap((r) => (r.analysis.plateauStartRequests === null ? [] : [r.analysis.plateauStartRequests]));
  const common = {
    warmupEndRequests: warmupPool.length ? median(warmupPool.map((r) => r.analysis.warmupEndRequests)) : t.minWarmupRequests,
    plateauStartRequests: plateaus.length ? median(plateaus) : null,
    judged,
  };
  const pooled = rec.pooledSlope ?? { bytesPerRequest: 0, low: 0, high: 0, level: t.confidence };

  if (rec.sawtooth || (judged.length === 0 && rec.recycles > 0 && rec.pooledSlope)) {
    const agreement = rec.sawtooth ? rec.growingLifeShare : 1;
    return {
      ...common,
      verdict: rec.sawtooth ? 'sawtooth' : 'flat',
      confidence: combineScores(marginScore(recyclingRatio(rec, t)), sampleScore(rec.pointCount), agreement),
      basis: 'recycling',
      slope: pooled,
      growthBytes: rec.lifeGrowthBytes,
      agreeing: [],
      reason: null,
      requestsNeeded: null,
    };
  }
  if (judged.length === 0) {
    // No life reached a slope after warm-up: "not yet", never flat.
    return {
      ...common,
      verdict: 'inconclusive',
      confidence: results.some((r) => r.life.points.length > 0) ? UNDECIDED_CONFIDENCE : 0,
      basis: 'none',
      slope: pooled,
      growthBytes: results.length ? median(results.map((r) => r.analysis.growthBytes)) : 0,
      agreeing: [],
      reason: 'too-few-requests',
      requestsNeeded: medianNeed(results),
    };
  }

  const combined = combineVerdicts(judged.map((r) => ({ verdict: r.analysis.verdict, requests: r.life.requests })));
  const verdict = combined.verdict;
  const agreeing = judged.filter((r) => (combined.reason === 'workers-disagree' ? true : r.analysis.verdict === verdict));
  const margin = marginScore(median(agreeing.map((r) => lifeRatio(r, t))));
  const points = median(agreeing.map((r) => r.postPoints));
  const slopes = judged.map((r) => r.analysis.slope!);
  const undecided = undecidedOf(verdict, combined.reason, agreeing);
  return {
    ...common,
    verdict,
    confidence:
      verdict === 'inconclusive' ? UNDECIDED_CONFIDENCE : combineScores(margin, sampleScore(points), combined.agreement),
    basis: 'lives',
    ...undecided,
    slope: {
      bytesPerRequest: median(slopes.map((s) => s.bytesPerRequest)),
      low: median(slopes.map((s) => s.low)),
      high: median(slopes.map((s) => s.high)),
      level: t.confidence,
    },
    growthBytes: median(judged.map((r) => r.analysis.growthBytes)),
    agreeing,
  };
}

function undecidedOf(verdict: Verdict, combined: InconclusiveReason | undefined, agreeing: readonly LifeResult[]) {
  if (verdict !== 'inconclusive') return { reason: null, requestsNeeded: null };
  if (combined === 'workers-disagree') {
    // Lives split on a decided verdict: as many requests again is the least that could settle it.
    return { reason: combined, requestsNeeded: Math.ceil(median(agreeing.map((r) => r.postRequests))) };
  }
  const rising = agreeing.filter((r) => r.reason === 'still-rising').length;
  const reason: InconclusiveReason = rising * 2 > agreeing.length ? 'still-rising' : 'too-few-requests';
  return { reason, requestsNeeded: medianNeed(agreeing) };
}

/** Median of the lives' own needs; null when none has one. */
function medianNeed(lives: readonly LifeResult[]): number | null {
  const needs = lives.flatMap((r) => (r.analysis.requestsNeeded === undefined ? [] : [r.analysis.requestsNeeded]));
  return needs.length ? Math.ceil(median(needs)) : null;
}
