// A storm whose requests mostly failed says nothing about memory: an app that answers 500 to
// every request (say, its database table is missing) has a flat curve and would be called
// "flat". Such a variant fails instead, with what went wrong. A status the mix entry expects
// (a 404 or a 302 asked for on purpose) is not a failure. Pure.
import { isExpectedStatus } from '../load/expected-status.ts';
import type { LoadStats } from '../run-data/types.ts';

/** Share of requests that may fail (an unexpected status or no response) before a variant is void. */
export const MAX_FAILED_SHARE = 0.01;

/** Responses with a status nobody expected, each with what it answered. */
interface Unexpected {
  code: string;
  n: number;
  /** "GET /books/1/" when the storm counted per mix entry. */
  request?: string;
}

function unexpectedResponses(load: LoadStats): Unexpected[] {
  // Runs recorded before per-entry counts existed: the default rule over all responses.
  if (load.perEntry === undefined) {
    return Object.entries(load.statusCodes)
      .filter(([code]) => !isExpectedStatus(Number(code), undefined))
      .map(([code, n]) => ({ code, n }));
  }
  return load.perEntry.flatMap((e) =>
    Object.entries(e.statusCodes)
      .filter(([code]) => !isExpectedStatus(Number(code), e.status))
      .map(([code, n]) => ({ code, n, request: `${e.method} ${e.path}` })),
  );
}

/**
 * Requests that failed: unexpected statuses plus requests without a response. The one figure
 * shown as "errors", so the table and the health check never disagree.
 */
export function failedRequests(load: LoadStats): number {
  return unexpectedResponses(load).reduce((sum, u) => sum + u.n, 0) + load.errors;
}

/** The failed requests of a storm, in words; null when none failed. */
function failures(load: LoadStats): { share: number; text: string } | null {
  const bad = unexpectedResponses(load);
  const attempts = load.requests + load.errors;
  if (attempts === 0) return { share: 1, text: 'the storm got no response at all' };
  const share = failedRequests(load) / attempts;
  if (share === 0) return null;
  const parts = [
    ...bad.map((u) => `${u.n} × HTTP ${u.code}${u.request ? ` from ${u.request}` : ''}`),
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
