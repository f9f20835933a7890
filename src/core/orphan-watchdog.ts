// If the harness itself is SIGKILLed, none of its cleanup runs: a redis-server, a postgres, a
// container or a Gunicorn group would run on for good. So each gets a watchdog: a detached
// shell, started in the same tick as the server, that waits for the harness (its parent) to
// vanish, then runs one command. On the normal path stop() ends the watchdog.
import { spawn } from 'node:child_process';

export interface OrphanWatchdog {
  stop(): void;
}

/**
 * Runs the shell command `then` once the harness has gone, with `args` as "$1", "$2", ...
 * (a shell command, not argv: `kill -KILL -PGID` needs the shell's own kill, since procps'
 * /bin/kill reads "-PGID" as a signal).
 */
export function startOrphanWatchdog(then: string, args: string[], env: Record<string, string | undefined>): OrphanWatchdog {
  // $PPID is 1 when the harness died before this shell started: `kill -0 1` always succeeds,
  // so without the first test such a watchdog would wait for ever (seen once: a stray loop).
  const script = `while [ "$PPID" != 1 ] && kill -0 "$PPID" 2>/dev/null; do sleep 1; done; ${then} >/dev/null 2>&1`;
  const w = spawn('/bin/sh', ['-c', script, 'leaklab-watchdog', ...args], { env, detached: true, stdio: 'ignore' });
  w.on('error', () => {});
  w.unref();
  return {
    stop() {
      try {
        w.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/** A watchdog that SIGKILLs a whole process group (a server started in its own group). */
export function watchProcessGroup(pgid: number, env: Record<string, string | undefined>): OrphanWatchdog {
  return startOrphanWatchdog('kill -KILL -"$1"', [String(pgid)], env);
}
