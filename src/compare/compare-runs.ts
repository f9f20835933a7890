// Before/after comparison of two runs, for a pull request: which variants got worse. Pure.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Verdict } from '../run-data/types.ts';

/** How bad a verdict is, for "did it get worse": a leak is worst, a capped leak next. inconclusive is no verdict. */
const SEVERITY: Record<Exclude<Verdict, 'inconclusive'>, number> = { flat: 0, bounded: 1, sawtooth: 2, leak: 3 };

export type ChangeKind = 'regression' | 'improvement' | 'unchanged' | 'only-before' | 'only-after' | 'not-judged';

export interface VariantChange {
  name: string;
  before?: VariantRecord;
  after?: VariantRecord;
  slopeDelta: number | null;
  kind: ChangeKind;
  reason: string;
}

export interface Comparison {
  scenarioBefore: string;
  scenarioAfter: string;
  changes: VariantChange[];
  regressions: number;
}

export interface CompareOptions {
  /** A slope rise above this many bytes/request is a regression even if the verdict held. */
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
  return {
    scenarioBefore: before.scenario,
    scenarioAfter: after.scenario,
    changes,
    regressions: changes.filter((c) => c.kind === 'regression').length,
  };
}

function compareVariant(
  name: string,
  before: VariantRecord | undefined,
  after: VariantRecord | undefined,
  o: CompareOptions,
): VariantChange {
  if (!before) return { name, after, slopeDelta: null, kind: 'only-after', reason: 'new in the after run' };
  if (!after) return { name, before, slopeDelta: null, kind: 'only-before', reason: 'missing from the after run' };
  if (!before.verdict || !after.verdict) {
    return { name, before, after, slopeDelta: null, kind: 'not-judged', reason: 'a run did not complete this variant' };
  }
  const slopeDelta = after.slopeBytesPerRequest - before.slopeBytesPerRequest;
  // Undecided is not flat: a leak that became inconclusive is not fixed, and a flat that became
  // inconclusive is not proven to hold. (Issue 10 will count judged -> inconclusive as a regression.)
  if (before.verdict === 'inconclusive' || after.verdict === 'inconclusive') {
    const side =
      after.verdict === 'inconclusive' ? (before.verdict === 'inconclusive' ? 'both runs' : 'the after run') : 'the before run';
    return {
      name,
      before,
      after,
      slopeDelta,
      kind: 'not-judged',
      reason: `${before.verdict} → ${after.verdict}: ${side} could not decide`,
    };
  }
  const worse = SEVERITY[after.verdict] - SEVERITY[before.verdict];
  if (worse > 0) return { name, before, after, slopeDelta, kind: 'regression', reason: `${before.verdict} → ${after.verdict}` };
  if (slopeDelta > o.maxSlopeIncrease) {
    return {
      name,
      before,
      after,
      slopeDelta,
      kind: 'regression',
      reason: `slope rose by ${Math.round(slopeDelta)} B/request (limit ${o.maxSlopeIncrease})`,
    };
  }
  if (worse < 0) return { name, before, after, slopeDelta, kind: 'improvement', reason: `${before.verdict} → ${after.verdict}` };
  return { name, before, after, slopeDelta, kind: 'unchanged', reason: 'same verdict' };
}
