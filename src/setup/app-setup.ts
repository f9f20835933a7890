// A scenario's app.setup: commands run once before the variants (migrations, seed data), with
// the project-managed venv first on PATH, so `python` is the venv's.
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

export async function runAppSetup(o: AppSetupOptions): Promise<void> {
  for (const command of o.commands) {
    if (o.signal.aborted) return;
    o.log(`setup: ${command}`);
    const r = await execa('sh', ['-c', command], {
      cwd: o.appDir,
      env: { ...o.env, PATH: `${o.python.bin}:${o.env.PATH ?? ''}`, VIRTUAL_ENV: o.python.venvDir },
      extendEnv: false,
      reject: false,
      all: true,
      cancelSignal: o.signal,
    });
    if (r.exitCode !== 0) {
      throw new EnvironmentError(`the scenario's setup command failed (exit ${r.exitCode}): ${command}`, {
        details: String(r.all ?? '').trim().split('\n').slice(-12),
        hint: 'run it by hand in the app folder with the venv activated to see the whole output',
      });
    }
  }
}
