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

/** A Python exception line (`ModuleNotFoundError: No module named 'x'`); Gunicorn's HaltServer is not one. */
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception): /;

/**
 * The last lines of a log, to show with an error. When a worker fails to boot, Gunicorn's own
 * HaltServer traceback can push the app's exception out of the tail: the first exception line
 * (the cause) is then kept in view above it.
 */
export function logTail(file: string, lines = 15): string[] {
  const all = readText(file).trim().split('\n');
  const tail = all.slice(-lines);
  const cause = all.find((l) => EXCEPTION_LINE.test(l));
  if (cause === undefined || tail.includes(cause) || lines < 3) return tail;
  return [cause, '…', ...tail.slice(2)];
}
