// The sweep removes what killed runs left (scratch folders, a dead PostgreSQL's segment), and
// nothing a live process still uses or a live run has made.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readProcessTable } from '../../../src/core/process-table.ts';
import { makeOwnedScratchDir, processStartTime, selfOwner } from '../../../src/core/scratch-owner.ts';
import { scratchFolders, scratchInUse, sweepScratch, sweepSummary } from '../../../src/pipeline/sweep-scratch.ts';
import { scratchDir } from '../../scratch.ts';

/** A folder named the old way (no owner), made a minute ago. */
function unownedDir(path: string): string {
  mkdirSync(path, { recursive: true });
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
  return path;
}

test('scratchFolders finds .state-* and .services-* in run folders and leaklab-postgres-* in tmp, nothing else', () => {
  const root = scratchDir('sweep-find');
  const tmp = scratchDir('sweep-tmp');
  for (const d of [
    'r1/.state-a',
    'r1/.services-redis-b',
    'r2/.services-postgres-c',
    'r2/logs',
    'r2/.stateless',
    'r3/.services-mysql-x',
  ])
    mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'notes.txt'), '');
  mkdirSync(join(tmp, 'leaklab-postgres-z'));
  mkdirSync(join(tmp, 'other-postgres-z'));
  assert.deepEqual(scratchFolders(root, tmp).sort(), [
    join(root, 'r1/.services-redis-b'),
    join(root, 'r1/.state-a'),
    join(root, 'r2/.services-postgres-c'),
    join(tmp, 'leaklab-postgres-z'),
  ]);
  assert.deepEqual(scratchFolders(join(root, 'missing')), [], 'a results folder that does not exist yet');
});

/** A folder named for an owner that has exited: a sleep started and killed for it. */
async function deadOwnerDir(parent: string, prefix: string): Promise<string> {
  const child = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
  await new Promise((r) => child.on('spawn', r));
  const owner = { pid: child.pid!, start: processStartTime(child.pid!)! };
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  mkdirSync(parent, { recursive: true });
  return makeOwnedScratchDir(parent, prefix, owner);
}

test("a dead run's folders go at once, however young; a live owner's, and one a live process works in, stay", async () => {
  const root = scratchDir('sweep');
  const dead = await deadOwnerDir(join(root, 'run-a'), '.state-');
  const deadService = await deadOwnerDir(join(root, 'run-a'), '.services-redis-');
  const legacy = unownedDir(join(root, 'run-a/.state-abcdef')); // an older leaklab's, a minute old
  const legacyYoung = join(root, 'run-a/.state-ghijkl'); // an older leaklab's run may be starting
  mkdirSync(legacyYoung);
  const held = await deadOwnerDir(join(root, 'run-b'), '.services-redis-');
  mkdirSync(join(root, 'run-c'));
  const mine = makeOwnedScratchDir(join(root, 'run-c'), '.state-'); // this process: a run going on now
  const holder = spawn('/bin/sleep', ['30'], { cwd: held, stdio: 'ignore' });
  try {
    await new Promise((r) => holder.on('spawn', r));
    const result = sweepScratch(root);
    assert.deepEqual(result.removed.sort(), [deadService, dead, legacy].sort());
    for (const d of [dead, deadService, legacy]) assert.equal(existsSync(d), false, d);
    assert.equal(existsSync(held), true, "a live process works in it (a dead run's server before its watchdog struck)");
    assert.equal(existsSync(mine), true, 'its owner runs');
    assert.equal(existsSync(legacyYoung), true, 'no owner to ask, and under 5 s old');
    assert.equal(sweepSummary(result), 'removed 3 scratch folders left by killed runs');
  } finally {
    holder.kill('SIGKILL');
  }
  assert.equal(sweepSummary(sweepScratch(join(root, 'empty'))), null);
});

test('a live pid that started at another time is not the owner (a reused pid)', () => {
  const root = scratchDir('sweep-reused');
  const me = selfOwner();
  const reused = makeOwnedScratchDir(root, '.state-', { pid: me.pid, start: me.start + 1 });
  const table = readProcessTable();
  assert.equal(scratchInUse(reused, table), false);
  assert.equal(scratchInUse(makeOwnedScratchDir(root, '.state-'), table), true);
});

test('a folder named on a live command line (Gunicorn LEAKLAB_STATE_DIR=...) stays', () => {
  const root = scratchDir('sweep-cmdline');
  const dir = unownedDir(join(root, 'run/.state-x'));
  const table = [...readProcessTable(), { pid: 1, cmdline: `python -m gunicorn --env LEAKLAB_STATE_DIR=${dir} app`, cwd: '/' }];
  assert.deepEqual(sweepScratch(root, { table }).removed, []);
  assert.deepEqual(sweepScratch(root, { table: [] }).removed, [dir]);
});

test("a dead PostgreSQL's shared-memory segment is released with its data folder", () => {
  // A real SysV segment whose creator exits at once: what a SIGKILLed postgres leaves.
  const id = Number(
    execFileSync('python3', ['-c', 'import ctypes; print(ctypes.CDLL(None).shmget(0, 4096, 0o1600))'], {
      encoding: 'utf8',
    }).trim(),
  );
  assert.ok(id >= 0, `shmget gave ${id}`);
  assert.ok(
    readFileSync('/proc/sysvipc/shm', 'utf8')
      .split('\n')
      .some((l) => l.trim().split(/\s+/)[1] === String(id)),
  );
  const root = scratchDir('sweep-shm');
  const service = join(root, 'run/.services-postgres-q');
  mkdirSync(join(service, 'data'), { recursive: true });
  writeFileSync(
    join(service, 'data', 'postmaster.pid'),
    `999999\n${service}/data\n1\n5432\n\n127.0.0.1\n  1234567  ${id}\nready\n`,
  );
  unownedDir(service);
  const result = sweepScratch(root);
  assert.deepEqual(result.segments, [id]);
  assert.deepEqual(result.removed, [service]);
  assert.ok(
    !readFileSync('/proc/sysvipc/shm', 'utf8')
      .split('\n')
      .some((l) => l.trim().split(/\s+/)[1] === String(id)),
    'segment gone',
  );
  assert.equal(sweepSummary(result), 'removed 1 scratch folder and 1 shared-memory segment left by killed runs');
});
