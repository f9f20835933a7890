// A real Celery worker beside Gunicorn (a variant's `celery:`), from the same venv and app folder
// with the same environment, supervised as Gunicorn is: its own process group (Ctrl-C reaches
// only the harness, which stops it in order), the kernel's parent-death guard and the group
// watchdog against a SIGKILLed harness, SIGTERM (Celery's warm shutdown) then SIGKILL to the
// group after a grace period, on success, failure and Ctrl-C alike. leaklab_celery_worker.py
// wraps Celery's own command line with the counters the sampler follows (<stateDir>/celery/).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../core/errors.ts';
import { logTail } from '../core/log-file.ts';
import { pollUntil } from '../core/poll-until.ts';
import type { CelerySettings } from '../scenario/schema.ts';
import { type SupervisedPythonDeps, spawnSupervisedPython } from './supervised-python.ts';

/** Copied to dist/app-server/ by the build, like the Gunicorn hooks (the path goes up a folder for the bundle). */
export const CELERY_LAUNCHER = fileURLToPath(new URL('../app-server/leaklab_celery_worker.py', import.meta.url));

const READY_TIMEOUT_MS = 60_000;

export interface CeleryWorkerSpec {
  appDir: string;
  settings: CelerySettings;
  /** The variant's environment (broker URL, scratch folder): the same the app gets under Gunicorn. */
  env: Record<string, string>;
  /** The variant's scratch folder: counters go to <stateDir>/celery. */
  stateDir: string;
  logFile: string;
}

export interface CeleryWorkerDeps extends SupervisedPythonDeps {
  signal?: AbortSignal;
}

export interface RunningCeleryWorker {
  pid: number;
  /** Warm shutdown, then SIGKILL to the group after the grace period. Idempotent. */
  stop(): Promise<void>;
}

/** Celery's command line after `celery`: a prefork worker without the cluster chatter one worker does not need. */
export function celeryWorkerArgs(s: CelerySettings): string[] {
  return [
    '-A',
    s.app,
    'worker',
    '--pool',
    'prefork',
    '--concurrency',
    String(s.concurrency),
    // Gossip, mingle and heartbeats talk to other workers; there are none, and their timers
    // would be memory and CPU on the chart that no task caused.
    '--without-gossip',
    '--without-mingle',
    '--without-heartbeat',
    // A line per task at INFO would cost the machine the storm runs on; failures still show.
    '--loglevel',
    'WARNING',
    '--hostname',
    'leaklab@%h',
  ];
}

export async function startCeleryWorker(spec: CeleryWorkerSpec, deps: CeleryWorkerDeps): Promise<RunningCeleryWorker> {
  const dir = join(spec.stateDir, 'celery');
  mkdirSync(dir, { recursive: true });
  const group = spawnSupervisedPython(
    {
      args: [CELERY_LAUNCHER, ...celeryWorkerArgs(spec.settings)],
      cwd: spec.appDir,
      appEnv: spec.env,
      harnessEnv: { PYTHONUNBUFFERED: '1', LEAKLAB_CELERY_STATE_DIR: dir },
      logFile: spec.logFile,
    },
    deps,
  );
  if (group.pid === undefined) {
    await group.stop();
    throw new EnvironmentError(`could not start ${deps.python.python} for the Celery worker`);
  }
  // Ready: the worker consumes (worker_ready) and every pool process has its counter.
  const ready = (): boolean => {
    const code = group.exitCode();
    if (code !== undefined) {
      throw new EnvironmentError(`the Celery worker exited (code ${code}) before it was ready`, {
        details: logTail(spec.logFile),
        hint: `the full log is ${spec.logFile}; the app is -A ${spec.settings.app}`,
      });
    }
    return existsSync(join(dir, 'ready')) && counterFiles(dir) >= spec.settings.concurrency + 1;
  };
  try {
    const outcome = await pollUntil(ready, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, signal: deps.signal });
    if (outcome === 'timeout') {
      throw new EnvironmentError(`the Celery worker was not ready within ${READY_TIMEOUT_MS / 1000}s`, {
        details: logTail(spec.logFile),
        hint: `is its broker reachable? The full log is ${spec.logFile}`,
      });
    }
  } catch (err) {
    await group.stop();
    throw err;
  }
  return { pid: group.pid, stop: group.stop };
}

/** Counter files (named by pid) in the folder. */
function counterFiles(dir: string): number {
  return readdirSync(dir).filter((n) => /^\d+$/.test(n)).length;
}
