// Run until decided against the fixed-length run it replaces: the same variant run twice, once
// for its whole duration (or request count) and once with --until-verdict, with both storm
// times and both verdicts, so what stopping early costs in verdicts is in the same line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UntilOutcome, VariantRecord } from '../src/run-data/run-record.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { PlanOverrides } from '../src/scenario/plan.ts';
import { quietRun } from './quiet-run.ts';

const log = (line: string) => console.error(line);

export interface UntilRun {
  seconds: number;
  requests: number;
  verdict: string;
}

export interface UntilComparison {
  label: string;
  variant: string;
  expected?: string;
  fixed: UntilRun;
  until: UntilRun & { stoppedBy?: UntilOutcome['stoppedBy']; decidedAfterSeconds?: number; liveVerdict?: string };
}

async function runVariant(file: string, overrides: PlanOverrides): Promise<VariantRecord> {
  const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-until-'));
  try {
    const result = await quietRun(loadScenarioFile(file), overrides, root);
    const v = result.record.variants[0];
    if (!v) throw new Error(`${file}: no variant ran`);
    return v;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const seconds = (ms: number | undefined) => Math.round((ms ?? 0) / 100) / 10;

/** One variant, fixed-length then until decided (same overrides, the flag aside). */
export async function benchUntil(
  label: string,
  file: string,
  variant: string,
  overrides: PlanOverrides = {},
): Promise<UntilComparison> {
  const base = { ...overrides, variants: [variant] };
  log(`until: ${label}: the fixed-length run`);
  const fixed = await runVariant(file, base);
  log(`until: ${label}: run until decided`);
  const until = await runVariant(file, { ...base, untilVerdict: true });
  const u = until.until;
  return {
    label,
    variant,
    ...(fixed.expected ? { expected: fixed.expected } : {}),
    fixed: { seconds: seconds(fixed.load?.durationMs), requests: fixed.requests, verdict: fixed.verdict ?? fixed.status },
    until: {
      seconds: seconds(until.load?.durationMs),
      requests: until.requests,
      verdict: until.verdict ?? until.status,
      ...(u?.stoppedBy ? { stoppedBy: u.stoppedBy } : {}),
      ...(u?.decidedAfterMs === undefined ? {} : { decidedAfterSeconds: seconds(u.decidedAfterMs) }),
      ...(u?.liveVerdict ? { liveVerdict: u.liveVerdict } : {}),
    },
  };
}

/** One printed line: both times, both verdicts, how the until run ended. */
export function untilLine(c: UntilComparison): string {
  const u = c.until;
  const saved = c.fixed.seconds > 0 ? ` (${Math.round((1 - u.seconds / c.fixed.seconds) * 100)} % shorter)` : '';
  const live = u.liveVerdict && u.liveVerdict !== u.verdict ? `, live verdict ${u.liveVerdict}` : '';
  const same = u.verdict === c.fixed.verdict ? 'same verdict' : 'VERDICTS DIFFER';
  return (
    `until: ${c.label}: fixed-length ${c.fixed.seconds} s (${c.fixed.requests} requests) -> ${c.fixed.verdict}; ` +
    `until decided ${u.seconds} s (${u.requests} requests) -> ${u.verdict}, stopped by ${u.stoppedBy ?? '?'}` +
    `${u.decidedAfterSeconds === undefined ? '' : ` at ${u.decidedAfterSeconds} s`}${live}${saved}; ${same}` +
    `${c.expected ? `, expected ${c.expected}` : ''}`
  );
}
