import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSamplesCsv, readSamplesCsv, SAMPLES_HEADER, SamplesWriter } from '../../../src/run-data/samples-csv.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { scratchDir } from '../../scratch.ts';

const a: Sample = {
  tMs: 100,
  variant: 'leaky',
  pid: 42,
  slot: 0,
  requests: 1500,
  rss: 45_000_000,
  uss: 30_000_000,
  pss: 33_000_000,
};
const b: Sample = { ...a, tMs: 200, requests: 1800, rss: 45_100_000, uss: null, pss: null };

test('rows stream to disk and read back exactly, nulls included', async () => {
  const file = join(scratchDir('csv'), 'samples.csv');
  const writer = new SamplesWriter(file);
  writer.write(a);
  writer.write(b);
  await writer.close();
  const text = readFileSync(file, 'utf8');
  assert.equal(text.split('\n')[0], SAMPLES_HEADER);
  assert.equal(text.split('\n')[2], '200,leaky,42,0,1800,45100000,,');
  assert.deepEqual(readSamplesCsv(file), [a, b]);
});

test('a file that is not a samples.csv is refused', () => {
  assert.throws(() => parseSamplesCsv('a,b,c\n1,2,3\n'), /not a leaklab samples.csv/);
});
