// The embedded default target: Gunicorn from the project-managed venv on 127.0.0.1 and a free
// port, in its own process group so that Ctrl-C in the terminal reaches only the harness, which
// then stops Gunicorn in order (master first, so workers exit through their hooks).
// node:child_process rather than execa here: execa pipes a `{file}` output through Node
// streams, and Gunicorn's log must go to its file without costing the harness a cycle.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../core/errors.ts';
import { freePort, LOOPBACK } from '../core/loopback.ts';
import { PDEATHSIG_WRAPPER } from '../core/parent-death.ts';
import { waitReady } from './app-ready.ts';
import { gunicornModuleArgs, HOOKS_FILE, hookEnv } from './gunicorn-args.ts';
import { type SupervisedPythonDeps, spawnSupervisedPython } from './supervised-python.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

const HOST = LOOPBACK;

/** Runs before Gunicorn: the kernel's parent-death guard (see core/parent-death.ts). */
export { PDEATHSIG_WRAPPER };

export interface LocalGunicornDeps extends SupervisedPythonDeps {
  signal?: AbortSignal;
}

export async function startLocalGunicorn(spec: TargetSpec, deps: LocalGunicornDeps): Promise<RunningTarget> {
  mkdirSync(join(spec.stateDir, 'workers'), { recursive: true });
  const port = await freePort();
  const group = spawnSupervisedPython(
    {
      args: gunicornModuleArgs(HOOKS_FILE, spec.gunicorn, `${HOST}:${port}`, spec.stateDir, spec.wsgi),
      cwd: spec.appDir,
      appEnv: spec.env,
      harnessEnv: hookEnv(spec.stateDir, spec.gunicorn),
      logFile: spec.logFile,
    },
    deps,
  );
  const pid = group.pid;
  if (pid === undefined) {
    await group.stop(); // settles once the spawn error is in, and unregisters the emergency kill
    throw new EnvironmentError(`could not start ${deps.python.python}`, { hint: 'delete the .venv folder to rebuild it' });
  }

  const target: RunningTarget = {
    host: HOST,
    port,
    masterPid: pid,
    stopRequestedAt: group.stopRequestedAt,
    stop: group.stop,
    masterEnded: group.exited.then(() => group.howEnded() ?? 'exited'),
  };
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
