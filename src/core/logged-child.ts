// A child process whose stdout and stderr go straight to a log file (no copy through Node, so a
// chatty server costs the harness nothing), in its own process group (Ctrl-C in the terminal
// reaches only the harness, which then stops its children in order), with its exit tracked.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface LoggedChild {
  child: ChildProcess;
  /** undefined when the spawn failed. */
  pid: number | undefined;
  /** undefined while running; the exit code (null for a signal or a failed spawn) once ended. */
  exitCode(): number | null | undefined;
  /** Settles when the child has exited (or could not start). */
  exited: Promise<void>;
  /** How it ended, for a message: "SIGKILL", "exit code 1", "could not start"; undefined while running. */
  howEnded(): string | undefined;
}

export interface LoggedSpawn {
  cwd?: string;
  env: Record<string, string | undefined>;
  logFile: string;
  user?: { uid: number; gid: number };
}

export function spawnToLog(file: string, args: string[], o: LoggedSpawn): LoggedChild {
  const logFd = openSync(o.logFile, 'a');
  const child = spawn(file, args, {
    ...(o.cwd ? { cwd: o.cwd } : {}),
    env: o.env,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    ...(o.user ? { uid: o.user.uid, gid: o.user.gid } : {}),
  });
  closeSync(logFd);
  let code: number | null | undefined;
  let how: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('error', () => {
      code = null;
      how ??= 'could not start';
      resolve();
    });
    child.on('exit', (c, signal) => {
      code = c;
      how = signal ?? `exit code ${c}`;
      resolve();
    });
  });
  return { child, pid: child.pid, exitCode: () => code, exited, howEnded: () => how };
}
