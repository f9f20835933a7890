// Reads every Gunicorn worker's request counter (the files the hooks keep under <stateDir>/workers/),
// so the bench can tell how a client's requests were dealt to the workers.
import { closeSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRequestCounter } from '../src/sample/request-counter.ts';

/** pid -> requests served since the worker started; a worker whose file cannot be read is left out. */
export function readWorkerCounters(stateDir: string): Map<number, number> {
  const dir = join(stateDir, 'workers');
  const counts = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return counts; // no worker has loaded the app yet
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let fd: number;
    try {
      fd = openSync(join(dir, name), 'r');
    } catch {
      continue; // the worker's file went away between readdir and open
    }
    try {
      const n = readRequestCounter(fd);
      if (n !== null) counts.set(pid, n);
    } finally {
      closeSync(fd);
    }
  }
  return counts;
}
