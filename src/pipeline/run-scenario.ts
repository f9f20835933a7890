// The pipeline: target -> storm + sampler -> files -> analysis -> report. Everything it needs
// from the outside world (environment, clock origin, signal, output) is handed in, so the
// command line and the tests drive the same function.
import { copyFileSync } from 'node:fs';
import { LeaklabError } from '../core/errors.ts';
import { appendEvents } from '../run-data/events-jsonl.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import { createRunDir, makeRunId, pointLatest, writeRunRecord } from '../run-data/run-dir.ts';
import { SamplesWriter } from '../run-data/samples-csv.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { planVariants, type PlanOverrides, type VariantPlan } from '../scenario/plan.ts';
import { runAppSetup } from '../setup/app-setup.ts';
import { ensureVenv, pythonCandidates } from '../setup/python-env.ts';
import { collectVariant, type VariantProgress } from './collect-variant.ts';
import { loadProblem } from './load-health.ts';
import { finalizeRun, type FinalizedRun } from './finalize-run.ts';

export interface RunUi {
  info(line: string): void;
  variantStart(plan: VariantPlan, index: number, total: number): void;
  progress(p: VariantProgress): void;
  variantEnd(name: string, outcome: string): void;
}

export interface RunScenarioContext {
  env: Record<string, string | undefined>;
  resultsRoot: string;
  target: 'local' | 'docker';
  signal: AbortSignal;
  ui: RunUi;
  color: boolean;
  onEmergencyKill: (kill: () => void) => () => void;
}

export async function runScenario(
  loaded: LoadedScenario,
  overrides: PlanOverrides,
  ctx: RunScenarioContext,
): Promise<FinalizedRun> {
  const { scenario } = loaded;
  const plans = planVariants(scenario, overrides);
  const python = await ensureVenv({
    appDir: loaded.appDir,
    requirements: scenario.app.requirements,
    pythonCandidates: pythonCandidates(ctx.env),
    log: ctx.ui.info,
  });

  await runAppSetup({
    appDir: loaded.appDir,
    commands: scenario.app.setup,
    python,
    env: { ...ctx.env, ...scenario.app.env },
    log: ctx.ui.info,
    signal: ctx.signal,
  });

  const startedAt = new Date();
  const paths = createRunDir(ctx.resultsRoot, makeRunId(scenario.name, startedAt));
  copyFileSync(loaded.file, paths.scenarioYaml);
  const samples = new SamplesWriter(paths.samplesCsv);
  const record: RunRecord = {
    scenario: scenario.name,
    title: scenario.title,
    claim: scenario.claim,
    status: 'complete',
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    runId: paths.dir.split('/').pop() ?? scenario.name,
    target: ctx.target,
    quick: Boolean(overrides.quick),
    variants: [],
  };

  try {
    for (const [i, plan] of plans.entries()) {
      if (ctx.signal.aborted) break;
      ctx.ui.variantStart(plan, i, plans.length);
      const variant = await runOneVariant(plan, loaded, paths, samples, python, ctx);
      record.variants.push(variant);
      ctx.ui.variantEnd(plan.name, variant.status === 'failed' ? `failed: ${variant.error}` : variant.status);
    }
  } finally {
    await samples.close();
    record.status = ctx.signal.aborted ? 'interrupted' : record.variants.some((v) => v.status === 'failed') ? 'failed' : 'complete';
    record.finishedAt = new Date().toISOString();
    writeRunRecord(paths, record);
    pointLatest(paths.dir);
  }
  return finalizeRun(paths.dir, { color: ctx.color });
}

async function runOneVariant(
  plan: VariantPlan,
  loaded: LoadedScenario,
  paths: ReturnType<typeof createRunDir>,
  samples: SamplesWriter,
  python: Awaited<ReturnType<typeof ensureVenv>>,
  ctx: RunScenarioContext,
): Promise<VariantRecord> {
  const base = {
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
  try {
    const collected = await collectVariant(plan, {
      appDir: loaded.appDir,
      wsgi: loaded.scenario.app.wsgi,
      readyPath: loaded.scenario.app.readyPath,
      python,
      baseEnv: ctx.env,
      logsDir: paths.logsDir,
      stateRoot: paths.dir,
      samples,
      signal: ctx.signal,
      onEmergencyKill: ctx.onEmergencyKill,
      onProgress: ctx.ui.progress,
    });
    appendEvents(paths.eventsJsonl, collected.events);
    for (const w of collected.warnings) ctx.ui.info(`    warning: ${w}`);
    const problem = collected.interrupted
      ? 'interrupted'
      : loadProblem(collected.load)?.concat(` (see logs/${plan.name}-gunicorn.log)`);
    return {
      ...base,
      status: problem ? 'failed' : 'complete',
      ...(problem ? { error: problem } : {}),
      ...(collected.warnings.length ? { warnings: collected.warnings } : {}),
      requests: collected.load.requests,
      requestsPerSecond: collected.load.requestsPerSecond,
      errors: collected.load.errors,
      load: collected.load,
    };
  } catch (err) {
    // An app that does not start fails this variant; the others still run and are reported.
    if (!(err instanceof LeaklabError)) throw err;
    const details = err.details.length ? `\n${err.details.join('\n')}` : '';
    return { ...base, status: 'failed', error: `${err.message}${err.hint ? ` (${err.hint})` : ''}${details}` };
  }
}
