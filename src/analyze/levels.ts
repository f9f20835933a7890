// Robust memory levels at the ends of a stretch of points. Growth is a difference of levels,
// not of single samples, so one odd sample cannot make or hide a megabyte.
import type { Point } from './points.ts';
import { median } from './robust-stats.ts';

const MAX_LEVEL_POINTS = 5;

/** How many points a level uses: up to 5, and no more than a quarter of the stretch so the two ends never overlap. */
export function levelPointCount(n: number): number {
  return Math.max(1, Math.min(MAX_LEVEL_POINTS, Math.floor(n / 4)));
}

/**
 * Level at the first point: median of the first few points, each moved back to the first x
 * along `slope`, so a steady leak does not bias the level by half a window.
 */
export function levelAtStart(points: readonly Point[], slope: number): number {
  if (points.length === 0) return NaN;
  const x0 = points[0]!.x;
  const head = points.slice(0, levelPointCount(points.length));
  return median(head.map((p) => p.y - slope * (p.x - x0)));
}

/** Level at the last point, the mirror of levelAtStart. */
export function levelAtEnd(points: readonly Point[], slope: number): number {
  if (points.length === 0) return NaN;
  const xEnd = points[points.length - 1]!.x;
  const tail = points.slice(-levelPointCount(points.length));
  return median(tail.map((p) => p.y + slope * (xEnd - p.x)));
}

/** Level at the end minus level at the start. 0 for fewer than 2 points. */
export function growthBetweenEnds(points: readonly Point[], slope: number): number {
  if (points.length < 2) return 0;
  return levelAtEnd(points, slope) - levelAtStart(points, slope);
}
