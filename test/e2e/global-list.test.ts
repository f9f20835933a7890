// The main job, end to end: the real command line, real Gunicorn workers, the real sample app.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

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

// Its own run, not the one above: a test must not depend on files another test wrote.
test('report re-renders a run from its saved data: deleted and damaged outputs come back as the run wrote them', async () => {
  const own = scratchDir('e2e-report');
  // A fixed number of requests, and exit 1 allowed: what is checked is the re-render, not the
  // verdict, which a machine busy with other work can leave at "not enough data".
  const r = await leaklab(['run', 'global-list', '--variant', 'leaky', '--requests', '6000', '--out', own]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const dir = join(own, 'latest');
  const outputs = ['run.json', 'summary.md', 'report.html', 'leak-curves.png', 'leak-curves.svg'];
  const written = Object.fromEntries(outputs.map((f) => [f, readFileSync(join(dir, f))]));

  rmSync(join(dir, 'summary.md'));
  rmSync(join(dir, 'report.html'));
  rmSync(join(dir, 'leak-curves.png'));
  writeFileSync(join(dir, 'leak-curves.svg'), '<svg/>');
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'complete');
  const verdict = run.variants[0]?.verdict;
  assert.ok(verdict, 'the run judged leaky');
  // run.json with a wrong verdict and no analysis: report must judge again from samples.csv.
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      ...run,
      variants: run.variants.map(({ analysis: _, ...v }) => ({
        ...v,
        verdict: verdict === 'flat' ? 'leak' : 'flat',
        slopeBytesPerRequest: 0,
      })),
    }),
  );

  const again = await leaklab(['report', dir]);
  assert.equal(again.code, r.code, `report exits as the run did\n${again.stderr}`);
  assert.match(again.stdout, new RegExp(`^leaky +${verdict} `, 'm'));
  assert.match(again.stdout, /report +.*report\.html/);
  for (const f of outputs) {
    assert.ok(existsSync(join(dir, f)), `${f} written again`);
    assert.ok(readFileSync(join(dir, f)).equals(written[f]!), `${f} is what the run wrote`);
  }
  assert.deepEqual(leftoverGunicorns(own), []);
});
