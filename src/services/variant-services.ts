// Per variant: whether its services are there (else it is skipped, or failed when a service
// would not start), the variables its app gets, and the database app.setup must prepare first.
import type { VariantRecord } from '../run-data/run-record.ts';
import { notRunVariant } from '../run-data/variant-base.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import type { ResolvedService, RunServices } from './run-services.ts';
import { cacheKeyPrefix } from './service-urls.ts';
import type { ServiceUse } from './types.ts';

export interface PreparedVariant {
  plan: VariantPlan;
  state: 'ready' | 'skipped' | 'failed';
  /** Why it is skipped or failed, in words a user can act on. */
  reason?: string;
  uses: ServiceUse[];
  /** The DATABASE_URL app.setup runs against for this variant; undefined: the app's default (SQLite). */
  setupDatabaseUrl?: string;
  /** The variables this variant's app gets; called just before it runs (a fresh database is made then). */
  variantEnv: () => Promise<Record<string, string>>;
}

export async function prepareVariants(plans: VariantPlan[], services: RunServices, runId: string): Promise<PreparedVariant[]> {
  const prepared: PreparedVariant[] = [];
  for (const plan of plans) {
    const resolved: ResolvedService[] = [];
    for (const s of plan.services) resolved.push(await services.resolve(s));
    prepared.push(prepareOne(plan, resolved, runId));
  }
  return prepared;
}

/** Pure given the resolved services: the rules, unit-tested. */
export function prepareOne(plan: VariantPlan, resolved: ResolvedService[], runId: string): PreparedVariant {
  const missing = resolved.filter((r): r is Extract<ResolvedService, { available: false }> => !r.available);
  const noEnv = async () => ({});
  const failed = missing.filter((m) => m.failed);
  if (failed.length > 0) {
    return {
      plan,
      state: 'failed',
      reason: failed.map((m) => `${m.service}: ${m.reason}`).join('; '),
      uses: [],
      variantEnv: noEnv,
    };
  }
  if (missing.length > 0) {
    return { plan, state: 'skipped', reason: missing.map((m) => m.reason).join('; '), uses: [], variantEnv: noEnv };
  }
  const ready = resolved.filter((r): r is Extract<ResolvedService, { available: true }> => r.available);
  const redis = ready.find((r) => r.service === 'redis');
  const postgres = ready.find((r) => r.service === 'postgres');
  return {
    plan,
    state: 'ready',
    uses: ready.map((r) => r.use),
    ...(postgres ? { setupDatabaseUrl: postgres.url } : {}),
    variantEnv: async () => ({
      ...(redis ? { REDIS_URL: redis.url, LEAKLAB_CACHE_KEY_PREFIX: cacheKeyPrefix(runId, plan.name) } : {}),
      ...(postgres ? { DATABASE_URL: postgres.postgres ? await postgres.postgres.freshDatabase(plan.name) : postgres.url } : {}),
    }),
  };
}

/** The distinct databases app.setup must run against, in the order the variants first need them. */
export function setupDatabases(prepared: PreparedVariant[]): (string | undefined)[] {
  const seen = new Set<string>();
  const out: (string | undefined)[] = [];
  for (const p of prepared) {
    if (p.state !== 'ready') continue;
    const key = p.setupDatabaseUrl ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p.setupDatabaseUrl);
  }
  return out;
}

/** The run.json record of a variant that never ran: skipped (a service is missing) or failed (one would not start). */
export function notRunRecord(p: PreparedVariant): VariantRecord {
  const failed = p.state === 'failed';
  const reason = p.reason ?? (failed ? 'a service did not start' : 'a service is missing');
  return notRunVariant(p.plan, { status: failed ? 'failed' : 'skipped', reason });
}
