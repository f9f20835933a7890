// events.jsonl in the run directory: normalized worker events, one JSON object per line.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { WorkerEvent } from './types.ts';

export function appendEvents(file: string, events: WorkerEvent[]): void {
  if (events.length === 0) return;
  appendFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
}

export function readEvents(file: string): WorkerEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as WorkerEvent);
}
