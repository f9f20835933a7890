// A scenario's app.setup: commands run once before the variants (migrations, seed data). One
// loop for wherever the app runs: locally with the project-managed venv first on PATH (so
// `python` is the venv's), or in a container of the app image (src/app-server/docker-app-setup.ts).
// A local command runs supervised like Gunicorn (its own process group, the kernel's parent-death
// guard, the group watchdog, the exit handler's kill), so a migration stuck on a lock, or a
// harness killed mid-seed, leaves nothing running; and it has a time limit.
import { readFileSync, statSync } from 'node:fs';
import { EnvironmentError, InputError } from '../core/errors.ts';
import { watchProcessGroup } from '../core/orphan-watchdog.ts';
import { PDEATHSIG_EXEC } from '../core/parent-death.ts';
import { spawnGroup } from '../core/process-group.ts';
import { selfOwner } from '../core/scratch-owner.ts';
import type { PythonEnv } from './python-env.ts';

/** app.setupTimeout's default: a migration on a big seed may take minutes, never ten. */
export const DEFAULT_SETUP_TIMEOUT_MS = 10 * 60_000;
/** How long a command gets to exit on SIGTERM (Ctrl-C, its time limit) before its group is SIGKILLed. */
const GRACE_MS = 2000;

export interface AppSetupOptions {
  appDir: string;
  commands: string[];
  python: PythonEnv;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Each command's output is appended here (logs/setup.log). */
  logFile: string;
  /** A command still running after this long is stopped and fails the run. */
  timeoutMs: number;
  /** Registers a last-resort synchronous kill, run if the harness exits without stopping the command. */
  onEmergencyKill?: (kill: () => void) => () => void;
}

export interface SetupCommandResult {
  /** undefined when it did not exit by itself (stopped, could not start). */
  exitCode: number | undefined;
  output: string;
  /** Stopped at its time limit. */
  timedOut?: boolean;
}

/** Where setup commands run: how to run one, and what to say around it. */
export interface SetupRunner {
  /** Appended to "setup" in the log line and "failed" in the error: "", " (in leaklab-app:…)". */
  where: string;
  run(command: string, o: AppSetupOptions): Promise<SetupCommandResult>;
  /** How to reproduce a failure by hand. */
  hint: string;
}

export async function runSetupCommands(o: AppSetupOptions, runner: SetupRunner): Promise<void> {
  for (const command of o.commands) {
    if (o.signal.aborted) return;
    o.log(`setup${runner.where}: ${command}`);
    const r = await runner.run(command, o);
    if (o.signal.aborted) return;
    if (r.exitCode !== 0) throw setupFailure(command, r, o.timeoutMs, runner);
  }
}

/** The error for a command that did not succeed: not found is bad input (exit 2), the rest exit 3. */
export function setupFailure(command: string, r: SetupCommandResult, timeoutMs: number, runner: SetupRunner) {
  const details = r.output.trim().split('\n').slice(-12).filter(Boolean);
  if (r.timedOut) {
    return new EnvironmentError(
      `the scenario's setup command timed out${runner.where} after ${Math.round(timeoutMs / 1000)} s: ${command}`,
      { details, hint: 'raise app.setupTimeout if it needs longer, or run it by hand to see where it waits' },
    );
  }
  // The shell's codes for "no such command" (127) and "found but cannot be run" (126).
  if (r.exitCode === 127 || r.exitCode === 126) {
    return new InputError(
      `the scenario's setup command ${r.exitCode === 127 ? 'was not found' : 'cannot be run'}${runner.where}: ${command}`,
      { details, hint: 'check the command in app.setup: it runs with sh in the app folder, the venv first on PATH' },
    );
  }
  return new EnvironmentError(`the scenario's setup command failed${runner.where} (exit ${r.exitCode ?? 'none'}): ${command}`, {
    details,
    hint: runner.hint,
  });
}

const venvRunner: SetupRunner = {
  where: '',
  async run(command, o) {
    const env = venvCommandEnv(o.python, o.env);
    const from = fileSize(o.logFile);
    // sh under the venv's Python prelude: the kernel kills it if the harness dies; the watchdog its group.
    const group = spawnGroup(
      o.python.python,
      ['-c', PDEATHSIG_EXEC, 'sh', '-c', command],
      { cwd: o.appDir, env: { ...env, LEAKLAB_HARNESS_PID: String(selfOwner().pid) }, logFile: o.logFile },
      {
        graceMs: GRACE_MS,
        terminate: 'SIGTERM',
        ...(o.onEmergencyKill ? { onEmergencyKill: o.onEmergencyKill } : {}),
        watchdog: (pgid) => watchProcessGroup(pgid, env),
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void group.stop();
    }, o.timeoutMs);
    const onAbort = () => void group.stop();
    o.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await group.exited;
    } finally {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      // Also what the shell started and left (a background job): the group goes, the watchdog ends.
      await group.stop();
    }
    const code = group.exitCode();
    const output = readFrom(o.logFile, from);
    return { exitCode: timedOut || code === null ? undefined : code, output, timedOut };
  },
  hint: 'run it by hand in the app folder with the venv activated to see the whole output',
};

/** The text a file gained after its first `from` bytes. */
function readFrom(file: string, from: number): string {
  try {
    return readFileSync(file).subarray(from).toString('utf8');
  } catch {
    return '';
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The environment of a setup command: the venv first on PATH, so `python` and `pip` are the
 * venv's. No trailing ':' when PATH is unset: an empty PATH entry means the current folder.
 */
export function venvCommandEnv(python: PythonEnv, env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, PATH: env.PATH ? `${python.bin}:${env.PATH}` : python.bin, VIRTUAL_ENV: python.venvDir };
}

export function runAppSetup(o: AppSetupOptions): Promise<void> {
  return runSetupCommands(o, venvRunner);
}
