// Run records shaped like one demo's: the variants the four answers read, with figures that are
// all different from each other, so a figure taken from the wrong field or variant shows.
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import type { Verdict } from '../../../src/run-data/types.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

let next = 1;
function v(name: string, verdict: Verdict, gunicorn: Record<string, unknown> = {}) {
  const n = next++;
  return variantRecord(name, {
    verdict,
    slopeBytesPerRequest: 1000 * n + 0.25,
    growthBytes: 1_048_576 * n + 17,
    requests: 1000 + n,
    requestsPerSecond: 50 * n + 0.5,
    errors: n,
    workerRestarts: 2 * n,
    gunicorn,
  });
}

/** The load summary's first mix entry, as a storm records it: Q4 quotes the path read. */
function withPath(record: ReturnType<typeof v>, path: string): ReturnType<typeof v> {
  const load = {
    ...record.load!,
    perEntry: [{ method: 'GET', path, requests: record.requests, statusCodes: {}, unexpected: 0, errors: 0 }],
  };
  return { ...record, load };
}

export function demoRecords(): RunRecord[] {
  next = 1;
  return [
    runRecord(
      'global-list',
      [v('leaky', 'leak'), v('leaky-max-requests', 'sawtooth', { maxRequests: 1000, maxRequestsJitter: 50 })],
      {
        runId: '20261203-000000-global-list',
      },
    ),
    runRecord('dict-cache', [v('leaky', 'leak')], { runId: '20261203-000100-dict-cache' }),
    runRecord('circular-refs', [v('cycles', 'flat'), v('weakref', 'flat')], { runId: '20261203-000200-circular-refs' }),
    runRecord('diagnosis', [v('leaky', 'leak'), v('trace-middleware', 'leak')], { runId: '20261203-000300-diagnosis' }),
    runRecord(
      'queryset',
      [withPath(v('whole-queryset', 'flat'), '/leaks/queryset/?rows=2000'), v('iterator', 'flat'), v('values-list', 'flat')],
      {
        runId: '20261203-000400-queryset',
      },
    ),
  ];
}
