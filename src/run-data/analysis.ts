// The shape analysis returns. Pure data saved in run.json, so it lives with the run's other
// file formats; summary.md, the terminal and the HTML report are all rendered from it.
import type { ExitCause, MemoryMetric, Verdict } from './types.ts';

/** Why a variant is inconclusive: too little data after warm-up, no majority among workers, or memory still rising. */
export type InconclusiveReason = 'too-few-requests' | 'workers-disagree' | 'still-rising';

/** A slope in bytes per request, with its confidence interval. */
export interface SlopeEstimate {
  bytesPerRequest: number;
  low: number;
  high: number;
  /** Confidence level of [low, high], e.g. 0.95. */
  level: number;
}

/** Knobs of the verdict. Defaults live in thresholds.ts; a scenario may override any of them. */
export interface Thresholds {
  /** Growth after warm-up, in bytes per worker, below which memory counts as flat. */
  materialGrowthBytes: number;
  /** Slope below which a worker is not leaking, whatever the interval says. */
  materialSlopeBytesPerRequest: number;
  /** Fraction of a life (by requests) at its end that is tested for a plateau. */
  plateauFraction: number;
  /** Confidence level of the slope intervals. */
  confidence: number;
  /** Requests served by a worker before which it is always in warm-up. */
  minWarmupRequests: number;
}

export interface WorkerLifeAnalysis {
  pid: number;
  slot: number;
  samples: number;
  /** Requests served by this pid at its last sample. */
  requests: number;
  /** Requests served when warm-up ended (detected, never below minWarmupRequests). */
  warmupEndRequests: number;
  /** Slope after warm-up. null when too few samples remain after warm-up. */
  slope: SlopeEstimate | null;
  /** Memory at the end minus memory at the end of warm-up, bytes. */
  growthBytes: number;
  /** Requests at which memory stopped growing, when a plateau was found. */
  plateauStartRequests: number | null;
  exitCause: ExitCause | null;
  verdict: Verdict;
  /** Only when inconclusive: more requests after warm-up that would decide this life (evidence.ts). */
  requestsNeeded?: number;
}

export interface RestartInfo {
  pid: number;
  slot: number;
  tMs: number;
  requests: number | null;
  cause: ExitCause;
}

export interface VariantAnalysis {
  verdict: Verdict;
  /** How sure the verdict is, 0..1. */
  confidence: number;
  metric: MemoryMetric;
  /** Typical (median) per-worker slope after warm-up, bytes per request per worker. */
  slope: SlopeEstimate;
  /** Typical (median) per-worker growth after warm-up, bytes. */
  growthBytes: number;
  /** Median requests per worker at which warm-up ended. */
  warmupEndRequests: number;
  /** Median requests per worker at which a plateau began; null when none was found. */
  plateauStartRequests: number | null;
  restarts: RestartInfo[];
  workers: WorkerLifeAnalysis[];
  /** Only when inconclusive: why (absent from decided verdicts and from run.json files written before it existed). */
  reason?: InconclusiveReason;
  /** Only when inconclusive: about how many more requests per worker after warm-up would decide it. */
  requestsNeeded?: number;
  /** One sentence per line, plain text: why this verdict. */
  explanation: string[];
}
