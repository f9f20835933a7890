// Loads recorded runs from test/unit/analyze/fixtures/<name>/ (layout: fixtures/README.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Thresholds } from '../../../src/analyze/types.ts';
import { readEvents } from '../../../src/run-data/events-jsonl.ts';
import { parseSamplesCsv } from '../../../src/run-data/samples-csv.ts';
import { type MemoryMetric, type Sample, VERDICTS, type Verdict, type WorkerEvent } from '../../../src/run-data/types.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface Fixture {
  name: string;
  samples: Sample[];
  events: WorkerEvent[];
  /** Variant name -> the verdict the analysis must reach. */
  expected: Record<string, Verdict>;
  thresholds: Partial<Thresholds>;
  metric: MemoryMetric;
}

interface ExpectedFile {
  variants?: Record<string, string>;
  thresholds?: Partial<Thresholds>;
  metric?: MemoryMetric;
}

export function loadFixtures(root = FIXTURES_DIR): Fixture[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'samples.csv')))
    .map((d) => loadFixture(join(root, d.name), d.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function loadFixture(dir: string, name: string): Fixture {
  const expectedFile = readJson<ExpectedFile>(join(dir, 'expected.json')) ?? {};
  const expected = expectedFile.variants ?? expectationsFromRunJson(dir);
  for (const [variant, verdict] of Object.entries(expected)) {
    if (!VERDICTS.includes(verdict as Verdict)) throw new Error(`${name}: ${variant} expects unknown verdict "${verdict}"`);
  }
  return {
    name,
    samples: parseSamplesCsv(readFileSync(join(dir, 'samples.csv'), 'utf8')),
    events: readEvents(join(dir, 'events.jsonl')),
    expected: expected as Record<string, Verdict>,
    thresholds: expectedFile.thresholds ?? {},
    metric: expectedFile.metric ?? 'rss',
  };
}

/** One variant's rows and events, as the pipeline hands them to analyzeVariant. */
export function variantData(f: Fixture, variant: string): { samples: Sample[]; events: WorkerEvent[] } {
  return { samples: f.samples.filter((s) => s.variant === variant), events: f.events.filter((e) => e.variant === variant) };
}

function expectationsFromRunJson(dir: string): Record<string, string> {
  const run = readJson<{ variants?: { name: string; expected?: string }[] }>(join(dir, 'run.json'));
  const out: Record<string, string> = {};
  for (const v of run?.variants ?? []) if (v.expected) out[v.name] = v.expected;
  return out;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}
