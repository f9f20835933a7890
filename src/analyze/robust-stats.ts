// Order statistics that a single odd sample (a GC pause, a page freed) cannot drag around.

// The one median of the project: other layers import it rather than sort and pick the middle.

export function median(values: ArrayLike<number>): number {
  const a = Float64Array.from(values);
  const n = a.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  const upper = selectInPlace(a, mid);
  return n % 2 === 1 ? upper : (maxOf(a, 0, mid - 1) + upper) / 2;
}

/**
 * Puts the k-th smallest (0-based) of a[lo..hi] at a[k], smaller-or-equal values before it and
 * larger-or-equal after, and returns it: Hoare's selection, O(n) on average. A live verdict takes
 * medians and ranks of ~320,000 pairwise slopes several times a second; sorting them was most
 * of its cost. Expects no NaN.
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const m = lo + ((hi - lo) >> 1);
    const pivot = medianOf3(a[lo]!, a[m]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const tmp = a[i]!;
        a[i] = a[j]!;
        a[j] = tmp;
        i += 1;
        j -= 1;
      }
    }
    // a[lo..j] <= pivot <= a[i..hi]; anything strictly between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function medianOf3(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

/** Largest of a[lo..hi]. */
export function maxOf(a: ArrayLike<number>, lo: number, hi: number): number {
  let max = -Infinity;
  for (let i = lo; i <= hi; i += 1) if (a[i]! > max) max = a[i]!;
  return max;
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
