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
