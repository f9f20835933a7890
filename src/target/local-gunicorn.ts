// The embedded default target: Gunicorn from the project-managed venv on 127.0.0.1 and a free
// port, in its own process group so that Ctrl-C in the terminal reaches only the harness, which
// then stops Gunicorn in order (master first, so workers exit through their hooks).
// node:child_process rather than execa here: execa pipes a `{file}` output through Node
// streams, and Gunicorn's log must go to its file without costing the harness a cycle.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { request } from 'undici';
import { EnvironmentError } from '../core/errors.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { gunicornArgs } from './gunicorn-args.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

const HOOKS_FILE = fileURLToPath(new URL('./leaklab_gunicorn_hooks.py', import.meta.url));
const HOST = '127.0.0.1';
const GRACE_MS = 5000;

export interface LocalGunicornDeps {
  python: PythonEnv;
  /** Environment the child inherits (PATH, HOME, ...), handed in so this module never reads process.env. */
  baseEnv: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Registers a last-resort synchronous kill, run if the harness exits without stopping the target. */
  onEmergencyKill?: (kill: () => void) => () => void;
}

export async function startLocalGunicorn(spec: TargetSpec, deps: LocalGunicornDeps): Promise<RunningTarget> {
  mkdirSync(join(spec.stateDir, 'workers'), { recursive: true });
  const port = await freePort();
  const args = [
    '-m', 'gunicorn', '-c', HOOKS_FILE, ...gunicornArgs(spec.gunicorn, `${HOST}:${port}`),
    // Also in the environment below (the hooks read it at import); here it makes every process
    // of this run findable with `pgrep -f <run dir>`, which is how the tests prove none is left.
    '--env', `LEAKLAB_STATE_DIR=${spec.stateDir}`,
    spec.wsgi,
  ];
  const logFd = openSync(spec.logFile, 'a');
  const child = spawn(deps.python.python, args, {
    cwd: spec.appDir,
    env: {
      ...deps.baseEnv,
      ...spec.env,
      PATH: `${deps.python.bin}:${deps.baseEnv.PATH ?? ''}`,
      VIRTUAL_ENV: deps.python.venvDir,
      PYTHONUNBUFFERED: '1',
      LEAKLAB_STATE_DIR: spec.stateDir,
      LEAKLAB_MAX_WORKER_RSS: String(Math.round(spec.gunicorn.maxWorkerRssMiB * 1024 * 1024)),
      LEAKLAB_GUNICORN_CONFIG: spec.gunicorn.configFile ?? '',
    },
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('error', () => {
      exitCode = null;
      resolve();
    });
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new EnvironmentError(`could not start ${deps.python.python}`, { hint: 'delete the .venv folder to rebuild it' });
  }
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  const unregister = deps.onEmergencyKill?.(() => killGroup('SIGKILL'));

  let stopRequestedAt: number | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopRequestedAt = Date.now();
      if (exitCode === undefined) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already exited.
        }
        const timer = setTimeout(() => killGroup('SIGKILL'), GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // Workers orphaned by a crashed master would survive it: sweep the group too.
      killGroup('SIGKILL');
      unregister?.();
    })());

  const target: RunningTarget = { host: HOST, port, masterPid: pid, stopRequestedAt: () => stopRequestedAt, stop };
  try {
    await waitReady(spec, target, () => exitCode, deps.signal);
  } catch (err) {
    await stop();
    throw err;
  }
  return target;
}

async function waitReady(
  spec: TargetSpec,
  target: RunningTarget,
  exitCode: () => number | null | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + spec.readyTimeoutMs;
  const url = `http://${target.host}:${target.port}${spec.readyPath}`;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (signal?.aborted) return;
    if (exitCode() !== undefined) {
      throw new EnvironmentError(`Gunicorn exited (code ${exitCode()}) before the app was ready`, {
        details: logTail(spec.logFile),
        hint: `the full log is ${spec.logFile}`,
      });
    }
    if (readyWorkers(spec.stateDir) >= spec.gunicorn.workers) {
      try {
        const res = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
        await res.body.dump();
        if (res.statusCode === 200) return;
        lastProblem = `${spec.readyPath} answered ${res.statusCode}`;
      } catch (err) {
        lastProblem = (err as Error).message;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EnvironmentError(`the app was not ready within ${spec.readyTimeoutMs / 1000}s (${lastProblem})`, {
    details: logTail(spec.logFile),
    hint: `check ${spec.readyPath} answers 200; the full log is ${spec.logFile}`,
  });
}

function readyWorkers(stateDir: string): number {
  const file = join(stateDir, 'events.jsonl');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"kind": "ready"')).length;
}

function logTail(file: string, lines = 15): string[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines);
  } catch {
    return [];
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Workers that have registered a request counter (used by tests and diagnostics). */
export function registeredWorkerPids(stateDir: string): number[] {
  return readdirSync(join(stateDir, 'workers')).map(Number).filter(Number.isInteger);
}
