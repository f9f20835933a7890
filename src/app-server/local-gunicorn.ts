// The embedded default target: Gunicorn from the project-managed venv on 127.0.0.1 and a free
// port, in its own process group so that Ctrl-C in the terminal reaches only the harness, which
// then stops Gunicorn in order (master first, so workers exit through their hooks).
// node:child_process rather than execa here: execa pipes a `{file}` output through Node
// streams, and Gunicorn's log must go to its file without costing the harness a cycle.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../core/errors.ts';
import { watchLogSize } from '../core/log-cap.ts';
import { freePort, LOOPBACK } from '../core/loopback.ts';
import { watchProcessGroup } from '../core/orphan-watchdog.ts';
import { PDEATHSIG_WRAPPER } from '../core/parent-death.ts';
import { spawnGroup } from '../core/process-group.ts';
import type { PythonEnv } from '../setup/python-env.ts';
import { waitReady } from './app-ready.ts';
import { gunicornModuleArgs, HOOKS_FILE, hookEnv } from './gunicorn-args.ts';
import type { RunningTarget, TargetSpec } from './types.ts';

const HOST = LOOPBACK;
const GRACE_MS = 5000;

/** Runs before Gunicorn: the kernel's parent-death guard (see core/parent-death.ts). */
export { PDEATHSIG_WRAPPER };

export interface LocalGunicornDeps {
  python: PythonEnv;
  /** Environment the child inherits (PATH, HOME, ...), handed in so this module never reads process.env. */
  baseEnv: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Registers a last-resort synchronous kill, run if the harness exits without stopping the target. */
  onEmergencyKill?: (kill: () => void) => () => void;
  /** The pid Gunicorn's parent-death guard checks against; default this process (tests spawn from a helper). */
  harnessPid?: number;
}

export async function startLocalGunicorn(spec: TargetSpec, deps: LocalGunicornDeps): Promise<RunningTarget> {
  mkdirSync(join(spec.stateDir, 'workers'), { recursive: true });
  const port = await freePort();
  const args = [
    '-c',
    PDEATHSIG_WRAPPER,
    ...gunicornModuleArgs(HOOKS_FILE, spec.gunicorn, `${HOST}:${port}`, spec.stateDir, spec.wsgi),
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
        LEAKLAB_HARNESS_PID: String(deps.harnessPid ?? process.pid),
      },
      logFile: spec.logFile,
    },
    // SIGTERM to the master alone, so workers exit through their hooks. Two guards against a
    // SIGKILLed harness, both armed before Gunicorn runs a line: the kernel's parent-death signal
    // (the wrapper above) stops the master at once, and the watchdog SIGKILLs the whole group
    // within a second, which also takes a worker stuck in a request or a master still importing.
    {
      graceMs: GRACE_MS,
      terminate: 'SIGTERM',
      onEmergencyKill: deps.onEmergencyKill,
      watchdog: (pgid) => watchProcessGroup(pgid, deps.baseEnv),
    },
  );
  // Capped by truncation (see log-cap.ts): a long storm of a chatty app cannot fill the disk.
  const logCap = watchLogSize(spec.logFile);
  void group.exited.then(() => logCap.stop());
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
