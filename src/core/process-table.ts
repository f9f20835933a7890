// Which folders a live process still uses, read from /proc: a scratch folder left by a killed
// run may be removed only when no process names it on its command line (Gunicorn's
// LEAKLAB_STATE_DIR, postgres -D, redis --dir) or runs inside it.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface ProcessEntry {
  pid: number;
  /** argv joined by spaces. */
  cmdline: string;
  /** Working directory, '' when it cannot be read (another user's process). */
  cwd: string;
}

/** Every process /proc shows, with what it can be read of. */
export function readProcessTable(procRoot = '/proc'): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync(procRoot)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    entries.push({
      pid,
      cmdline: tryRead(() => readFileSync(join(procRoot, name, 'cmdline'), 'utf8').replaceAll('\0', ' ')),
      cwd: tryRead(() => readlinkSync(join(procRoot, name, 'cwd'))),
    });
  }
  return entries;
}

/** Whether a process names `dir` (or a path inside it) in its arguments, or works inside it. */
export function dirInUse(dir: string, table: readonly ProcessEntry[]): boolean {
  return table.some((p) => p.cmdline.includes(dir) || p.cwd === dir || p.cwd.startsWith(dir + sep));
}

/** Whether a process with this pid exists (a zombie counts: it is not reaped yet). */
export function pidAlive(pid: number, procRoot = '/proc'): boolean {
  return tryRead(() => readFileSync(join(procRoot, String(pid), 'stat'), 'utf8')) !== '';
}

function tryRead(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}
