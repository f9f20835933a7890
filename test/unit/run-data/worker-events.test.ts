import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeEvents, parseRawEvents } from '../../../src/run-data/worker-events.ts';

const origin = 1_000_000_000_000; // epoch ms
const at = (ms: number) => (origin + ms) / 1000;
const raw = [
  { t: at(0), kind: 'spawn', pid: 1 },
  { t: at(0), kind: 'spawn', pid: 2 },
  { t: at(500), kind: 'exit', pid: 1, cause: 'max_requests', requests: 1020 },
  { t: at(510), kind: 'reaped', pid: 1 },
  { t: at(520), kind: 'spawn', pid: 3 },
  { t: at(700), kind: 'reaped', pid: 2 }, // no worker_exit: it was killed
  { t: at(900), kind: 'exit', pid: 3, cause: 'signal', requests: 10 },
];
const slotOf = new Map([
  [1, 0],
  [2, 1],
  [3, 0],
]);

test('exit causes: recycled, crashed, and stopped by the harness', () => {
  const events = normalizeEvents(parseRawEvents(raw.map((e) => JSON.stringify(e)).join('\n')), {
    variant: 'v',
    originEpochMs: origin,
    stopEpochMs: origin + 800,
    slotOf,
  });
  const exits = events.filter((e) => e.kind === 'exit');
  assert.deepEqual(
    exits.map((e) => [e.pid, e.cause, e.slot, e.tMs]),
    [
      [1, 'max_requests', 0, 500],
      [2, 'crash', 1, 700],
      [3, 'shutdown', 0, 900],
    ],
  );
  assert.equal(exits[0]?.requests, 1020);
  assert.equal(events.filter((e) => e.kind === 'spawn').length, 3);
});

test('a signal before the harness stopped the server is not called a shutdown', () => {
  const events = normalizeEvents([{ t: at(100), kind: 'exit', pid: 3, cause: 'signal' }], {
    variant: 'v',
    originEpochMs: origin,
    stopEpochMs: null,
    slotOf,
  });
  assert.equal(events[0]?.cause, 'unknown');
});

test('a line cut short by a killed worker is skipped, the rest kept', () => {
  const parsed = parseRawEvents('{"t": 1, "kind": "spawn", "pid": 5}\n{"t": 2, "ki');
  assert.equal(parsed.length, 1);
});
