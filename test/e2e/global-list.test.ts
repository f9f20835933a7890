// The main job, end to end: the real command line, real Gunicorn workers, the real sample app.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';
import { scratchDir } from '../scratch.ts';

const out = scratchDir('e2e');

test('global-list --quick: leaky leaks, fixed is flat, max_requests makes a sawtooth', async () => {
  const r = await leaklab(['run', 'global-list', '--quick', '--out', out]);
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const latest = join(out, 'latest');
  const run = JSON.parse(readFileSync(join(latest, 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'complete');
  const byName = Object.fromEntries(run.variants.map((v) => [v.name, v]));
  assert.equal(byName.leaky?.verdict, 'leak');
  assert.ok((byName.leaky?.slopeBytesPerRequest ?? 0) > 1024, `leaky slope ${byName.leaky?.slopeBytesPerRequest}`);
  assert.equal(byName.fixed?.verdict, 'flat');
  assert.equal(byName['leaky-max-requests']?.verdict, 'sawtooth');
  assert.ok((byName['leaky-max-requests']?.workerRestarts ?? 0) >= 2);
  for (const v of run.variants) {
    assert.equal(v.expectationMet, true, `${v.name}: expected ${v.expected}, got ${v.verdict}`);
    assert.ok(v.requests > 1000 && v.errors <= v.requests * 0.01, `${v.name}: ${v.requests} requests, ${v.errors} errors`);
  }
  for (const f of ['samples.csv', 'summary.md', 'leak-curves.svg', 'leak-curves.png', 'report.html', 'events.jsonl']) {
    assert.ok(existsSync(join(latest, f)) && statSync(join(latest, f)).size > 0, `${f} written`);
  }
  assert.match(readlinkSync(latest), /global-list/);
  const csv = readFileSync(join(latest, 'samples.csv'), 'utf8').split('\n');
  assert.equal(csv[0], 't_ms,variant,pid,slot,requests,rss,uss,pss');
  assert.ok(csv.length > 100, `${csv.length} sample rows`);
  assert.match(r.stdout, /leaky/);
  assert.deepEqual(leftoverGunicorns(out), []);
});

test('report re-renders a run from its saved data', async () => {
  const dir = join(out, 'latest');
  const before = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 0, r.stderr);
  const after = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
  assert.deepEqual(after.variants.map((v) => v.verdict), before.variants.map((v) => v.verdict));
  assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /leaky-max-requests/);
});
