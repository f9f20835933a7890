// The verdict rules, per life and across lives. Sawtooth, which needs the restarts, is decided
// in recycling.ts.
import { weightedShare } from './robust-stats.ts';
import type { SlopeEstimate, Thresholds } from './types.ts';
import type { Verdict } from '../run-data/types.ts';

/** Why a life got its verdict; the explanation is written from it. */
export type LifeReason =
  | 'too-short' // fewer points after warm-up than a slope needs
  | 'no-material-growth' // grew less than materialGrowthBytes after warm-up
  | 'plateau' // grew materially, then levelled off
  | 'slope-below-threshold' // grew materially, but slower than materialSlopeBytesPerRequest
  | 'slope-not-significant' // grew materially, but the slope's interval reaches zero (isolated steps)
  | 'leak';

export interface LifeEvidence {
  slope: SlopeEstimate | null;
  growthBytes: number;
  plateauFound: boolean;
}

export function judgeLife(e: LifeEvidence, t: Thresholds): { verdict: Verdict; reason: LifeReason } {
  if (!e.slope) return { verdict: 'flat', reason: 'too-short' };
  if (e.growthBytes < t.materialGrowthBytes) return { verdict: 'flat', reason: 'no-material-growth' };
  if (e.plateauFound) return { verdict: 'bounded', reason: 'plateau' };
  if (e.slope.bytesPerRequest < t.materialSlopeBytesPerRequest) return { verdict: 'flat', reason: 'slope-below-threshold' };
  if (e.slope.low <= 0) return { verdict: 'flat', reason: 'slope-not-significant' };
  return { verdict: 'leak', reason: 'leak' };
}

/** Most severe first. */
const SEVERITY: readonly Verdict[] = ['leak', 'bounded', 'flat'];

export interface Judged {
  verdict: Verdict;
  /** Requests the life served in all. */
  requests: number;
}

/**
 * A median on flat < bounded < leak: the most severe verdict that MORE than half of the lives
 * reach or exceed, so leak needs most lives to leak and a 1-1 split takes the milder verdict.
 * Lives that served at least half as much as the busiest count fully; shorter ones (a worker
 * that crashed early, its late replacement) in proportion, so they cannot outvote the others.
 */
export function combineVerdicts(lives: readonly Judged[]): { verdict: Verdict; agreement: number } {
  if (lives.length === 0) return { verdict: 'flat', agreement: 0 };
  const busiest = Math.max(...lives.map((j) => j.requests));
  const weight = (j: Judged) => (busiest > 0 ? Math.min(1, (2 * j.requests) / busiest) : 1);
  for (let i = 0; i < SEVERITY.length; i += 1) {
    const verdict = SEVERITY[i]!;
    const atLeast = new Set(SEVERITY.slice(0, i + 1));
    if (verdict === 'flat' || weightedShare(lives, weight, (j) => atLeast.has(j.verdict)) > 0.5) {
      return { verdict, agreement: weightedShare(lives, weight, (j) => j.verdict === verdict) };
    }
  }
  return { verdict: 'flat', agreement: 0 };
}
