// events.jsonl in the run directory: normalized worker events, one JSON object per line.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { DataError } from '../core/errors.ts';
import { completeLines, tornLineWarning } from './torn-lines.ts';
import type { WorkerEvent } from './types.ts';

export function appendEvents(file: string, events: WorkerEvent[]): void {
  if (events.length === 0) return;
  appendFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
}

/** The events; a line that is not a JSON object is a DataError naming the file and line. */
export function readEvents(file: string, warn: (line: string) => void = () => {}): WorkerEvent[] {
  if (!existsSync(file)) return [];
  return parseEvents(readFileSync(file, 'utf8'), file, warn);
}

export function parseEvents(text: string, file: string, warn: (line: string) => void = () => {}): WorkerEvent[] {
  const { lines, tornLine } = completeLines(text);
  if (tornLine !== undefined) warn(tornLineWarning(file, tornLine));
  const events: WorkerEvent[] = [];
  const problems: string[] = [];
  for (const { n, text: line } of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push(`${file}:${n}: not JSON (${(err as Error).message})`);
      continue;
    }
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      typeof (value as WorkerEvent).variant !== 'string'
    ) {
      problems.push(`${file}:${n}: not a worker event (an object with a variant)`);
      continue;
    }
    events.push(value as WorkerEvent);
  }
  if (problems.length > 0) {
    throw new DataError(`${file} is damaged: ${problems.length} bad line${problems.length === 1 ? '' : 's'}`, {
      details: problems,
    });
  }
  return events;
}
