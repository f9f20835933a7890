// The project-managed virtualenv: created from the app's requirements.txt (or, with `project`,
// from its pip-installable pyproject.toml) with the machine's python3 on first use, and reused
// while that file (and the Python) is unchanged.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';

const MIN_PYTHON: [number, number] = [3, 10];
export const STAMP = '.leaklab-stamp';

export interface PythonEnv {
  venvDir: string;
  python: string;
  bin: string;
}

/** The interpreters to try, in order: LEAKLAB_PYTHON when set, then python3, then python. */
export function pythonCandidates(env: Record<string, string | undefined>): string[] {
  return [env.LEAKLAB_PYTHON, 'python3', 'python'].filter((p): p is string => Boolean(p));
}

export interface EnsureVenvOptions {
  appDir: string;
  requirements: string;
  /** Install the project itself (`pip install -e .`, stamped by pyproject.toml) instead of the requirements. */
  project?: boolean;
  /** The interpreter to build the venv with; tried in order. */
  pythonCandidates: string[];
  log: (line: string) => void;
}

export async function ensureVenv(o: EnsureVenvOptions): Promise<PythonEnv> {
  const venvDir = join(o.appDir, '.venv');
  const bin = join(venvDir, 'bin');
  const env = { venvDir, python: join(bin, 'python'), bin };
  const reqFile = join(o.appDir, o.project ? 'pyproject.toml' : o.requirements);
  if (!existsSync(reqFile)) throw new EnvironmentError(`requirements file not found: ${reqFile}`);
  const requirements = readFileSync(reqFile, 'utf8');
  const install = o.project ? ['-e', o.appDir] : ['-r', reqFile];

  return withLock(join(o.appDir, '.venv.lock'), async () => {
    const stampFile = join(venvDir, STAMP);
    if (existsSync(env.python) && existsSync(stampFile)) {
      const want = stampFor(requirements, await pythonVersion(env.python));
      if (readFileSync(stampFile, 'utf8') === want) return env;
    }
    const base = await findPython(o.pythonCandidates);
    o.log(`Setting up the Python environment in ${venvDir} (first run or new requirements; about a minute)...`);
    if (!existsSync(env.python)) await createVenv(base, venvDir);
    await pipInstall(env.python, install, reqFile);
    writeFileSync(stampFile, stampFor(requirements, await pythonVersion(env.python)));
    o.log('Python environment ready.');
    return env;
  });
}

/** What the venv was built from: the Python version and the requirements text. A new stamp rebuilds it. */
export function stampFor(requirements: string, version: string): string {
  return createHash('sha256').update(version).update('\0').update(requirements).digest('hex');
}

/** "3.11.7", or "unknown" when `python` does not run. */
export async function pythonVersion(python: string): Promise<string> {
  const r = await execa(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { reject: false });
  return r.exitCode === 0 ? String(r.stdout).trim() : 'unknown';
}

/** The first candidate that runs and is new enough; an error naming those too old otherwise. */
export async function findPython(candidates: string[]): Promise<string> {
  const tooOld: string[] = [];
  for (const cmd of candidates) {
    const version = await pythonVersion(cmd);
    if (version === 'unknown') continue;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return cmd;
    tooOld.push(`${cmd} is ${version}`);
  }
  const need = `Python ${MIN_PYTHON.join('.')}+`;
  throw new EnvironmentError(tooOld.length ? `${need} is needed, but ${tooOld.join(', ')}` : `${need} was not found`, {
    hint: 'install python3 with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip), or point LEAKLAB_PYTHON at one',
  });
}

async function createVenv(python: string, venvDir: string): Promise<void> {
  const r = await execa(python, ['-m', 'venv', venvDir], { reject: false, all: true });
  if (r.exitCode !== 0) {
    rmSync(venvDir, { recursive: true, force: true });
    throw new EnvironmentError(`could not create a virtualenv with ${python}`, {
      details: tail(String(r.all ?? '')),
      hint: 'install the venv module (Debian/Ubuntu: apt-get install python3-venv)',
    });
  }
}

async function pipInstall(python: string, install: string[], reqFile: string): Promise<void> {
  const r = await execa(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...install], {
    reject: false,
    all: true,
  });
  if (r.exitCode !== 0) {
    throw new EnvironmentError(`pip could not install ${reqFile}`, {
      details: tail(String(r.all ?? '')),
      hint: 'check the network access to the Python package index and that a C compiler is present for packages without wheels',
    });
  }
}

function tail(text: string, lines = 12): string[] {
  return text.trim().split('\n').slice(-lines);
}

/** A directory lock, so that two runs (or npm install and a run) never build one venv at once. */
async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const staleMs = 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleMs) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // The other holder removed it meanwhile: try again.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
