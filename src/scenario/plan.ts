// Resolves a scenario plus command-line overrides into one concrete plan per variant, so the
// pipeline never has to know which layer (file, variant, flag, --quick) a setting came from.
import type { Thresholds } from '../analyze/types.ts';
import { InputError } from '../core/errors.ts';
import type { LoginSpec } from '../load/login.ts';
import type { RequestSpec } from '../load/types.ts';
import type { Verdict } from '../run-data/types.ts';
import {
  type CelerySettings,
  DEFAULT_TRACE,
  type GunicornSettings,
  type ProbeSpec,
  type Scenario,
  type TraceSettings,
} from './schema.ts';

export interface PlanOverrides {
  variants?: string[];
  quick?: boolean;
  durationMs?: number;
  requests?: number;
  connections?: number;
  workers?: number;
  /** --until-verdict: as `load.until: verdict` in the file. */
  untilVerdict?: boolean;
  /** --trace: an extra traced pass per variant, with the scenario's trace settings or the defaults. */
  trace?: boolean | TraceSettings['tracer'];
  /** --diagnose: for each growing variant, attribution to a mix entry and a traced pass. */
  diagnose?: boolean;
  /** --isolate: isolation runs for a growing variant whose attribution is not clear-cut. */
  isolate?: boolean;
}

export interface VariantPlan {
  name: string;
  description?: string;
  expect?: Verdict;
  mix: RequestSpec[];
  /** load.login: a session made before the storm, sent by every request. */
  login?: LoginSpec;
  gunicorn: GunicornSettings;
  env: Record<string, string>;
  /** Backing services (redis, postgres): the variant's list, else the scenario's. */
  services: Scenario['services'];
  /** A Celery worker started beside Gunicorn (the variant's `celery:`). */
  celery?: CelerySettings;
  thresholds: Partial<Thresholds>;
  connections: number;
  durationMs?: number;
  amount?: number;
  warmupMs?: number;
  /** Stop the storm once the live verdict is decided (load.until: verdict, --until-verdict); the stop condition is then the cap. */
  untilVerdict: boolean;
  samplingIntervalMs: number;
  smapsIntervalMs: number;
  /** Requests sent before/after the storm whose answers are saved (the variant's, else the scenario's). */
  probes: ProbeSpec[];
  /** Share of failed requests past which the variant is void. */
  maxFailedShare?: number;
  /** Set when the variant also gets a traced pass (--trace or the scenario's `trace:`). */
  trace?: TraceSettings;
  /** --diagnose: attribution and a traced pass for the variant if it grows (the traced pass only then). */
  diagnose?: TraceSettings;
  /** --isolate (implied by --diagnose): isolation runs when the attribution is not clear-cut. */
  isolate: boolean;
  /** With attribution (--diagnose, --isolate) on a mix of several entries: StormOptions.entryCycle. */
  entryCycle?: number;
}

/**
 * Requests per shuffled cycle of the mix when attribution is asked for. Drawn one by one, an
 * entry's count strays from its share by √(N p (1-p)), about 11 hits in 1,200 at 1/8: a few KB
 * of a 1 KiB leak, lost in RSS noise (a real run named the wrong entry). Runs of 200 drawn at
 * random strayed enough but also moved the shares over a short storm, and the verdict with
 * them; cycles keep the shares exact and stray by a run (50 requests at 1/8 of 400) each.
 */
export const ATTRIBUTION_ENTRY_CYCLE = 400;

export function planVariants(scenario: Scenario, overrides: PlanOverrides = {}): VariantPlan[] {
  const chosen = chooseVariants(scenario, overrides.variants);
  return chosen.map((v) => planVariant(scenario, v, overrides));
}

function planVariant(scenario: Scenario, v: Scenario['variants'][number], overrides: PlanOverrides): VariantPlan {
  const { durationMs, amount } = stopCondition(scenario, overrides, v.load);
  return {
    name: v.name,
    description: v.description,
    expect: v.expect as Verdict | undefined,
    mix: v.mix ?? scenario.load.mix,
    ...(scenario.load.login ? { login: scenario.load.login } : {}),
    gunicorn: {
      ...scenario.gunicorn,
      ...v.gunicorn,
      ...(overrides.workers === undefined ? {} : { workers: overrides.workers }),
    },
    env: { ...scenario.app.env, ...v.env },
    services: [...new Set(v.services ?? scenario.services)],
    ...(v.celery ? { celery: v.celery } : {}),
    thresholds: { ...scenario.thresholds, ...v.thresholds },
    connections: overrides.connections ?? scenario.load.connections,
    durationMs,
    amount,
    warmupMs: scenario.load.warmup,
    untilVerdict: overrides.untilVerdict === true || scenario.load.until === 'verdict',
    samplingIntervalMs: scenario.sampling.interval,
    smapsIntervalMs: scenario.sampling.smapsInterval,
    probes: v.probes ?? scenario.probes,
    ...(v.maxFailedShare === undefined ? {} : { maxFailedShare: v.maxFailedShare }),
    ...(overrides.trace || scenario.trace ? { trace: traceSettings(scenario.trace, overrides.trace) } : {}),
    ...(overrides.diagnose ? { diagnose: traceSettings(scenario.trace, overrides.trace) } : {}),
    isolate: Boolean(overrides.isolate || overrides.diagnose),
    ...((overrides.isolate || overrides.diagnose) && (v.mix ?? scenario.load.mix).length > 1
      ? { entryCycle: ATTRIBUTION_ENTRY_CYCLE }
      : {}),
  };
}

function chooseVariants(scenario: Scenario, names: string[] | undefined) {
  if (!names || names.length === 0) return scenario.variants;
  const known = scenario.variants.map((v) => v.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new InputError(`scenario "${scenario.name}" has no variant ${unknown.map((n) => `"${n}"`).join(', ')}`, {
      hint: `its variants are: ${known.join(', ')}`,
    });
  }
  return scenario.variants.filter((v) => names.includes(v.name));
}

/**
 * Flags beat --quick, which beats the file; a flag for one stop condition drops the other. A
 * variant's own `load` replaces the scenario's stop condition, and its `quick` the scenario's quick.
 */
function stopCondition(
  scenario: Scenario,
  o: PlanOverrides,
  own: Scenario['variants'][number]['load'],
): { durationMs?: number; amount?: number } {
  if (o.durationMs !== undefined || o.requests !== undefined) return { durationMs: o.durationMs, amount: o.requests };
  const quick = o.quick ? (own ? own.quick : scenario.load.quick) : undefined;
  if (quick && (quick.duration !== undefined || quick.requests !== undefined)) {
    return { durationMs: quick.duration, amount: quick.requests };
  }
  const base = own ?? scenario.load;
  return { durationMs: base.duration, amount: base.requests };
}

/** The scenario's trace settings (or the defaults), with the tracer --trace <tracer> names. */
function traceSettings(fromFile: TraceSettings | undefined, flag: PlanOverrides['trace']): TraceSettings {
  const settings = fromFile ?? DEFAULT_TRACE;
  return typeof flag === 'string' ? { ...settings, tracer: flag } : settings;
}
