// How a Django project gets its Python packages, read from the files in its folder. `run` uses it
// to build the project-managed venv (requirements.txt, or a pip-installable pyproject.toml) or to
// refuse a lock file pip cannot read; `init` also looks for a venv the project already has.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type InstallMethod =
  | { kind: 'venv'; python: string }
  | { kind: 'requirements'; file: string }
  | { kind: 'pyproject' }
  | { kind: 'lock'; tool: 'uv' | 'poetry' }
  | { kind: 'none' };

/** What detection needs to know about a folder; `read` returns null for a missing file. */
export interface ProjectFiles {
  exists: (relative: string) => boolean;
  read: (relative: string) => string | null;
}

export function projectFilesIn(dir: string): ProjectFiles {
  return {
    exists: (relative) => existsSync(join(dir, relative)),
    read: (relative) => (existsSync(join(dir, relative)) ? readFileSync(join(dir, relative), 'utf8') : null),
  };
}

/** The venvs a project commonly keeps next to manage.py. */
export const PROJECT_VENVS = ['.venv', 'venv'];
// ensureVenv's stamp: a .venv holding it was built by leaklab from the requirements, not by the user.
const LEAKLAB_STAMP = '.leaklab-stamp';

/** pip can install a pyproject.toml that names a build backend or a [project] table (PEP 517/621), or a setup.py. */
export function isPipInstallable(files: ProjectFiles): boolean {
  if (files.exists('setup.py')) return true;
  const pyproject = files.read('pyproject.toml');
  return pyproject !== null && /^\s*\[(build-system|project)\]/m.test(pyproject);
}

/**
 * The install method, in the order `run` honours them: requirements.txt first (today's
 * behaviour), then a uv/poetry lock (refused: pip cannot reproduce it), then pyproject.toml.
 * With `venvFirst` (init), a venv the user made comes before all of them.
 */
export function detectInstallMethod(files: ProjectFiles, o: { requirements?: string; venvFirst?: boolean } = {}): InstallMethod {
  if (o.venvFirst) {
    for (const dir of PROJECT_VENVS) {
      if (files.exists(`${dir}/bin/python`) && !files.exists(`${dir}/${LEAKLAB_STAMP}`))
        return { kind: 'venv', python: `${dir}/bin/python` };
    }
  }
  const requirements = o.requirements ?? 'requirements.txt';
  if (files.exists(requirements)) return { kind: 'requirements', file: requirements };
  if (files.exists('uv.lock')) return { kind: 'lock', tool: 'uv' };
  if (files.exists('poetry.lock')) return { kind: 'lock', tool: 'poetry' };
  if (isPipInstallable(files)) return { kind: 'pyproject' };
  return { kind: 'none' };
}

/** The hint for a project leaklab will not install itself. */
export function lockHint(tool: 'uv' | 'poetry'): string {
  return `point app.python at the project's venv (uv: .venv/bin/python; poetry: the folder \`poetry env info -p\` prints)${
    tool === 'uv' ? ', or export a requirements.txt (uv export --no-hashes > requirements.txt)' : ''
  }`;
}
