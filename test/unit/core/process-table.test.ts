import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { dirInUse, pidAlive, readProcessTable } from '../../../src/core/process-table.ts';
import { scratchDir } from '../../scratch.ts';

test('the table holds this very process, with its command line and working directory', () => {
  const me = readProcessTable().find((p) => p.pid === process.pid);
  assert.ok(me, 'this process is listed');
  assert.ok(me.cmdline.includes('process-table.test.ts'));
  assert.equal(me.cwd, process.cwd());
});

test('a folder is in use when a process works inside it or names it, not when a name merely starts the same', () => {
  const table = [
    { pid: 1, cmdline: 'postgres -D /r/run/.services-postgres-a/data', cwd: '/' },
    { pid: 2, cmdline: 'redis-server', cwd: '/r/run/.services-redis-b/sub' },
  ];
  assert.equal(dirInUse('/r/run/.services-postgres-a', table), true, 'named on the command line');
  assert.equal(dirInUse('/r/run/.services-redis-b', table), true, 'works inside it');
  assert.equal(dirInUse('/r/run/.services-redis', table), false, 'a prefix of a name is another folder');
  assert.equal(dirInUse('/r/run/.state-c', table), false);
  assert.equal(dirInUse('/r/run/.state-c', []), false);
});

test('pidAlive follows a real process from start to reaped', async () => {
  const dir = scratchDir('ptable');
  const child = spawn('/bin/sleep', ['30'], { cwd: dir, stdio: 'ignore' });
  await new Promise((r) => child.on('spawn', r));
  assert.equal(pidAlive(child.pid!), true);
  assert.equal(dirInUse(dir, readProcessTable()), true, 'its cwd is seen');
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  assert.equal(pidAlive(child.pid!), false);
  assert.equal(dirInUse(dir, readProcessTable()), false);
  assert.equal(pidAlive(0x7ffffff0), false);
});

test('an unreadable /proc root gives an empty table, not an error', () => {
  assert.throws(() => readProcessTable('/nonexistent-proc'));
  assert.equal(pidAlive(1, '/nonexistent-proc'), false);
});
