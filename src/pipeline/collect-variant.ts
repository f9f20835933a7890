// Collect one variant: start the app, storm it while sampling every worker, stop the app, and
// leave the raw data on disk. No analysis here: that reads the files afterwards.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningCeleryWorker } from '../app-server/celery-worker.ts';
import { type AppRuntime, celerySkipReason, type StartedTarget, type TargetReport } from '../app-server/start-target.ts';
import { EnvironmentError } from '../core/errors.ts';
import { makeOwnedScratchDir } from '../core/scratch-owner.ts';
import { logIn, withSession } from '../load/login.ts';
import { runStorm } from '../load/storm.ts';
import type { StormProgress } from '../load/types.ts';
import type { ProbeRecord } from '../run-data/probe-record.ts';
import type { UntilOutcome } from '../run-data/run-record.ts';
import type { SamplesWriter } from '../run-data/samples-csv.ts';
import { isWebSample, type LoadStats, type Sample, type WorkerEvent } from '../run-data/types.ts';
import { configWarnings, normalizeEvents, parseRawEvents } from '../run-data/worker-events.ts';
import { startSampler } from '../sample/sampler.ts';
import type { VariantPlan } from '../scenario/plan.ts';
import { type LiveStatus, startUntilVerdict, untilOutcome } from './live-verdict.ts';
import { watchMasterDeath } from './master-death.ts';
import { runProbes } from './probes.ts';

export interface CollectContext {
  appDir: string;
  wsgi: string;
  readyPath: string;
  /** Where the app runs (--target): it knows the settings that only its kind of target reads. */
  runtime: AppRuntime;
  baseEnv: Record<string, string | undefined>;
  logsDir: string;
  /** Where the hooks' scratch folder goes (removed after the variant): the run directory. */
  stateRoot: string;
  /** Where samples go (a traced pass keeps them in memory: they must not feed the verdict). */
  samples: Pick<SamplesWriter, 'write'>;
  signal: AbortSignal;
  onEmergencyKill: (kill: () => void) => () => void;
  onProgress: (p: VariantProgress) => void;
  /** The running verdict for a watcher (--live): the live judge then runs even without load.until. */
  onLiveStatus?: (s: LiveStatus) => void;
}

export interface VariantProgress extends StormProgress {
  variant: string;
  plannedMs?: number;
  plannedRequests?: number;
  /** Latest RSS per worker slot, bytes. */
  rssBySlot: Map<number, number>;
  /** load.until: verdict: the live verdict so far (absent before its first evaluation). */
  live?: LiveStatus;
}

export interface CollectedVariant {
  load: LoadStats;
  events: WorkerEvent[];
  /** Set when the run was interrupted during this variant. */
  interrupted: boolean;
  warnings: string[];
  /** Probes sent before and after the storm, answers saved under <run>/probes/. */
  probes: ProbeRecord[];
  /** Where it ran, when the target says more than its kind (a container's image, limit, OOM kills). */
  container?: TargetReport['container'];
  /** load.until: verdict: how the storm ended. */
  until?: UntilOutcome;
}

export async function collectVariant(plan: VariantPlan, ctx: CollectContext): Promise<CollectedVariant> {
  const stateDir = makeOwnedScratchDir(ctx.stateRoot, '.state-');
  let target: StartedTarget | null = null;
  let celery: RunningCeleryWorker | null = null;
  const slotOf = new Map<number, number>();
  // With a Celery worker, the app and the worker share a scratch folder for what the tasks
  // write (thumbnails), removed with the state folder after the variant.
  const env = plan.celery ? { ...plan.env, LEAKLAB_SCRATCH_DIR: join(stateDir, 'scratch') } : plan.env;
  if (plan.celery) mkdirSync(env.LEAKLAB_SCRATCH_DIR!, { recursive: true });
  try {
    target = await ctx.runtime.start(
      {
        appDir: ctx.appDir,
        wsgi: ctx.wsgi,
        readyPath: ctx.readyPath,
        env,
        gunicorn: plan.gunicorn,
        stateDir,
        logFile: join(ctx.logsDir, `${plan.name}-gunicorn.log`),
        readyTimeoutMs: 60_000,
      },
      { variant: plan.name, baseEnv: ctx.baseEnv, signal: ctx.signal, onEmergencyKill: ctx.onEmergencyKill },
    );
    if (plan.celery) {
      if (!ctx.runtime.startCelery) throw new EnvironmentError(`${plan.name}: ${celerySkipReason(ctx.runtime)}`);
      celery = await ctx.runtime.startCelery(
        { appDir: ctx.appDir, settings: plan.celery, env, stateDir, logFile: join(ctx.logsDir, `${plan.name}-celery.log`) },
        { variant: plan.name, baseEnv: ctx.baseEnv, signal: ctx.signal, onEmergencyKill: ctx.onEmergencyKill },
      );
    }
    // Two clocks: samples use the monotonic one; the Gunicorn hooks stamp events in epoch time.
    const originEpochMs = Date.now();
    const originMs = performance.now();
    // --- until verdict (load.until: verdict): judge while the storm runs; stop it once decided ---
    const eventsFile = join(stateDir, 'events.jsonl');
    const untilStop = new AbortController();
    const until =
      plan.untilVerdict || ctx.onLiveStatus
        ? startUntilVerdict({
            variant: plan.name,
            settings: { thresholds: plan.thresholds, ...(plan.warmupMs === undefined ? {} : { warmupMs: plan.warmupMs }) },
            ...(plan.thresholds.confidence === undefined ? {} : { confidence: plan.thresholds.confidence }),
            readEvents: () =>
              existsSync(eventsFile)
                ? normalizeEvents(parseRawEvents(readFileSync(eventsFile, 'utf8')), {
                    variant: plan.name,
                    originEpochMs,
                    stopEpochMs: null,
                    slotOf,
                  })
                : [],
            onDecided: () => {
              if (plan.untilVerdict) untilStop.abort();
            },
            ...(ctx.onLiveStatus ? { onStatus: ctx.onLiveStatus } : {}),
          })
        : null;
    let stormStartMs: number | undefined;
    // --- end until verdict ---
    const sampler = startSampler({
      stateDir,
      variant: plan.name,
      intervalMs: plan.samplingIntervalMs,
      entries: plan.mix.length,
      celery: Boolean(plan.celery),
      smapsIntervalMs: plan.smapsIntervalMs,
      originMs,
      onSample: (s: Sample) => {
        ctx.samples.write(s);
        // The Celery worker's processes are on the chart, never in the web verdict.
        if (!isWebSample(s)) return;
        slotOf.set(s.pid, s.slot);
        until?.addSample(s);
      },
    });
    // Master death: the storm stops within a tick of the master's exit, and the variant fails with the cause.
    const death = watchMasterDeath(target, originMs);
    const signal = AbortSignal.any([ctx.signal, death.signal]);
    const probeCtx = { host: target.host, port: target.port, variant: plan.name, runDir: ctx.stateRoot, signal };
    const probes = await runProbes(plan.probes, 'before', probeCtx);
    let load: LoadStats;
    try {
      // Before the storm and while sampling (its allocations land in warm-up); inside this try,
      // so a failed login still stops the sampler and the live judge's thread.
      const mix = plan.login
        ? withSession(plan.mix, await logIn(plan.login, { host: target.host, port: target.port, signal }))
        : plan.mix;
      load = await runStorm({
        host: target.host,
        port: target.port,
        requests: mix,
        connections: plan.connections,
        durationMs: plan.durationMs,
        amount: plan.amount,
        keepAlive: plan.gunicorn.workerClass !== 'sync',
        ...(plan.entryCycle ? { entryCycle: plan.entryCycle } : {}),
        signal: plan.untilVerdict ? AbortSignal.any([signal, untilStop.signal]) : signal,
        onProgress: (p) => {
          const rssBySlot = new Map<number, number>();
          for (const s of sampler.latest().values()) if (isWebSample(s)) rssBySlot.set(s.slot, s.rss);
          stormStartMs ??= performance.now() - originMs - p.elapsedMs;
          const live = plan.untilVerdict ? until?.feed.status() : undefined;
          ctx.onProgress({
            ...p,
            variant: plan.name,
            plannedMs: plan.durationMs,
            plannedRequests: plan.amount,
            rssBySlot,
            ...(live ? { live } : {}),
          });
        },
      });
    } finally {
      sampler.stop();
      until?.stop();
    }
    death.throwIfDied();
    // After the sampler: a snapshot allocates tens of MB that are not the app's.
    probes.push(...(await runProbes(plan.probes, 'after', probeCtx)));
    death.throwIfDied();
    death.stop();
    await celery?.stop();
    await target.stop();
    const raw = existsSync(eventsFile) ? parseRawEvents(readFileSync(eventsFile, 'utf8')) : [];
    const events = normalizeEvents(raw, {
      variant: plan.name,
      originEpochMs,
      stopEpochMs: target.stopRequestedAt(),
      slotOf,
    });
    const report = target.report();
    const warnings = [...configWarnings(raw), ...report.warnings];
    return {
      load,
      events,
      interrupted: ctx.signal.aborted,
      warnings,
      probes,
      ...(report.container ? { container: report.container } : {}),
      ...(until && plan.untilVerdict ? { until: untilOutcome(until.feed, ctx.signal.aborted, plan, stormStartMs) } : {}),
    };
  } finally {
    await celery?.stop();
    await target?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
