// The bookshelf fixture app (test/fixtures/apps/bookshelf: a mix where one of five kinds of
// page leaks, at 1/8 of the traffic), copied to a scratch folder with a venv that sees the
// sample app's packages through a .pth file, so leaklab's pip install needs no network.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/apps/bookshelf');
const SHARED_PYTHON = join(ROOT, 'sample-django-app/.venv/bin/python');

/** The copy's scenario file; the caller removes `root` when done. */
export function bookshelfCopy(): { root: string; scenarioFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-bookshelf-'));
  const dir = join(root, 'bookshelf');
  const skip = new Set(['.venv', '.venv.lock', '__pycache__']);
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !skip.has(basename(src)) && !src.endsWith('.sqlite3') });
  const purelib = (exe: string) =>
    execFileSync(exe, ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: 'utf8' }).trim();
  const shared = purelib(SHARED_PYTHON);
  execFileSync(SHARED_PYTHON, ['-m', 'venv', join(dir, '.venv')]);
  writeFileSync(join(purelib(join(dir, '.venv/bin/python')), 'leaklab-shared-packages.pth'), `${shared}\n`);
  return { root, scenarioFile: join(dir, 'leaklab.yaml') };
}
