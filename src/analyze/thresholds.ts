// The verdict's knobs, in one place. A scenario may override any of them.
import type { Thresholds } from './types.ts';

const MiB = 1024 * 1024;

/**
 * Why these values (figures measured on the sample app: 2 sync workers, ~3.5k req/s each,
 * sampled every 100 ms; warm-up +1.6 MB over the first ~7.5k requests per worker, then flat
 * to the KB; RSS moves in 256 KiB arena steps):
 *
 * - materialGrowthBytes 1 MiB: four arena steps. What a fixed app still grows after a
 *   detected warm-up is at most a straggling step or two (<= 512 KiB), so 1 MiB keeps a 2x
 *   margin against false leaks; the 2.7 KB/request leak passes it after ~400 requests, a
 *   256 B/request leak after ~4k (about a second), a 64 B/request leak after ~16k (~5 s).
 * - materialSlopeBytesPerRequest 16: one stray 256 KiB step spread over a quick run's ~16k
 *   post-warm-up requests reads as 16 B/request, so a short run cannot tell a slower slope
 *   from a single step. 16 B/request is still 16 MiB per million requests: worth a note in
 *   the explanation, which reports the slope whatever the verdict.
 * - plateauFraction 0.3: the tail tested for a plateau holds ~30 samples in a 10 s run and
 *   ~180 in 60 s; a smaller tail makes its slope noisy, a larger one misses plateaus reached
 *   in the second half of the run.
 * - confidence 0.95: the usual level; intervals assume independent samples, which memory
 *   series are not, so the material thresholds above do most of the guarding.
 * - minWarmupRequests 2000: only a floor (~0.6 s per worker); the end of warm-up is detected
 *   from the data (~7.5k requests on the sample app). A higher floor would eat into the
 *   ~10k requests per worker a 5 s run has to convict a fast leak.
 */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  materialGrowthBytes: 1 * MiB,
  materialSlopeBytesPerRequest: 16,
  plateauFraction: 0.3,
  confidence: 0.95,
  minWarmupRequests: 2000,
});

/** Defaults overridden by the given values; undefined values are ignored. Throws RangeError on nonsense. */
export function mergeThresholds(overrides: Partial<Thresholds> = {}): Thresholds {
  const merged: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const value = overrides[key];
    if (value !== undefined) merged[key] = value;
  }
  const problems = thresholdProblems(merged);
  if (problems.length > 0) throw new RangeError(`invalid thresholds: ${problems.join('; ')}`);
  return merged;
}

function thresholdProblems(t: Thresholds): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(t)) {
    if (!Number.isFinite(value)) problems.push(`${key} must be a finite number`);
  }
  if (t.materialGrowthBytes < 0) problems.push('materialGrowthBytes must be >= 0');
  if (t.materialSlopeBytesPerRequest < 0) problems.push('materialSlopeBytesPerRequest must be >= 0');
  if (!(t.plateauFraction > 0 && t.plateauFraction < 1)) problems.push('plateauFraction must be in (0, 1)');
  if (!(t.confidence > 0 && t.confidence < 1)) problems.push('confidence must be in (0, 1)');
  if (t.minWarmupRequests < 0) problems.push('minWarmupRequests must be >= 0');
  return problems;
}
