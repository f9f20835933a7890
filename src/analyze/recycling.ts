// Recycled workers (max_requests, a memory guard, or workers that vanish) have lives too short
// for warm-up detection: max_requests=1000 leaves 3-10 samples per life. They are judged
// together: the pooled within-life slope (only pairs inside one life count), and how much a
// whole life would grow at the slope seen LATE in lives. Late pairs are what tells a leak
// (growth proportional to requests all through a life) from each life's warm-up bump (a fast
// early rise, then flat), which every fresh worker repeats.
import type { ExitCause } from '../run-data/types.ts';
import type { Life } from './lives.ts';
import { median } from './robust-stats.ts';
import { collectPairs, estimateFromPairs, type PairSet } from './theil-sen.ts';
import type { RestartInfo, SlopeEstimate, Thresholds } from './types.ts';

export const RECYCLE_CAUSES: ReadonlySet<ExitCause> = new Set<ExitCause>(['max_requests', 'memory_limit', 'unknown']);
const MIN_RECYCLES = 2;
const MIN_LATE_PAIRS = 3;
/** A new life must start lower than its predecessor ended by at least half a life's growth. */
const MIN_RESET_SHARE = 0.5;

export interface RecyclingResult {
  /** Restarts that recycled a worker, and their causes. */
  recycles: number;
  causes: Partial<Record<ExitCause, number>>;
  /** Lives with at least 2 served points, and their points. */
  lifeCount: number;
  pointCount: number;
  /** Median of within-life pairwise slopes over all lives, with Sen's interval. */
  pooledSlope: SlopeEstimate | null;
  /** Median slope of the pairs in the later half of lives (by requests); null if too few. */
  lateSlopeBytesPerRequest: number | null;
  /** Median requests a recycled life served. */
  typicalLifeRequests: number;
  /** pooled slope × typical life: what a life adds. */
  lifeGrowthBytes: number;
  /** late slope × typical life: what a life adds beyond its warm-up bump. */
  lateLifeGrowthBytes: number;
  /** Whether a new life starts well below where the previous one in its slot ended; null if unknown. */
  startsLowAgain: boolean | null;
  /** Share of lives that ended higher than they started. */
  growingLifeShare: number;
  sawtooth: boolean;
}

export function analyzeRecycling(lives: readonly Life[], restarts: readonly RestartInfo[], t: Thresholds): RecyclingResult {
  const causes: Partial<Record<ExitCause, number>> = {};
  let recycles = 0;
  for (const r of restarts) {
    if (!RECYCLE_CAUSES.has(r.cause)) continue;
    recycles += 1;
    causes[r.cause] = (causes[r.cause] ?? 0) + 1;
  }
  const series = lives.map((l) => l.points).filter((p) => p.length >= 2);
  const pairs = collectPairs(series);
  const pooledSlope = estimateFromPairs(pairs.slopes, pairs.varianceS, t.confidence);
  const lateSlope = lateSlopeOf(pairs);
  const typicalLifeRequests = typicalLife(lives);
  const lateRate = lateSlope ?? pooledSlope?.bytesPerRequest ?? 0;
  const startsLowAgain = startsLow(lives);
  const sawtooth =
    recycles >= MIN_RECYCLES &&
    pooledSlope !== null &&
    pooledSlope.low > 0 &&
    pooledSlope.bytesPerRequest >= t.materialSlopeBytesPerRequest &&
    lateRate >= t.materialSlopeBytesPerRequest &&
    lateRate * typicalLifeRequests >= t.materialGrowthBytes &&
    startsLowAgain !== false;
  return {
    recycles,
    causes,
    lifeCount: series.length,
    pointCount: pairs.points,
    pooledSlope,
    lateSlopeBytesPerRequest: lateSlope,
    typicalLifeRequests,
    lifeGrowthBytes: (pooledSlope?.bytesPerRequest ?? 0) * typicalLifeRequests,
    lateLifeGrowthBytes: lateRate * typicalLifeRequests,
    startsLowAgain,
    growingLifeShare: series.length ? series.filter((p) => p[p.length - 1]!.y > p[0]!.y).length / series.length : 0,
    sawtooth,
  };
}

/** Pairs whose midpoint lies beyond the median midpoint: later in their lives. */
function lateSlopeOf(pairs: PairSet): number | null {
  if (pairs.slopes.length === 0) return null;
  const cut = median(pairs.midpoints);
  const late = pairs.slopes.filter((_, i) => pairs.midpoints[i]! > cut);
  return late.length >= MIN_LATE_PAIRS ? median(late) : null;
}

function typicalLife(lives: readonly Life[]): number {
  const recycled = lives.filter((l) => l.exitCause !== null && RECYCLE_CAUSES.has(l.exitCause));
  const pool = recycled.length > 0 ? recycled : lives;
  const served = pool.map((l) => Math.max(l.requests, l.exitRequests ?? 0));
  return served.length > 0 ? median(served) : 0;
}

function startsLow(lives: readonly Life[]): boolean | null {
  const drops: number[] = [];
  const bySlot = new Map<number, Life[]>();
  for (const l of lives) bySlot.set(l.slot, [...(bySlot.get(l.slot) ?? []), l]);
  for (const slotLives of bySlot.values()) {
    slotLives.sort((a, b) => a.firstTMs - b.firstTMs);
    for (let i = 1; i < slotLives.length; i += 1) {
      const prev = slotLives[i - 1]!;
      const next = slotLives[i]!;
      const ended = prev.points[prev.points.length - 1];
      const started = next.points[0];
      if (!ended || !started || prev.exitCause === null || !RECYCLE_CAUSES.has(prev.exitCause)) continue;
      drops.push(ended.y - started.y);
    }
  }
  if (drops.length === 0) return null;
  const growths = lives.filter((l) => l.points.length >= 2).map((l) => l.points[l.points.length - 1]!.y - l.points[0]!.y);
  const drop = median(drops);
  return drop > 0 && drop >= MIN_RESET_SHARE * Math.max(0, growths.length ? median(growths) : 0);
}
