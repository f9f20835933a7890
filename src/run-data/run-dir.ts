// The layout of a run directory, in one place: collection writes these paths, and
// `leaklab report` / `leaklab compare` read them back.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { DataError } from '../core/errors.ts';
import type { RunRecord } from './run-record.ts';

export interface RunPaths {
  dir: string;
  runJson: string;
  samplesCsv: string;
  /** Per-entry request counts of each sample (mixes of several entries only). */
  entryCountsCsv: string;
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
    entryCountsCsv: join(dir, 'entry-counts.csv'),
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

/**
 * Creates a fresh run directory under `root`, never reusing one. The final name is claimed by a
 * plain mkdir (EEXIST: try the next suffix): checking first and creating after let two runs
 * started in the same millisecond share a directory.
 */
export function createRunDir(root: string, runId: string): RunPaths {
  mkdirSync(root, { recursive: true });
  for (let i = 1; ; i++) {
    const dir = join(root, i === 1 ? runId : `${runId}-${i}`);
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    const paths = runPaths(dir);
    mkdirSync(paths.logsDir);
    return paths;
  }
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

/** run.json, parsed; a corrupt one is a DataError naming the file (exit 2), not an "unexpected error". */
export function readRunRecord(dir: string): RunRecord {
  const file = runPaths(dir).runJson;
  const text = readFileSync(file, 'utf8');
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    throw new DataError(`${file} is not valid JSON: ${(err as Error).message}`, {
      hint: 'the run record is damaged; run the scenario again',
    });
  }
  if (typeof record !== 'object' || record === null || !Array.isArray((record as RunRecord).variants)) {
    throw new DataError(`${file} is not a leaklab run record (no variants list)`);
  }
  return record as RunRecord;
}
