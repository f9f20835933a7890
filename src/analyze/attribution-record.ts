// A variant's attribution from its saved data: the regression (attribution.ts) over the samples
// of each worker life after the warm-up its analysis found, with the verdicts of the isolation
// runs (collected, in run.json) marked on the entries they tested.
import type { AttributedEntry, IsolationOutcome, VariantAttribution } from '../run-data/attribution.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import type { Sample } from '../run-data/types.ts';
import { attributeGrowth } from './attribution.ts';

export function analysedAttribution(
  v: VariantRecord,
  samples: readonly Sample[],
  mix: readonly { method: string; path: string }[],
): VariantAttribution {
  const isolation = v.attribution?.isolation;
  const workers = v.analysis?.workers ?? [];
  const estimate = attributeGrowth({
    samples,
    warmupEndByPid: new Map(workers.map((w) => [w.pid, w.warmupEndRequests])),
    metric: v.analysis?.metric ?? 'rss',
    mix,
  });
  return {
    ...estimate,
    entries: markConfirmed(estimate.entries, isolation),
    ...(isolation ? { isolation } : {}),
  };
}

/**
 * The entry the growth is put down to: one that isolation confirmed, else a clear-cut top
 * entry; none when the estimate is unclear and untested (or isolation confirmed nothing).
 */
export function namedEntry(a: VariantAttribution): AttributedEntry | null {
  const confirmed = a.entries.find((e) => e.confirmed === true);
  if (confirmed) return confirmed;
  const top = a.entries[0];
  return a.clearCut && top && top.share > 0 ? top : null;
}

function markConfirmed(entries: AttributedEntry[], isolation: readonly IsolationOutcome[] | undefined): AttributedEntry[] {
  return entries.map((e) => {
    const run = isolation?.find((i) => i.index === e.index && !i.problem);
    return run ? { ...e, confirmed: run.confirmed } : e;
  });
}

/**
 * The suspect is what grows when it runs alone and what stops growing when the mix runs without
 * it: alone it must account for at least half the mix's slope at its share of the traffic, and
 * the mix without it must keep under half that slope.
 */
export function isolationConfirms(o: {
  aloneSlope: number;
  withoutSlope: number;
  mixSlope: number;
  /** The suspect's part of the mix's requests, 0..1. */
  trafficShare: number;
}): boolean {
  if (!(o.mixSlope > 0)) return false;
  return o.aloneSlope * o.trafficShare >= 0.5 * o.mixSlope && o.withoutSlope <= 0.5 * o.mixSlope;
}
