// Whether two runs measured the same thing. A slope only compares with a slope of the same
// code under the same requests and the same Gunicorn settings; anything else is refused (exit 2)
// with what differs, rather than judged as a regression or, worse, as no regression. Pure.
import type { RunRecord } from '../run-data/run-record.ts';
import type { VariantPlan } from '../scenario/plan.ts';

/** What decides a variant's memory curve, per variant, as each run's saved scenario.yaml planned it. */
export type VariantSetup = Pick<VariantPlan, 'name' | 'mix' | 'gunicorn' | 'env'>;

export interface RunSide {
  record: RunRecord;
  /** Planned from the run directory's scenario.yaml; null when the run has none (older runs). */
  plans: VariantSetup[] | null;
}

/** Every difference that makes the runs incomparable, one sentence each; empty when they compare. */
export function incomparabilities(before: RunSide, after: RunSide): string[] {
  if (before.record.scenario !== after.record.scenario) {
    return [`different scenarios: ${before.record.scenario} before, ${after.record.scenario} after`];
  }
  const problems: string[] = [];
  for (const b of before.record.variants) {
    const a = after.record.variants.find((v) => v.name === b.name);
    if (!a) continue;
    // What Gunicorn actually ran with, as recorded: catches --workers given to one run only.
    // Only settings both runs recorded: an older leaklab recorded fewer, which is no difference.
    if (b.gunicorn && a.gunicorn) {
      problems.push(...fieldDifferences(b.name, 'gunicorn settings (run.json)', b.gunicorn, a.gunicorn, { sharedOnly: true }));
    }
    const pb = before.plans?.find((p) => p.name === b.name);
    const pa = after.plans?.find((p) => p.name === b.name);
    if (!pb || !pa) continue;
    if (stable(pb.mix) !== stable(pa.mix))
      problems.push(`${b.name}: the request mix differs (${mixText(pb)} before, ${mixText(pa)} after)`);
    problems.push(...fieldDifferences(b.name, 'gunicorn settings (scenario.yaml)', pb.gunicorn, pa.gunicorn));
    problems.push(...fieldDifferences(b.name, 'env', pb.env, pa.env));
  }
  return [...new Set(problems)];
}

function fieldDifferences(variant: string, what: string, before: object, after: object, o = { sharedOnly: false }): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !o.sharedOnly || (k in a && k in b)).sort();
  const differing = keys.filter((k) => stable(b[k]) !== stable(a[k]));
  if (differing.length === 0) return [];
  const detail = differing.map((k) => `${k} ${show(b[k])} → ${show(a[k])}`).join(', ');
  return [`${variant}: ${what} differ: ${detail}`];
}

function mixText(p: VariantSetup): string {
  return p.mix.map((r) => `${r.method} ${r.path}`).join(', ');
}

function show(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}

/** JSON with sorted keys, so the same settings written in another order compare equal. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
