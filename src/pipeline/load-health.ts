// A storm whose requests mostly failed says nothing about memory: an app that answers 500 to
// every request (say, its database table is missing) has a flat curve and would be called
// "flat". Such a variant fails instead, with what went wrong. Pure.
import type { LoadStats } from '../run-data/types.ts';

/** Share of requests that may fail (non-2xx/3xx or no response) before a variant is void. */
export const MAX_FAILED_SHARE = 0.01;

/** The failed requests of a storm, in words; null when none failed. */
function failures(load: LoadStats): { share: number; text: string } | null {
  const bad = Object.entries(load.statusCodes).filter(([code]) => !/^[23]\d\d$/.test(code));
  const badResponses = bad.reduce((sum, [, n]) => sum + n, 0);
  const attempts = load.requests + load.errors;
  if (attempts === 0) return { share: 1, text: 'the storm got no response at all' };
  const share = (badResponses + load.errors) / attempts;
  if (share === 0) return null;
  const parts = [
    ...bad.map(([code, n]) => `${n} × HTTP ${code}`),
    ...(load.errors > 0 ? [`${load.errors} without a response`] : []),
  ];
  return { share, text: `${(share * 100).toFixed(1)} % of ${attempts} requests failed (${parts.join(', ')})` };
}

/** null when the storm was healthy, else why it was not. */
export function loadProblem(load: LoadStats, maxFailedShare = MAX_FAILED_SHARE): string | null {
  const f = failures(load);
  if (f === null || f.share <= maxFailedShare) return null;
  return load.requests + load.errors === 0 ? f.text : `${f.text}: the memory curve would say nothing about a leak`;
}

/**
 * A warning for failures a scenario allows (maxFailedShare above the default, where failing
 * requests are the finding, as with RLIMIT_AS): they are still said. null when there is none.
 */
export function allowedFailuresNote(load: LoadStats, maxFailedShare: number | undefined): string | null {
  if (maxFailedShare === undefined) return null;
  const f = failures(load);
  if (f === null || f.share <= MAX_FAILED_SHARE || f.share > maxFailedShare) return null;
  return `${f.text}; allowed here (maxFailedShare ${maxFailedShare})`;
}
