// Which mix entry a worker's memory grew with. Per worker life, after its warm-up, each sample is
// one row: memory y against the requests c_k the worker had served of each entry k,
// y = a_life + Σ b_k c_k + noise, solved for b >= 0 over every life together (each life centred
// on its own means: its intercept). Levels, not sample-to-sample steps: the entries' counts
// all grow with the total, and what tells them apart is how far each strays from its share of
// it, which accumulates over a life (a random walk) while a step sees one sample interval's
// worth against the whole RSS noise twice. The interval comes from a bootstrap over blocks of
// consecutive samples (RSS noise is correlated from one sample to the next), refitting from
// summed normal equations, so it costs no pass over the rows.
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
  const { blocks, hits } = rowBlocks(input, k);
  const total = emptyEquations(k);
  for (const b of blocks) addEquations(total, b);
  const empty = { entries: [], clearCut: false, level: ATTRIBUTION_LEVEL, rows: total.rows };
  if (k < 2) return { ...empty, problem: 'the mix has one entry' };
  if (total.rows === 0) return { ...empty, problem: 'no per-entry counts after warm-up' };
  const estimate = solveNnls(total);
  const intervals = bootstrapIntervals(blocks, k, input.seed ?? 1);
  const contributions = estimate.map((b, i) => b * (hits[i] as number));
  const sum = contributions.reduce((a, c) => a + c, 0);
  const entries: AttributedEntry[] = input.mix.map((m, i) => ({
    index: i,
    method: m.method.toUpperCase(),
    path: m.path,
    bytesPerHit: round(estimate[i] as number),
    low: round(intervals[i]![0]),
    high: round(intervals[i]![1]),
    share: sum > 0 ? round((contributions[i] as number) / sum, 4) : 0,
    hits: hits[i] as number,
    confirmed: null,
  }));
  entries.sort((a, b) => b.share - a.share || a.index - b.index);
  return {
    entries,
    clearCut: isClearCut(entries),
    level: ATTRIBUTION_LEVEL,
    rows: total.rows,
    ...(sum > 0 ? {} : { problem: 'no entry went with any growth' }),
  };
}

/** Clear-cut: the top entry holds CLEAR_CUT_SHARE of the growth and its interval lies above every other's. */
export function isClearCut(sorted: readonly AttributedEntry[]): boolean {
  const [top, ...rest] = sorted;
  if (!top || top.share < CLEAR_CUT_SHARE) return false;
  return rest.every((e) => e.high < top.low);
}

/** Rows of each life after its warm-up, centred on the life's means, cut into blocks of BLOCK_ROWS. */
function rowBlocks(input: AttributionInput, k: number): { blocks: NormalEquations[]; hits: number[] } {
  const byPid = new Map<number, Sample[]>();
  for (const s of input.samples) {
    if (!s.entries || s.entries.length < k || s[input.metric] === null) continue;
    const warm = input.warmupEndByPid.get(s.pid);
    if (warm === undefined || s.requests < warm) continue;
    const rows = byPid.get(s.pid);
    if (rows) rows.push(s);
    else byPid.set(s.pid, [s]);
  }
  const blocks: NormalEquations[] = [];
  const hits = new Array<number>(k).fill(0);
  for (const rows of byPid.values()) {
    if (rows.length < 2) continue;
    rows.sort((a, b) => a.tMs - b.tMs);
    const first = rows[0]!.entries!;
    const last = rows[rows.length - 1]!.entries!;
    for (let j = 0; j < k; j++) hits[j] = (hits[j] as number) + (last[j] as number) - (first[j] as number);
    const meanY = rows.reduce((m, r) => m + (r[input.metric] as number), 0) / rows.length;
    const meanC = Array.from({ length: k }, (_, j) => rows.reduce((m, r) => m + (r.entries![j] as number), 0) / rows.length);
    let block = emptyEquations(k);
    for (const r of rows) {
      addRow(
        block,
        meanC.map((m, j) => (r.entries![j] as number) - m),
        (r[input.metric] as number) - meanY,
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
