// Typed errors carry their exit code and a hint, so one exit point (src/cli/main.ts) can turn
// any failure into the right code and a readable message — the stack only with --verbose.

export const ExitCode = {
  ok: 0,
  expectationFailed: 1,
  badInput: 2,
  environment: 3,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** At most this many detail lines are shown: a file with 600,000 problems must not write 57 MB of stderr. */
export const MAX_DETAILS = 50;

export interface ErrorOptions {
  hint?: string;
  details?: string[];
  /** How many problems there were when `details` lists only the first ones. */
  totalDetails?: number;
  cause?: unknown;
}

/** The first MAX_DETAILS lines, then one line that says how many were left out. */
export function capDetails(details: string[], total = details.length): string[] {
  const shown = details.slice(0, MAX_DETAILS);
  const more = Math.max(total, details.length) - shown.length;
  return more > 0 ? [...shown, `… and ${more} more problem${more === 1 ? '' : 's'}`] : shown;
}

export class LeaklabError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;
  /** Extra lines shown under the message (e.g. every problem in a scenario file). */
  readonly details: string[];

  constructor(message: string, exitCode: ExitCodeValue, opts: ErrorOptions = {}) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = opts.hint;
    this.details = capDetails(opts.details ?? [], opts.totalDetails);
  }
}

/** Bad input from the user: unknown flag, invalid scenario file, unknown scenario or variant. */
export class InputError extends LeaklabError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super(message, ExitCode.badInput, opts);
  }
}

/**
 * A run directory's file is damaged (a corrupt run.json, a samples.csv with joined rows): bad
 * input to `report` / `compare`, named with its file and line, never an "unexpected error".
 */
export class DataError extends LeaklabError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super(message, ExitCode.badInput, opts);
  }
}

/** The target or the environment failed: Python missing, app did not start, service missing. */
export class EnvironmentError extends LeaklabError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super(message, ExitCode.environment, opts);
  }
}

/** The run was stopped by SIGINT/SIGTERM. */
export class InterruptedError extends LeaklabError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}
