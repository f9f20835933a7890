// Per-PID memory readers over /proc, with the files kept open: a pread at offset 0 makes the
// kernel regenerate the text, so each sample costs one syscall instead of open+read+close.

import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';

const buf = Buffer.alloc(4096);

/** Reads a whole small /proc file through an open fd; null when the process is gone. */
function pread(fd: number): string | null {
  try {
    const n = readSync(fd, buf, 0, buf.length, 0);
    return n > 0 ? buf.toString('latin1', 0, n) : null;
  } catch {
    return null;
  }
}

export function openOrNull(path: string): number | null {
  try {
    return openSync(path, 'r');
  } catch {
    return null;
  }
}

export function closeQuietly(fd: number | null): void {
  if (fd === null) return;
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

/** Resident set size in bytes from /proc/PID/statm; null when the process is gone or a zombie. */
export function readStatmRss(fd: number, pageSize: number): number | null {
  const text = pread(fd);
  if (text === null) return null;
  const resident = Number(text.split(' ')[1]);
  return resident > 0 ? resident * pageSize : null;
}

export interface SmapsFigures {
  rss: number;
  pss: number;
  /** Private_Clean + Private_Dirty: what the process alone holds. */
  uss: number;
}

/** USS and PSS from /proc/PID/smaps_rollup. It walks the page tables: milliseconds on a big process. */
export function readSmapsRollup(fd: number): SmapsFigures | null {
  const text = pread(fd);
  if (text === null) return null;
  return parseSmapsRollup(text);
}

export function parseSmapsRollup(text: string): SmapsFigures | null {
  // One pass over the lines, no regular expressions: this runs for every worker every few
  // hundred milliseconds.
  let rss = -1;
  let pss = -1;
  let clean = -1;
  let dirty = -1;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    if (key !== 'Rss' && key !== 'Pss' && key !== 'Private_Clean' && key !== 'Private_Dirty') continue;
    const bytes = Number.parseInt(line.slice(colon + 1), 10) * 1024;
    if (key === 'Rss') rss = bytes;
    else if (key === 'Pss') pss = bytes;
    else if (key === 'Private_Clean') clean = bytes;
    else dirty = bytes;
  }
  if (rss < 0 || pss < 0 || clean < 0 || dirty < 0) return null;
  return { rss, pss, uss: clean + dirty };
}

let cachedPageSize: number | null = null;

export function pageSize(): number {
  if (cachedPageSize === null) {
    try {
      cachedPageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      cachedPageSize = 4096;
    }
  }
  return cachedPageSize;
}
