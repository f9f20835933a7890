// Checks that need the file system, made before anything starts: a missing app folder or an
// --out that is a file used to surface as exit 3 "unexpected error" after Gunicorn had started.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why `dir` cannot become (or be) a writable results folder, or null when it can. */
export function resultsDirProblem(dir: string, flag = '--out'): string | null {
  let at = dir;
  for (;;) {
    const kind = kindOf(at);
    if (kind === 'dir') break;
    if (kind === 'other') {
      return at === dir ? `${flag} ${dir} is a file, not a folder` : `${flag} ${dir}: ${at} is a file, not a folder`;
    }
    const parent = dirname(at);
    if (parent === at) return `${flag} ${dir}: no folder to create it in`;
    at = parent;
  }
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
    return null;
  } catch (err) {
    return `${flag} ${dir}: cannot write in ${at} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}

/** Why the app folder cannot be used, or null. */
export function appDirProblem(appDir: string, file: string): string | null {
  const kind = kindOf(appDir);
  if (kind === 'dir') return null;
  return `${file}: app.dir: ${kind === 'missing' ? 'no such folder' : 'not a folder'}: ${appDir}`;
}

/** app.python names an existing venv folder or interpreter (local target), or null. */
export function appPythonProblem(python: string | undefined, file: string): string | null {
  if (python === undefined || kindOf(python) !== 'missing') return null;
  return `${file}: app.python: no such venv or interpreter: ${python}`;
}

/** Folder, something else, or nothing; a path through a file (ENOTDIR) counts as nothing. */
function kindOf(path: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}
