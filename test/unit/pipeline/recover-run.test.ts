// A run killed mid-variant leaves run.json saying `running`, the finished variants in it, and
// samples.csv possibly cut mid-line: `report` must still judge what was sampled.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { finalizeRun } from '../../../src/pipeline/finalize-run.ts';
import { interruptedVariant, recoveredRecord } from '../../../src/pipeline/recover-run.ts';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import type { Sample } from '../../../src/run-data/types.ts';
import { scratchDir } from '../../scratch.ts';

const COLLECTED = fileURLToPath(new URL('./fixtures/global-list-collected/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../analyze/fixtures/global-list-quick/', import.meta.url));
const collected = JSON.parse(readFileSync(join(COLLECTED, 'run.json'), 'utf8')) as RunRecord;

function sample(variant: string, pid: number, tMs: number, requests: number): Sample {
  return { tMs, variant, pid, slot: 0, requests, rss: 50e6, uss: null, pss: null };
}

/** The recorded run as a SIGKILL during `fixed` would leave it: `running`, only `leaky` recorded. */
function killedRunDir(cutLastLine: boolean): string {
  const dir = scratchDir('recover');
  for (const f of readdirSync(COLLECTED)) copyFileSync(join(COLLECTED, f), join(dir, f));
  copyFileSync(join(RECORDED, 'events.jsonl'), join(dir, 'events.jsonl'));
  const csv = readFileSync(join(RECORDED, 'samples.csv'), 'utf8')
    .split('\n')
    .filter((l) => !l.includes(',leaky-max-requests,'))
    .join('\n');
  writeFileSync(join(dir, 'samples.csv'), cutLastLine ? `${csv.trimEnd()}\n123,fixed,99999,0,12` : csv);
  const record: RunRecord = { ...collected, status: 'running', variants: collected.variants.filter((v) => v.name === 'leaky') };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  return dir;
}

test('a finished run is left exactly as it is', () => {
  const done: RunRecord = { ...collected, status: 'failed' };
  assert.equal(recoveredRecord(done, [sample('other', 1, 10, 5)], new Map()), done);
});

test('a `running` record becomes interrupted, and a sampled but unrecorded variant gets an interrupted record', () => {
  const running: RunRecord = { ...collected, status: 'running', variants: [collected.variants[0]!] };
  const samples = [sample('leaky', 1, 100, 10), sample('fixed', 7, 1000, 300), sample('fixed', 8, 2000, 200)];
  const plans = new Map([['fixed', { name: 'fixed', expect: 'flat' as const, gunicorn: { workers: 2 } }]]);
  const out = recoveredRecord(running, samples, plans);
  assert.equal(out.status, 'interrupted');
  assert.deepEqual(
    out.variants.map((v) => [v.name, v.status]),
    [
      ['leaky', collected.variants[0]!.status],
      ['fixed', 'interrupted'],
    ],
  );
  const fixed = out.variants[1]!;
  assert.equal(fixed.expected, 'flat', 'the expectation survives, so the summary still lists it');
  assert.deepEqual(fixed.gunicorn, { workers: 2 });
  assert.equal(fixed.requests, 500);
  assert.equal(fixed.requestsPerSecond, 250);
  assert.match(fixed.warnings?.[0] ?? '', /killed/);
});

test('an interrupted variant counts each worker by its highest counter, not its last row', () => {
  const v = interruptedVariant({ name: 'x', gunicorn: {} }, [
    sample('x', 1, 10, 50),
    sample('x', 1, 20, 40),
    sample('x', 2, 30, 7),
  ]);
  assert.equal(v.requests, 57);
  assert.equal(v.status, 'interrupted');
  assert.equal(interruptedVariant({ name: 'x', gunicorn: {} }, []).requestsPerSecond, 0);
});

test('a variant missing from the scenario is still recovered, under its own name', () => {
  const out = recoveredRecord({ ...collected, status: 'running', variants: [] }, [sample('gone', 1, 1000, 10)], new Map());
  assert.deepEqual(
    out.variants.map((v) => [v.name, v.status, v.requests]),
    [['gone', 'interrupted', 10]],
  );
});

test('report on a killed run: interrupted, the finished variant judged, the cut one judged from its samples', async () => {
  const { record, terminal } = await finalizeRun(killedRunDir(true));
  assert.equal(record.status, 'interrupted');
  const byName = new Map(record.variants.map((v) => [v.name, v]));
  assert.equal(byName.get('leaky')?.verdict, 'leak');
  const fixed = byName.get('fixed')!;
  assert.equal(fixed.status, 'interrupted');
  assert.equal(fixed.verdict, 'flat', 'the whole fixed variant was sampled before the kill');
  assert.equal(fixed.expectationMet, true);
  assert.ok(fixed.requests > 1000, `requests from the counters: ${fixed.requests}`);
  assert.match(terminal, /flat, interrupted/);
  assert.match(terminal, /Run interrupted\./);
  const onDisk = JSON.parse(readFileSync(join(killedRunDir(false), 'run.json'), 'utf8')) as RunRecord;
  assert.equal(onDisk.status, 'running', 'the fixture itself says running');
});

test('reporting a recovered run twice gives the same record', async () => {
  const dir = killedRunDir(false);
  const first = await finalizeRun(dir);
  const second = await finalizeRun(dir);
  assert.deepEqual(second.record, first.record);
});
