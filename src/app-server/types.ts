// One interface for every place an app can run (local Gunicorn, or Gunicorn in a container):
// the pipeline starts, samples and stops a target without knowing which one it has.

import type { ContainerFacts } from '../run-data/run-record.ts';
import type { GunicornSettings } from '../scenario/schema.ts';

export interface TargetSpec {
  appDir: string;
  /** module:callable of the WSGI app. */
  wsgi: string;
  readyPath: string;
  env: Record<string, string>;
  gunicorn: GunicornSettings;
  /** Directory the Gunicorn hooks write worker counters and events into (must exist, empty). */
  stateDir: string;
  /** Gunicorn's stdout and stderr go here, straight from the child (no copy through Node). */
  logFile: string;
  readyTimeoutMs: number;
}

export interface RunningTarget {
  host: string;
  port: number;
  masterPid: number;
  /** Milliseconds since the epoch when stop() was first called; exits after it are shutdowns. */
  stopRequestedAt(): number | null;
  /** Asks Gunicorn to stop, then SIGKILLs what is left after a grace period. Idempotent. */
  stop(): Promise<void>;
  /** Settles with how the master ended ("SIGKILL", "exit code 1") once it has exited; a target that cannot tell leaves it out. */
  masterEnded?: Promise<string>;
}

/** What a variant's record says about where it ran, known once the target has stopped. */
export interface TargetReport {
  /** For the reader of the run: a setting this target ignored, the OOM killer at work. */
  warnings: string[];
  /** --target docker: the container, its memory limit and its OOM kills (run.json `container`). */
  container?: ContainerFacts;
}

export interface StartedTarget extends RunningTarget {
  /** Call after stop(): the facts it gathers (OOM kills, SIGKILLed workers) are read then. */
  report(): TargetReport;
}
