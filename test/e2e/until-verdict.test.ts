// Run until decided, end to end: the real command line, real Gunicorn workers, the sample app.
// The leaky variant of global-list must stop on its verdict well before its 20 s cap.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

test('global-list --until-verdict --variant leaky: stopped by its verdict, leak, well before the cap', async (t) => {
  const out = scratchDir('e2e-until');
  const r = await leaklab(['run', 'global-list', '--until-verdict', '--variant', 'leaky', '--out', out], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  const leaky = run.variants[0]!;
  assert.equal(leaky.verdict, 'leak');
  assert.equal(leaky.until?.stoppedBy, 'verdict', JSON.stringify(leaky.until));
  assert.equal(leaky.until?.liveVerdict, 'leak');
  assert.equal(leaky.until?.capMs, 20_000);
  const stormMs = leaky.load!.durationMs;
  // The issue asks for a decision within 10 s of load (about 7 s on an idle machine); the
  // decision needs requests, not seconds, so a machine busy with other work gets 15 s here.
  t.diagnostic(`storm ${Math.round(stormMs)} ms, ${leaky.requests} requests, decided after ${leaky.until?.decidedAfterMs} ms`);
  assert.ok(stormMs < 15_000, `storm ran ${stormMs} ms`);
  assert.ok(stormMs < leaky.until!.capMs!, 'shorter than the cap');
  assert.ok(leaky.until!.decidedAfterMs! <= stormMs + 1000, `decided at ${leaky.until!.decidedAfterMs} ms`);
  assert.match(r.stdout, /Run until decided: the live verdict leak \(\d+ %\) was decided after [\d.]+ s of load/);
  assert.match(r.stderr, /until decided \(at most 20s\)/);
  assert.deepEqual(leftoverGunicorns(out), []);
});
