// Plain sentences a user can act on: what memory did, on what evidence, and what to look at.
import type { ExitCause, MemoryMetric } from '../run-data/types.ts';
import { MIN_FLAT_POINTS } from './evidence.ts';
import { formatApproxCount, formatByteRange, formatBytes, formatSeconds, formatSlope } from './format.ts';
import { type LifeResult, MIN_POST_WARMUP_POINTS } from './life-analysis.ts';
import type { RecyclingResult } from './recycling.ts';
import { median } from './robust-stats.ts';
import type { RestartInfo, SlopeEstimate, Thresholds } from './types.ts';
import type { VariantDecision } from './variant-decision.ts';

export interface ExplainInput {
  decision: VariantDecision;
  recycling: RecyclingResult;
  results: readonly LifeResult[];
  restarts: readonly RestartInfo[];
  metric: MemoryMetric;
  thresholds: Thresholds;
}

/** More requests than any run serves (evidence.ts answers MAX_SAFE_INTEGER when a floor is infinite). */
const UNREACHABLE_REQUESTS = 1e12;
/** 100 MiB: a budget a reader can picture. */
const BUDGET_BYTES = 100 * 1024 * 1024;

export function explainVariant(input: ExplainInput): string[] {
  const { decision: d, thresholds: t } = input;
  if (input.results.length === 0) return ['No memory samples were recorded for this variant.'];
  const lines =
    d.verdict === 'inconclusive' ? undecided(d, t) : d.basis === 'lives' ? fromLives(d, t) : fromRecycling(d, input.recycling, t);
  lines.push(...restartLines(input));
  if (input.metric !== 'rss') lines.push(`Judged on ${input.metric.toUpperCase()}, from the samples where it was read.`);
  return lines;
}

function fromLives(d: VariantDecision, t: Thresholds): string[] {
  const a = d.agreeing;
  const slope = medianSlope(a);
  const growth = median(a.map((r) => r.analysis.growthBytes));
  const post = median(a.map((r) => r.postRequests));
  const warmupEnd = median(a.map((r) => r.analysis.warmupEndRequests));
  const lines: string[] = [];
  if (d.verdict === 'leak') {
    lines.push(
      `${who(a.length, d.judged.length)} grew ${formatSlope(slope.bytesPerRequest)} (${interval(slope)}) for ${formatApproxCount(post)} requests after warm-up ended at ${formatApproxCount(warmupEnd)} requests.`,
      `That is ${formatBytes(growth)} per worker since warm-up, with no sign of levelling off: something is kept on every request (a module-level list or dict, a cache without a size limit, a growing class attribute).`,
      `At this rate each worker adds ${formatBytes(BUDGET_BYTES)} every ${formatApproxCount(BUDGET_BYTES / slope.bytesPerRequest)} requests.`,
    );
  } else if (d.verdict === 'bounded') {
    const before = median(a.map((r) => r.plateau?.growthBeforeTailBytes ?? 0));
    const tail = median(a.map((r) => r.plateau?.tailSlope?.bytesPerRequest ?? 0));
    lines.push(
      `${who(a.length, d.judged.length)} grew ${formatBytes(before)} after warm-up, then levelled off from about ${formatApproxCount(d.plateauStartRequests ?? 0)} requests (last ${Math.round(t.plateauFraction * 100)}% of the run: ${formatSlope(tail)}).`,
      'Something fills up to a limit (a bounded cache, a capped queue): not a leak, but check that the limit fits the memory you have.',
    );
  } else {
    lines.push(flatSentence(a, slope, growth, post, t));
  }
  const disagreement = disagreementLine(d);
  if (disagreement) lines.push(disagreement);
  const warmupGrowth = median(a.map((r) => r.warmupGrowthBytes));
  if (warmupGrowth > 0) {
    lines.push(
      `Warm-up ended at ${formatApproxCount(warmupEnd)} requests per worker and added ${formatBytes(warmupGrowth)}, the usual start-up cost (imports, caches, allocator arenas).`,
    );
  }
  return lines;
}

function flatSentence(a: readonly LifeResult[], slope: SlopeEstimate, growth: number, post: number, t: Thresholds): string {
  const slopeText = `${formatSlope(slope.bytesPerRequest)} (${interval(slope)})`;
  switch (dominantReason(a)) {
    case 'slope-below-threshold':
      return `Memory grew ${formatBytes(growth)} per worker after warm-up, but only ${slopeText}, under the ${formatSlope(t.materialSlopeBytesPerRequest)} threshold: a slow creep, not a per-request leak.`;
    case 'slope-not-significant':
      return `Memory grew ${formatBytes(growth)} per worker after warm-up in isolated steps: the slope's interval (${formatByteRange(slope.low, slope.high)}) includes zero, so there is no steady growth per request.`;
    default: {
      const flat = `Memory was flat after warm-up: workers changed by ${formatBytes(growth)} over ${formatApproxCount(post)} requests (threshold ${formatBytes(t.materialGrowthBytes)})`;
      if (slope.low > 0 && slope.bytesPerRequest < t.materialSlopeBytesPerRequest) {
        return `${flat}; a creep of ${slopeText} remains, under the ${formatSlope(t.materialSlopeBytesPerRequest)} threshold.`;
      }
      return `${flat}, slope ${slopeText}.`;
    }
  }
}

function fromRecycling(d: VariantDecision, rec: RecyclingResult, t: Thresholds): string[] {
  const head = `Workers were recycled ${rec.recycles} ${rec.recycles === 1 ? 'time' : 'times'} (${causeList(rec.causes)}); within each life memory grew ${formatSlope(d.slope.bytesPerRequest)} (${interval(d.slope)})`;
  if (d.verdict === 'sawtooth') {
    const late = rec.lateSlopeBytesPerRequest === null ? '' : `, ${formatSlope(rec.lateSlopeBytesPerRequest)} late in a life`;
    return [
      `${head}${late}, about ${formatBytes(rec.lifeGrowthBytes)} per life of ${formatApproxCount(rec.typicalLifeRequests)} requests, and each new worker started low again.`,
      'Recycling hides a leak: without it memory would keep growing. Find what is retained per request rather than relying on recycling (max_requests, a memory limit).',
    ];
  }
  return [
    `${head}. At the rate seen late in lives (less of each life's warm-up), a life of ${formatApproxCount(rec.typicalLifeRequests)} requests adds about ${formatBytes(rec.lateLifeGrowthBytes)}, under the ${formatBytes(t.materialGrowthBytes)} threshold: recycling keeps memory bounded.`,
  ];
}

/** "Not yet": what is missing, and about how much more would decide it. Never reads as flat. */
function undecided(d: VariantDecision, t: Thresholds): string[] {
  const more =
    d.requestsNeeded === null
      ? 'a longer run would decide it.'
      : d.requestsNeeded > UNREACHABLE_REQUESTS
        ? 'no run of practical length would decide it (a material slope threshold of 0 never lets flat be said).'
        : `about ${formatApproxCount(d.requestsNeeded)} more requests per worker would decide it.`;
  if (d.reason === 'workers-disagree') {
    return [`Not yet decided: workers disagree (${splitText(d)}) and a verdict needs more than half of them: ${more}`];
  }
  if (d.basis === 'none') {
    return [
      `Not yet decided: too few requests after warm-up to judge (warm-up ends at ${formatApproxCount(d.warmupEndRequests)} requests per worker; a slope needs ${MIN_POST_WARMUP_POINTS} samples after it, flat ${MIN_FLAT_POINTS}): ${more}`,
      `Over what was seen, warm-up included, memory moved ${formatSlope(d.slope.bytesPerRequest)}.`,
    ];
  }
  const a = d.agreeing;
  const slope = medianSlope(a);
  const growth = median(a.map((r) => r.analysis.growthBytes));
  const post = median(a.map((r) => r.postRequests));
  const slopeText = `${formatSlope(slope.bytesPerRequest)} (${interval(slope)})`;
  if (d.reason === 'still-rising') {
    return [
      `Not yet decided: memory is still rising at ${slopeText} but has grown only ${formatBytes(growth)} per worker over ${formatApproxCount(post)} requests since warm-up, under the ${formatBytes(t.materialGrowthBytes)} threshold: ${more}`,
    ];
  }
  return [
    `Not yet decided: not enough requests after warm-up to rule out a leak of ${formatSlope(t.materialSlopeBytesPerRequest)} at this noise and resolution (${formatApproxCount(post)} requests, ${slopeText}, ${formatBytes(growth)} per worker): ${more}`,
  ];
}

function restartLines(input: ExplainInput): string[] {
  // Recycling restarts are already told by the recycling sentence.
  const told = input.decision.basis === 'recycling';
  const shown = input.restarts.filter((r) => !(told && ['max_requests', 'memory_limit', 'unknown'].includes(r.cause)));
  if (shown.length === 0) return [];
  if (shown.length === 1) {
    const r = shown[0]!;
    const served = r.requests === null ? '' : ` after ${formatApproxCount(r.requests)} requests`;
    return [`Worker ${r.pid} (slot ${r.slot}) exited at ${formatSeconds(r.tMs)}${served}: ${causeText(r.cause)}.`];
  }
  const causes: Partial<Record<ExitCause, number>> = {};
  for (const r of shown) causes[r.cause] = (causes[r.cause] ?? 0) + 1;
  return [`Workers restarted ${shown.length} times during the run (${causeList(causes)}).`];
}

function disagreementLine(d: VariantDecision): string | null {
  const split = splitText(d);
  return split ? `Workers disagree (${split}); a verdict needs more than half of them.` : null;
}

/** "1 flat, 1 leak" when the judged lives do not all agree; null when they do. */
function splitText(d: VariantDecision): string | null {
  if (d.agreeing.length === d.judged.length && d.reason !== 'workers-disagree') return null;
  const counts = new Map<string, number>();
  for (const r of d.judged) counts.set(r.analysis.verdict, (counts.get(r.analysis.verdict) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
}

function dominantReason(lives: readonly LifeResult[]): LifeResult['reason'] | undefined {
  const weight = new Map<LifeResult['reason'], number>();
  for (const r of lives) weight.set(r.reason, (weight.get(r.reason) ?? 0) + Math.max(1, r.postRequests));
  return [...weight].sort((x, y) => y[1] - x[1])[0]?.[0];
}

function medianSlope(lives: readonly LifeResult[]): SlopeEstimate {
  const s = lives.map((r) => r.analysis.slope!);
  return {
    bytesPerRequest: median(s.map((e) => e.bytesPerRequest)),
    low: median(s.map((e) => e.low)),
    high: median(s.map((e) => e.high)),
    level: s[0]?.level ?? 0.95,
  };
}

function interval(s: SlopeEstimate): string {
  return `${Math.round(s.level * 100)}% CI ${formatByteRange(s.low, s.high)}`;
}

function who(k: number, n: number): string {
  if (k < n) return `${k} of ${n} workers`;
  if (n === 1) return 'The worker';
  return n === 2 ? 'Both workers' : `All ${n} workers`;
}

function causeList(causes: Partial<Record<ExitCause, number>>): string {
  return Object.entries(causes)
    .map(([cause, n]) => `${causeText(cause as ExitCause)}: ${n}`)
    .join(', ');
}

function causeText(cause: ExitCause): string {
  return cause === 'unknown' ? 'vanished without an exit event' : cause;
}
