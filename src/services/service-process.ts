// One server process leaklab owns (redis-server, postgres): started in its own process group
// (so Ctrl-C in the terminal reaches only the harness, which then stops it in order), output to
// a log file, a last-resort SIGKILL registered for the group, and a stop that asks politely,
// then kills the group after a grace period.
import { spawnToLog } from '../core/logged-child.ts';
import { watchProcessGroup } from '../core/orphan-watchdog.ts';

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
  const { child, exitCode, exited } = spawnToLog(s.file, s.args, { cwd: s.cwd, env: s.env, logFile: s.logFile, ...(s.user ? { user: s.user } : {}) });
  const pid = child.pid ?? -1;
  const killGroup = (sig: NodeJS.Signals) => {
    if (pid <= 0) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  const unregister = s.onEmergencyKill(() => killGroup('SIGKILL'));
  // If the harness is SIGKILLed, the emergency kill never runs: the watchdog does it then.
  const watchdog = pid > 0 ? watchProcessGroup(pid, s.env) : null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (exitCode() === undefined && pid > 0) {
        try {
          process.kill(pid, s.stopSignal);
        } catch {
          // Already exited.
        }
        const timer = setTimeout(() => killGroup('SIGKILL'), GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // Children that outlived their parent (PostgreSQL backends) go with the group.
      killGroup('SIGKILL');
      watchdog?.stop();
      unregister();
    })());
  return { pid, exitCode, stop };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
