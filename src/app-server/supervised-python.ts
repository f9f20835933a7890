// A long-running Python process of the app's venv (Gunicorn's master, a Celery worker),
// supervised one way: its own process group, the kernel's parent-death guard and the group
// watchdog against a SIGKILLed harness, SIGTERM then SIGKILL to the group after a grace period,
// and its log capped by truncation so a long storm of a chatty app cannot fill the disk.
import { watchLogSize } from '../core/log-cap.ts';
import { watchProcessGroup } from '../core/orphan-watchdog.ts';
import { PDEATHSIG_WRAPPER } from '../core/parent-death.ts';
import { type ProcessGroup, spawnGroup } from '../core/process-group.ts';
import type { PythonEnv } from '../setup/python-env.ts';

const GRACE_MS = 5000;

export interface SupervisedPythonDeps {
  python: PythonEnv;
  /** Environment the child inherits (PATH, HOME, ...), handed in so this module never reads process.env. */
  baseEnv: Record<string, string | undefined>;
  /** Registers a last-resort synchronous kill, run if the harness exits without stopping the process. */
  onEmergencyKill?: (kill: () => void) => () => void;
  /** The pid the parent-death guard checks against; default this process (tests spawn from a helper). */
  harnessPid?: number;
}

export interface SupervisedPythonSpec {
  /** Arguments after `python -c <parent-death wrapper>`: a module or script and its own arguments. */
  args: string[];
  cwd: string;
  /** The app's environment (scenario and variant env), under the venv's PATH. */
  appEnv: Record<string, string>;
  /** leaklab's own variables for the process, set last. */
  harnessEnv: Record<string, string>;
  logFile: string;
}

/**
 * Starts the process. SIGTERM goes to the leader alone, so Gunicorn's workers exit through their
 * hooks and Celery does its warm shutdown; the wrapper arms the parent-death signal before the
 * app runs a line, and the watchdog SIGKILLs the whole group within a second of a SIGKILLed
 * harness, which also takes a worker stuck in a request or a master still importing.
 */
export function spawnSupervisedPython(spec: SupervisedPythonSpec, deps: SupervisedPythonDeps): ProcessGroup {
  const group = spawnGroup(
    deps.python.python,
    ['-c', PDEATHSIG_WRAPPER, ...spec.args],
    {
      cwd: spec.cwd,
      env: {
        ...deps.baseEnv,
        ...spec.appEnv,
        PATH: `${deps.python.bin}:${deps.baseEnv.PATH ?? ''}`,
        VIRTUAL_ENV: deps.python.venvDir,
        ...spec.harnessEnv,
        LEAKLAB_HARNESS_PID: String(deps.harnessPid ?? process.pid),
      },
      logFile: spec.logFile,
    },
    {
      graceMs: GRACE_MS,
      terminate: 'SIGTERM',
      onEmergencyKill: deps.onEmergencyKill,
      watchdog: (pgid) => watchProcessGroup(pgid, deps.baseEnv),
    },
  );
  const logCap = watchLogSize(spec.logFile);
  void group.exited.then(() => logCap.stop());
  return group;
}
