// A full disk is one line naming the file, exit 3; /dev/full gives a real ENOSPC.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { EnvironmentError, ExitCode } from '../../../src/core/errors.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { asWriteFailure, WriteFailedError } from '../../../src/core/write-error.ts';
import { SamplesWriter } from '../../../src/run-data/samples-csv.ts';

function enospc(): unknown {
  try {
    writeFileSync('/dev/full', 'x');
  } catch (err) {
    return err;
  }
  throw new Error('/dev/full took a write');
}

test('a real ENOSPC becomes "disk full writing <file>", relative to the base, exit 3', () => {
  const err = enospc();
  assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  const failure = asWriteFailure(err, '/work', '/work/results/r/samples.csv');
  assert.ok(failure instanceof WriteFailedError && failure instanceof EnvironmentError);
  assert.equal(failure.message, 'disk full writing results/r/samples.csv');
  assert.equal(failure.exitCode, ExitCode.environment);
  assert.equal(failure.hint, undefined, 'one line');
});

test('each storage failure has its words; other errors are not write failures', () => {
  const mk = (code: string, path?: string) => Object.assign(new Error(code), { code, ...(path ? { path } : {}) });
  assert.equal(asWriteFailure(mk('EIO', '/a/b'))?.message, 'I/O error writing /a/b');
  assert.equal(asWriteFailure(mk('EDQUOT'), '/a', '/a/run.json')?.message, 'disk quota exceeded writing run.json');
  assert.equal(asWriteFailure(mk('EROFS'))?.message, 'read-only file system writing the results');
  assert.equal(asWriteFailure(mk('ENOENT', '/x')), null);
  assert.equal(asWriteFailure(new Error('boom')), null);
  assert.equal(asWriteFailure(null), null);
  const already = new WriteFailedError('disk full writing x');
  assert.equal(asWriteFailure(already), already, 'passed through');
});

test('SamplesWriter on a full disk: onError hears it once, later rows are dropped, close() rejects', async () => {
  const heard: unknown[] = [];
  const w = new SamplesWriter('/dev/full', (err) => heard.push(err));
  const row = { tMs: 1, variant: 'v', pid: 1, slot: 0, requests: 1, rss: 1, uss: null, pss: null };
  for (let i = 0; i < 10; i++) w.write(row);
  assert.equal(await pollUntil(() => heard.length > 0, { timeoutMs: 5000, intervalMs: 10 }), 'ready');
  assert.equal(heard.length, 1);
  assert.equal((heard[0] as NodeJS.ErrnoException).code, 'ENOSPC');
  w.write(row);
  await assert.rejects(w.close(), /ENOSPC/);
});
