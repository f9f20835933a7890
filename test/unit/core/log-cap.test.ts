// The Gunicorn log is capped by truncation: past the cap it keeps its head and a marker, and an
// O_APPEND writer (as Gunicorn holds it) goes on writing after the marker.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { capLogFile, DEFAULT_LOG_CAP, watchLogSize } from '../../../src/core/log-cap.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { scratchDir } from '../../scratch.ts';

const MiB = 1024 * 1024;
const cap = { maxBytes: 2 * MiB, headBytes: MiB };

test('under the cap the file is untouched; a missing file is no error', () => {
  const file = join(scratchDir('logcap'), 'g.log');
  assert.equal(capLogFile(file, cap), 0);
  writeFileSync(file, 'x'.repeat(cap.maxBytes));
  assert.equal(capLogFile(file, cap), 0);
  assert.equal(statSync(file).size, cap.maxBytes);
});

test('over the cap: the head kept, a marker saying how much went, and later appends land after it', () => {
  const file = join(scratchDir('logcap'), 'g.log');
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, 'BOOT\n');
    writeSync(fd, 'y'.repeat(3 * MiB));
    const dropped = capLogFile(file, cap);
    assert.equal(dropped, 3 * MiB + 5 - MiB);
    writeSync(fd, 'LATEST\n');
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith('BOOT\n'));
  assert.match(text, /\[leaklab: log over 2 MiB: 2 MiB after the first 1 MiB dropped\]\n/);
  assert.ok(text.endsWith('dropped]\nLATEST\n'), 'the O_APPEND writer continues after the marker, with no hole');
  assert.ok(statSync(file).size < cap.maxBytes);
});

test('the watcher caps a growing file within its interval, and stops', async () => {
  const file = join(scratchDir('logcap'), 'g.log');
  writeFileSync(file, 'z'.repeat(3 * MiB));
  const w = watchLogSize(file, cap, 20);
  try {
    assert.equal(await pollUntil(() => statSync(file).size < cap.maxBytes, { timeoutMs: 5000, intervalMs: 10 }), 'ready');
  } finally {
    w.stop();
  }
  writeFileSync(file, 'z'.repeat(3 * MiB));
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(statSync(file).size, 3 * MiB, 'stopped: no more truncation');
});

test('the default keeps a long storm to tens of MiB', () => {
  assert.ok(DEFAULT_LOG_CAP.headBytes < DEFAULT_LOG_CAP.maxBytes);
  assert.ok(DEFAULT_LOG_CAP.maxBytes <= 64 * MiB);
});
