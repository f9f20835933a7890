// Before/after comparison of two runs, for a pull request: which variants got worse. Pure.
// The gate is strict on purpose: anything it cannot judge as "no worse" (a failed or missing
// variant, an undecided verdict) counts as a regression, so it never passes by accident.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Verdict } from '../run-data/types.ts';

/** How bad a decided verdict is: a leak is worst, a capped leak next, a plateau, then flat. */
const SEVERITY: Record<Exclude<Verdict, 'inconclusive'>, number> = { flat: 0, bounded: 1, sawtooth: 2, leak: 3 };
/** Verdicts that mean memory keeps growing for as long as a worker lives (or until recycled). */
const LEAKING = new Set<Verdict>(['leak', 'sawtooth']);

export type ChangeKind = 'regression' | 'fixed' | 'improved' | 'unchanged' | 'new' | 'not-compared';

export interface VariantChange {
  name: string;
  before?: VariantRecord;
  after?: VariantRecord;
  /** After minus before, bytes/request; null when either has no verdict. */
  slopeDelta: number | null;
  kind: ChangeKind;
  reason: string;
}

export interface Comparison {
  scenario: string;
  /** Run-level regressions (the after run failed or was interrupted), one sentence each. */
  runProblems: string[];
  changes: VariantChange[];
  /** Run-level problems plus regressed variants: the gate fails when this is above 0. */
  regressions: number;
  /** The after run's id, to make paths in its errors relative to its directory. */
  afterRunId: string;
  maxSlopeIncrease: number;
}

export interface CompareOptions {
  /** A slope rise above this many bytes/request, beyond both intervals, is a regression. */
  maxSlopeIncrease: number;
}

export const DEFAULT_MAX_SLOPE_INCREASE = 128;

export function compareRuns(before: RunRecord, after: RunRecord, opts: CompareOptions): Comparison {
  const names = [...new Set([...before.variants.map((v) => v.name), ...after.variants.map((v) => v.name)])];
  const changes = names.map((name) =>
    compareVariant(
      name,
      before.variants.find((v) => v.name === name),
      after.variants.find((v) => v.name === name),
      opts,
    ),
  );
  const runProblems =
    after.status === 'complete' ? [] : [`the after run ${after.status === 'failed' ? 'failed' : 'was interrupted'}`];
  return {
    scenario: after.scenario,
    runProblems,
    changes,
    regressions: runProblems.length + changes.filter((c) => c.kind === 'regression').length,
    afterRunId: after.runId,
    maxSlopeIncrease: opts.maxSlopeIncrease,
  };
}

export function compareVariant(
  name: string,
  before: VariantRecord | undefined,
  after: VariantRecord | undefined,
  o: CompareOptions,
): VariantChange {
  const change = (kind: ChangeKind, reason: string, slopeDelta: number | null = null): VariantChange => ({
    name,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    slopeDelta,
    kind,
    reason,
  });
  if (!before) return change('new', 'new in the after run');
  if (!after) return change('regression', 'missing from the after run');
  if (after.status === 'failed')
    return change('regression', `failed in the after run${before.status === 'failed' ? ' too' : ''}`);
  if (after.status === 'skipped') {
    return before.status === 'skipped'
      ? change('not-compared', 'skipped in both runs')
      : change('regression', 'skipped in the after run only');
  }
  if (before.status !== 'complete' || !before.verdict)
    return change('not-compared', `${before.status} in the before run: nothing to compare with`);
  if (!after.verdict) return change('regression', 'no verdict in the after run');
  const slopeDelta = after.slopeBytesPerRequest - before.slopeBytesPerRequest;
  const move = `${before.verdict} → ${after.verdict}`;
  if (after.verdict === 'inconclusive') {
    return before.verdict === 'inconclusive'
      ? change('not-compared', 'inconclusive in both runs', slopeDelta)
      : change('regression', `${move}: the after run could not decide`, slopeDelta);
  }
  if (before.verdict === 'inconclusive') return change('not-compared', `${move}: the before run could not decide`, slopeDelta);
  const worse = SEVERITY[after.verdict] - SEVERITY[before.verdict];
  if (worse > 0) return change('regression', move, slopeDelta);
  const rise = slopeRise(before, after, o.maxSlopeIncrease);
  if (rise.beyondLimit && !rise.overlap) {
    return change(
      'regression',
      `slope rose by ${Math.round(slopeDelta)} B/request (limit ${o.maxSlopeIncrease}), ${rise.intervals}`,
      slopeDelta,
    );
  }
  if (worse < 0)
    return change(LEAKING.has(before.verdict) && !LEAKING.has(after.verdict) ? 'fixed' : 'improved', move, slopeDelta);
  const fall = slopeRise(after, before, o.maxSlopeIncrease);
  if (fall.beyondLimit && !fall.overlap)
    return change('improved', `slope fell by ${Math.round(-slopeDelta)} B/request, ${fall.intervals}`, slopeDelta);
  if (rise.beyondLimit)
    return change(
      'unchanged',
      `same verdict; slope rose by ${Math.round(slopeDelta)} B/request but the intervals overlap (noise)`,
      slopeDelta,
    );
  return change('unchanged', 'same verdict', slopeDelta);
}

/**
 * Whether `to` has a slope above `from` by more than the limit, and whether their intervals
 * overlap. A record without an interval (older run.json) counts as not overlapping: without
 * the evidence of noise, a rise past the limit stands.
 */
function slopeRise(from: VariantRecord, to: VariantRecord, limit: number) {
  const beyondLimit = to.slopeBytesPerRequest - from.slopeBytesPerRequest > limit;
  const a = from.analysis?.slope;
  const b = to.analysis?.slope;
  if (!a || !b) return { beyondLimit, overlap: false, intervals: 'no intervals recorded' };
  return { beyondLimit, overlap: b.low <= a.high && a.low <= b.high, intervals: 'outside both intervals' };
}
