// A scenario's app.setup: commands run once before the variants (migrations, seed data). One
// loop for wherever the app runs: locally with the project-managed venv first on PATH (so
// `python` is the venv's), or in a container of the app image (src/app-server/docker-app-setup.ts).
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import type { PythonEnv } from './python-env.ts';

export interface AppSetupOptions {
  appDir: string;
  commands: string[];
  python: PythonEnv;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** Where setup commands run: how to run one, and what to say around it. */
export interface SetupRunner {
  /** Appended to "setup" in the log line and "failed" in the error: "", " (in leaklab-app:…)". */
  where: string;
  run(command: string, o: AppSetupOptions): Promise<{ exitCode: number | undefined; output: string }>;
  /** How to reproduce a failure by hand. */
  hint: string;
}

export async function runSetupCommands(o: AppSetupOptions, runner: SetupRunner): Promise<void> {
  for (const command of o.commands) {
    if (o.signal.aborted) return;
    o.log(`setup${runner.where}: ${command}`);
    const r = await runner.run(command, o);
    if (o.signal.aborted) return;
    if (r.exitCode !== 0) {
      throw new EnvironmentError(`the scenario's setup command failed${runner.where} (exit ${r.exitCode}): ${command}`, {
        details: r.output.trim().split('\n').slice(-12),
        hint: runner.hint,
      });
    }
  }
}

const venvRunner: SetupRunner = {
  where: '',
  async run(command, o) {
    const r = await execa('sh', ['-c', command], {
      cwd: o.appDir,
      env: venvCommandEnv(o.python, o.env),
      extendEnv: false,
      reject: false,
      all: true,
      cancelSignal: o.signal,
    });
    return { exitCode: r.exitCode, output: String(r.all ?? '') };
  },
  hint: 'run it by hand in the app folder with the venv activated to see the whole output',
};

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
