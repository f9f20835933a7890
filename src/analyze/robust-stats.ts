// Order statistics that a single odd sample (a GC pause, a page freed) cannot drag around.

// The one median of the project: other layers import it rather than sort and pick the middle.

export function median(values: ArrayLike<number>): number {
  return sortedMedian(Float64Array.from(values).sort());
}

/** Median of an already sorted array (NaN when empty; the mean of the two middle values for an even count). */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The larger middle value for an even count (Python's median_high): always one of the values,
 * so a median of whole request counts stays a count another worker actually reached.
 */
export function medianHigh(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  return Float64Array.from(values).sort()[values.length >> 1]!;
}

/** Standard deviation estimated from the median absolute deviation (consistent for normal noise). */
export function robustSigma(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const center = median(values);
  const deviations = Array.from(values, (v) => Math.abs(v - center));
  return 1.4826 * median(deviations);
}

/** Centered running median; the window shrinks at the edges so the output keeps the input's length. */
export function runningMedian(values: readonly number[], window: number): number[] {
  const half = Math.max(0, Math.floor(window / 2));
  return values.map((_, i) => median(values.slice(Math.max(0, i - half), i + half + 1)));
}

/** Weighted share of items for which `pick` holds; 0 when there is no weight at all. */
export function weightedShare<T>(items: readonly T[], weight: (item: T) => number, pick: (item: T) => boolean): number {
  let total = 0;
  let picked = 0;
  for (const item of items) {
    const w = weight(item);
    total += w;
    if (pick(item)) picked += w;
  }
  return total > 0 ? picked / total : 0;
}
