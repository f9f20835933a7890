// How sure a verdict is, 0..1. A heuristic, documented rather than calibrated: the product of
// (1) how far the evidence sits past the thresholds the verdict hinges on, interval bounds
//     included, so a wide interval costs confidence;
// (2) how many points it rests on;
// (3) the share of workers (weighted by post-warm-up requests) that agree.
import type { LifeResult } from './life-analysis.ts';
import type { RecyclingResult } from './recycling.ts';
import type { Thresholds } from './types.ts';

/**
 * ratio = evidence / threshold (>= 1 when the verdict's condition holds). 0.5 at 1, 0.875 at 2,
 * 0.94 at 3, 0.98 at 5. Squared, because the ratio measures how big the effect is, not how much
 * data backs it, and stops rising once the estimate has settled: with 1 - 0.5/ratio a leak
 * measured at 150 B/request (4.7x the 32 B/request threshold, interval 151-153, 6.8 MiB per
 * worker) stayed at 0.89 for ever and was never decided by --until-verdict, nor was a view whose
 * slope had settled at 7 B/request (bookshelf five-page mix, 150 s runs). At twice both
 * thresholds a verdict is now 0.875 before the samples and agreement are weighed.
 */
export function marginScore(ratio: number): number {
  if (Number.isNaN(ratio) || ratio <= 0) return 0;
  return ratio >= 1 ? 1 - 0.5 / (ratio * ratio) : 0.5 * ratio;
}

/** 10 points: 0.5, 50: 0.83, 200: 0.95. */
export function sampleScore(points: number): number {
  return points > 0 ? points / (points + 10) : 0;
}

export function combineScores(margin: number, samples: number, agreement: number): number {
  const c = margin * Math.sqrt(samples) * agreement;
  return Math.round(Math.min(1, Math.max(0, c)) * 100) / 100;
}

/** a / b for non-negative evidence; Infinity when b <= 0 and a > 0 (far past the threshold). */
function ratio(a: number, b: number): number {
  if (b <= 0) return a > 0 ? Infinity : a === 0 ? 1 : 0;
  return a / b;
}

/** How clearly one life's own verdict holds. */
export function lifeRatio(r: LifeResult, t: Thresholds): number {
  const slope = r.analysis.slope;
  if (!slope) return 0;
  const ms = t.materialSlopeBytesPerRequest;
  const mg = t.materialGrowthBytes;
  const growth = r.analysis.growthBytes;
  switch (r.reason) {
    case 'leak':
      return Math.min(ratio(slope.low, ms), ratio(growth, mg));
    case 'plateau':
      return Math.min(ratio(r.plateau?.growthBeforeTailBytes ?? 0, mg), ratio(ms, r.plateau?.tailSlope?.high ?? Infinity));
    case 'no-material-growth':
      // Growing clearly but not far yet: flat for now, and not confidently so.
      if (slope.low > 0 && slope.bytesPerRequest >= ms) return Math.min(1, ratio(mg, growth));
      return Math.max(ratio(mg, growth), ratio(ms, slope.high));
    case 'slope-below-threshold':
    case 'slope-not-significant':
      return ratio(ms, slope.high);
    case 'too-short':
    case 'still-rising':
      return 0;
  }
}

/** How clearly the pooled evidence of recycled lives holds for sawtooth, or against it. */
export function recyclingRatio(rec: RecyclingResult, t: Thresholds): number {
  const pooled = rec.pooledSlope;
  if (!pooled) return 0;
  const ms = t.materialSlopeBytesPerRequest;
  const mg = t.materialGrowthBytes;
  if (rec.sawtooth) return Math.min(ratio(pooled.low, ms), ratio(rec.lateLifeGrowthBytes, mg));
  return Math.max(ratio(mg, rec.lateLifeGrowthBytes), ratio(ms, pooled.high));
}
