// What attribution leaves in run.json (contract: variants[].attribution): which mix entry the
// growth went with, per hit, and what the isolation runs (--isolate) said.

export interface AttributedEntry {
  /** Position in the variant's mix. */
  index: number;
  method: string;
  /** As written in the mix. */
  path: string;
  /** Bytes a worker kept per request of this entry (non-negative least squares). */
  bytesPerHit: number;
  /** Bootstrap interval of bytesPerHit, at VariantAttribution.level. */
  low: number;
  high: number;
  /**
   * This entry's part of the growth after warm-up (bytesPerHit × its hits / the sum over the
   * entries told apart from zero, or over all when none is), 0..1; 0 for an entry whose interval
   * reaches 0 while another's does not.
   */
  share: number;
  /** Requests of this entry the workers served after warm-up (the regression's data). */
  hits: number;
  /** Isolation runs confirmed (true) or contradicted (false) it as the grower; null: not run. */
  confirmed: boolean | null;
  /**
   * Its part of the growth as isolation measured it, 0..1: its slope alone, at its share of the
   * mix's traffic, over the whole mix's slope (capped at 1). Only on an entry isolation tested.
   */
  isolatedShare?: number;
}

/** One suspect's short isolation runs: the entry alone, and the mix without it. */
export interface IsolationOutcome {
  index: number;
  path: string;
  /** Median per-worker slope, bytes per request, of each run. */
  aloneSlope: number;
  withoutSlope: number;
  /** The full mix's slope (the untraced pass), bytes per request. */
  mixSlope: number;
  aloneRequests: number;
  withoutRequests: number;
  confirmed: boolean;
  /** Why an isolation run gave nothing to judge, when one failed. */
  problem?: string;
}

export interface VariantAttribution {
  /** Sorted by share, largest first. */
  entries: AttributedEntry[];
  /** One entry holds most of the growth and its interval clears every other's (see attribution.ts). */
  clearCut: boolean;
  /** Confidence level of the intervals. */
  level: number;
  /** Samples the regression used, every worker life together. */
  rows: number;
  /**
   * The fit's lag, in samples: each entry's count was averaged over this many samples before
   * each (RSS shows kept memory late, when pages are next needed; see analyze/attribution.ts).
   */
  lagSamples?: number;
  /**
   * The part of the fitted growth that went with entries whose interval reaches 0 (noise, or
   * creep every request shares), left out of the shares; absent when it is none.
   */
  unresolvedShare?: number;
  isolation?: IsolationOutcome[];
  /** Why there is no estimate (no per-entry counts, no growth), when there is none. */
  problem?: string;
}
