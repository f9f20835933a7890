// A life as (requests served, bytes) points, prepared for the pairwise statistics.
import { median } from './robust-stats.ts';

export interface Point {
  /** Requests served by the pid so far. */
  x: number;
  /** Memory, bytes. */
  y: number;
}

/**
 * Sorted by x, one point per distinct x (median y). Equal x means the worker served nothing
 * between samples (idle); keeping those points would add zero-width pairs the slope cannot use
 * and ties that Kendall's variance would have to correct for.
 */
export function collapseTiedX(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const out: Point[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]!.x === sorted[i]!.x) j += 1;
    out.push({ x: sorted[i]!.x, y: median(sorted.slice(i, j).map((p) => p.y)) });
    i = j;
  }
  return out;
}

/** At most `max` items, evenly spread, first and last kept. Bounds the O(n²) pair count. */
export function subsampleEvenly<T>(items: readonly T[], max: number): T[] {
  const n = items.length;
  if (n <= max) return [...items];
  if (max <= 1) return n > 0 ? [items[0]!] : [];
  const out: T[] = [];
  for (let i = 0; i < max; i += 1) out.push(items[Math.round((i * (n - 1)) / (max - 1))]!);
  return out;
}
