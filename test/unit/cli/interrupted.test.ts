// Ctrl-C before anything ran (the io's signal already aborted): exit 130, and what was started
// is still written down, for `run` and for `demo`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab } from './cli-harness.ts';
import { appThatNeverStarts } from './stand-in-app.ts';

function aborted(): AbortSignal {
  const c = new AbortController();
  c.abort();
  return c.signal;
}

test('run interrupted before its first variant: exit 130, run.json says interrupted, Gunicorn never started', async () => {
  const { dir, file, python } = appThatNeverStarts();
  const out = join(dir, 'results');
  const r = await leaklab(['run', file, '--out', out], { signal: aborted() });
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stdout, /Run interrupted\./);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'interrupted');
  assert.deepEqual(run.variants, []);
  const calls = existsSync(`${python}.calls`) ? readFileSync(`${python}.calls`, 'utf8') : '';
  assert.doesNotMatch(calls, /-m gunicorn/);
});

test('demo interrupted before its first scenario: exit 130 and an index page all the same', async () => {
  const out = join(scratchDir('cli-demo'), 'results');
  const r = await leaklab(['demo', '--out', out], { signal: aborted() });
  assert.equal(r.code, 130, r.stderr);
  const [indexDir, ...rest] = readdirSync(out);
  assert.deepEqual(rest, []);
  assert.match(indexDir ?? '', /^demo-\d{8}T\d{6}$/);
  const index = join(out, indexDir ?? '', 'index.html');
  assert.match(r.stdout, new RegExp(`demo index: ${index}`));
  assert.match(readFileSync(index, 'utf8'), /<html/);
  assert.doesNotMatch(r.stderr, /== 1\//, 'no scenario started');
});
