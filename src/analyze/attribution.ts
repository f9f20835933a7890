// Which mix entry a worker's memory grew with. Per worker life, after its warm-up, each sample is
// one row: memory y against the requests c_k the worker had served of each entry k,
// y = a_life + Σ b_k c_k + noise, solved for b >= 0 over every life together (each life centred
// on its own means: its intercept). Levels, not sample-to-sample steps: the entries' counts
// all grow with the total, and what tells them apart is how far each strays from its share of
// it, which accumulates over a life (a random walk) while a step sees one sample interval's
// worth against the whole RSS noise twice. The interval comes from a bootstrap over blocks of
// consecutive samples (RSS noise is correlated from one sample to the next), refitting from
// summed normal equations, so it costs no pass over the rows.
//
// Two things about RSS make the raw fit charge a heavy view that keeps nothing (the bookshelf's
// /report/, 24 MiB allocated and freed per request) with a slower leak's growth:
// - A transient in flight when a sample is taken (that buffer) is not memory kept. y is the
//   life's level: the lowest memory it shows from that sample on (a suffix minimum).
// - RSS is a high-water mark. Memory kept by one request often shows only when a later request
//   needs pages beyond it (the next heavy buffer no longer fits below the kept objects), so the
//   growth appears at the heavy view's hits, later than the hits that kept it. The counts are
//   therefore also tried as averages over the last W samples (the growth showing within W
//   sample intervals), and the W whose fit leaves the least residual is used: 0 where RSS
//   follows the leak at once (the sample app), ~6-10 samples (0.6-1 s) on the bookshelf.
// Seeded: the interval of a run is the same each time `report` re-analyses it.
import { mulberry32 } from '../core/prng.ts';
import type { AttributedEntry, VariantAttribution } from '../run-data/attribution.ts';
import type { MemoryMetric, Sample } from '../run-data/types.ts';
import { addEquations, addRow, emptyEquations, type NormalEquations, solveNnls } from './attribution-nnls.ts';

/** The top entry's share at or above which, with an interval clear of the rest, no isolation is needed. */
export const CLEAR_CUT_SHARE = 0.8;
/** Consecutive samples resampled together. */
export const BLOCK_ROWS = 8;
export const RESAMPLES = 300;
export const ATTRIBUTION_LEVEL = 0.9;
/** Lags tried, in samples: the counts averaged over the last W samples before each. */
export const LAG_WINDOWS = [0, 2, 4, 6, 8, 12, 16, 24] as const;

export interface AttributionInput {
  /** One variant's samples, with their per-entry counts (Sample.entries). */
  samples: readonly Sample[];
  /** Requests served when each pid's warm-up ended; a pid missing here is skipped. */
  warmupEndByPid: ReadonlyMap<number, number>;
  metric: MemoryMetric;
  mix: readonly { method: string; path: string }[];
  seed?: number;
}

export function attributeGrowth(input: AttributionInput): VariantAttribution {
  const k = input.mix.length;
  const lives = lifeRows(input, k);
  const fits = LAG_WINDOWS.map((lag) => {
    const { blocks, hits } = rowBlocks(lives, k, lag, input.metric);
    const total = emptyEquations(k);
    for (const b of blocks) addEquations(total, b);
    const estimate = total.rows > 0 ? solveNnls(total) : new Array<number>(k).fill(0);
    return { lag, blocks, hits, total, estimate, residual: residualSquares(total, estimate) };
  });
  const { blocks, hits, total, estimate, lag } = fits.reduce((best, f) => (f.residual < best.residual ? f : best));
  const empty = { entries: [], clearCut: false, level: ATTRIBUTION_LEVEL, rows: total.rows };
  if (k < 2) return { ...empty, problem: 'the mix has one entry' };
  if (total.rows === 0) return { ...empty, problem: 'no per-entry counts after warm-up' };
  const intervals = bootstrapIntervals(blocks, k, input.seed ?? 1);
  const contributions = estimate.map((b, i) => b * (hits[i] as number));
  const fitted = contributions.reduce((a, c) => a + c, 0);
  // An entry whose interval reaches 0 is not told apart from no growth at all: what the fit put
  // on it is the run's noise, or the creep every request shares (a heap settling, a database
  // file growing), spread over entries at random. The growth is shared out among the entries
  // told apart from zero, when there are any; what the others carried is said (unresolvedShare).
  const resolved = contributions.map((c, i) => c > 0 && intervals[i]![0] > 0);
  const anyResolved = resolved.some(Boolean);
  const counted = contributions.map((c, i) => (!anyResolved || resolved[i] ? c : 0));
  const sum = counted.reduce((a, c) => a + c, 0);
  const entries: AttributedEntry[] = input.mix.map((m, i) => ({
    index: i,
    method: m.method.toUpperCase(),
    path: m.path,
    bytesPerHit: round(estimate[i] as number),
    low: round(intervals[i]![0]),
    high: round(intervals[i]![1]),
    share: sum > 0 ? round((counted[i] as number) / sum, 4) : 0,
    hits: hits[i] as number,
    confirmed: null,
  }));
  entries.sort(
    (a, b) => b.share - a.share || (contributions[b.index] as number) - (contributions[a.index] as number) || a.index - b.index,
  );
  return {
    entries,
    clearCut: isClearCut(entries),
    level: ATTRIBUTION_LEVEL,
    rows: total.rows,
    lagSamples: lag,
    ...(anyResolved && fitted > sum ? { unresolvedShare: round((fitted - sum) / fitted, 4) } : {}),
    ...(sum > 0 ? {} : { problem: 'no entry went with any growth' }),
  };
}

/** Clear-cut: the top entry holds CLEAR_CUT_SHARE of the growth and its interval lies above every other's. */
export function isClearCut(sorted: readonly AttributedEntry[]): boolean {
  const [top, ...rest] = sorted;
  if (!top || top.share < CLEAR_CUT_SHARE) return false;
  return rest.every((e) => e.high < top.low);
}

/** The samples of each worker life after its warm-up, in time order, with per-entry counts. */
function lifeRows(input: AttributionInput, k: number): Sample[][] {
  const byPid = new Map<number, Sample[]>();
  for (const s of input.samples) {
    if (!s.entries || s.entries.length < k || s[input.metric] === null) continue;
    const warm = input.warmupEndByPid.get(s.pid);
    if (warm === undefined || s.requests < warm) continue;
    const rows = byPid.get(s.pid);
    if (rows) rows.push(s);
    else byPid.set(s.pid, [s]);
  }
  return [...byPid.values()].filter((rows) => rows.length >= 2).map((rows) => rows.sort((a, b) => a.tMs - b.tMs));
}

/**
 * Rows of each life, centred on the life's means, cut into blocks of BLOCK_ROWS: y the life's
 * level at each sample (suffix minimum), x each entry's count averaged over the last `lag` samples.
 */
function rowBlocks(
  lives: readonly Sample[][],
  k: number,
  lag: number,
  metric: MemoryMetric,
): { blocks: NormalEquations[]; hits: number[] } {
  const blocks: NormalEquations[] = [];
  const hits = new Array<number>(k).fill(0);
  for (const rows of lives) {
    const first = rows[0]!.entries!;
    const last = rows[rows.length - 1]!.entries!;
    for (let j = 0; j < k; j++) hits[j] = (hits[j] as number) + (last[j] as number) - (first[j] as number);
    const y = suffixMinimum(rows.map((r) => r[metric] as number));
    const x = laggedCounts(rows, k, lag);
    const meanY = y.reduce((m, v) => m + v, 0) / y.length;
    const meanC = Array.from({ length: k }, (_, j) => x.reduce((m, r) => m + (r[j] as number), 0) / x.length);
    let block = emptyEquations(k);
    for (let i = 0; i < rows.length; i++) {
      addRow(
        block,
        meanC.map((m, j) => (x[i]![j] as number) - m),
        (y[i] as number) - meanY,
      );
      if (block.rows === BLOCK_ROWS) {
        blocks.push(block);
        block = emptyEquations(k);
      }
    }
    if (block.rows > 0) blocks.push(block);
  }
  return { blocks, hits };
}

/** The lowest value from each position on: what a transient spike leaves behind is nothing. */
export function suffixMinimum(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  let low = Number.POSITIVE_INFINITY;
  for (let i = values.length - 1; i >= 0; i--) {
    low = Math.min(low, values[i] as number);
    out[i] = low;
  }
  return out;
}

/** Each row's per-entry counts averaged over it and the `lag` rows before it (fewer at the start). */
export function laggedCounts(rows: readonly Sample[], k: number, lag: number): number[][] {
  const sums = new Array<number>(k).fill(0);
  return rows.map((r, i) => {
    for (let j = 0; j < k; j++) sums[j] = (sums[j] as number) + (r.entries![j] as number);
    const drop = i - lag - 1;
    if (drop >= 0) for (let j = 0; j < k; j++) sums[j] = (sums[j] as number) - (rows[drop]!.entries![j] as number);
    const n = Math.min(i + 1, lag + 1);
    return sums.map((v) => v / n);
  });
}

/** |y - Xb|² less |y|², from the normal equations: b'X'Xb - 2 b'X'y. */
function residualSquares(eq: NormalEquations, b: readonly number[]): number {
  let quad = 0;
  let cross = 0;
  for (let i = 0; i < eq.k; i++) {
    cross += (b[i] as number) * (eq.xty[i] as number);
    for (let j = 0; j < eq.k; j++) quad += (b[i] as number) * (eq.xtx[i * eq.k + j] as number) * (b[j] as number);
  }
  return quad - 2 * cross;
}

function bootstrapIntervals(blocks: readonly NormalEquations[], k: number, seed: number): [number, number][] {
  const random = mulberry32(seed);
  const draws: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < RESAMPLES; r++) {
    const eq = emptyEquations(k);
    for (let n = 0; n < blocks.length; n++) addEquations(eq, blocks[Math.floor(random() * blocks.length)]!);
    for (const [i, b] of solveNnls(eq).entries()) draws[i]!.push(b);
  }
  const tail = (1 - ATTRIBUTION_LEVEL) / 2;
  return draws.map((d) => {
    d.sort((a, b) => a - b);
    return [quantile(d, tail), quantile(d, 1 - tail)];
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[at] as number;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
