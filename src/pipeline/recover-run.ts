// A run whose run.json still says `running` was killed (SIGKILL, a power cut): nothing wrote its
// end. What it sampled is on disk, so `leaklab report` judges it anyway: the run is marked
// interrupted, and the variant that was storming when it died gets a record built from samples.csv.
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import { isWebSample, type Sample } from '../run-data/types.ts';
import { type PlannedVariant, variantBase } from '../run-data/variant-base.ts';

/** The record as `report` should analyse it: unchanged unless it was left `running`. */
export function recoveredRecord(
  record: RunRecord,
  samples: readonly Sample[],
  plans: ReadonlyMap<string, PlannedVariant>,
): RunRecord {
  if (record.status !== 'running') return record;
  const recorded = new Set(record.variants.map((v) => v.name));
  const sampledNames = [...new Set(samples.map((s) => s.variant))].filter((n) => !recorded.has(n));
  const added = sampledNames.map((name) =>
    interruptedVariant(
      plans.get(name) ?? { name, gunicorn: {} },
      samples.filter((s) => s.variant === name),
    ),
  );
  return { ...record, status: 'interrupted', variants: [...record.variants, ...added] };
}

/** A variant cut short: its requests are what each worker's counter last said, summed. */
export function interruptedVariant(plan: PlannedVariant, samples: readonly Sample[]): VariantRecord {
  const lastByPid = new Map<number, number>();
  let lastMs = 0;
  for (const s of samples) {
    if (!isWebSample(s)) continue; // a Celery process counts tasks, not requests
    lastByPid.set(s.pid, Math.max(lastByPid.get(s.pid) ?? 0, s.requests));
    lastMs = Math.max(lastMs, s.tMs);
  }
  const requests = [...lastByPid.values()].reduce((a, b) => a + b, 0);
  return {
    ...variantBase(plan),
    status: 'interrupted',
    warnings: ['the harness was killed during this variant: figures are from samples.csv alone (no load statistics)'],
    requests,
    requestsPerSecond: lastMs > 0 ? requests / (lastMs / 1000) : 0,
  };
}
