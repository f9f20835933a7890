// samples.csv's role column: only a run with a Celery worker has it; files without it (every
// other run, every run before it) read as web workers, and a bad role is refused by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../../src/core/errors.ts';
import {
  parseSamplesCsv,
  readSamplesCsv,
  SAMPLES_HEADER,
  SAMPLES_HEADER_WITH_ROLE,
  SamplesWriter,
} from '../../../src/run-data/samples-csv.ts';
import { isWebSample, type Sample } from '../../../src/run-data/types.ts';
import { scratchDir } from '../../scratch.ts';

const web: Sample = { tMs: 100, variant: 'celery', pid: 42, slot: 0, requests: 10, rss: 50_000_000, uss: null, pss: null };
const pool: Sample = { ...web, pid: 77, slot: 1, requests: 3, rss: 70_000_000, role: 'celery' };

test('a run with a Celery worker writes the role last and reads it back', async () => {
  const file = join(scratchDir('csv-role'), 'samples.csv');
  const writer = new SamplesWriter(file, undefined, true);
  writer.write(web);
  writer.write(pool);
  await writer.close();
  const lines = readFileSync(file, 'utf8').split('\n');
  assert.equal(lines[0], SAMPLES_HEADER_WITH_ROLE);
  assert.equal(lines[0], 't_ms,variant,pid,slot,requests,rss,uss,pss,role', 'the first eight columns stay where they were');
  assert.equal(lines[1], '100,celery,42,0,10,50000000,,,web');
  assert.equal(lines[2], '100,celery,77,1,3,70000000,,,celery');
  const back = readSamplesCsv(file);
  assert.deepEqual(back, [web, pool]);
  assert.deepEqual(back.map(isWebSample), [true, false]);
});

test('a run without one keeps the eight columns older readers know', async () => {
  const file = join(scratchDir('csv-role'), 'samples.csv');
  const writer = new SamplesWriter(file);
  writer.write(web);
  await writer.close();
  assert.deepEqual(readFileSync(file, 'utf8').split('\n').slice(0, 2), [SAMPLES_HEADER, '100,celery,42,0,10,50000000,,']);
});

test('a samples.csv without the column is all web workers', () => {
  const [s] = parseSamplesCsv(`${SAMPLES_HEADER}\n1,fixed,5,0,9,1000,,\n`);
  assert.equal(s?.role, undefined);
  assert.ok(s && isWebSample(s));
});

test('a role that is neither web nor celery, or a row missing it, is refused with file and line', () => {
  const text = `${SAMPLES_HEADER_WITH_ROLE}\n1,v,5,0,9,1000,,,web\n2,v,5,0,9,1000,,,rq\n3,v,5,0,9,1000,,\n`;
  assert.throws(
    () => parseSamplesCsv(text, 'run/samples.csv'),
    (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.deepEqual(err.details, [
        'run/samples.csv:3: role: "rq" is not web or celery',
        'run/samples.csv:4: 8 fields, expected 9 (t_ms,variant,pid,slot,requests,rss,uss,pss,role)',
      ]);
      return true;
    },
  );
});
