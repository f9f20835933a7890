// How good the verdicts are on the real app: how soon a leak is called a leak, and how often a
// non-leaking variant is wrongly called one. Time-to-verdict re-analyses the first T seconds of
// one long run (the same data a T-second run would have), so one run gives the whole curve.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeVariant } from '../src/analyze/analyze-variant.ts';
import { median } from '../src/analyze/robust-stats.ts';
import { DEFAULT_THRESHOLDS } from '../src/analyze/thresholds.ts';
import { warmupFloorRequests } from '../src/pipeline/build-record.ts';
import { readEvents } from '../src/run-data/events-jsonl.ts';
import type { RunRecord } from '../src/run-data/run-record.ts';
import { readSamplesCsv } from '../src/run-data/samples-csv.ts';
import { isWebSample, type Verdict } from '../src/run-data/types.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { PlanOverrides } from '../src/scenario/plan.ts';
import { quietRun } from './quiet-run.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));
const EVIDENCE = fileURLToPath(new URL('../results/bench-evidence/', import.meta.url));
const log = (line: string) => console.error(line);

export interface TimeToVerdict {
  scenario: string;
  variant: string;
  /** Seconds of load after which the verdict was `leak` and stayed so; null if never. */
  leakAfterSeconds: number | null;
  requestsPerWorkerAtLeak: number | null;
  /** The verdict and slope at each checkpoint. */
  checkpoints: { seconds: number; verdict: Verdict; slope: number; low: number; high: number; confidence: number }[];
}

export interface FalseVerdicts {
  scenario: string;
  variant: string;
  runs: number;
  verdicts: Record<string, number>;
  falseLeaks: number;
  /** Run folders of the runs whose verdict was not the expected one, kept under results/. */
  evidence: string[];
}

async function runOnce(scenario: string, overrides: PlanOverrides): Promise<{ record: RunRecord; dir: string; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'leaklab-bench-v-'));
  const loaded = loadScenarioFile(join(SCENARIOS, `${scenario}.yaml`));
  const result = await quietRun(loaded, overrides, root);
  return { record: result.record, dir: result.paths.dir, root };
}

export async function benchTimeToVerdict(
  scenario: string,
  variant: string,
  seconds: number,
  stepSeconds: number,
): Promise<TimeToVerdict> {
  log(`verdicts: ${scenario}/${variant}, one ${seconds}s run, re-analysed every ${stepSeconds}s`);
  const { dir, root } = await runOnce(scenario, { variants: [variant], durationMs: seconds * 1000 });
  try {
    const samples = readSamplesCsv(join(dir, 'samples.csv')).filter(isWebSample);
    const events = readEvents(join(dir, 'events.jsonl'));
    const warmupMs = loadScenarioFile(join(SCENARIOS, `${scenario}.yaml`)).scenario.load.warmup;
    const checkpoints: TimeToVerdict['checkpoints'] = [];
    let leakAfter: number | null = null;
    let requestsAtLeak: number | null = null;
    for (let t = stepSeconds; t <= seconds + 1e-9; t += stepSeconds) {
      const upTo = samples.filter((s) => s.tMs <= t * 1000);
      const floor = warmupFloorRequests(upTo, warmupMs) ?? 0;
      const a = analyzeVariant(
        upTo,
        events.filter((e) => e.tMs <= t * 1000),
        {
          thresholds: { minWarmupRequests: Math.max(DEFAULT_THRESHOLDS.minWarmupRequests, floor) },
        },
      );
      checkpoints.push({
        seconds: t,
        verdict: a.verdict,
        slope: a.slope.bytesPerRequest,
        low: a.slope.low,
        high: a.slope.high,
        confidence: a.confidence,
      });
      if (a.verdict === 'leak' && leakAfter === null) {
        leakAfter = t;
        requestsAtLeak = Math.round(median(a.workers.map((w) => w.requests)));
      } else if (a.verdict !== 'leak') {
        leakAfter = null; // "judged leak after T" means from T on, not a lucky early call.
        requestsAtLeak = null;
      }
    }
    return { scenario, variant, leakAfterSeconds: leakAfter, requestsPerWorkerAtLeak: requestsAtLeak, checkpoints };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchFalseVerdicts(
  scenario: string,
  variant: string,
  runs: number,
  expected: Verdict,
): Promise<FalseVerdicts> {
  const verdicts: Record<string, number> = {};
  const evidence: string[] = [];
  for (let i = 0; i < runs; i++) {
    const { record, dir, root } = await runOnce(scenario, { variants: [variant], quick: true });
    const v = record.variants[0]?.verdict ?? 'failed';
    verdicts[v] = (verdicts[v] ?? 0) + 1;
    log(`verdicts: ${scenario}/${variant} run ${i + 1}/${runs}: ${v}`);
    if (v !== expected) {
      // A wrong verdict is kept, so the data behind it can be looked at (leaklab report <dir>).
      const keep = join(EVIDENCE, basename(dir));
      mkdirSync(EVIDENCE, { recursive: true });
      renameSync(dir, keep);
      evidence.push(keep);
    }
    rmSync(root, { recursive: true, force: true });
  }
  return { scenario, variant, runs, verdicts, falseLeaks: expected === 'leak' ? 0 : (verdicts.leak ?? 0), evidence };
}
