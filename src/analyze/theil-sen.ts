// Theil–Sen slope with Sen's nonparametric confidence interval. The median of pairwise slopes
// shrugs off arena steps and GC dips that would pull a least-squares line. Pooled over several
// series (worker lives), only pairs within one series count: the seasonal-Kendall estimator
// (Hirsch et al. 1982), whose S variance is the sum of the per-series variances.
import { twoSidedZ } from './normal-quantile.ts';
import { collapseTiedX, type Point, subsampleEvenly } from './points.ts';
import { maxOf, selectInPlace } from './robust-stats.ts';
import type { SlopeEstimate } from './types.ts';

/** 800 points make 319,600 pairs: a few tens of milliseconds. A life can have ~6000 points. */
export const MAX_PAIR_POINTS = 800;

/**
 * Var(S) of Kendall's S for these values in x order, less the correction for tied values
 * (Gilbert 1987, eq. 16.4). x carries no ties once collapsed, so only y ties are corrected;
 * flat RSS ties a lot (it moves in pages).
 */
export function kendallVariance(ys: readonly number[]): number {
  const n = ys.length;
  let v = n * (n - 1) * (2 * n + 5);
  const counts = new Map<number, number>();
  for (const y of ys) counts.set(y, (counts.get(y) ?? 0) + 1);
  for (const t of counts.values()) if (t > 1) v -= t * (t - 1) * (2 * t + 5);
  return v / 18;
}

export interface PairSet {
  /** Slope of every within-series pair, in bytes per request. */
  slopes: Float64Array;
  /** Midpoint x of each pair, same order as slopes. */
  midpoints: Float64Array;
  /** Sum of the series' Kendall variances. */
  varianceS: number;
  /** Points used after collapsing and subsampling. */
  points: number;
}

/** Prepared pairs of several series; each series is collapsed and subsampled so the total stays bounded. */
export function collectPairs(series: readonly (readonly Point[])[], maxPoints = MAX_PAIR_POINTS): PairSet {
  const perSeries = Math.max(2, Math.floor(maxPoints / Math.sqrt(Math.max(1, series.length))));
  const prepared = series.map((s) => subsampleEvenly(collapseTiedX(s), perSeries)).filter((s) => s.length >= 2);
  let count = 0;
  for (const s of prepared) count += (s.length * (s.length - 1)) / 2;
  const slopes = new Float64Array(count);
  const midpoints = new Float64Array(count);
  let k = 0;
  let varianceS = 0;
  let points = 0;
  for (const s of prepared) {
    for (let i = 0; i < s.length; i += 1) {
      const a = s[i]!;
      for (let j = i + 1; j < s.length; j += 1) {
        const b = s[j]!;
        slopes[k] = (b.y - a.y) / (b.x - a.x);
        midpoints[k] = (a.x + b.x) / 2;
        k += 1;
      }
    }
    varianceS += kendallVariance(s.map((p) => p.y));
    points += s.length;
  }
  return { slopes, midpoints, varianceS, points };
}

/** Enough for the side estimates (warm-up trend, plateau head and tail): 79,800 pairs. */
export const MAX_AUXILIARY_POINTS = 400;

/** Theil–Sen estimate of one series; null with fewer than 2 distinct x. */
export function theilSen(points: readonly Point[], level: number, maxPoints = MAX_PAIR_POINTS): SlopeEstimate | null {
  const pairs = collectPairs([points], maxPoints);
  return estimateFromPairs(pairs.slopes, pairs.varianceS, level);
}

/** Median of within-series pairwise slopes with Sen's interval; null when no pair exists. */
export function pooledTheilSen(series: readonly (readonly Point[])[], level: number): SlopeEstimate | null {
  const pairs = collectPairs(series);
  return estimateFromPairs(pairs.slopes, pairs.varianceS, level);
}

/**
 * Sen (1968) / Gilbert (1987, §16.5): with N ordered slopes and C = z·sqrt(Var S), the bounds
 * are the M1-th and (M2+1)-th smallest slopes, M1 = (N - C)/2, M2 = (N + C)/2.
 */
export function estimateFromPairs(slopes: Float64Array, varianceS: number, level: number): SlopeEstimate | null {
  const n = slopes.length;
  if (n === 0) return null;
  const c = twoSidedZ(level) * Math.sqrt(Math.max(0, varianceS));
  const low = clamp(Math.round((n - c) / 2) - 1, 0, n - 1); // 0-based M1 - 1
  const high = clamp(Math.round((n + c) / 2), 0, n - 1); // 0-based M2
  // Three order statistics by selection rather than a sort: once the middle is in place, each
  // bound is selected within its own side.
  const a = Float64Array.from(slopes);
  const mid = n >> 1;
  const upper = selectInPlace(a, mid);
  const lower = n % 2 === 1 ? upper : maxOf(a, 0, mid - 1);
  return {
    bytesPerRequest: (lower + upper) / 2,
    low: low < mid ? selectInPlace(a, low, 0, mid - 1) : a[low]!,
    high: high > mid ? selectInPlace(a, high, mid + 1, n - 1) : a[high]!,
    level,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
