// A Gunicorn master that dies mid-storm (SIGKILL, the OOM killer) must end the variant at once:
// storming a closed port for the rest of the duration turns a leak into a sawtooth of a few
// samples. The target knows when its master exits; this turns that into an abort and a cause.
import { EnvironmentError } from '../core/errors.ts';

export interface MasterDeathWatch {
  /** Aborts when the master has exited before stop() (the storm and the probes listen to it). */
  signal: AbortSignal;
  /** Throws the variant's failure ("the Gunicorn master died (SIGKILL) at 12.3 s") if it died. */
  throwIfDied(): void;
  /** Ends the watch before a deliberate stop, so that exit is not a death. */
  stop(): void;
}

export interface WatchedTarget {
  masterEnded?: Promise<string>;
}

/** Watches `target`'s master from `originMs` (performance.now() at the variant's start). */
export function watchMasterDeath(target: WatchedTarget, originMs: number, now = () => performance.now()): MasterDeathWatch {
  const controller = new AbortController();
  let cause: string | undefined;
  let watching = true;
  target.masterEnded?.then((how) => {
    if (!watching) return;
    cause = masterDeathMessage(how, now() - originMs);
    controller.abort(new EnvironmentError(cause));
  });
  return {
    signal: controller.signal,
    throwIfDied() {
      if (cause !== undefined) throw new EnvironmentError(cause, { hint: 'see the Gunicorn log under logs/' });
    },
    stop() {
      watching = false;
    },
  };
}

/** "the Gunicorn master died (SIGKILL) at 12.3 s". */
export function masterDeathMessage(how: string, afterMs: number): string {
  return `the Gunicorn master died (${how}) at ${(Math.max(0, afterMs) / 1000).toFixed(1)} s`;
}
