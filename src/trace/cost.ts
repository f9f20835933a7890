// What tracing costs, from the two passes' samples. Pure. RSS is compared per worker slot at the
// same number of requests served, because the slower traced pass serves fewer in the same time
// and a leaking worker's RSS depends on requests, not on time.
import type { Sample } from '../run-data/types.ts';
import type { TraceCost } from './types.ts';

/**
 * `traced.tracedFrom`: the requests a worker serves untraced before tracemalloc starts. The
 * throughput compared is then the traced requests' alone (the pass's mean would credit tracing
 * with the untraced warm-up's speed).
 */
export function traceCost(
  untraced: { samples: readonly Sample[]; requestsPerSecond: number },
  traced: { samples: readonly Sample[]; requestsPerSecond: number; tracedFrom?: number },
): TraceCost {
  const window = traced.tracedFrom === undefined ? null : windowRate(traced.samples, traced.tracedFrom);
  const rate = window ?? traced.requestsPerSecond;
  return {
    throughputRatio: untraced.requestsPerSecond > 0 ? round(rate / untraced.requestsPerSecond) : 0,
    extraRssBytesPerWorker: Math.round(extraRssPerWorker(untraced.samples, traced.samples)),
    tracedRequestsPerSecond: round(rate),
  };
}

/** Requests per second, all workers together, served past `fromRequests` each; null without two such samples of one worker. */
export function windowRate(samples: readonly Sample[], fromRequests: number): number | null {
  const span = new Map<number, { t0: number; r0: number; t1: number; r1: number }>();
  for (const s of samples) {
    if (s.requests < fromRequests) continue;
    const w = span.get(s.pid);
    if (!w) span.set(s.pid, { t0: s.tMs, r0: s.requests, t1: s.tMs, r1: s.requests });
    else if (s.tMs >= w.t1) Object.assign(w, { t1: s.tMs, r1: s.requests });
  }
  const spans = [...span.values()].filter((w) => w.t1 > w.t0);
  if (spans.length === 0) return null;
  const requests = spans.reduce((n, w) => n + w.r1 - w.r0, 0);
  // Mean rate per worker times the workers traced: workers may enter the window at different times.
  const perWorker = spans.reduce((n, w) => n + (w.r1 - w.r0) / (w.t1 - w.t0), 0) / spans.length;
  return requests > 0 ? perWorker * span.size * 1000 : 0;
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
