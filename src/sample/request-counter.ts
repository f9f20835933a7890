// Reads the per-worker request counter the Gunicorn hooks keep in a memory-mapped 8-byte file.
import { readSync } from 'node:fs';

const buf = Buffer.alloc(8);

export function readRequestCounter(fd: number): number | null {
  try {
    const n = readSync(fd, buf, 0, 8, 0);
    return n === 8 ? Number(buf.readBigUInt64LE(0)) : null;
  } catch {
    return null;
  }
}

/** The first `n` per-entry counters (<pid>.entries): one pread of 8n bytes. */
export function readEntryCounters(fd: number, n: number): number[] | null {
  const bytes = Buffer.alloc(8 * n);
  try {
    if (readSync(fd, bytes, 0, bytes.length, 0) !== bytes.length) return null;
  } catch {
    return null;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number(bytes.readBigUInt64LE(8 * i)));
  return out;
}
