// The verdict rules, per life and across lives. Sawtooth, which needs the restarts, is decided
// in recycling.ts.

import type { Verdict } from '../run-data/types.ts';
import { weightedShare } from './robust-stats.ts';
import type { SlopeEstimate, Thresholds } from './types.ts';

/** Why a life got its verdict; the explanation is written from it. */
export type LifeReason =
  | 'too-short' // fewer points or requests after warm-up than a decision needs: inconclusive
  | 'still-rising' // under material growth, but the slope may still be material: inconclusive
  | 'no-material-growth' // grew less than materialGrowthBytes after warm-up, slope surely under the threshold
  | 'plateau' // grew materially, then levelled off
  | 'slope-below-threshold' // grew materially, but slower than materialSlopeBytesPerRequest
  | 'slope-not-significant' // grew materially, but the slope's interval reaches zero (isolated steps)
  | 'leak';

export interface LifeEvidence {
  slope: SlopeEstimate | null;
  growthBytes: number;
  plateauFound: boolean;
  /** Whether the life passed the evidence floors (points and noise-scaled requests after warm-up, evidence.ts). */
  enoughEvidence?: boolean;
}

export function judgeLife(e: LifeEvidence, t: Thresholds): { verdict: Verdict; reason: LifeReason } {
  const judged = judgeOnSlope(e, t);
  // Every flat is a claim that a leak would have shown: below the evidence floors it is "not yet".
  if (judged.verdict === 'flat' && e.enoughEvidence === false) return { verdict: 'inconclusive', reason: 'too-short' };
  return judged;
}

function judgeOnSlope(e: LifeEvidence, t: Thresholds): { verdict: Verdict; reason: LifeReason } {
  if (!e.slope) return { verdict: 'inconclusive', reason: 'too-short' };
  if (e.growthBytes < t.materialGrowthBytes) {
    // Flat only once the slope is surely under the threshold, or memory did not rise at all
    // (a level that ended lower, as after a big collection); otherwise "not yet".
    if (e.slope.high < t.materialSlopeBytesPerRequest || e.growthBytes <= 0)
      return { verdict: 'flat', reason: 'no-material-growth' };
    if (e.slope.bytesPerRequest <= 0) return { verdict: 'inconclusive', reason: 'too-short' };
    return { verdict: 'inconclusive', reason: 'still-rising' };
  }
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

export interface Combined {
  verdict: Verdict;
  /** Weighted share of lives whose verdict is the combined one. */
  agreement: number;
  /** Set when the verdict is inconclusive because the lives are, or because they split. */
  reason?: 'too-few-requests' | 'workers-disagree';
}

/**
 * A median on flat < bounded < leak: the most severe verdict that MORE than half of the lives
 * reach or exceed, so leak needs most lives to leak. The verdict also needs more than half of
 * the lives to hold it exactly: a 1-1 split (leak/flat, leak/bounded) is no majority and is
 * inconclusive, as is a set where half or more of the lives could not decide.
 * Lives that served at least half as much as the busiest count fully; shorter ones (a worker
 * that crashed early, its late replacement) in proportion, so they cannot outvote the others.
 */
export function combineVerdicts(lives: readonly Judged[]): Combined {
  if (lives.length === 0) return { verdict: 'inconclusive', agreement: 0, reason: 'too-few-requests' };
  const busiest = Math.max(...lives.map((j) => j.requests));
  const weight = (j: Judged) => (busiest > 0 ? Math.min(1, (2 * j.requests) / busiest) : 1);
  const undecided = weightedShare(lives, weight, (j) => j.verdict === 'inconclusive');
  if (undecided >= 0.5) return { verdict: 'inconclusive', agreement: undecided, reason: 'too-few-requests' };
  for (let i = 0; i < SEVERITY.length; i += 1) {
    const verdict = SEVERITY[i]!;
    const atLeast = new Set(SEVERITY.slice(0, i + 1));
    if (weightedShare(lives, weight, (j) => atLeast.has(j.verdict)) > 0.5) {
      const agreement = weightedShare(lives, weight, (j) => j.verdict === verdict);
      if (agreement <= 0.5) break;
      return { verdict, agreement };
    }
  }
  const split = Math.max(...SEVERITY.map((v) => weightedShare(lives, weight, (j) => j.verdict === v)));
  return { verdict: 'inconclusive', agreement: split, reason: 'workers-disagree' };
}
