// How many processes the kernel's OOM killer has killed in a container's memory cgroup: the
// authoritative count when a worker dies at the container's memory limit (Gunicorn only sees a
// worker that vanished with SIGKILL). cgroup v1 keeps it in memory.oom_control, v2 in
// memory.events; both as an "oom_kill N" line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Pure: the memory cgroup file holding oom_kill, from /proc/<pid>/cgroup's text. */
export function oomCounterFile(procCgroup: string, cgroupRoot = '/sys/fs/cgroup'): string | null {
  const lines = procCgroup.split('\n').map((l) => l.split(':'));
  const v1 = lines.find((f) => f.length >= 3 && f[1]?.split(',').includes('memory'));
  if (v1) return join(cgroupRoot, 'memory', f2(v1), 'memory.oom_control');
  const v2 = lines.find((f) => f.length >= 3 && f[0] === '0' && f[1] === '');
  return v2 ? join(cgroupRoot, f2(v2), 'memory.events') : null;
}

function f2(fields: string[]): string {
  return fields.slice(2).join(':');
}

/** Pure: the oom_kill count in memory.oom_control / memory.events text (null: kernel too old). */
export function parseOomKills(text: string): number | null {
  const m = /^oom_kill (\d+)$/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** OOM kills so far in the memory cgroup of `pid` (null when it cannot be read). */
export function readOomKills(pid: number, procDir = '/proc'): number | null {
  try {
    const file = oomCounterFile(readFileSync(join(procDir, String(pid), 'cgroup'), 'utf8'));
    return file ? parseOomKills(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
}

/** Pure: the worker pids Gunicorn's arbiter saw die of SIGKILL ("was sent SIGKILL! Perhaps out of memory?"). */
export function sigkilledWorkers(gunicornLog: string): number[] {
  return [...gunicornLog.matchAll(/Worker \(pid:(\d+)\) was sent SIGKILL/g)].map((m) => Number(m[1]));
}
