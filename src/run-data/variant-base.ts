// The fields every variant record starts with, before anything is measured: shared by the
// variants that run and those that never do (skipped, or a service that would not start).
// Plain values, not a scenario plan: run-data is a bottom layer and imports nothing above it.
import type { VariantRecord } from './run-record.ts';
import type { Verdict } from './types.ts';

/** What a variant's plan says about it; a scenario's VariantPlan has these fields. */
export interface PlannedVariant {
  name: string;
  description?: string;
  expect?: Verdict;
  gunicorn: object;
}

/** Why a variant never ran: skipped (something it needs is missing) or failed (it could not start). */
export interface NotRun {
  status: 'skipped' | 'failed';
  reason: string;
}

export function variantBase(plan: PlannedVariant): Omit<VariantRecord, 'status'> {
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

/** The record of a variant that never ran: its plan, and why not. */
export function notRunVariant(plan: PlannedVariant, why: NotRun): VariantRecord {
  return {
    ...variantBase(plan),
    status: why.status,
    ...(why.status === 'failed' ? { error: why.reason } : { skipReason: why.reason }),
  };
}
