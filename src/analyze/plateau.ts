// Did memory stop growing? Tested on the last `plateauFraction` of the post-warm-up stretch:
// a bounded cache or a capped deque grows materially, then its slope drops to about zero.
import { levelAtEnd, levelAtStart } from './levels.ts';
import type { Point } from './points.ts';
import { median, runningMedian } from './robust-stats.ts';
import { MAX_AUXILIARY_POINTS, theilSen } from './theil-sen.ts';
import type { SlopeEstimate, Thresholds } from './types.ts';

const MIN_TAIL_POINTS = 4;
const MIN_HEAD_POINTS = 2;
/**
 * The tail may grow at most a quarter of the rate before it: growth must have slowed down,
 * not merely be slow. A steady slow leak keeps the same rate and is no plateau.
 */
const MAX_TAIL_RATE_RATIO = 0.25;
const SMOOTHING_POINTS = 5;

export interface PlateauTest {
  /** Requests at which memory reached its final level; null when there is no plateau. */
  startRequests: number | null;
  /** Slope over the tail; null when the stretch is too short to test. */
  tailSlope: SlopeEstimate | null;
  /** Level at the start of the tail minus level after warm-up. */
  growthBeforeTailBytes: number;
  /** Level at the end minus level at the start of the tail. */
  tailGrowthBytes: number;
}

/**
 * `post`: points after warm-up, sorted by x with distinct x. `toleranceBytes`: the noise band
 * from warm-up detection, used to place the start of the plateau.
 */
export function testPlateau(post: readonly Point[], t: Thresholds, toleranceBytes: number): PlateauTest {
  const none: PlateauTest = { startRequests: null, tailSlope: null, growthBeforeTailBytes: 0, tailGrowthBytes: 0 };
  if (post.length < MIN_TAIL_POINTS + MIN_HEAD_POINTS) return none;
  const x0 = post[0]!.x;
  const xEnd = post[post.length - 1]!.x;
  const split = post.findIndex((p) => p.x >= xEnd - t.plateauFraction * (xEnd - x0));
  const head = post.slice(0, split);
  const tail = post.slice(split);
  if (head.length < MIN_HEAD_POINTS || tail.length < MIN_TAIL_POINTS) return none;

  const tailSlope = theilSen(tail, t.confidence, MAX_AUXILIARY_POINTS);
  const headSlope = theilSen(head, t.confidence, MAX_AUXILIARY_POINTS);
  if (!tailSlope || !headSlope) return none;
  const tailStartLevel = levelAtStart(tail, tailSlope.bytesPerRequest);
  const growthBeforeTailBytes = tailStartLevel - levelAtStart(head, headSlope.bytesPerRequest);
  const tailGrowthBytes = levelAtEnd(tail, tailSlope.bytesPerRequest) - tailStartLevel;
  const start = plateauStart(post, tail, toleranceBytes);
  // The rate while it grew, not averaged over the flat stretch that followed.
  const growthRate = growthBeforeTailBytes / Math.max(1, start - x0);

  // Grew materially, at a material rate (a slow creep that pauses is no plateau) ...
  const grewBefore = growthBeforeTailBytes >= t.materialGrowthBytes && growthRate >= t.materialSlopeBytesPerRequest;
  // ... over a tail long enough that growth at that rate would have shown (half the material
  // growth): otherwise a staircase leak between two steps would pass for a plateau ...
  const conclusive = growthRate * (xEnd - tail[0]!.x) >= t.materialGrowthBytes / 2;
  // ... and the tail barely moves: it is not surely still growing at a material rate (its
  // interval's low end; a lone allocator step in the tail, such as an lru_cache's dict being
  // rebuilt after evictions, +0.4 MiB once, makes the median slope large but its interval
  // reaches zero, while a steady leak's does not), ...
  const flatTail =
    tailSlope.low < t.materialSlopeBytesPerRequest &&
    // ... far slower than while it grew, and by less than half the material growth.
    tailSlope.bytesPerRequest <= MAX_TAIL_RATE_RATIO * growthRate &&
    tailGrowthBytes < t.materialGrowthBytes / 2;
  return {
    startRequests: grewBefore && conclusive && flatTail ? start : null,
    tailSlope,
    growthBeforeTailBytes,
    tailGrowthBytes,
  };
}

/** First point whose smoothed level is within the tolerance of the plateau's level. */
function plateauStart(post: readonly Point[], tail: readonly Point[], toleranceBytes: number): number {
  const level = median(tail.map((p) => p.y));
  const smoothed = runningMedian(
    post.map((p) => p.y),
    SMOOTHING_POINTS,
  );
  const i = smoothed.findIndex((y) => y >= level - toleranceBytes);
  return post[Math.max(0, i)]!.x;
}
