// Gunicorn's and the app's output go straight from the child to a file (no copy through Node),
// so nothing stops a chatty app from filling the disk (the sample app logs every request:
// 134 MB in 3 minutes). A timer caps the file instead, by truncation: past `maxBytes`, it is cut
// back to its first `headBytes` and a marker line. The writers hold it with O_APPEND, so their
// next line lands after the marker: the file keeps the start (the boot, the first errors) and
// the latest output, never more than maxBytes plus one interval's worth.
import { appendFileSync, statSync, truncateSync } from 'node:fs';

export interface LogCap {
  /** Past this size the file is truncated. */
  maxBytes: number;
  /** What is kept from the start of the file. */
  headBytes: number;
}

export const DEFAULT_LOG_CAP: LogCap = { maxBytes: 64 * 1024 * 1024, headBytes: 8 * 1024 * 1024 };

/** Truncates `file` once if it is over the cap; returns the bytes dropped (0 when under it or unreadable). */
export function capLogFile(file: string, cap: LogCap = DEFAULT_LOG_CAP): number {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return 0;
  }
  if (size <= cap.maxBytes) return 0;
  try {
    truncateSync(file, cap.headBytes);
    appendFileSync(
      file,
      `\n[leaklab: log over ${mib(cap.maxBytes)}: ${mib(size - cap.headBytes)} after the first ${mib(cap.headBytes)} dropped]\n`,
    );
  } catch {
    // A full disk: truncation is what frees it; the marker may not fit, and that is fine.
  }
  return size - cap.headBytes;
}

/** Checks the file every `intervalMs` until stop() is called. */
export function watchLogSize(file: string, cap: LogCap = DEFAULT_LOG_CAP, intervalMs = 1000): { stop(): void } {
  const timer = setInterval(() => capLogFile(file, cap), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
