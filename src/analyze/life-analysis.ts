// One worker life on its own: warm-up, slope after it, growth, plateau, verdict.
import { type EvidenceInput, enoughForFlat, MIN_SLOPE_POINTS, noiseFloorRequests, requestsNeeded } from './evidence.ts';
import { growthBetweenEnds, levelAtStart } from './levels.ts';
import type { Life } from './lives.ts';
import { type PlateauTest, testPlateau } from './plateau.ts';
import { theilSen } from './theil-sen.ts';
import type { Thresholds, WorkerLifeAnalysis } from './types.ts';
import { judgeLife, type LifeReason } from './verdict.ts';
import { detectWarmupEnd } from './warmup.ts';

/** A slope from fewer points than this after warm-up is not worth a verdict. */
export const MIN_POST_WARMUP_POINTS = MIN_SLOPE_POINTS;

export interface LifeResult {
  life: Life;
  analysis: WorkerLifeAnalysis;
  reason: LifeReason;
  /** Points after warm-up. */
  postPoints: number;
  /** Requests served after warm-up. */
  postRequests: number;
  /** Level at the end of warm-up minus level at the first served request. */
  warmupGrowthBytes: number;
  plateau: PlateauTest | null;
}

/** `hardFloor`: requests per worker the scenario's warm-up time covered (0 when none). */
export function analyzeLife(life: Life, t: Thresholds, hardFloor = 0): LifeResult {
  const points = life.points;
  const warmup = detectWarmupEnd(points, t, hardFloor);
  const post = points.slice(warmup.index);
  const base = {
    pid: life.pid,
    slot: life.slot,
    samples: life.sampleCount,
    requests: life.requests,
    warmupEndRequests: warmup.requests,
    exitCause: life.exitCause,
  };
  const slope = post.length >= MIN_POST_WARMUP_POINTS ? theilSen(post, t.confidence) : null;
  const noiseFloor = noiseFloorRequests(post, t);
  if (!slope) {
    // Too short to judge alone. Its growth from first to last served request is what a
    // recycled life is judged on (pooled with the others, in recycling.ts), so report that.
    const evidence: EvidenceInput = { points, post, warmupEndRequests: warmup.requests, slope: null, growthBytes: 0, noiseFloor };
    return {
      life,
      analysis: {
        ...base,
        slope: null,
        growthBytes: growthBetweenEnds(points, 0),
        plateauStartRequests: null,
        verdict: 'inconclusive',
        requestsNeeded: requestsNeeded(evidence, t),
      },
      reason: 'too-short',
      postPoints: post.length,
      postRequests: 0,
      warmupGrowthBytes: 0,
      plateau: null,
    };
  }
  const growthBytes = growthBetweenEnds(post, slope.bytesPerRequest);
  const plateau = testPlateau(post, t, warmup.toleranceBytes);
  const evidence: EvidenceInput = { points, post, warmupEndRequests: warmup.requests, slope, growthBytes, noiseFloor };
  const plateauFound = plateau.startRequests !== null;
  const { verdict, reason } = judgeLife({ slope, growthBytes, plateauFound, enoughEvidence: enoughForFlat(evidence, t) }, t);
  // Warm-up growth above the steady trend: a leak's own growth during warm-up is not start-up cost.
  const warmupStart = levelAtStart(points.slice(0, Math.max(1, warmup.index)), 0);
  const trendDuringWarmup = Math.max(0, slope.bytesPerRequest) * (post[0]!.x - points[0]!.x);
  return {
    life,
    analysis: {
      ...base,
      slope,
      growthBytes,
      plateauStartRequests: plateau.startRequests,
      verdict,
      ...(verdict === 'inconclusive' ? { requestsNeeded: requestsNeeded(evidence, t) } : {}),
    },
    reason,
    postPoints: post.length,
    postRequests: post[post.length - 1]!.x - post[0]!.x,
    warmupGrowthBytes: levelAtStart(post, slope.bytesPerRequest) - warmupStart - trendDuringWarmup,
    plateau,
  };
}
