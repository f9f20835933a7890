// Issue 8's done-when, repeated: the bookshelf app's five-page mix (one page, 1/8 of the
// traffic, keeps ~1 KiB per hit; one page is behind login) run until decided, N times with
// the leaking page and N times without it, the two alternating so the machine's drift meets
// both. Counts leak / flat / inconclusive per variant, with time to decision and requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../src/analyze/robust-stats.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { bookshelfCopy } from './bookshelf-app.ts';
import { quietRun } from './quiet-run.ts';

export interface MixedRun {
  variant: string;
  expected: string;
  verdict: string;
  stoppedBy: string;
  /** Storm start to the samples the live verdict was decided on, s (absent when it hit the cap). */
  decidedAfterSeconds?: number;
  stormSeconds: number;
  requests: number;
  requestsPerSecond: number;
  slopeBytesPerRequest: number;
  growthBytes: number;
  /** For inconclusive: the analysis's reason and requests still needed per worker. */
  reason?: string;
  requestsNeeded?: number;
}

export interface MixedVariantSummary {
  variant: string;
  expected: string;
  runs: number;
  counts: Record<string, number>;
  /** A verdict other than the expected one that is not inconclusive. */
  falseVerdicts: number;
  decidedMedianSeconds: number | null;
  decidedMaxSeconds: number | null;
  requestsMedian: number;
}

const VARIANTS = [
  { name: 'with-recent', expected: 'leak' },
  { name: 'without-recent', expected: 'flat' },
] as const;

export async function benchMixed(opts: { runs: number; log: (line: string) => void }): Promise<{
  runs: MixedRun[];
  summary: MixedVariantSummary[];
}> {
  const app = bookshelfCopy();
  const file = join(app.root, 'bookshelf/five-pages.yaml');
  const runs: MixedRun[] = [];
  try {
    for (let i = 0; i < opts.runs; i++) {
      const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const v of order) {
        const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-mixed-'));
        try {
          const result = await quietRun(loadScenarioFile(file), { variants: [v.name], untilVerdict: true }, root);
          const r = result.record.variants[0];
          if (!r) throw new Error(`${file}: variant ${v.name} did not run`);
          const run: MixedRun = {
            variant: v.name,
            expected: v.expected,
            verdict: r.verdict ?? r.status,
            stoppedBy: r.until?.stoppedBy ?? '?',
            ...(r.until?.decidedAfterMs === undefined ? {} : { decidedAfterSeconds: round1(r.until.decidedAfterMs / 1000) }),
            stormSeconds: round1((r.load?.durationMs ?? 0) / 1000),
            requests: r.requests,
            requestsPerSecond: Math.round(r.requestsPerSecond),
            slopeBytesPerRequest: Math.round(r.slopeBytesPerRequest),
            growthBytes: r.growthBytes,
            ...(r.analysis?.reason ? { reason: r.analysis.reason } : {}),
            ...(r.requestsNeeded === undefined ? {} : { requestsNeeded: r.requestsNeeded }),
            ...(r.status === 'failed' ? { reason: r.error } : {}),
          };
          runs.push(run);
          opts.log(`mixed: run ${i + 1}/${opts.runs} ${runLine(run)}`);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }
    }
  } finally {
    rmSync(app.root, { recursive: true, force: true });
  }
  return { runs, summary: VARIANTS.map((v) => summarise(v.name, v.expected, runs)) };
}

function summarise(variant: string, expected: string, all: MixedRun[]): MixedVariantSummary {
  const runs = all.filter((r) => r.variant === variant);
  const counts: Record<string, number> = {};
  for (const r of runs) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  const decided = runs.flatMap((r) => (r.decidedAfterSeconds === undefined ? [] : [r.decidedAfterSeconds]));
  return {
    variant,
    expected,
    runs: runs.length,
    counts,
    falseVerdicts: runs.filter((r) => r.verdict !== expected && r.verdict !== 'inconclusive').length,
    decidedMedianSeconds: decided.length ? round1(median(decided)) : null,
    decidedMaxSeconds: decided.length ? Math.max(...decided) : null,
    requestsMedian: runs.length ? Math.round(median(runs.map((r) => r.requests))) : 0,
  };
}

export function runLine(r: MixedRun): string {
  const decided =
    r.decidedAfterSeconds === undefined
      ? `not decided by the cap (${r.stormSeconds} s)`
      : `decided after ${r.decidedAfterSeconds} s`;
  const why = r.verdict === 'inconclusive' ? ` (${r.reason ?? '?'}; ~${r.requestsNeeded ?? '?'} more requests/worker)` : '';
  return `${r.variant}: ${r.verdict}${why}, ${decided}, ${r.requests} requests at ${r.requestsPerSecond} req/s, slope ${r.slopeBytesPerRequest} B/request, growth ${Math.round(r.growthBytes / 1024)} KiB`;
}

export function summaryLine(s: MixedVariantSummary, ok: (pass: boolean) => string): string {
  const counts = ['leak', 'flat', 'inconclusive']
    .map((v) => `${v} ${s.counts[v] ?? 0}`)
    .concat(Object.entries(s.counts).flatMap(([v, n]) => (['leak', 'flat', 'inconclusive'].includes(v) ? [] : [`${v} ${n}`])))
    .join(', ');
  const time =
    s.decidedMedianSeconds === null
      ? 'never decided'
      : `decided after ${s.decidedMedianSeconds} s (median; max ${s.decidedMaxSeconds} s)`;
  return (
    `mixed: ${s.variant} (expect ${s.expected}), ${s.runs} runs: ${counts}; false verdicts ${s.falseVerdicts} [${ok(s.falseVerdicts === 0)}]; ` +
    `${time}; ${s.requestsMedian} requests (median)`
  );
}

const round1 = (x: number) => Math.round(x * 10) / 10;
