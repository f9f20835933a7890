// The pipeline: target -> storm + sampler -> files -> analysis -> report. Everything it needs
// from the outside world (environment, clock origin, signal, output) is handed in, so the
// command line and the tests drive the same function.
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type AppRuntime, celerySkipReason, prepareAppRuntime, type TargetKind } from '../app-server/start-target.ts';
import { LeaklabError } from '../core/errors.ts';
import { asWriteFailure, WriteFailedError } from '../core/write-error.ts';
import { EntryCountsWriter } from '../run-data/entry-counts-csv.ts';
import { appendEvents } from '../run-data/events-jsonl.ts';
import { createRunDir, makeRunId, pointLatest, writeRunRecord } from '../run-data/run-dir.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import { SamplesWriter } from '../run-data/samples-csv.ts';
import { isWebSample, type Sample } from '../run-data/types.ts';
import { variantBase } from '../run-data/variant-base.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { type PlanOverrides, planVariants, type VariantPlan } from '../scenario/plan.ts';
import { RunServices } from '../services/run-services.ts';
import { withoutServiceVariables } from '../services/service-urls.ts';
import { notRunRecord, type PreparedVariant, prepareVariants } from '../services/variant-services.ts';
import { collectVariant, type VariantProgress } from './collect-variant.ts';
import { diagnoseVariant } from './diagnose-variant.ts';
import { type FinalizedRun, finalizeRun } from './finalize-run.ts';
import type { LiveStatus } from './live-verdict.ts';
import { allowedFailuresNote, failedRequests, loadProblem } from './load-health.ts';
import { guardedObserver, type RunObserver } from './run-observer.ts';
import { runSetupPerDatabase } from './setup-per-database.ts';
import { sweepScratch, sweepSummary } from './sweep-scratch.ts';
import { recordingSamples, runTracedPass } from './traced-pass.ts';

export interface RunUi {
  info(line: string): void;
  variantStart(plan: VariantPlan, index: number, total: number): void;
  progress(p: VariantProgress): void;
  variantEnd(name: string, outcome: string): void;
}

export interface RunScenarioContext {
  env: Record<string, string | undefined>;
  resultsRoot: string;
  target: TargetKind;
  signal: AbortSignal;
  ui: RunUi;
  color: boolean;
  /** The terminal's columns, for the result table (default 100). */
  columns?: number;
  onEmergencyKill: (kill: () => void) => () => void;
  /** Watches the run as it happens (the live view); the run never waits on it. */
  observer?: RunObserver;
}

export async function runScenario(
  loaded: LoadedScenario,
  overrides: PlanOverrides,
  ctx: RunScenarioContext,
): Promise<FinalizedRun> {
  const { scenario } = loaded;
  const plans = planVariants(scenario, overrides);
  // Where the app runs (--target): the project venv, or an app image built if missing.
  const runtime = await prepareAppRuntime(ctx.target, {
    scenario,
    appDir: loaded.appDir,
    requirements: scenario.app.requirements,
    python: scenario.app.python === undefined ? undefined : resolve(dirname(loaded.file), scenario.app.python),
    env: ctx.env,
    log: ctx.ui.info,
    signal: ctx.signal,
  });

  // What earlier killed runs left here (scratch folders, a dead PostgreSQL's shared memory) goes first.
  const swept = sweepSummary(sweepScratch(ctx.resultsRoot, { tmpDir: ctx.env.TMPDIR || '/tmp' }));
  if (swept) ctx.ui.info(swept);
  const startedAt = new Date();
  const paths = createRunDir(ctx.resultsRoot, makeRunId(scenario.name, startedAt));
  copyFileSync(loaded.file, paths.scenarioYaml);
  // A results file that cannot be written stops the run: the storm ends now, finished variants stay.
  const base = dirname(ctx.resultsRoot);
  let writeFailure: WriteFailedError | null = null;
  const writeStop = new AbortController();
  const failWrite = (err: unknown, file?: string) => {
    const failure = asWriteFailure(err, base, file);
    if (!failure) return false;
    writeFailure ??= failure;
    writeStop.abort(failure);
    return true;
  };
  const signal = AbortSignal.any([ctx.signal, writeStop.signal]);
  // The role column only when a Celery worker runs: every other samples.csv keeps its eight columns.
  const samplesCsv = new SamplesWriter(
    paths.samplesCsv,
    (err) => failWrite(err, paths.samplesCsv),
    plans.some((p) => p.celery),
  );
  const entryCounts = new EntryCountsWriter(paths.entryCountsCsv, (err) => failWrite(err, paths.entryCountsCsv));
  const observer = ctx.observer && guardedObserver(ctx.observer);
  // The observer sees exactly what samples.csv gets (a traced pass writes elsewhere, so never to it).
  const samples = {
    write(s: Sample) {
      samplesCsv.write(s);
      entryCounts.write(s);
      observer?.sample?.(s);
    },
  };
  const record: RunRecord = {
    scenario: scenario.name,
    title: scenario.title,
    claim: scenario.claim,
    // On disk from the start and rewritten after each variant, so a killed run can still be reported.
    status: 'running',
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    runId: paths.dir.split('/').pop() ?? scenario.name,
    target: ctx.target,
    ...(runtime.image ? { image: runtime.image } : {}),
    quick: Boolean(overrides.quick),
    variants: [],
  };
  // Services (scenario `services:`) start after the run directory exists: private instances keep
  // their data in it. They and app.setup run inside the try, so they are stopped whatever happens.
  const services = new RunServices({
    env: ctx.env,
    runDir: paths.dir,
    logsDir: paths.logsDir,
    signal: ctx.signal,
    onEmergencyKill: ctx.onEmergencyKill,
    log: ctx.ui.info,
  });
  let finished = false;
  const saveProgress = () => {
    record.finishedAt = new Date().toISOString();
    try {
      writeRunRecord(paths, record);
      // `latest` from the start too, so a killed run is the one `report results/latest` recovers.
      pointLatest(paths.dir);
    } catch (err) {
      if (!failWrite(err, paths.runJson)) throw err;
    }
  };
  saveProgress();
  observer?.runStart?.({
    scenario: scenario.name,
    ...(scenario.title ? { title: scenario.title } : {}),
    ...(scenario.claim ? { claim: scenario.claim } : {}),
    runId: record.runId,
    variants: plans.map((p) => ({
      name: p.name,
      ...(p.expect ? { expected: p.expect } : {}),
      ...(p.warmupMs === undefined ? {} : { warmupMs: p.warmupMs }),
      ...(p.celery ? { celery: true } : {}),
    })),
  });

  try {
    const prepared = await prepareVariants(plans, services, record.runId);
    await runSetupPerDatabase(prepared, {
      appDir: loaded.appDir,
      commands: scenario.app.setup,
      python: runtime.python,
      runSetup: runtime.runSetup,
      env: ctx.env,
      appEnv: scenario.app.env,
      log: ctx.ui.info,
      signal: ctx.signal,
      logFile: join(paths.logsDir, 'setup.log'),
      timeoutMs: scenario.app.setupTimeout,
      onEmergencyKill: ctx.onEmergencyKill,
    });
    for (const [i, p] of prepared.entries()) {
      const { plan } = p;
      if (signal.aborted) break;
      if (p.state !== 'ready') {
        const variant = notRunRecord(p);
        record.variants.push(variant);
        ctx.ui.info(`[${i + 1}/${prepared.length}] ${plan.name}: ${variant.status}: ${variant.skipReason ?? variant.error}`);
        saveProgress();
        continue;
      }
      // A variant this target cannot run as meant (a memory limit only a container enforces) is skipped.
      const skipReason = runtime.skipReason(plan.name) ?? (plan.celery ? celerySkipReason(runtime) : undefined);
      if (skipReason) {
        record.variants.push(notRunRecord({ ...p, state: 'skipped', reason: skipReason }));
        ctx.ui.info(`[${i + 1}/${prepared.length}] ${plan.name}: skipped: ${skipReason}`);
        saveProgress();
        continue;
      }
      ctx.ui.variantStart(plan, i, plans.length);
      observer?.variantStart?.(plan.name);
      const variant = await runOneVariant(plan, loaded, paths, samples, runtime, { ...ctx, signal, observer }, p);
      record.variants.push(variant);
      saveProgress();
      ctx.ui.variantEnd(plan.name, variant.status === 'failed' ? `failed: ${variant.error}` : variant.status);
      observer?.variantEnd?.(plan.name, variant.status);
    }
    finished = true;
  } catch (err) {
    if (!failWrite(err)) throw err;
  } finally {
    await services.stopAll();
    await samplesCsv.close().catch((err) => {
      if (!failWrite(err, paths.samplesCsv)) throw err;
    });
    await entryCounts.close().catch((err) => {
      if (!failWrite(err, paths.entryCountsCsv)) throw err;
    });
    record.status =
      ctx.signal.aborted && !writeFailure
        ? 'interrupted'
        : writeFailure || !finished || record.variants.some((v) => v.status === 'failed')
          ? 'failed'
          : 'complete';
    saveProgress();
  }
  if (writeFailure) {
    // The verdicts of the finished variants, if the disk still takes them; `report` can redo it later.
    await finalizeRun(paths.dir, { color: ctx.color, width: ctx.columns }).catch(() => undefined);
    throw writeFailure;
  }
  ctx.ui.info('rendering the chart and the report');
  await renderPauseForTests(ctx.env);
  const finalized = await finalizeRun(paths.dir, { color: ctx.color, width: ctx.columns });
  observer?.runEnd?.(finalized.record, finalized.paths.reportHtml);
  return finalized;
}

/**
 * LEAKLAB_TEST_RENDER_PAUSE_MS holds the render phase open so a test can interrupt inside it
 * for certain (it signals on the line above); the pause ignores the signal, as rendering does.
 */
async function renderPauseForTests(env: Record<string, string | undefined>): Promise<void> {
  const ms = Number(env.LEAKLAB_TEST_RENDER_PAUSE_MS ?? 0);
  if (Number.isFinite(ms) && ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 60_000)));
}

async function runOneVariant(
  plan: VariantPlan,
  loaded: LoadedScenario,
  paths: ReturnType<typeof createRunDir>,
  samples: { write(s: Sample): void },
  runtime: AppRuntime,
  ctx: RunScenarioContext,
  prepared: PreparedVariant,
): Promise<VariantRecord> {
  const base = {
    ...variantBase(plan),
    ...(prepared.uses.length ? { services: prepared.uses } : {}),
  };
  try {
    // The service variables reach only the variants that name the service (see schema `services`).
    const serviceEnv = await prepared.variantEnv();
    const seen = recordingSamples(samples);
    const collectCtx = {
      appDir: loaded.appDir,
      wsgi: loaded.scenario.app.wsgi,
      readyPath: loaded.scenario.app.readyPath,
      runtime,
      baseEnv: withoutServiceVariables(ctx.env),
      logsDir: paths.logsDir,
      stateRoot: paths.dir,
      samples: seen,
      signal: ctx.signal,
      onEmergencyKill: ctx.onEmergencyKill,
      onProgress: ctx.ui.progress,
      ...(ctx.observer?.liveVerdict ? { onLiveStatus: (s: LiveStatus) => ctx.observer?.liveVerdict?.(plan.name, s) } : {}),
    };
    const withServices = { ...plan, env: { ...plan.env, ...serviceEnv } };
    const collected = await collectVariant(withServices, collectCtx);
    try {
      appendEvents(paths.eventsJsonl, collected.events);
    } catch (err) {
      throw asWriteFailure(err, dirname(dirname(paths.dir)), paths.eventsJsonl) ?? err;
    }
    const allowed = allowedFailuresNote(collected.load, plan.maxFailedShare);
    if (allowed) collected.warnings.push(allowed);
    for (const w of collected.warnings) ctx.ui.info(`    warning: ${w}`);
    // An interrupted variant keeps what it gathered: analysis judges it (or says inconclusive).
    const problem = collected.interrupted
      ? undefined
      : loadProblem(collected.load, plan.maxFailedShare)?.concat(` (see logs/${plan.name}-gunicorn.log)`);
    const traced =
      withServices.trace && !problem && !ctx.signal.aborted
        ? await runTracedPass({ ...withServices, trace: withServices.trace }, collectCtx, {
            samples: seen.samples.filter(isWebSample),
            requestsPerSecond: collected.load.requestsPerSecond,
          })
        : undefined;
    const diagnosed =
      (plan.diagnose || plan.isolate) && !problem && !ctx.signal.aborted
        ? await diagnoseVariant(
            withServices,
            collectCtx,
            {
              samples: seen.samples.filter(isWebSample),
              events: collected.events,
              requests: collected.load.requests,
              requestsPerSecond: collected.load.requestsPerSecond,
            },
            ctx.ui.info,
          )
        : {};
    const trace = traced ?? diagnosed.trace;
    return {
      ...base,
      status: problem ? 'failed' : collected.interrupted ? 'interrupted' : 'complete',
      ...(problem ? { error: problem } : {}),
      ...(collected.warnings.length ? { warnings: collected.warnings } : {}),
      requests: collected.load.requests,
      requestsPerSecond: collected.load.requestsPerSecond,
      errors: failedRequests(collected.load),
      load: collected.load,
      ...(collected.probes.length ? { probes: collected.probes } : {}),
      ...(collected.container ? { container: collected.container } : {}),
      ...(collected.until ? { until: collected.until } : {}),
      ...(trace ? { trace } : {}),
      ...(diagnosed.attribution ? { attribution: diagnosed.attribution } : {}),
    };
  } catch (err) {
    // An app that does not start fails this variant; the others still run and are reported.
    // A full disk is not this variant's failure: it stops the run (see runScenario).
    if (!(err instanceof LeaklabError) || err instanceof WriteFailedError) throw err;
    const details = err.details.length ? `\n${err.details.join('\n')}` : '';
    return { ...base, status: 'failed', error: `${err.message}${err.hint ? ` (${err.hint})` : ''}${details}` };
  }
}
