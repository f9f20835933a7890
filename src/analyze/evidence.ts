// How much data after warm-up a decision needs, scaled to the series rather than fixed: a
// 50 req/s view and a 3.5k req/s view differ 70x in requests per sample, and a view that
// allocates tens of MB per request is far noisier than one that keeps a few pages.
import type { Point } from './points.ts';
import { robustSigma } from './robust-stats.ts';
import type { SlopeEstimate, Thresholds } from './types.ts';

/** A slope from fewer points than this after warm-up is not worth a verdict. */
export const MIN_SLOPE_POINTS = 5;
/**
 * Flat is a claim about the absence of growth, so it needs more: 10 samples (1 s at 100 ms)
 * give the slope's interval and the two end levels (5 points each at most) room to mean something.
 */
export const MIN_FLAT_POINTS = 10;
/** A material leak must rise this many noise sigmas over the stretch judged before its absence means flat. */
export const NOISE_SIGMAS = 3;

/**
 * Sample-to-sample noise, from the spread of successive differences: steps are rare outliers
 * among differences, whereas a step in the middle would make the spread of levels look huge.
 */
export function sampleNoise(values: readonly number[]): number {
  const diffs = values.slice(1).map((v, i) => v - values[i]!);
  return robustSigma(diffs) / Math.SQRT2;
}

/**
 * Requests after warm-up that flat needs: enough that a leak at the material slope would have
 * risen NOISE_SIGMAS noise sigmas. ~500 for the sample app (page jitter, sigma ~5 KB), 0 for a
 * series that moves in rare arena steps, ~1M for a view whose RSS swings by 10 MB per sample.
 */
export function noiseFloorRequests(post: readonly Point[], t: Thresholds): number {
  const sigma = sampleNoise(post.map((p) => p.y));
  if (sigma === 0) return 0;
  return t.materialSlopeBytesPerRequest > 0 ? Math.ceil((NOISE_SIGMAS * sigma) / t.materialSlopeBytesPerRequest) : Infinity;
}

/** Median requests between successive points; 0 with fewer than 2 points. */
export function requestsPerPoint(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  return (points[points.length - 1]!.x - points[0]!.x) / (points.length - 1);
}

export interface EvidenceInput {
  /** All served points of the life, and those after warm-up. */
  points: readonly Point[];
  post: readonly Point[];
  warmupEndRequests: number;
  slope: SlopeEstimate | null;
  growthBytes: number;
  /** Requests after warm-up that flat needs (noiseFloorRequests). */
  noiseFloor: number;
}

/** Whether flat may be decided on this much data. */
export function enoughForFlat(e: EvidenceInput): boolean {
  return e.post.length >= MIN_FLAT_POINTS && postRequestsOf(e.post) >= e.noiseFloor;
}

/**
 * More requests per worker, after warm-up, that would decide an undecided life: the floors
 * still missing (warm-up, points, noise), and for a life still rising the requests it takes to
 * reach the material growth at the slope's upper bound (the soonest it could become a leak).
 */
export function requestsNeeded(e: EvidenceInput, t: Thresholds): number {
  const last = e.points[e.points.length - 1]?.x ?? 0;
  const perPoint = requestsPerPoint(e.points);
  const toWarmupEnd = Math.max(0, e.warmupEndRequests - last);
  const toPoints = Math.max(0, MIN_FLAT_POINTS - e.post.length) * perPoint;
  const toNoise = Math.max(0, e.noiseFloor - postRequestsOf(e.post));
  let rising = 0;
  if (e.slope && e.slope.high > 0 && e.growthBytes < t.materialGrowthBytes && e.growthBytes > 0) {
    rising = (t.materialGrowthBytes - e.growthBytes) / e.slope.high;
  }
  const needed = toWarmupEnd + Math.max(toPoints, toNoise, rising);
  return Number.isFinite(needed) ? Math.ceil(needed) : Number.MAX_SAFE_INTEGER;
}

function postRequestsOf(post: readonly Point[]): number {
  return post.length > 1 ? post[post.length - 1]!.x - post[0]!.x : 0;
}
