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

export class LeaklabError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;
  /** Extra lines shown under the message (e.g. every problem in a scenario file). */
  readonly details: string[];

  constructor(message: string, exitCode: ExitCodeValue, opts: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }
}

/** Bad input from the user: unknown flag, invalid scenario file, unknown scenario or variant. */
export class InputError extends LeaklabError {
  constructor(message: string, opts: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, ExitCode.badInput, opts);
  }
}

/** The target or the environment failed: Python missing, app did not start, service missing. */
export class EnvironmentError extends LeaklabError {
  constructor(message: string, opts: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, ExitCode.environment, opts);
  }
}

/** The run was stopped by SIGINT/SIGTERM. */
export class InterruptedError extends LeaklabError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}
