// Whether a client's requests were spread over the Gunicorn workers or piled onto one. Gunicorn
// ties a keep-alive connection to the worker that accepted it, and against gthread workers all
// of wrk's connections sometimes land on one worker while the other sits idle: such a round
// measures half a server (wrk at 2.1k req/s instead of 6.3k), and a ratio against it means nothing.

export interface WorkerSpread {
  /** Requests the server counted during the client's run, over all workers. */
  requests: number;
  /** Share of those requests served by the busiest worker (0..1). */
  busiestShare: number;
  /** The busiest share above which the run is lopsided, for this many workers. */
  limit: number;
  lopsided: boolean;
}

/**
 * Busiest-worker share above which a run is lopsided: halfway between an even split (1/n) and
 * one worker serving everything (1). 75 % for 2 workers, 62.5 % for 4, towards 50 % for many
 * (a worker doing half of everything is then far past its share); 1 worker never is. With 8
 * connections and 2 workers it passes a 6/2 deal of connections and catches 7/1 and 8/0.
 */
export function lopsidedLimit(workers: number): number {
  const n = Math.max(1, Math.floor(workers));
  return (1 + 1 / n) / 2;
}

/**
 * Requests each worker served between two readings of the counters (pid -> requests served
 * since the worker started). A worker born in between counts from 0; one gone by the second
 * reading is left out, its last requests being unknown.
 */
export function requestsBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number[] {
  const served: number[] = [];
  for (const [pid, count] of after) served.push(Math.max(0, count - (before.get(pid) ?? 0)));
  return served;
}

/**
 * Judges how one run's requests were spread. `workers` is the configured count: a worker that
 * served nothing may have no entry at all and still counts. Null when nothing was counted (the
 * hooks' counters are missing), since then there is nothing to judge.
 */
export function judgeSpread(perWorker: readonly number[], workers: number): WorkerSpread | null {
  const requests = perWorker.reduce((a, b) => a + b, 0);
  if (requests <= 0) return null;
  const limit = lopsidedLimit(Math.max(workers, perWorker.length));
  const busiestShare = Math.max(...perWorker) / requests;
  return { requests, busiestShare, limit, lopsided: busiestShare > limit };
}

/** Why a bench round is not a fair comparison, e.g. "wrk's connections landed on one worker (93 % of requests)"; null if fair. */
export function unfairRound(spread: { wrk: WorkerSpread | null; leaklab: WorkerSpread | null }): string | null {
  const reasons: string[] = [];
  for (const client of ['wrk', 'leaklab'] as const) {
    const s = spread[client];
    if (s?.lopsided)
      reasons.push(`${client}'s connections landed on one worker (${Math.round(s.busiestShare * 100)} % of requests)`);
  }
  return reasons.length ? reasons.join('; ') : null;
}
