import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { logTail, readText } from '../../../src/core/log-file.ts';
import { scratchDir } from '../../scratch.ts';

test('a log not written yet reads as empty, not as an error', () => {
  const file = join(scratchDir('log-missing'), 'nothing.log');
  assert.equal(readText(file), '');
  assert.deepEqual(logTail(file), ['']);
});

test('the tail is the last lines, without the trailing blank ones', () => {
  const file = join(scratchDir('log-tail'), 'server.log');
  writeFileSync(file, `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')}\n\n`);
  const tail = logTail(file);
  assert.equal(tail.length, 15);
  assert.equal(tail[0], 'line 6');
  assert.equal(tail.at(-1), 'line 20');
  assert.deepEqual(logTail(file, 2), ['line 19', 'line 20']);
});

test("a worker's exception pushed out of the tail by Gunicorn's HaltServer traceback is kept in view", () => {
  const file = join(scratchDir('log-cause'), 'server.log');
  const worker = ['Traceback (most recent call last):', '  File "wsgi.py", line 1', "ModuleNotFoundError: No module named 'x'"];
  const master = Array.from({ length: 20 }, (_, i) => `  master frame ${i}`);
  writeFileSync(
    file,
    [...worker, '[INFO] Worker exiting', ...master, "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>"].join(
      '\n',
    ),
  );
  const tail = logTail(file);
  assert.equal(tail.length, 15);
  assert.equal(tail[0], "ModuleNotFoundError: No module named 'x'");
  assert.equal(tail[1], '…');
  assert.equal(tail.at(-1), "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>");
});

test('an exception already in the tail is not repeated', () => {
  const file = join(scratchDir('log-cause-in-tail'), 'server.log');
  writeFileSync(file, ['a', 'b', 'ValueError: bad', 'c'].join('\n'));
  assert.deepEqual(logTail(file), ['a', 'b', 'ValueError: bad', 'c']);
});
