// samples.csv is checked before any verdict rests on it: a torn last line is dropped with a
// warning, every other damaged row is a DataError (exit 2) naming the file and the line.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../../src/core/errors.ts';
import { parseSamplesCsv, readSamplesCsv, SAMPLES_HEADER } from '../../../src/run-data/samples-csv.ts';
import { scratchDir } from '../../scratch.ts';

const ROWS = [
  '100,leaky,42,0,1500,45000000,30000000,33000000',
  '200,leaky,42,0,1800,45100000,,',
  '100,fixed,43,0,900,44000000,,',
];
const csv = (...rows: string[]) => `${SAMPLES_HEADER}\n${rows.map((r) => `${r}\n`).join('')}`;

function rejected(text: string): DataError {
  try {
    parseSamplesCsv(text, 'run/samples.csv');
  } catch (err) {
    assert.ok(err instanceof DataError, String(err));
    assert.equal(err.exitCode, 2);
    return err;
  }
  assert.fail('expected the file to be refused');
}

test('whole rows of two variants read back, each with its own clock', () => {
  const samples = parseSamplesCsv(csv(...ROWS));
  assert.deepEqual(
    samples.map((s) => [s.variant, s.tMs, s.pss]),
    [
      ['leaky', 100, 33_000_000],
      ['leaky', 200, null],
      ['fixed', 100, null],
    ],
  );
});

test('a torn last line is dropped with a warning naming the file and line', () => {
  const warnings: string[] = [];
  const text = `${csv(...ROWS)}300,fixed,43,0,12`;
  const samples = parseSamplesCsv(text, 'run/samples.csv', (w) => warnings.push(w));
  assert.equal(samples.length, 3, 'the complete rows are kept');
  assert.deepEqual(warnings, ['run/samples.csv:5: the last line is cut short (no newline): dropped']);
});

test('a torn last line that looks whole is dropped too: a number may have lost digits', () => {
  const warnings: string[] = [];
  const samples = parseSamplesCsv(`${SAMPLES_HEADER}\n${ROWS[0]}\n${ROWS[1]}`, 'f.csv', (w) => warnings.push(w));
  assert.equal(samples.length, 1);
  assert.equal(warnings.length, 1);
});

test('a file cut in the header is not a samples.csv', () => {
  const err = rejected('t_ms,variant,pi');
  assert.match(err.message, /^run\/samples\.csv:1: not a leaklab samples\.csv/);
});

test('two rows joined are refused, not read as a time in the PSS column', () => {
  const joined = `${ROWS[0]}${ROWS[1]}`;
  const err = rejected(csv(ROWS[0] ?? '', joined));
  assert.match(err.message, /run\/samples\.csv is damaged: 1 bad row/);
  assert.deepEqual(err.details, ['run/samples.csv:3: 15 fields, expected 8 (t_ms,variant,pid,slot,requests,rss,uss,pss)']);
});

test('too few fields, text for a number, an empty variant and a negative value name their line and column', () => {
  const err = rejected(
    csv(
      '100,leaky,42,0,1500',
      '100,leaky,42,0,lots,45000000,,',
      ',leaky,42,0,1,1,,',
      '100,,42,0,1,1,,',
      '100,leaky,-1,0,1,1,,',
      '100,leaky,1,0,1,1,x,',
    ),
  );
  assert.deepEqual(err.details, [
    'run/samples.csv:2: 5 fields, expected 8 (t_ms,variant,pid,slot,requests,rss,uss,pss)',
    'run/samples.csv:3: requests: "lots" is not a number',
    'run/samples.csv:4: t_ms: "" is not a number',
    'run/samples.csv:5: variant: empty',
    'run/samples.csv:6: pid: "-1" is not a number',
    'run/samples.csv:7: uss: "x" is not a number',
  ]);
});

test('time going back within a variant is refused; another variant starting again at 0 is not', () => {
  const err = rejected(csv(ROWS[0] ?? '', '50,leaky,42,0,1600,45000000,,'));
  assert.deepEqual(err.details, ['run/samples.csv:3: t_ms goes back from 100 to 50 in variant leaky']);
  assert.equal(parseSamplesCsv(csv(ROWS[0] ?? '', '0,fixed,43,0,0,1,,')).length, 2);
  assert.equal(parseSamplesCsv(csv(ROWS[0] ?? '', ROWS[0] ?? '')).length, 2, 'equal times (two workers in one tick) are fine');
});

test('a flood of bad rows is reported as 50 lines and a count', () => {
  const err = rejected(csv(...Array.from({ length: 500 }, () => 'x')));
  assert.equal(err.details.length, 51);
  assert.equal(err.details.at(-1), '… and 450 more problems');
});

test('readSamplesCsv names the real file and passes warnings on', () => {
  const file = join(scratchDir('csv-checks'), 'samples.csv');
  writeFileSync(file, `${csv(...ROWS)}99`);
  const warnings: string[] = [];
  assert.equal(readSamplesCsv(file, (w) => warnings.push(w)).length, 3);
  assert.match(warnings[0] ?? '', new RegExp(`^${file}:5: `));
  writeFileSync(file, csv('1,a,1,1,1,1,1'));
  assert.throws(
    () => readSamplesCsv(file),
    (err: Error) => err instanceof DataError && err.details[0]?.startsWith(`${file}:2: `) === true,
  );
});
