// Finding a server binary the way a shell would (PATH, in order), plus the folders where
// distributions put PostgreSQL's server programs outside PATH (Debian: /usr/lib/postgresql/15/bin).
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function findOnPath(name: string, pathValue: string | undefined, extraDirs: readonly string[] = []): string | null {
  const dirs = [...(pathValue ?? '').split(':').filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const file = join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return null;
}

/** `<root>/<version>/bin` for every version under root, newest first (Debian and Ubuntu layout). */
export function versionedBinDirs(root: string): string[] {
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return [];
  }
  return versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
