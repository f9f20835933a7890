import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { type PostgresBinaries, startPostgres } from '../../../src/services/postgres-service.ts';
import type { StartDeps } from '../../../src/services/types.ts';
import { scratchDir } from '../../scratch.ts';

/**
 * Stand-in initdb, postgres and createdb scripts. In a world-readable folder: run as root,
 * leaklab starts PostgreSQL as another user, who must be able to run them.
 */
function fakeBinaries(t: { after: (fn: () => void) => void }, scripts: Record<keyof PostgresBinaries, string>): PostgresBinaries {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-fake-postgres-'));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = {} as PostgresBinaries;
  for (const [name, body] of Object.entries(scripts) as Array<[keyof PostgresBinaries, string]>) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    bin[name] = file;
  }
  return bin;
}

function deps(name: string): StartDeps {
  const dir = scratchDir(name);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  return {
    env: { PATH: process.env.PATH },
    dataDir,
    logFile: join(dir, 'postgres.log'),
    signal: new AbortController().signal,
    onEmergencyKill: () => () => {},
  };
}

test('a server that exits before it accepts connections fails with its code and its log', async (t) => {
  const bin = fakeBinaries(t, {
    initdb: 'exit 0',
    postgres: 'echo "FATAL:  could not create lock file"; exit 2',
    createdb: 'echo "createdb: error: connection refused" >&2; exit 1',
  });
  const d = deps('postgres-exits');
  await assert.rejects(startPostgres(bin, d), (err: EnvironmentError) => {
    assert.ok(err instanceof EnvironmentError);
    assert.equal(err.message, 'postgres exited (code 2) before it was ready');
    assert.deepEqual(err.details, ['FATAL:  could not create lock file']);
    assert.equal(err.hint, `its log is ${d.logFile}`);
    return true;
  });
  assert.equal(existsSync(d.dataDir), false, 'its data folder is removed');
});

test('an initdb that fails is an environment error with its last lines', async (t) => {
  const bin = fakeBinaries(t, { initdb: 'echo "initdb: error: no space"; exit 1', postgres: 'exit 0', createdb: 'exit 0' });
  const d = deps('initdb-fails');
  await assert.rejects(startPostgres(bin, d), (err: EnvironmentError) => {
    assert.equal(err.message, 'initdb failed (exit 1)');
    assert.deepEqual(err.details, ['initdb: error: no space']);
    return true;
  });
});
