// Fixed-memory latency histogram (log-linear, like HdrHistogram): a 10-minute storm costs the
// same 25 KB as a 1-second one. Values are kept in whole microseconds; below 256 µs each
// microsecond has its own bucket, above that every power of two is split into 128 buckets,
// so a bucket is at most 1/128 (0.8 %) wide and its midpoint is within 0.4 % of any value in it.

const SUB_BITS = 7;
const SUB = 1 << SUB_BITS; // 128 buckets per octave
const LINEAR = SUB * 2; // values 0..255 µs map 1:1
const MAX_US = 2 ** 31 - 1; // ~36 minutes; longer latencies are clamped
const OCTAVES = 31 - (SUB_BITS + 1);
const BUCKETS = LINEAR + OCTAVES * SUB;

function indexOf(us: number): number {
  if (us < LINEAR) return us;
  const msb = 31 - Math.clz32(us); // >= 8
  const shift = msb - SUB_BITS;
  return LINEAR + (msb - SUB_BITS - 1) * SUB + ((us >>> shift) - SUB);
}

/** Lowest value (µs) and width of bucket `i`. */
function bucketRange(i: number): [number, number] {
  if (i < LINEAR) return [i, 1];
  const octave = Math.floor((i - LINEAR) / SUB);
  const shift = octave + 1;
  const sub = (i - LINEAR) % SUB;
  return [(SUB + sub) * 2 ** shift, 2 ** shift];
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private sumUs = 0;
  private maxUs = 0;
  private minUs = Infinity;

  /** Records one latency in milliseconds. */
  record(ms: number): void {
    let us = Math.round(ms * 1000);
    if (!(us >= 0)) us = 0;
    if (us > MAX_US) us = MAX_US;
    const i = indexOf(us);
    this.counts[i] = (this.counts[i] as number) + 1;
    this.n++;
    this.sumUs += us;
    if (us > this.maxUs) this.maxUs = us;
    if (us < this.minUs) this.minUs = us;
  }

  get count(): number {
    return this.n;
  }

  meanMs(): number {
    return this.n === 0 ? 0 : this.sumUs / this.n / 1000;
  }

  maxMs(): number {
    return this.maxUs / 1000;
  }

  /**
   * Nearest-rank percentile in ms (the value at rank ceil(p/100 * n)), reported as its bucket's
   * midpoint clamped to the exact min and max seen. 0 when nothing was recorded.
   */
  percentileMs(p: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) {
        const [low, width] = bucketRange(i);
        const mid = width === 1 ? low : low + (width - 1) / 2;
        return Math.min(this.maxUs, Math.max(this.minUs, mid)) / 1000;
      }
    }
    return this.maxUs / 1000;
  }
}
