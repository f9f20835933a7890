// The verdict's knobs, in one place. A scenario may override any of them.
import type { Thresholds } from './types.ts';

const MiB = 1024 * 1024;

/**
 * Why these values. Figures from the issue (2 sync workers, ~3.5k req/s each, 100 ms
 * sampling: warm-up +1.6 MB over ~7.5k requests per worker, RSS in 256 KiB arena steps) and
 * from recorded runs on the shared dev machine (test/unit/analyze/fixtures: the fixed
 * global-list view jumps ~0.7 MB on its first request, then creeps 17-18 B/request, one 4 KiB
 * page every ~240 requests, through at least 10k requests per worker):
 *
 * - materialGrowthBytes 1 MiB: four arena steps. What a fixed app still grows after a
 *   detected warm-up is a straggling step or two (<= 512 KiB), so 1 MiB keeps a 2x margin;
 *   the global-list leak (2.7-5.5 KiB/request) passes it within ~400 requests, a 256 B/request
 *   leak within ~4k (about a second), a 64 B/request leak within ~16k (~5 s per worker).
 * - materialSlopeBytesPerRequest 32: about twice the fixed app's measured creep (17-18
 *   B/request with an interval that excludes 16, so the starting point of 16 would
 *   convict a fixed app once it had served ~60k requests after warm-up), and half the
 *   slowest leak the issue wants convicted (64 B/request). Slower growth is still reported,
 *   slope and interval, in the explanation.
 * - plateauFraction 0.3: the tail tested for a plateau holds ~30 samples in a 10 s run and
 *   ~180 in 60 s; a smaller tail makes its slope noisy, a larger one misses plateaus reached
 *   in the second half of the run.
 * - confidence 0.95: the usual level. Intervals assume independent samples, which memory
 *   series are not, so they come out narrow; the material thresholds do most of the guarding.
 * - minWarmupRequests 2000: only a floor (~0.6 s per worker at full speed); the end of
 *   warm-up is detected from the data (~7.5k requests on the figures). A higher floor
 *   would eat into the ~10k requests per worker a 5 s run has to convict a fast leak.
 *
 * How the evidence floors scale (warmup.ts, evidence.ts). None is a fixed request count, so a
 * 50 req/s view is judged in minutes and a 3.5k req/s one in seconds:
 * - Warm-up floor: minWarmupRequests, or the requests at a worker's 50th served sample (5 s
 *   at 100 ms) when that comes first; a 25 req/s worker reaches 2,000 requests only after
 *   80 s. Never under the requests the scenario's `warmup` time covered. The settling window
 *   shrinks with it (at most 20 samples), the warm-up cap stays at 10 floors.
 * - A slope needs 5 samples after warm-up; flat needs 10 (two end levels of up to 5 points).
 * - Flat needs the requests after warm-up over which a leak at the material slope would
 *   have risen 3 noise sigmas (sample-to-sample noise of the series): ~500 requests for the
 *   sample app's page jitter, ~1M for a view whose RSS swings 10 MB per sample, which so
 *   stays inconclusive rather than being called flat on noise.
 * - ... and at least 1/32 of the material growth at the material slope (1,024 requests):
 *   RSS moves in pages and 256 KiB arena steps, so in fewer requests a slow leak may not have
 *   taken one step and looks perfectly flat. Waived when the level fell by a quarter of the
 *   material growth (memory handed back is not rising).
 * - Under the material growth, flat needs the slope's whole interval under the material
 *   slope (the fixed global-list view: 17-18 B/request, decided); an upper end at or above it
 *   is "still rising", inconclusive, with the requests that would reach the material growth
 *   at that upper end.
 * A verdict short of these floors is `inconclusive` with the requests still needed per worker.
 */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  materialGrowthBytes: 1 * MiB,
  materialSlopeBytesPerRequest: 32,
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
