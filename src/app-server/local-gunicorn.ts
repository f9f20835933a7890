// The embedded default target: Gunicorn from the project-managed venv on 127.0.0.1 and a free
// port, in its own process group so that Ctrl-C in the terminal reaches only the harness, which
// then stops Gunicorn in order (master first, so workers exit through their hooks).
// node:child_process rather than execa here: execa pipes a `{file}` output through Node
// streams, and Gunicorn's log must go to its file without costing the harness a cycle.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../core/errors.ts';
import { freePort, LOOPBACK } from '../core/loopback.ts';
import { spawnGroup } from '../core/process-group.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { waitReady } from './app-ready.ts';
import { gunicornArgs, hookEnv } from './gunicorn-args.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

const HOOKS_FILE = fileURLToPath(new URL('./leaklab_gunicorn_hooks.py', import.meta.url));
const HOST = LOOPBACK;
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
    '-m',
    'gunicorn',
    '-c',
    HOOKS_FILE,
    ...gunicornArgs(spec.gunicorn, `${HOST}:${port}`),
    // Also in the environment below (the hooks read it at import); here it makes every process
    // of this run findable with `pgrep -f <run dir>`, which is how the tests prove none is left.
    '--env',
    `LEAKLAB_STATE_DIR=${spec.stateDir}`,
    spec.wsgi,
  ];
  const group = spawnGroup(
    deps.python.python,
    args,
    {
      cwd: spec.appDir,
      env: {
        ...deps.baseEnv,
        ...spec.env,
        PATH: `${deps.python.bin}:${deps.baseEnv.PATH ?? ''}`,
        VIRTUAL_ENV: deps.python.venvDir,
        ...hookEnv(spec.stateDir, spec.gunicorn),
      },
      logFile: spec.logFile,
    },
    // SIGTERM to the master alone, so workers exit through their hooks; no watchdog: the hooks
    // watch their parent, so a SIGKILLed harness takes Gunicorn with it.
    { graceMs: GRACE_MS, terminate: 'SIGTERM', onEmergencyKill: deps.onEmergencyKill },
  );
  const pid = group.pid;
  if (pid === undefined) {
    await group.stop(); // settles once the spawn error is in, and unregisters the emergency kill
    throw new EnvironmentError(`could not start ${deps.python.python}`, { hint: 'delete the .venv folder to rebuild it' });
  }

  const target: RunningTarget = { host: HOST, port, masterPid: pid, stopRequestedAt: group.stopRequestedAt, stop: group.stop };
  try {
    await waitReady({
      spec,
      target,
      exitCode: group.exitCode,
      exitedText: (code) => `Gunicorn exited (code ${code})`,
      appText: 'the app',
      signal: deps.signal,
    });
  } catch (err) {
    await group.stop();
    throw err;
  }
  return target;
}

/** Workers that have registered a request counter (used by tests and diagnostics). */
export function registeredWorkerPids(stateDir: string): number[] {
  return readdirSync(join(stateDir, 'workers')).map(Number).filter(Number.isInteger);
}
