// One interface for every place an app can run (local Gunicorn now, Docker later).
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
  /** SIGTERM, then SIGKILL to the whole process group after a grace period. Idempotent. */
  stop(): Promise<void>;
}
