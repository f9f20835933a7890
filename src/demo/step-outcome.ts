// A step's verdict on the seed's claim, from what was measured: every predicted variant's
// verdict matched the seed → confirmed, none did → refuted, some did → depends; any of them
// skipped, failed or inconclusive → not measured.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Verdict } from '../run-data/types.ts';
import type { DemoStep } from './plan.ts';

export type StepOutcome = 'confirmed' | 'refuted' | 'depends' | 'not measured';

export interface VariantCheck {
  variant: string;
  predicted: Verdict[];
  /** The measured verdict; undefined when the variant was skipped, failed or not run. */
  measured?: Verdict;
  /** What the scenario expected (its `expect:`), for the outcome the takeaway was written for. */
  expected?: Verdict;
  matches: boolean;
  /** Why this variant does not count: skipped (with its reason), failed, inconclusive, not run. */
  missing?: string;
}

export interface StepResult {
  outcome: StepOutcome;
  /** The outcome the scenario's expectations foresee: what the takeaway was written for. */
  foreseen: StepOutcome;
  checks: VariantCheck[];
}

export function judgeStep(step: DemoStep, run: RunRecord | undefined): StepResult {
  const checks = Object.entries(step.predicts).map(([variant, predicted]) =>
    checkVariant(
      variant,
      predicted,
      run?.variants.find((v) => v.name === variant),
    ),
  );
  // One undecided variant leaves the claim undecided: the others alone would confirm or refute
  // it on half the evidence.
  const decided = checks.every((c) => c.missing === undefined);
  const foreseeable = checks.filter((c) => c.expected !== undefined);
  return {
    outcome: decided ? outcomeOf(checks.map((c) => c.matches)) : 'not measured',
    foreseen: outcomeOf(foreseeable.map((c) => c.predicted.includes(c.expected!))),
    checks,
  };
}

function checkVariant(variant: string, predicted: Verdict[], v: VariantRecord | undefined): VariantCheck {
  const base = { variant, predicted, ...(v?.expected ? { expected: v.expected } : {}) };
  if (!v) return { ...base, matches: false, missing: 'not run' };
  if (v.status === 'skipped') return { ...base, matches: false, missing: `skipped: ${v.skipReason ?? 'no reason given'}` };
  if (v.status === 'failed' || !v.verdict) return { ...base, matches: false, missing: v.status };
  // Inconclusive neither bears the claim out nor refutes it.
  if (v.verdict === 'inconclusive') return { ...base, measured: v.verdict, matches: false, missing: 'inconclusive' };
  return { ...base, measured: v.verdict, matches: predicted.includes(v.verdict) };
}

export function outcomeOf(matches: readonly boolean[]): StepOutcome {
  if (matches.length === 0) return 'not measured';
  if (matches.every(Boolean)) return 'confirmed';
  return matches.some(Boolean) ? 'depends' : 'refuted';
}
