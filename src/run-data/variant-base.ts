// The fields every variant record starts with, before anything is measured: shared by the
// variants that run and those that never do (skipped, or a service that would not start).
import type { VariantPlan } from '../scenario/plan.ts';
import type { VariantRecord } from './run-record.ts';

export function variantBase(plan: VariantPlan): Omit<VariantRecord, 'status'> {
  return {
    name: plan.name,
    ...(plan.description ? { description: plan.description } : {}),
    ...(plan.expect ? { expected: plan.expect } : {}),
    slopeBytesPerRequest: 0,
    growthBytes: 0,
    requests: 0,
    requestsPerSecond: 0,
    errors: 0,
    workerRestarts: 0,
    gunicorn: { ...plan.gunicorn },
  };
}
