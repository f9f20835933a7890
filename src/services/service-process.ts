// One server process leaklab owns (redis-server, postgres): started in its own process group
// (so Ctrl-C in the terminal reaches only the harness, which then stops it in order), output to
// a log file, a last-resort SIGKILL registered for the group, a watchdog for a SIGKILLed
// harness, and a stop that asks with the server's own signal, then kills the group after a grace period.

import { watchProcessGroup } from '../core/orphan-watchdog.ts';
import { spawnGroup } from '../core/process-group.ts';

const GRACE_MS = 5000;

export interface ServerProcess {
  pid: number;
  /** undefined while running; the exit code (null for a signal) once it has exited. */
  exitCode(): number | null | undefined;
  stop(): Promise<void>;
}

export interface ServerSpawn {
  file: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  logFile: string;
  /** The signal that asks this server for a clean, quick shutdown (PostgreSQL: SIGINT). */
  stopSignal: NodeJS.Signals;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  onEmergencyKill: (kill: () => void) => () => void;
}

export function spawnServer(s: ServerSpawn): ServerProcess {
  const group = spawnGroup(
    s.file,
    s.args,
    { cwd: s.cwd, env: s.env, logFile: s.logFile, ...(s.user ? { user: s.user } : {}) },
    {
      graceMs: GRACE_MS,
      terminate: s.stopSignal,
      onEmergencyKill: s.onEmergencyKill,
      // If the harness is SIGKILLed, the emergency kill never runs: the watchdog does it then.
      watchdog: (pid) => watchProcessGroup(pid, s.env),
    },
  );
  return { pid: group.pid ?? -1, exitCode: group.exitCode, stop: group.stop };
}
