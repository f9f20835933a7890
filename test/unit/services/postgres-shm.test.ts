import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSysvShm, postmasterShmId, releasePostgresShm, staleSegment } from '../../../src/services/postgres-shm.ts';
import { scratchDir } from '../../scratch.ts';

// /proc/sysvipc/shm as Linux 5+ writes it (rss and swap columns at the end).
const SHM = `       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap
   1433715          4   600                    56  2197  2225      5   101   104   101   104 1796237373 1796237373 1796237370                  4096                     0
         0          9  1600                  4096 31337 31337      0     0     0     0     0          0          0 1796237370                     0                     0
`;

test('postmaster.pid line 7 holds the key and the id; a file without it gives null', () => {
  const pid = '4242\n/data\n1796237370\n5432\n\n127.0.0.1\n  1433715         4\nready   \n';
  assert.equal(postmasterShmId(pid), 4);
  assert.equal(postmasterShmId('4242\n/data\n'), null);
  assert.equal(postmasterShmId('1\n2\n3\n4\n5\n6\n  garbage\n'), null);
  assert.equal(postmasterShmId(''), null);
});

test('/proc/sysvipc/shm is read by its header, whatever the column order', () => {
  assert.deepEqual(parseSysvShm(SHM), [
    { key: 1433715, id: 4, creatorPid: 2197, attached: 5 },
    { key: 0, id: 9, creatorPid: 31337, attached: 0 },
  ]);
  assert.deepEqual(parseSysvShm(''), []);
});

test('only a segment nobody holds, whose creator is dead, is stale', () => {
  const segs = parseSysvShm(SHM);
  const dead = () => false;
  assert.equal(staleSegment(9, segs, dead)?.id, 9);
  assert.equal(staleSegment(4, segs, dead), null, 'attached by 5 processes: a live postgres');
  assert.equal(
    staleSegment(9, segs, (pid) => pid === 31337),
    null,
    'its creator still runs',
  );
  assert.equal(staleSegment(77, segs, dead), null, 'already gone');
});

test('release reads a fake /proc and says null when the segment is held (nothing is run)', () => {
  const proc = scratchDir('fake-proc');
  mkdirSync(join(proc, 'sysvipc'));
  writeFileSync(join(proc, 'sysvipc', 'shm'), SHM);
  const service = scratchDir('pg-service');
  mkdirSync(join(service, 'data'));
  writeFileSync(join(service, 'data', 'postmaster.pid'), '1\n2\n3\n4\n5\n6\n 1433715 4\n');
  assert.equal(releasePostgresShm(service, proc), null);
  assert.equal(releasePostgresShm(scratchDir('no-pid-file'), proc), null, 'no postmaster.pid');
});
