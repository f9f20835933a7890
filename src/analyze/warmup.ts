// Where a worker's warm-up ends. Python workers grow for a while after their first requests
// (imports, caches, arenas: ~1.6 MB over ~7.5k requests on the sample app, in 256 KiB steps)
// and then stay flat. A slope over the whole life would call that a leak.
//
// Rule: detrend the life by the trend its second half surely has (so a steady leak is not
// mistaken for warm-up), smooth it, and take the first point at or after the floor from which
// memory rises less than a tolerance over the next window of requests. Warm-up growth is a
// fast early rise; once it has stopped rising for a window, what follows is judged. Capped so
// that slower growth (a cache filling for tens of thousands of requests) is judged, not hidden.
import { requestsPerPoint, sampleNoise } from './evidence.ts';
import type { Point } from './points.ts';
import { runningMedian } from './robust-stats.ts';
import { MAX_AUXILIARY_POINTS, theilSen } from './theil-sen.ts';
import type { Thresholds } from './types.ts';

/**
 * The request floor (minWarmupRequests) is for a worker at full speed. A slow or heavy view
 * (50 req/s: ~2.5 requests per 100 ms sample and per worker) would need 80 s to reach 2,000
 * requests, so the floor is also reached at the 50th served sample (5 s at 100 ms): whichever
 * comes first. The sample app at ~350 requests per sample reaches 2,000 requests long before.
 */
export const FLOOR_SAMPLES = 50;
/** The settling window need not span more than 20 samples, for the same reason. */
const SETTLE_WINDOW_SAMPLES = 20;
/** Warm-up never takes more than half a life: the other half is what the verdict is about. */
const MAX_WARMUP_FRACTION = 0.5;
/**
 * Nor more than 10 floors (20k requests by default, ~2.7x the sample app's measured warm-up; 500
 * samples for a slow view):
 * growth that goes on longer, like a cache filling up, must be judged rather than absorbed.
 */
const MAX_WARMUP_FLOORS = 10;
/**
 * Nor more growth than 4x material growth (4 MiB by default; the sample app's warm-up adds
 * 0.7-1.6 MB): a cache that fills within the first few thousand requests is big growth that
 * then stops, which is "bounded", and must not be swallowed as start-up cost.
 */
const MAX_WARMUP_GROWTH_MATERIAL = 4;
/** The settling window follows the floor, within sane bounds (2000 requests by default). */
const SETTLE_WINDOW_MIN = 500;
const SETTLE_WINDOW_MAX = 5000;
/** Smoothing over 5 samples hides a single odd sample without blurring a step much. */
const SMOOTHING_POINTS = 5;
const NOISE_SIGMAS = 3;
/**
 * The tolerance never goes below 1/8 of material growth (128 KiB by default, half an arena
 * step): a further arena step still counts as warm-up, page-level jitter does not.
 */
const TOLERANCE_FLOOR_FRACTION = 1 / 8;
/** Fewer points than this after the floor: nothing to detect, warm-up ends at the floor. */
const MIN_POINTS_TO_DETECT = 6;

export interface WarmupEnd {
  /** Index of the first point after warm-up; points.length when warm-up never ended. */
  index: number;
  /** Requests at that point; never below the floor (warmupFloor). */
  requests: number;
  /** Band within which memory counts as settled, bytes. The plateau test reuses it. */
  toleranceBytes: number;
}

/**
 * Requests before which a life is always in warm-up: minWarmupRequests, or the requests at its
 * FLOOR_SAMPLES-th served sample (extrapolated while it has fewer) when that comes first, but
 * never below `hardFloor` (what the scenario's `warmup` time covered).
 */
export function warmupFloor(points: readonly Point[], t: Thresholds, hardFloor = 0): number {
  let floor = t.minWarmupRequests;
  if (points.length >= FLOOR_SAMPLES) floor = Math.min(floor, points[FLOOR_SAMPLES - 1]!.x);
  else if (points.length >= 2) floor = Math.min(floor, Math.ceil(points[0]!.x + requestsPerPoint(points) * (FLOOR_SAMPLES - 1)));
  return Math.max(floor, hardFloor);
}

/**
 * `points` sorted by x with distinct x (see collapseTiedX). `hardFloor`: requests the
 * scenario's warm-up time covered, which the sample-based floor never undercuts.
 */
export function detectWarmupEnd(points: readonly Point[], t: Thresholds, hardFloor = 0): WarmupEnd {
  const n = points.length;
  const floorTolerance = t.materialGrowthBytes * TOLERANCE_FLOOR_FRACTION;
  const floor = warmupFloor(points, t, hardFloor);
  const floorIndex = points.findIndex((p) => p.x >= floor);
  if (floorIndex < 0) return { index: n, requests: floor, toleranceBytes: floorTolerance };
  const candidates = n - floorIndex;
  if (candidates < MIN_POINTS_TO_DETECT) {
    return { index: floorIndex, requests: points[floorIndex]!.x, toleranceBytes: floorTolerance };
  }

  const lateStart = floorIndex + Math.floor(candidates / 2);
  // Only the trend the late half surely has (its lower bound): a stray step there must not
  // tilt the whole life, and a falling late half (memory handed back) must not either.
  const trend = Math.max(0, theilSen(points.slice(lateStart), 0.95, MAX_AUXILIARY_POINTS)?.low ?? 0);
  const detrended = points.map((p) => p.y - trend * p.x);
  const residual = runningMedian(detrended, SMOOTHING_POINTS);
  const tolerance = Math.max(floorTolerance, NOISE_SIGMAS * sampleNoise(detrended.slice(lateStart)));
  const minWindow = Math.min(SETTLE_WINDOW_MIN, SETTLE_WINDOW_SAMPLES * requestsPerPoint(points));
  const window = Math.min(SETTLE_WINDOW_MAX, Math.max(minWindow, floor));
  const cap = Math.min(capIndex(points, floorIndex, floor), growthCapIndex(points, floorIndex, t));
  const index = firstSettled(points, residual, floorIndex, cap, window, tolerance);
  return { index, requests: points[index]!.x, toleranceBytes: tolerance };
}

/** Last index warm-up may end at. */
function capIndex(points: readonly Point[], floorIndex: number, floor: number): number {
  const xEnd = points[points.length - 1]!.x;
  const capX = Math.max(floor, Math.min(MAX_WARMUP_FRACTION * xEnd, MAX_WARMUP_FLOORS * floor));
  let i = floorIndex;
  while (i + 1 < points.length && points[i + 1]!.x <= capX) i += 1;
  return i;
}

/** Last index before memory has risen more than the warm-up growth budget since the floor. */
function growthCapIndex(points: readonly Point[], floorIndex: number, t: Thresholds): number {
  const smoothed = runningMedian(
    points.map((p) => p.y),
    SMOOTHING_POINTS,
  );
  const budget = MAX_WARMUP_GROWTH_MATERIAL * t.materialGrowthBytes;
  const base = smoothed[floorIndex]!;
  let i = floorIndex;
  while (i + 1 < points.length && smoothed[i + 1]! - base <= budget) i += 1;
  return i;
}

/** First index in [from, to] after which the residual rises at most `tolerance` within `window` requests; `to` if none. */
function firstSettled(
  points: readonly Point[],
  residual: readonly number[],
  from: number,
  to: number,
  window: number,
  tolerance: number,
): number {
  for (let j = from; j <= to; j += 1) {
    const x = points[j]!.x;
    const base = residual[j]!;
    let rise = 0;
    for (let k = j + 1; k < points.length && points[k]!.x <= x + window; k += 1) {
      rise = Math.max(rise, residual[k]! - base);
    }
    if (rise <= tolerance) return j;
  }
  return to;
}
