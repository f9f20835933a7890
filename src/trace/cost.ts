// What tracing costs, from the two passes' samples. Pure. RSS is compared per worker slot at the
// same number of requests served, because the slower traced pass serves fewer in the same time
// and a leaking worker's RSS depends on requests, not on time.
import type { Sample } from '../run-data/types.ts';
import type { TraceCost } from './types.ts';

export function traceCost(
  untraced: { samples: readonly Sample[]; requestsPerSecond: number },
  traced: { samples: readonly Sample[]; requestsPerSecond: number },
): TraceCost {
  return {
    throughputRatio: untraced.requestsPerSecond > 0 ? round(traced.requestsPerSecond / untraced.requestsPerSecond) : 0,
    extraRssBytesPerWorker: Math.round(extraRssPerWorker(untraced.samples, traced.samples)),
    tracedRequestsPerSecond: round(traced.requestsPerSecond),
  };
}

/** Mean over slots of traced RSS minus untraced RSS, both read at the first sample past the requests both reached. */
export function extraRssPerWorker(untraced: readonly Sample[], traced: readonly Sample[]): number {
  const a = firstLifeBySlot(untraced);
  const b = firstLifeBySlot(traced);
  const diffs: number[] = [];
  for (const [slot, mine] of a) {
    const theirs = b.get(slot);
    if (!theirs || mine.length === 0 || theirs.length === 0) continue;
    const reached = Math.min(mine.at(-1)!.requests, theirs.at(-1)!.requests);
    diffs.push(rssAt(theirs, reached) - rssAt(mine, reached));
  }
  return diffs.length ? diffs.reduce((s, d) => s + d, 0) / diffs.length : 0;
}

/** Each slot's first worker only: a recycled worker starts again from zero requests. */
function firstLifeBySlot(samples: readonly Sample[]): Map<number, Sample[]> {
  const pidOf = new Map<number, number>();
  const out = new Map<number, Sample[]>();
  for (const s of samples) {
    if (!pidOf.has(s.slot)) pidOf.set(s.slot, s.pid);
    if (pidOf.get(s.slot) !== s.pid) continue;
    const list = out.get(s.slot) ?? [];
    list.push(s);
    out.set(s.slot, list);
  }
  return out;
}

function rssAt(samples: readonly Sample[], requests: number): number {
  return (samples.find((s) => s.requests >= requests) ?? samples.at(-1)!).rss;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
