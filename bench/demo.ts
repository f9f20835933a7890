// The quick demo as its users run it (`leaklab demo`, the real CLI), several times: how long each
// took against the 6 minutes, and how many expectations held, counted from the run.json
// files the demo wrote (not from its printed lines), with the variants that missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunRecord, runPaths } from '../src/run-data/run-dir.ts';

const CLI = fileURLToPath(new URL('../bin/leaklab.js', import.meta.url));

export interface DemoRun {
  seconds: number;
  exitCode: number | null;
  held: number;
  expected: number;
  /** scenario/variant: expected → got, for each expectation that failed. */
  missed: string[];
}

export function benchDemo(opts: { runs: number; log: (line: string) => void }): DemoRun[] {
  const runs: DemoRun[] = [];
  for (let i = 0; i < opts.runs; i += 1) {
    const out = mkdtempSync(join(tmpdir(), 'leaklab-bench-demo-'));
    try {
      const started = performance.now();
      const r = spawnSync(process.execPath, [CLI, 'demo', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const run = { seconds, exitCode: r.status, ...demoExpectations(out) };
      runs.push(run);
      opts.log(`demo: run ${i + 1}/${opts.runs}: ${demoLine(run)}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return runs;
}

export function demoExpectations(out: string): Pick<DemoRun, 'held' | 'expected' | 'missed'> {
  let held = 0;
  let expected = 0;
  const missed: string[] = [];
  // Each scenario's run folder (not the demo's own index folder, nor the `latest` link). A run
  // folder without run.json is a run that never finished: its expectations count as missed.
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('demo-')) continue;
    const dir = join(out, entry.name);
    if (!existsSync(runPaths(dir).runJson)) {
      missed.push(`${entry.name}: no run.json`);
      continue;
    }
    const record = readRunRecord(dir);
    for (const v of record.variants) {
      if (!v.expected) continue;
      expected += 1;
      if (v.expectationMet) held += 1;
      else missed.push(`${record.scenario}/${v.name}: expected ${v.expected}, got ${v.verdict ?? v.status}`);
    }
  }
  return { held, expected, missed };
}

export function demoLine(r: DemoRun): string {
  const missed = r.missed.length ? `; missed ${r.missed.join(', ')}` : '';
  return `${r.seconds} s [${r.seconds <= 360 ? 'PASS' : 'MISS'} <= 360 s], ${r.held} of ${r.expected} expectations held [${r.held === r.expected && r.expected > 0 && r.missed.length === 0 ? 'PASS' : 'MISS'}], exit ${r.exitCode}${missed}`;
}
