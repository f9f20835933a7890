import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { makeOwnedScratchDir, ownerAlive, processStartTime, scratchOwner, selfOwner } from '../../../src/core/scratch-owner.ts';
import { scratchDir } from '../../scratch.ts';

test('a scratch folder is made with its owner in its name: this process, read back', () => {
  const dir = makeOwnedScratchDir(scratchDir('owner'), '.state-');
  assert.ok(existsSync(dir));
  const me = selfOwner();
  assert.equal(me.pid, process.pid);
  assert.match(basename(dir), new RegExp(`^\\.state-${process.pid}\\.${me.start}-[A-Za-z0-9]{6}$`));
  assert.deepEqual(scratchOwner(dir), me);
  assert.equal(ownerAlive(me), true);
});

test('names without an owner (older runs, other folders) have none', () => {
  for (const name of ['.state-Ab12Cd', '.services-postgres-xYz123', 'leaklab-postgres-q1w2e3', '.state-12.34-toolong7']) {
    assert.equal(scratchOwner(`/r/run/${name}`), null, name);
  }
  assert.deepEqual(scratchOwner('/r/run/.services-postgres-4242.98765-a1B2c3'), { pid: 4242, start: 98765 });
});

test('the start time survives a process name with spaces and parentheses, and a gone process has none', async () => {
  const proc = scratchDir('owner-proc');
  mkdirSync(join(proc, '77'));
  // Fields after the name: state ppid pgrp ... starttime is the 22nd field overall.
  const after = ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 1)), '123456', '0'];
  writeFileSync(join(proc, '77', 'stat'), `77 (a) (b c) ${after.join(' ')}\n`);
  assert.equal(processStartTime(77, proc), 123456);
  assert.equal(ownerAlive({ pid: 77, start: 123456 }, proc), true);
  assert.equal(ownerAlive({ pid: 77, start: 123455 }, proc), false, 'same pid, another process');
  assert.equal(processStartTime(78, proc), null);

  const child = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
  await new Promise((r) => child.on('spawn', r));
  const owner = { pid: child.pid!, start: processStartTime(child.pid!)! };
  assert.equal(ownerAlive(owner), true);
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  assert.equal(ownerAlive(owner), false, 'killed and reaped');
});
