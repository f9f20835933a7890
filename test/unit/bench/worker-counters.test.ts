import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readWorkerCounters } from '../../../bench/worker-counters.ts';
import { scratchDir } from '../../scratch.ts';

/** Writes a counter file as the Gunicorn hooks do: 8 bytes, little-endian. */
function counter(stateDir: string, name: string, value: number): void {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  writeFileSync(join(stateDir, 'workers', name), b);
}

test('reads every worker counter file as pid -> requests served', () => {
  const dir = scratchDir('counters');
  mkdirSync(join(dir, 'workers'));
  counter(dir, '4242', 12_345);
  counter(dir, '4243', 0);
  counter(dir, '4244', 2 ** 40);
  assert.deepEqual(
    readWorkerCounters(dir),
    new Map([
      [4242, 12_345],
      [4243, 0],
      [4244, 2 ** 40],
    ]),
  );
});

test('a state folder without workers yet reads as no workers', () => {
  assert.equal(readWorkerCounters(scratchDir('counters-none')).size, 0);
});

test('files that are not a pid, and a counter not yet written in full, are left out', () => {
  const dir = scratchDir('counters-odd');
  mkdirSync(join(dir, 'workers'));
  counter(dir, '77', 5);
  writeFileSync(join(dir, 'workers', '78'), Buffer.alloc(3));
  writeFileSync(join(dir, 'workers', 'README'), 'not a worker');
  assert.deepEqual(readWorkerCounters(dir), new Map([[77, 5]]));
});

test('a counter is re-read on every call, so two readings give the requests in between', () => {
  const dir = scratchDir('counters-twice');
  mkdirSync(join(dir, 'workers'));
  counter(dir, '9', 100);
  const before = readWorkerCounters(dir);
  counter(dir, '9', 180);
  assert.equal(readWorkerCounters(dir).get(9)! - before.get(9)!, 80);
});
