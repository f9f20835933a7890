// The running verdict re-run on a recorded run (global-list --quick), for its replay.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runningVerdicts } from '../../../src/pipeline/replay-verdicts.ts';
import { parseEvents } from '../../../src/run-data/events-jsonl.ts';
import { parseSamplesCsv } from '../../../src/run-data/samples-csv.ts';

const DIR = fileURLToPath(new URL('../analyze/fixtures/global-list-quick/', import.meta.url));
const samples = parseSamplesCsv(readFileSync(`${DIR}samples.csv`, 'utf8'));
const events = parseEvents(readFileSync(`${DIR}events.jsonl`, 'utf8'), 'events.jsonl');
const plan = (name: string) => ({ name, thresholds: {}, warmupMs: 2000 });

test('the live judge on saved data: evaluations after warm-up, on the 500 ms clock, ending on the right verdict', () => {
  for (const [name, verdict] of [
    ['leaky', 'leak'],
    ['fixed', 'flat'],
    ['leaky-max-requests', 'sawtooth'],
  ] as const) {
    const timeline = runningVerdicts(samples, events, plan(name));
    assert.ok(timeline.length >= 2, `${name}: ${timeline.length} evaluations`);
    assert.ok(timeline[0]!.tMs > 2000, `${name}: none during warm-up`);
    for (const [i, t] of timeline.entries()) {
      assert.ok(i === 0 || t.tMs > timeline[i - 1]!.tMs, 'in time order');
    }
    assert.equal(timeline.at(-1)?.status.verdict, verdict, `${name}: ${JSON.stringify(timeline.at(-1))}`);
  }
  assert.deepEqual(runningVerdicts(samples, events, plan('no-such-variant')), []);
});
