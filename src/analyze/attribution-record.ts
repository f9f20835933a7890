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
  // Judged here, from the slopes the runs measured, so `report` applies the rule of the day.
  const totalHits = estimate.entries.reduce((n, e) => n + e.hits, 0);
  const judged = isolation?.map((i) => ({
    ...i,
    confirmed:
      !i.problem &&
      isolationConfirms({
        ...i,
        trafficShare: totalHits > 0 ? (estimate.entries.find((e) => e.index === i.index)?.hits ?? 0) / totalHits : 0,
      }),
  }));
  return {
    ...estimate,
    entries: markConfirmed(estimate.entries, judged, totalHits),
    ...(judged ? { isolation: judged } : {}),
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

function markConfirmed(
  entries: AttributedEntry[],
  isolation: readonly IsolationOutcome[] | undefined,
  totalHits: number,
): AttributedEntry[] {
  return entries.map((e) => {
    const run = isolation?.find((i) => i.index === e.index && !i.problem);
    if (!run) return e;
    const isolatedShare = isolatedGrowthShare({ ...run, trafficShare: totalHits > 0 ? e.hits / totalHits : 0 });
    return { ...e, confirmed: run.confirmed, isolatedShare: Math.round(isolatedShare * 10_000) / 10_000 };
  });
}

/**
 * The suspect's part of the mix's growth as its isolation run measured it: its slope alone,
 * weighted by its share of the mix's requests, over the mix's slope, 0..1. The regression
 * shares growth out by how it went with each entry's counts; this is the entry's own growth,
 * measured with nothing else running (an app's creep shared by every request included).
 */
export function isolatedGrowthShare(o: { aloneSlope: number; mixSlope: number; trafficShare: number }): number {
  if (!(o.mixSlope > 0)) return 0;
  return Math.min(1, Math.max(0, (o.aloneSlope * o.trafficShare) / o.mixSlope));
}

/** The named entry's part of the growth: isolation's measure when isolation confirmed it, else the estimate's. */
export function namedShare(e: AttributedEntry): number {
  return e.confirmed === true && e.isolatedShare !== undefined ? e.isolatedShare : e.share;
}

/**
 * The suspect is the grower when, run alone, at its share of the traffic it accounts for at
 * least half the mix's slope, and for more than the rest of the mix does without it. (Not
 * "the mix without it is flat": an app's own creep over a short run, 120 B/request on the
 * bookshelf, would clear every suspect.)
 */
export function isolationConfirms(o: {
  aloneSlope: number;
  withoutSlope: number;
  mixSlope: number;
  /** The suspect's part of the mix's requests, 0..1. */
  trafficShare: number;
}): boolean {
  if (!(o.mixSlope > 0)) return false;
  const own = o.aloneSlope * o.trafficShare;
  return own >= 0.5 * o.mixSlope && own > Math.max(0, o.withoutSlope) * (1 - o.trafficShare);
}
