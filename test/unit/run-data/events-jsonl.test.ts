// events.jsonl: a torn last line is dropped with a warning; a corrupt line is a DataError naming
// the file and line, where it used to be "unexpected error: … position 60".
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../../src/core/errors.ts';
import { appendEvents, parseEvents, readEvents } from '../../../src/run-data/events-jsonl.ts';
import type { WorkerEvent } from '../../../src/run-data/types.ts';
import { scratchDir } from '../../scratch.ts';

const spawn: WorkerEvent = { tMs: 10, variant: 'leaky', kind: 'spawn', pid: 42, slot: 0 };
const exit: WorkerEvent = { tMs: 900, variant: 'leaky', kind: 'exit', pid: 42, slot: 0, cause: 'max_requests', requests: 1000 };

test('events appended and read back, a missing file is no events', () => {
  const file = join(scratchDir('events'), 'events.jsonl');
  assert.deepEqual(readEvents(file), []);
  appendEvents(file, [spawn]);
  appendEvents(file, [exit]);
  assert.deepEqual(readEvents(file), [spawn, exit]);
});

test('a torn last line is dropped with a warning', () => {
  const warnings: string[] = [];
  const events = parseEvents(`${JSON.stringify(spawn)}\n{"tMs":900,"vari`, 'run/events.jsonl', (w) => warnings.push(w));
  assert.deepEqual(events, [spawn]);
  assert.deepEqual(warnings, ['run/events.jsonl:2: the last line is cut short (no newline): dropped']);
});

test('a corrupt line in the middle is a DataError naming file and line', () => {
  const text = `${JSON.stringify(spawn)}\n{"tMs":9${JSON.stringify(exit)}\n${JSON.stringify(exit)}\n`;
  assert.throws(
    () => parseEvents(text, 'run/events.jsonl'),
    (err: Error) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.exitCode, 2);
      assert.equal(err.message, 'run/events.jsonl is damaged: 1 bad line');
      assert.match(err.details[0] ?? '', /^run\/events\.jsonl:2: not JSON \(/);
      return true;
    },
  );
});

test('JSON that is not a worker event is refused too', () => {
  assert.throws(
    () => parseEvents('[1,2]\n"text"\n{"tMs":1}\n', 'e.jsonl'),
    (err: Error) =>
      err instanceof DataError &&
      err.details.length === 3 &&
      err.details.every((d, i) => d === `e.jsonl:${i + 1}: not a worker event (an object with a variant)`),
  );
});

test('readEvents names the file on disk', () => {
  const file = join(scratchDir('events'), 'events.jsonl');
  writeFileSync(file, 'nope\n');
  assert.throws(
    () => readEvents(file),
    (err: Error) => err instanceof DataError && err.message.startsWith(`${file} is damaged`),
  );
});
