// What a user sees when they get something wrong, and when they press Ctrl-C.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

test('an unknown scenario exits 2 and names the known ones', async () => {
  const r = await leaklab(['run', 'no-such-leak']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown scenario "no-such-leak"/);
  assert.match(r.stderr, /global-list/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --verbose');
});

test('list shows every scenario with its variants, and what a variant needs beyond the venv', async () => {
  const r = await leaklab(['list']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^global-list +A module-level list/m);
  assert.match(r.stdout, /leaky→leak, fixed→flat, leaky-max-requests→sawtooth/);
  assert.match(r.stdout, /ttl-redis→flat \[redis\]/);
  assert.match(r.stdout, /whole-queryset-postgres→flat \[postgres\]/);
  assert.match(r.stdout, /container-memory-limit→leak \[docker\]/);
});

test('an unknown flag exits 2', async () => {
  const r = await leaklab(['run', 'global-list', '--colour']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--colour'/);
});

test('an invalid scenario file exits 2 naming file, line and field, and writes nothing', async () => {
  const dir = scratchDir('bad');
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    'name: bad\ntitle: t\nclaim: c\nload:\n  duration: 5s\n  mix: [{ path: nope }]\nvariants:\n  - name: a\n    expect: leaking\n',
  );
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`${file}:6: load\\.mix\\.0\\.path: a path starts with "/"`));
  assert.match(r.stderr, new RegExp(`${file}:9: variants\\.0\\.expect: `));
  assert.ok(!existsSync(join(dir, 'results')), 'no results folder for bad input');
});

test('an unknown variant exits 2 and lists the variants', async () => {
  const r = await leaklab(['run', 'global-list', '--variant', 'leaky,nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no variant "nope"/);
  assert.match(r.stderr, /leaky, fixed, leaky-max-requests/);
});

test('Ctrl-C stops Gunicorn, keeps the data and exits 130', async () => {
  const out = scratchDir('int');
  const r = await leaklab(['run', 'global-list', '--variant', 'leaky', '--duration', '60s', '--out', out], {
    interruptAfterMs: 6000,
  });
  assert.equal(r.code, 130, r.stderr);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'interrupted');
  assert.ok(readFileSync(join(out, 'latest', 'samples.csv'), 'utf8').split('\n').length > 3, 'samples kept');
  assert.deepEqual(leftoverGunicorns(out), []);
});
