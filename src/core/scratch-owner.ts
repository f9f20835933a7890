// A scratch folder names its owner: `<prefix><pid>.<start>-XXXXXX`, made by one mkdtemp, so from
// the instant it exists a sweep can tell whether the run that made it still lives, where an age
// rule ("spare what is younger than 5 s") had to guess and left a just-killed run's folder behind.
// The start time (clock ticks after boot, field 22 of /proc/<pid>/stat) tells the owner from a
// later process that got the same pid. Read from /proc/self, so no caller hands in `process`.
import { mkdtempSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface ScratchOwner {
  pid: number;
  /** Clock ticks after boot at which the process started. */
  start: number;
}

/** A process's start time from /proc, or null when it is gone (or /proc does not show it). */
export function processStartTime(pid: number | 'self', procRoot = '/proc'): number | null {
  try {
    const stat = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
    // The name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const start = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isInteger(start) ? start : null;
  } catch {
    return null;
  }
}

/** This process, as a scratch folder's owner. */
export function selfOwner(procRoot = '/proc'): ScratchOwner {
  const pid = Number(readlinkSync(join(procRoot, 'self')));
  return { pid, start: processStartTime(pid, procRoot) ?? 0 };
}

/** Makes `<parent>/<prefix><pid>.<start>-XXXXXX`, owned by this process. */
export function makeOwnedScratchDir(parent: string, prefix: string, owner: ScratchOwner = selfOwner()): string {
  return mkdtempSync(join(parent, `${prefix}${owner.pid}.${owner.start}-`));
}

const OWNED = /(\d+)\.(\d+)-[^-]{6}$/;

/** The owner a scratch folder's name records, or null (a folder made before names carried one). */
export function scratchOwner(dir: string): ScratchOwner | null {
  const m = OWNED.exec(basename(dir));
  return m ? { pid: Number(m[1]), start: Number(m[2]) } : null;
}

/** Whether the owner still runs: its pid exists and started when the name says (not a reused pid). */
export function ownerAlive(owner: ScratchOwner, procRoot = '/proc'): boolean {
  return processStartTime(owner.pid, procRoot) === owner.start;
}
