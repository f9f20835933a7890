// Reading the logs of processes leaklab started, for error messages.
import { readFileSync } from 'node:fs';

/** A file's text, or '' when it cannot be read (a log not written yet). */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The last lines of a log, to show with an error. */
export function logTail(file: string, lines = 15): string[] {
  return readText(file).trim().split('\n').slice(-lines);
}
