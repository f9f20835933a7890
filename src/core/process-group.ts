// One supervisor for every process group leaklab owns (local Gunicorn, a private redis or
// postgres, the `docker run` of a container): it knows whether the leader has exited and stops
// the group once — ask, wait a grace period, SIGKILL the whole group — so children that outlive
// their parent (orphaned workers, PostgreSQL backends) never survive the run. What "ask" means
// is the caller's: a signal to the leader, or a command such as `docker stop`.
import type { LoggedChild, LoggedSpawn } from './logged-child.ts';
import { spawnToLog } from './logged-child.ts';
import type { OrphanWatchdog } from './orphan-watchdog.ts';

export interface StopPolicy {
  /** How long the leader gets to exit once asked, before the whole group is SIGKILLed. */
  graceMs: number;
  /** How to ask: a signal to the leader (default SIGTERM; PostgreSQL's quick shutdown is SIGINT),
   * or an action of its own (`docker stop`), awaited before the grace period starts. */
  terminate?: NodeJS.Signals | ((pid: number) => Promise<void>);
  /** Runs after the wait and before the final group SIGKILL, exited or not (`docker rm -f`). */
  cleanup?: () => Promise<void>;
  /** The synchronous last resort if the harness exits without stopping the group; default: SIGKILL to the group. */
  emergencyKill?: () => void;
  /** Registers that last resort with the command line's exit handler; stop() unregisters it. */
  onEmergencyKill?: (kill: () => void) => () => void;
  /** What kills the group if the harness is itself SIGKILLed (no exit handler runs then); stop() ends it. */
  watchdog?: (pid: number) => OrphanWatchdog;
}

export interface ProcessGroup {
  /** The leader's pid, which is also the group id; undefined when the spawn failed. */
  pid: number | undefined;
  /** undefined while the leader runs; its exit code (null for a signal or a failed spawn) once it has ended. */
  exitCode(): number | null | undefined;
  /** Settles when the leader has exited (or could not start). */
  exited: Promise<void>;
  /** How the leader ended ("SIGKILL", "exit code 1"); undefined while it runs. */
  howEnded(): string | undefined;
  /** Milliseconds since the epoch when stop() was first called. */
  stopRequestedAt(): number | null;
  /** Ask, wait up to the grace period, SIGKILL the group. Idempotent: every call gets the same promise. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group now, synchronously (exit handlers, a sweep). Never throws. */
  killGroup(): void;
}

/** Spawns `file` in its own process group, output to a log file, and supervises it. */
export function spawnGroup(file: string, args: string[], spawn: LoggedSpawn, policy: StopPolicy): ProcessGroup {
  return superviseGroup(spawnToLog(file, args, spawn), policy);
}

/** Supervises a child that already leads its own process group (spawned detached). */
export function superviseGroup(child: LoggedChild, policy: StopPolicy): ProcessGroup {
  const pid = child.pid !== undefined && child.pid > 0 ? child.pid : undefined;
  const killGroup = () => signalGroup(pid, 'SIGKILL');
  const unregister = policy.onEmergencyKill?.(policy.emergencyKill ?? killGroup);
  const watchdog = pid !== undefined ? policy.watchdog?.(pid) : undefined;

  let stopRequestedAt: number | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopRequestedAt = Date.now();
      // A failed spawn reports its error a tick later: then stop() still returns with exitCode() set.
      if (pid === undefined) await child.exited;
      else if (child.exitCode() === undefined) {
        await ask(pid, policy.terminate ?? 'SIGTERM');
        if (!(await exitsWithin(child.exited, policy.graceMs))) {
          killGroup();
          await child.exited;
        }
      }
      await policy.cleanup?.();
      // A leader gone first (a crashed master) leaves its children in the group: sweep them too.
      killGroup();
      watchdog?.stop();
      unregister?.();
    })());

  return {
    pid,
    exitCode: child.exitCode,
    exited: child.exited,
    howEnded: child.howEnded,
    stopRequestedAt: () => stopRequestedAt,
    stop,
    killGroup,
  };
}

async function ask(pid: number, terminate: NonNullable<StopPolicy['terminate']>): Promise<void> {
  if (typeof terminate === 'function') return terminate(pid);
  try {
    // The leader only: a Gunicorn master then stops its workers in order, through their hooks.
    process.kill(pid, terminate);
  } catch {
    // Already exited.
  }
}

/** Whether `exited` settles within `ms`. */
async function exitsWithin(exited: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([exited.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A signal to every process in group `pgid`; nothing when there is no group (a failed spawn) or it is gone. */
export function signalGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined || pgid <= 0) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}
