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
 * ... and at least 1/32 of the material growth (32 KiB, 8 pages by default: 1,024 requests at
 * 32 B/request). RSS moves in pages and 256 KiB arena steps, so over fewer requests a slow
 * leak may not have taken a single step and its series looks perfectly flat (a 64 B/request
 * leak on a 25 req/s worker after 30 s: no step, interval [0, 0]). Not more: the fixed
 * global-list view on a loaded machine has ~1,900 requests after warm-up in an 8 s --quick run,
 * with a page-granular creep whose interval (16-19 B/request) already decides it.
 */
export const RESOLUTION_FRACTION = 1 / 32;
/** A level that fell by a quarter of material growth (an arena step) was handed back: no resolution needed to see it is not rising. */
const HANDED_BACK_FRACTION = 1 / 4;

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

/** Requests after warm-up over which a leak at the material slope adds RESOLUTION_FRACTION of material growth. */
export function resolutionFloorRequests(t: Thresholds): number {
  if (t.materialGrowthBytes === 0) return 0;
  return t.materialSlopeBytesPerRequest > 0
    ? Math.ceil((RESOLUTION_FRACTION * t.materialGrowthBytes) / t.materialSlopeBytesPerRequest)
    : Infinity;
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
export function enoughForFlat(e: EvidenceInput, t: Thresholds): boolean {
  const requests = postRequestsOf(e.post);
  const handedBack = e.growthBytes <= -HANDED_BACK_FRACTION * t.materialGrowthBytes;
  return e.post.length >= MIN_FLAT_POINTS && requests >= e.noiseFloor && (handedBack || requests >= resolutionFloorRequests(t));
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
  const toNoise = Math.max(0, Math.max(e.noiseFloor, resolutionFloorRequests(t)) - postRequestsOf(e.post));
  let rising = 0;
  // Only while the slope may still be material: a settled creep waits for the floors alone.
  if (
    e.slope &&
    e.slope.high >= t.materialSlopeBytesPerRequest &&
    e.slope.high > 0 &&
    e.growthBytes < t.materialGrowthBytes &&
    e.growthBytes > 0
  ) {
    rising = (t.materialGrowthBytes - e.growthBytes) / e.slope.high;
  }
  const needed = toWarmupEnd + Math.max(toPoints, toNoise, rising);
  return Number.isFinite(needed) ? Math.ceil(needed) : Number.MAX_SAFE_INTEGER;
}

function postRequestsOf(post: readonly Point[]): number {
  return post.length > 1 ? post[post.length - 1]!.x - post[0]!.x : 0;
}
