// A results file that cannot be written (a full disk, an I/O error) must stop the run with one
// line that names the file, not a Node stack trace: it is the environment failing (exit 3).
import { relative } from 'node:path';
import { EnvironmentError } from './errors.ts';

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'I/O error',
  EROFS: 'read-only file system',
};

/** A write that failed for want of room or a working disk; what the run stops with. */
export class WriteFailedError extends EnvironmentError {}

/**
 * The error as a WriteFailedError ("disk full writing results/…/samples.csv", the path relative
 * to `base`), or null when it is not a storage failure (those keep their own handling).
 */
export function asWriteFailure(err: unknown, base?: string, file?: string): WriteFailedError | null {
  if (err instanceof WriteFailedError) return err;
  const e = err as NodeJS.ErrnoException | null;
  const what = typeof e?.code === 'string' ? WRITE_FAILURES[e.code] : undefined;
  if (!what) return null;
  // A stream's write error carries no path: the caller that owns the stream names the file.
  const where = e?.path ?? file;
  const path = where ? (base ? relative(base, where) : where) : 'the results';
  // One line, no hint: what was written before stays, and `leaklab report` redoes the rest.
  return new WriteFailedError(`${what} writing ${path}`, { cause: err });
}
