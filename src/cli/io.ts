// What the command line needs from the process, handed in by main.ts (the one file that
// touches `process`), so tests can run the whole command line in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: live progress lines only then. */
  stderrIsTTY: boolean;
  color: boolean;
  /** The terminal's width in columns, when it is one; output fits it (100 when undefined). */
  columns?: number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Registers a synchronous last-resort kill (run on exit); returns its unregister function. */
  onEmergencyKill: (kill: () => void) => () => void;
}
