// Attribution's hit rate and what --diagnose costs: the same variant run N times with
// --isolate (attribution, isolation only when not clear-cut; no traced pass), counting how often
// the leaking entry is named with at least 80 % of the growth and how often another entry is;
// then the variant once plain and once with --diagnose, timed, for what a full diagnosis adds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLEAR_CUT_SHARE } from '../src/analyze/attribution.ts';
import { namedEntry, namedShare } from '../src/analyze/attribution-record.ts';
import type { VariantRecord } from '../src/run-data/run-record.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { PlanOverrides } from '../src/scenario/plan.ts';
import { quietRun } from './quiet-run.ts';

export interface AttributionBench {
  label: string;
  runs: number;
  /** Runs that named the leaking entry (confirmed by isolation, or clear-cut) with at least CLEAR_CUT_SHARE of the growth. */
  right: number;
  /** Runs that named another entry. */
  wrong: number;
  /** Runs where isolation was needed (not clear-cut). */
  isolated: number;
  /** Runs whose estimate alone was clear-cut. */
  clearCut: number;
  verdicts: Record<string, number>;
  shares: number[];
  plainSeconds: number;
  diagnoseSeconds: number;
  /** What the timed --diagnose run named: the entry, and the first app line of its traced pass. */
  diagnosed: string;
}

async function timedVariant(file: string, overrides: PlanOverrides): Promise<{ v: VariantRecord; seconds: number }> {
  const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-attribution-'));
  const started = performance.now();
  try {
    const result = await quietRun(loadScenarioFile(file), overrides, root);
    const v = result.record.variants[0];
    if (!v) throw new Error(`${file}: no variant ran`);
    return { v, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchAttribution(o: {
  label: string;
  file: string;
  variant: string;
  leakingPath: string;
  runs: number;
  overrides?: PlanOverrides;
  log: (line: string) => void;
}): Promise<AttributionBench> {
  const base: PlanOverrides = { variants: [o.variant], ...o.overrides };
  const r: AttributionBench = {
    label: o.label,
    runs: o.runs,
    right: 0,
    wrong: 0,
    isolated: 0,
    clearCut: 0,
    verdicts: {},
    shares: [],
    plainSeconds: 0,
    diagnoseSeconds: 0,
    diagnosed: '',
  };
  for (let i = 0; i < o.runs; i++) {
    const { v } = await timedVariant(o.file, { ...base, isolate: true });
    const top = v.attribution?.entries[0];
    r.verdicts[v.verdict ?? 'none'] = (r.verdicts[v.verdict ?? 'none'] ?? 0) + 1;
    if (v.attribution?.isolation?.length) r.isolated++;
    // Named: confirmed by isolation, or clear-cut; a top entry at 80 % counts too (the target's wording).
    const named = v.attribution ? (namedEntry(v.attribution) ?? (top && top.share >= CLEAR_CUT_SHARE ? top : null)) : null;
    // Its part of the growth: isolation's measure when isolation confirmed it, else the estimate's.
    const share = named ? namedShare(named) : 0;
    // Right: the leaking entry, named with at least 80 % of the growth (the target), not merely named.
    if (named?.path === o.leakingPath && share >= CLEAR_CUT_SHARE) r.right++;
    else if (named && named.path !== o.leakingPath) r.wrong++;
    r.shares.push(named?.path === o.leakingPath ? share : 0);
    if (v.attribution?.clearCut) r.clearCut++;
    o.log(
      `  ${o.label} run ${i + 1}: ${v.verdict}, top ${top?.path ?? '-'} ${Math.round((top?.share ?? 0) * 100)} %${v.attribution?.clearCut ? ' (clear-cut)' : ''}, named ${named?.path ?? 'none'} ${Math.round(share * 100)} %, lag ${v.attribution?.lagSamples ?? 0} samples`,
    );
  }
  r.plainSeconds = (await timedVariant(o.file, base)).seconds;
  const diagnosed = await timedVariant(o.file, { ...base, diagnose: true });
  r.diagnoseSeconds = diagnosed.seconds;
  // The line inside the endpoint: the traced pass's first app line.
  const line = diagnosed.v.trace?.lines.find((l) => l.appFrame);
  const entry = diagnosed.v.attribution ? namedEntry(diagnosed.v.attribution) : null;
  r.diagnosed = `${entry?.path ?? 'no entry'} → ${line ? `${line.file}:${line.line} ${line.code}` : 'no app line'}`;
  return r;
}

export function attributionLines(r: AttributionBench): string[] {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const shares = [...r.shares].sort((a, b) => a - b);
  return [
    `attribution: ${r.label}: the leaking entry named in ${r.right} of ${r.runs} runs, another entry in ${r.wrong} [${r.right === r.runs && r.wrong === 0 ? 'PASS' : 'MISS'}, target ${r.runs} of ${r.runs}, none other]; its share ${pct(shares[0] ?? 0)}–${pct(shares[shares.length - 1] ?? 0)}; clear-cut without isolation in ${r.clearCut}, isolation run in ${r.isolated}; verdicts ${JSON.stringify(r.verdicts)}`,
    `attribution: ${r.label}: --diagnose took ${r.diagnoseSeconds} s against ${r.plainSeconds} s plain: +${Math.round((r.diagnoseSeconds - r.plainSeconds) * 10) / 10} s (×${(r.diagnoseSeconds / Math.max(0.1, r.plainSeconds)).toFixed(2)}); it named ${r.diagnosed}`,
  ];
}
