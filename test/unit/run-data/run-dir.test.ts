// Run directories are claimed atomically (mkdir of the final name, a suffix on EEXIST): runs
// started in the same millisecond used to share one in 29 of 30 trials. And a corrupt run.json
// is a DataError naming the file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DataError } from '../../../src/core/errors.ts';
import { createRunDir, makeRunId, readRunRecord } from '../../../src/run-data/run-dir.ts';
import { scratchDir } from '../../scratch.ts';

const CHILD = fileURLToPath(new URL('./create-run-dirs.ts', import.meta.url));
const RUN_ID = makeRunId('global-list', new Date('2026-11-26T07:15:02.123Z'));

test('the run id sorts by time and names the scenario', () => {
  assert.equal(RUN_ID, '20261126-071502-global-list');
});

test('the first run takes the id, the next ones a suffix; each gets its logs folder', () => {
  const root = join(scratchDir('run-dir'), 'results');
  const first = createRunDir(root, RUN_ID);
  const second = createRunDir(root, RUN_ID);
  assert.equal(first.dir, join(root, RUN_ID));
  assert.equal(second.dir, join(root, `${RUN_ID}-2`));
  assert.ok(existsSync(first.logsDir) && existsSync(second.logsDir));
});

test('a file in the way of a name is skipped like a directory', () => {
  const root = scratchDir('run-dir');
  writeFileSync(join(root, RUN_ID), 'not a run');
  assert.equal(createRunDir(root, RUN_ID).dir, join(root, `${RUN_ID}-2`));
});

test('an error other than EEXIST is not retried forever', () => {
  const root = scratchDir('run-dir');
  writeFileSync(join(root, 'file'), '');
  assert.throws(() => createRunDir(join(root, 'file'), RUN_ID), /EEXIST|ENOTDIR/);
});

test('30 starts at once in one process: 30 distinct directories', async () => {
  const root = join(scratchDir('run-dir'), 'results');
  const dirs = await Promise.all(Array.from({ length: 30 }, async () => createRunDir(root, RUN_ID).dir));
  assert.equal(new Set(dirs).size, 30);
  assert.equal(readdirSync(root).length, 30);
});

test('30 starts at once from 5 processes: 30 distinct directories', async () => {
  const root = join(scratchDir('run-dir'), 'results');
  mkdirSync(root);
  // A shared start time, so the processes race for the same names instead of taking turns.
  const startAt = Date.now() + 3000;
  const runs = Array.from({ length: 5 }, () =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, root, RUN_ID, String(startAt), '6']),
  );
  const dirs = (await Promise.all(runs)).flatMap((r) => r.stdout.trim().split('\n'));
  assert.equal(dirs.length, 30);
  assert.equal(new Set(dirs).size, 30, 'no directory handed to two runs');
  assert.deepEqual(readdirSync(root).sort(), dirs.map((d) => d.slice(root.length + 1)).sort());
});

test('a run.json that is not JSON is a DataError naming the file', () => {
  const dir = scratchDir('run-dir');
  writeFileSync(join(dir, 'run.json'), '{ "scenario": ');
  assert.throws(
    () => readRunRecord(dir),
    (err: Error) =>
      err instanceof DataError && err.exitCode === 2 && err.message.startsWith(`${join(dir, 'run.json')} is not valid JSON: `),
  );
});

test('JSON that is not a run record is refused as well', () => {
  const dir = scratchDir('run-dir');
  for (const text of ['[]', 'null', '{"scenario":"x"}', '{"variants":{}}']) {
    writeFileSync(join(dir, 'run.json'), text);
    assert.throws(() => readRunRecord(dir), /is not a leaklab run record \(no variants list\)/, text);
  }
  writeFileSync(join(dir, 'run.json'), '{"scenario":"x","variants":[]}');
  assert.deepEqual(readRunRecord(dir).variants, []);
});
