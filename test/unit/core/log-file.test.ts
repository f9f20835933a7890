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
