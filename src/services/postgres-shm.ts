// A PostgreSQL killed with SIGKILL (the harness was killed, its watchdog took the server) never
// removes its SysV shared-memory segment, and such segments outlive every process until reboot.
// postmaster.pid names the segment (line 7: key and id), so the sweep can release exactly that
// one, and only when nothing is attached and the process that created it is gone.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive } from '../core/process-table.ts';

export interface ShmSegment {
  key: number;
  id: number;
  creatorPid: number;
  attached: number;
}

/** The shm id a postmaster.pid records, or null (no file, no segment line). */
export function postmasterShmId(postmasterPidText: string): number | null {
  const line = postmasterPidText.split('\n')[6]?.trim().split(/\s+/);
  const id = Number(line?.[1]);
  return line && line.length >= 2 && Number.isInteger(id) && id >= 0 ? id : null;
}

/** /proc/sysvipc/shm, parsed: key, shmid, creator pid and attach count of every segment. */
export function parseSysvShm(text: string): ShmSegment[] {
  const [header = '', ...rows] = text.split('\n');
  const cols = header.trim().split(/\s+/);
  const at = (name: string) => cols.indexOf(name);
  return rows
    .map((r) => r.trim().split(/\s+/))
    .filter((f) => f.length >= cols.length)
    .map((f) => ({
      key: Number(f[at('key')]),
      id: Number(f[at('shmid')]),
      creatorPid: Number(f[at('cpid')]),
      attached: Number(f[at('nattch')]),
    }));
}

/** The segment a dead PostgreSQL left, if it is still there and nobody holds it. */
export function staleSegment(id: number, segments: readonly ShmSegment[], alive: (pid: number) => boolean): ShmSegment | null {
  const seg = segments.find((s) => s.id === id);
  return seg && seg.attached === 0 && !alive(seg.creatorPid) ? seg : null;
}

/**
 * Releases the segment of the PostgreSQL whose data folder (the one holding `data/`) is given.
 * Returns the id released, or null. Never throws: a sweep goes on with the other folders.
 */
export function releasePostgresShm(serviceDir: string, procRoot = '/proc'): number | null {
  try {
    const id = postmasterShmId(readFileSync(join(serviceDir, 'data', 'postmaster.pid'), 'utf8'));
    if (id === null) return null;
    const seg = staleSegment(id, parseSysvShm(readFileSync(join(procRoot, 'sysvipc', 'shm'), 'utf8')), (pid) =>
      pidAlive(pid, procRoot),
    );
    if (!seg) return null;
    execFileSync('ipcrm', ['-m', String(seg.id)], { stdio: 'ignore' });
    return seg.id;
  } catch {
    return null;
  }
}
