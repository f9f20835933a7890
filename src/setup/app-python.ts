// The Python that runs the app on --target local: `app.python` as-is (a venv or an interpreter the
// user already has; nothing is installed), else the project-managed venv built from the app's
// requirements.txt or pyproject.toml. Either way Gunicorn must be importable before a run starts.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import { detectInstallMethod, lockHint, projectFilesIn } from './install-method.ts';
import { ensureVenv, type PythonEnv, pythonCandidates } from './python-env.ts';

/** How a path is laid out on disk, so that resolution stays pure and testable. */
export interface PathProbe {
  isDirectory: (path: string) => boolean;
  isFile: (path: string) => boolean;
}

export const diskProbe: PathProbe = {
  isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
  isFile: (path) => existsSync(path) && statSync(path).isFile(),
};

/**
 * app.python (already absolute) as a PythonEnv: a venv folder means its bin/python; a file is
 * the interpreter itself. Symlinks are kept as given: a venv's bin/python links to the base
 * interpreter, and following it would leave the venv.
 */
export function resolveAppPython(python: string, probe: PathProbe): PythonEnv {
  if (probe.isDirectory(python)) {
    for (const name of ['python', 'python3']) {
      const candidate = join(python, 'bin', name);
      if (probe.isFile(candidate)) return { venvDir: python, bin: join(python, 'bin'), python: candidate };
    }
    throw new EnvironmentError(`app.python: ${python} is a folder without bin/python`, {
      hint: 'point app.python at a virtualenv folder (the one holding bin/python) or at an interpreter',
    });
  }
  if (!probe.isFile(python)) {
    throw new EnvironmentError(`app.python: no such interpreter or venv: ${python}`, {
      hint: 'app.python is relative to the scenario file; give a venv folder (.venv) or an interpreter (.venv/bin/python)',
    });
  }
  const bin = dirname(python);
  return { venvDir: dirname(bin), bin, python };
}

export interface LocalPythonOptions {
  appDir: string;
  /** app.python, absolute; undefined lets leaklab build and manage the venv. */
  python?: string;
  requirements: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
}

export async function prepareLocalPython(o: LocalPythonOptions): Promise<PythonEnv> {
  if (o.python !== undefined) {
    const env = resolveAppPython(o.python, diskProbe);
    await requireGunicorn(env, `install it into that environment: ${env.python} -m pip install gunicorn`);
    return env;
  }
  const method = detectInstallMethod(projectFilesIn(o.appDir), { requirements: o.requirements });
  if (method.kind === 'lock') {
    throw new EnvironmentError(`${o.appDir} is managed by ${method.tool} (${method.tool}.lock) and has no ${o.requirements}`, {
      hint: lockHint(method.tool),
    });
  }
  const project = method.kind === 'pyproject';
  const env = await ensureVenv({
    appDir: o.appDir,
    requirements: o.requirements,
    project,
    pythonCandidates: pythonCandidates(o.env),
    log: o.log,
  });
  await requireGunicorn(
    env,
    project ? "add gunicorn to the project's dependencies in pyproject.toml" : `add gunicorn to ${o.requirements}`,
  );
  return env;
}

/** Gunicorn missing is found here, with the line to fix it, rather than as a master that dies at start. */
export async function requireGunicorn(env: PythonEnv, hint: string): Promise<void> {
  const r = await execa(env.python, ['-c', 'import gunicorn'], { reject: false, all: true });
  if (r.exitCode === 0) return;
  const output = String(r.all ?? '').trim();
  const missing = /No module named/.test(output);
  throw new EnvironmentError(
    missing ? `Gunicorn is not installed in ${env.python}` : `${env.python} could not run (${r.exitCode ?? r.signal})`,
    {
      details: output.split('\n').slice(-6),
      hint: missing ? hint : 'check that app.python points at a working interpreter',
    },
  );
}
