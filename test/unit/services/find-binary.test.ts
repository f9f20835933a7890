import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findOnPath, versionedBinDirs } from '../../../src/services/find-binary.ts';
import { findPostgres } from '../../../src/services/postgres-service.ts';
import { scratchDir } from '../../scratch.ts';

function tool(dir: string, name: string, executable = true): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}

test('PATH is searched in order; a file that is not executable does not count', () => {
  const root = scratchDir('find');
  tool(join(root, 'a'), 'redis-server', false);
  const b = tool(join(root, 'b'), 'redis-server');
  tool(join(root, 'c'), 'redis-server');
  assert.equal(findOnPath('redis-server', `${join(root, 'a')}:${join(root, 'b')}:${join(root, 'c')}`), b);
  assert.equal(findOnPath('redis-server', join(root, 'a')), null);
  assert.equal(findOnPath('redis-server', undefined), null);
});

test('versioned PostgreSQL folders, newest first; none when the root is missing', () => {
  const root = scratchDir('pglib');
  for (const v of ['9.6', '15', '13']) mkdirSync(join(root, v, 'bin'), { recursive: true });
  mkdirSync(join(root, 'common'));
  assert.deepEqual(versionedBinDirs(root), [join(root, '15', 'bin'), join(root, '13', 'bin'), join(root, '9.6', 'bin')]);
  assert.deepEqual(versionedBinDirs(join(root, 'nope')), []);
});

test('PostgreSQL: initdb and createdb beside the real postgres file, found off PATH too', () => {
  const root = scratchDir('pg');
  const lib = join(root, 'lib');
  const bin = join(lib, '16', 'bin');
  for (const n of ['postgres', 'initdb', 'createdb']) tool(bin, n);
  // A PATH entry that is a symlink into the versioned folder, and an initdb of another version on PATH.
  const path = join(root, 'path');
  mkdirSync(path);
  symlinkSync(join(bin, 'postgres'), join(path, 'postgres'));
  tool(path, 'initdb');
  assert.deepEqual(findPostgres({ PATH: path }, lib), {
    postgres: join(path, 'postgres'),
    initdb: join(bin, 'initdb'),
    createdb: join(bin, 'createdb'),
  });
  assert.equal(findPostgres({ PATH: '' }, lib)?.postgres, join(bin, 'postgres'));
  assert.equal(findPostgres({ PATH: '' }, join(root, 'none')), null);
});

test('LEAKLAB_POSTGRES_BIN: that folder alone, so an empty one means "no PostgreSQL"', () => {
  const root = scratchDir('pgbin');
  const lib = join(root, 'lib');
  const bin = join(lib, '16', 'bin');
  for (const n of ['postgres', 'initdb', 'createdb']) tool(bin, n);
  const empty = join(root, 'empty');
  mkdirSync(empty);
  assert.equal(findPostgres({ PATH: bin, LEAKLAB_POSTGRES_BIN: empty }, lib), null);
  assert.equal(findPostgres({ PATH: '', LEAKLAB_POSTGRES_BIN: bin }, join(root, 'none'))?.initdb, join(bin, 'initdb'));
});
