// The layout of a run directory, in one place: collection writes these paths, and
// `leaklab report` / `leaklab compare` read them back.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { RunRecord } from './run-record.ts';

export interface RunPaths {
  dir: string;
  runJson: string;
  samplesCsv: string;
  eventsJsonl: string;
  summaryMd: string;
  chartSvg: string;
  chartPng: string;
  reportHtml: string;
  scenarioYaml: string;
  logsDir: string;
}

export function runPaths(dir: string): RunPaths {
  return {
    dir,
    runJson: join(dir, 'run.json'),
    samplesCsv: join(dir, 'samples.csv'),
    eventsJsonl: join(dir, 'events.jsonl'),
    summaryMd: join(dir, 'summary.md'),
    chartSvg: join(dir, 'leak-curves.svg'),
    chartPng: join(dir, 'leak-curves.png'),
    reportHtml: join(dir, 'report.html'),
    scenarioYaml: join(dir, 'scenario.yaml'),
    logsDir: join(dir, 'logs'),
  };
}

/** A run id that sorts by time and says what ran: 20261126-071502-global-list. */
export function makeRunId(scenario: string, at: Date): string {
  const iso = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${iso}-${scenario}`;
}

/** Creates a fresh run directory under `root` (never reusing one: a suffix is added if needed). */
export function createRunDir(root: string, runId: string): RunPaths {
  mkdirSync(root, { recursive: true });
  let dir = join(root, runId);
  for (let i = 2; existsSync(dir); i++) dir = join(root, `${runId}-${i}`);
  const paths = runPaths(dir);
  mkdirSync(paths.logsDir, { recursive: true });
  return paths;
}

/** Points `<root>/latest` at the run, replacing the old link atomically. */
export function pointLatest(runDir: string): void {
  const link = join(dirname(runDir), 'latest');
  const tmp = `${link}.${randomUUID()}.tmp`;
  rmSync(tmp, { force: true });
  symlinkSync(relative(dirname(link), runDir) || basename(runDir), tmp);
  renameSync(tmp, link);
}

/** Writes a file through a temporary name, so a reader never sees half of it. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function writeRunRecord(paths: RunPaths, record: RunRecord): void {
  writeFileAtomic(paths.runJson, `${JSON.stringify(record, null, 2)}\n`);
}

export function readRunRecord(dir: string): RunRecord {
  const file = runPaths(dir).runJson;
  return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
}
