// When is a started Gunicorn ready, wherever it runs (local venv or container): every worker
// has reported "ready" through the hooks, and the ready path answers 200. Shared by the targets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { EnvironmentError } from '../core/errors.ts';
import { logTail } from '../core/log-file.ts';
import { pollUntil } from '../core/poll-until.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

export interface ReadyWait {
  spec: TargetSpec;
  target: RunningTarget;
  /** undefined while the process runs; its exit code (or null) once it has ended. */
  exitCode: () => number | null | undefined;
  /** What ended early, for the message: "Gunicorn exited (code 1)". */
  exitedText: (code: number | null) => string;
  /** Where the app runs, for the timeout message: "the app", "the app in the container". */
  appText: string;
  signal?: AbortSignal;
}

export async function waitReady(w: ReadyWait): Promise<void> {
  const { spec, target } = w;
  const url = `http://${target.host}:${target.port}${spec.readyPath}`;
  let lastProblem = 'no answer yet';
  const ready = async (): Promise<boolean> => {
    const code = w.exitCode();
    if (code !== undefined) {
      throw new EnvironmentError(`${w.exitedText(code)} before the app was ready`, {
        details: logTail(spec.logFile),
        hint: `the full log is ${spec.logFile}`,
      });
    }
    if (readyWorkers(spec.stateDir) < spec.gunicorn.workers) return false;
    try {
      const res = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode === 200) return true;
      lastProblem = `${spec.readyPath} answered ${res.statusCode}`;
    } catch (err) {
      lastProblem = (err as Error).message;
    }
    return false;
  };
  const outcome = await pollUntil(ready, { timeoutMs: spec.readyTimeoutMs, intervalMs: 100, signal: w.signal });
  if (outcome !== 'timeout') return;
  throw new EnvironmentError(`${w.appText} was not ready within ${spec.readyTimeoutMs / 1000}s (${lastProblem})`, {
    details: logTail(spec.logFile),
    hint: `check ${spec.readyPath} answers 200; the full log is ${spec.logFile}`,
  });
}

function readyWorkers(stateDir: string): number {
  const file = join(stateDir, 'events.jsonl');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"kind": "ready"')).length;
}
