// One readiness loop for everything leaklab waits on (Gunicorn's workers, redis PING, postgres
// accepting connections): check, give up at the deadline or on abort, else sleep and retry. The
// callers keep their own messages: this says only how the wait ended.

export interface PollOptions {
  /** Give up after this long (from the call)... */
  timeoutMs?: number;
  /** ...or at this epoch time (Date.now()); the earlier of the two when both are given. */
  deadlineMs?: number;
  /** Pause between checks. */
  intervalMs: number;
  /** Ends the wait early (Ctrl-C); the pause between checks is cut short too. */
  signal?: AbortSignal;
  /** The clock, for tests. */
  now?: () => number;
}

/** How a wait ended: the check held, the deadline passed first, or the signal aborted it. */
export type PollOutcome = 'ready' | 'timeout' | 'aborted';

/**
 * Calls `check` until it returns true. It is always called at least once, even past the
 * deadline; an error it throws ends the wait (a server that exited is not worth waiting for).
 */
export async function pollUntil(check: () => boolean | Promise<boolean>, o: PollOptions): Promise<PollOutcome> {
  const now = o.now ?? Date.now;
  const deadline = Math.min(o.deadlineMs ?? Infinity, o.timeoutMs === undefined ? Infinity : now() + o.timeoutMs);
  if (deadline === Infinity) throw new TypeError('pollUntil needs a timeoutMs or a deadlineMs');
  for (;;) {
    if (o.signal?.aborted) return 'aborted';
    if (await check()) return 'ready';
    if (o.signal?.aborted) return 'aborted';
    if (now() >= deadline) return 'timeout';
    await pause(Math.min(o.intervalMs, Math.max(0, deadline - now())), o.signal);
  }
}

/** Sleeps `ms`, or less when `signal` aborts meanwhile. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
