import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../../src/core/errors.ts';
import { EntryCountsWriter, parseEntryCountsCsv, readEntryCounts, sampleKey } from '../../../src/run-data/entry-counts-csv.ts';
import type { Sample } from '../../../src/run-data/types.ts';

const sample = (tMs: number, entries?: number[]): Sample => ({
  tMs,
  variant: 'v',
  pid: 7,
  slot: 0,
  requests: 3,
  rss: 100,
  uss: null,
  pss: null,
  ...(entries ? { entries } : {}),
});

test('written only for samples that carry counts, read back onto the same samples', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-entry-counts-'));
  const file = join(dir, 'entry-counts.csv');
  const w = new EntryCountsWriter(file);
  w.write(sample(0));
  w.write(sample(100, [1, 2]));
  await w.close();
  assert.equal(readFileSync(file, 'utf8'), 't_ms,variant,pid,counts\n100,v,7,1 2\n');
  const back = readEntryCounts(file, [sample(0), sample(100)]);
  assert.equal(back[0]!.entries, undefined);
  assert.deepEqual(back[1]!.entries, [1, 2]);
});

test('no file (a single-entry mix, or a run from before): the samples as they were', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-entry-counts-'));
  const w = new EntryCountsWriter(join(dir, 'entry-counts.csv'));
  w.write(sample(0));
  await w.close();
  const samples = [sample(0)];
  assert.equal(readEntryCounts(join(dir, 'entry-counts.csv'), samples), samples);
});

test('a damaged row is a DataError naming the file and line; a torn last line is dropped with a warning', () => {
  assert.throws(
    () => parseEntryCountsCsv('t_ms,variant,pid,counts\n1,v,7,1 x\n', 'e.csv'),
    (e: unknown) => e instanceof DataError && /e\.csv is damaged/.test(e.message) && e.details[0]!.startsWith('e.csv:2:'),
  );
  assert.throws(() => parseEntryCountsCsv('t,v\n', 'e.csv'), /not a leaklab entry-counts\.csv/);
  const warnings: string[] = [];
  const m = parseEntryCountsCsv('t_ms,variant,pid,counts\n1,v,7,1 2\n2,v,7,3', 'e.csv', (l) => warnings.push(l));
  assert.deepEqual(m.get(sampleKey({ variant: 'v', pid: 7, tMs: 1 })), [1, 2]);
  assert.equal(m.size, 1);
  assert.match(warnings[0]!, /e\.csv:3: the last line is cut short/);
});
