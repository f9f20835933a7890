// --diagnose and --isolate, after a variant's untraced pass: judge it from what was just
// sampled (the same analysis `report` runs on the files), and only if it grows, find where:
// which mix entry (attribution; isolation runs when that is not clear-cut) and which line (a
// traced pass). Every extra pass is separate from the untraced one, so the verdict never moves.
import { CLEAR_CUT_SHARE } from '../analyze/attribution.ts';
import { analysedAttribution, isolatedGrowthShare, isolationConfirms } from '../analyze/attribution-record.ts';
import { LeaklabError } from '../core/errors.ts';
import type { RequestSpec } from '../load/types.ts';
import type { IsolationOutcome, VariantAttribution } from '../run-data/attribution.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import { isWebSample, type Sample, type WorkerEvent } from '../run-data/types.ts';
import { variantBase } from '../run-data/variant-base.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import type { VariantTrace } from '../trace/types.ts';
import { analysedRecord } from './build-record.ts';
import { type CollectContext, collectVariant } from './collect-variant.ts';
import { runTracedPass } from './traced-pass.ts';

/** --diagnose's traced pass lasts this share of the variant's storm (--trace's, all of it). */
export const TRACED_SHARE = 1 / 2;
/** An isolation run lasts this share of the variant's storm, and never less than ISOLATION_MIN_MS. */
export const ISOLATION_SHARE = 1 / 3;
export const ISOLATION_MIN_MS = 8_000;
/** Suspects tested when the attribution is not clear-cut: the top entries with at least this share. */
export const SUSPECT_SHARE = 0.2;
export const MAX_SUSPECTS = 2;

export interface UntracedPass {
  samples: readonly Sample[];
  events: readonly WorkerEvent[];
  requests: number;
  requestsPerSecond: number;
}

export interface Diagnosis {
  attribution?: VariantAttribution;
  trace?: VariantTrace;
}

/** A variant grows when judged `leak`, or `inconclusive` because memory was still rising. */
export function isGrowing(v: VariantRecord): boolean {
  return v.verdict === 'leak' || (v.verdict === 'inconclusive' && v.analysis?.reason === 'still-rising');
}

export async function diagnoseVariant(
  plan: VariantPlan,
  ctx: CollectContext,
  untraced: UntracedPass,
  log: (line: string) => void,
): Promise<Diagnosis> {
  const judged = judge(plan, untraced.samples, untraced.events, untraced);
  if (!isGrowing(judged)) return {};
  const out: Diagnosis = {};
  if (plan.mix.length > 1) {
    const estimate = analysedAttribution(judged, untraced.samples, plan.mix);
    const top = estimate.entries[0];
    // Suspects, in the estimate's order: the top entry, and one holding SUSPECT_SHARE or whose
    // interval reaches the top's (not told apart from it).
    const suspects =
      estimate.clearCut || !top
        ? []
        : estimate.entries
            .filter((e, i) => i === 0 || e.share >= SUSPECT_SHARE || (e.bytesPerHit > 0 && e.high >= top.low))
            .slice(0, MAX_SUSPECTS);
    const isolation: IsolationOutcome[] = [];
    const totalHits = estimate.entries.reduce((n, e) => n + e.hits, 0);
    for (const s of plan.isolate && totalHits > 0 && top && top.share > 0 ? suspects : []) {
      if (ctx.signal.aborted) break;
      log(`    isolating ${s.method} ${s.path}: alone, then the mix without it`);
      const outcome = await isolate(plan, ctx, s.index, judged.slopeBytesPerRequest, s.hits / totalHits);
      isolation.push(outcome);
      // One confirmed suspect that alone accounts for most of the growth answers the question:
      // the next suspect's runs would cost another two short storms to learn nothing.
      if (outcome.confirmed && isolatedGrowthShare({ ...outcome, trafficShare: s.hits / totalHits }) >= CLEAR_CUT_SHARE) break;
    }
    out.attribution = { ...estimate, ...(isolation.length ? { isolation } : {}) };
  }
  if (plan.diagnose && !plan.trace && !ctx.signal.aborted) {
    out.trace = await runTracedPass({ ...plan, ...shortStop(plan, TRACED_SHARE), trace: plan.diagnose }, ctx, untraced);
  }
  return out;
}

function judge(
  plan: VariantPlan,
  samples: readonly Sample[],
  events: readonly WorkerEvent[],
  load: { requests: number; requestsPerSecond: number },
): VariantRecord {
  const collected: VariantRecord = {
    ...variantBase(plan),
    status: 'complete',
    requests: load.requests,
    requestsPerSecond: load.requestsPerSecond,
  };
  return analysedRecord(collected, plan, samples, events);
}

async function isolate(
  plan: VariantPlan,
  ctx: CollectContext,
  index: number,
  mixSlope: number,
  trafficShare: number,
): Promise<IsolationOutcome> {
  const suspect = plan.mix[index]!;
  const alone = await shortRun(plan, ctx, `${plan.name}-alone-${index}`, [suspect]);
  const without = await shortRun(
    plan,
    ctx,
    `${plan.name}-without-${index}`,
    plan.mix.filter((_, i) => i !== index),
  );
  const problem = 'problem' in alone ? alone.problem : 'problem' in without ? without.problem : undefined;
  const aloneSlope = 'slope' in alone ? alone.slope : 0;
  const withoutSlope = 'slope' in without ? without.slope : 0;
  return {
    index,
    path: suspect.path,
    aloneSlope,
    withoutSlope,
    mixSlope,
    aloneRequests: 'slope' in alone ? alone.requests : 0,
    withoutRequests: 'slope' in without ? without.requests : 0,
    confirmed: !problem && isolationConfirms({ aloneSlope, withoutSlope, mixSlope, trafficShare }),
    ...(problem ? { problem } : {}),
  };
}

/** A share of the variant's storm, by time or by requests as the variant stops; never under ISOLATION_MIN_MS. */
function shortStop(plan: VariantPlan, share: number): { durationMs?: number; amount?: number } {
  return plan.durationMs === undefined
    ? { durationMs: undefined, amount: Math.max(1, Math.round((plan.amount ?? 0) * share)) }
    : { durationMs: Math.max(ISOLATION_MIN_MS, Math.round(plan.durationMs * share)), amount: undefined };
}

/** A short storm of `mix` with the variant's settings; its samples stay in memory (never the verdict's). */
async function shortRun(
  plan: VariantPlan,
  ctx: CollectContext,
  name: string,
  mix: RequestSpec[],
): Promise<{ slope: number; requests: number } | { problem: string }> {
  const samples: Sample[] = [];
  try {
    const collected = await collectVariant(
      {
        ...plan,
        name,
        mix,
        probes: [],
        untilVerdict: false,
        ...shortStop(plan, ISOLATION_SHARE),
      },
      { ...ctx, samples: { write: (s) => isWebSample(s) && samples.push(s) } },
    );
    const judged = judge(plan, samples, collected.events, collected.load);
    return { slope: judged.slopeBytesPerRequest, requests: collected.load.requests };
  } catch (err) {
    if (!(err instanceof LeaklabError)) throw err;
    return { problem: `${name}: ${err.message}` };
  }
}
