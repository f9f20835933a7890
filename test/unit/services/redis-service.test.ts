import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { exchange } from '../../../src/services/loopback.ts';
import { findRedisServer, startRedis } from '../../../src/services/redis-service.ts';
import type { StartDeps } from '../../../src/services/types.ts';
import { scratchDir } from '../../scratch.ts';

const REDIS = findRedisServer(process.env);

function deps(name: string, signal = new AbortController().signal): StartDeps {
  const dir = scratchDir(name);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  return { env: { PATH: process.env.PATH }, dataDir, logFile: join(dir, 'redis.log'), signal, onEmergencyKill: () => () => {} };
}

/** A stand-in "redis-server" that says one thing in its log and exits with `code`. */
function exitingServer(code: number): string {
  const file = join(scratchDir('fake-redis'), 'redis-server');
  writeFileSync(file, `#!/bin/sh\necho "Fatal: cannot bind"\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('a server that exits before answering PING fails with its code and its log', async () => {
  const d = deps('redis-exits');
  await assert.rejects(startRedis(exitingServer(3), d), (err: EnvironmentError) => {
    assert.ok(err instanceof EnvironmentError);
    assert.equal(err.message, 'redis-server exited (code 3) before it was ready');
    assert.deepEqual(err.details, ['Fatal: cannot bind']);
    assert.equal(err.hint, `its log is ${d.logFile}`);
    return true;
  });
  assert.equal(existsSync(d.dataDir), false, 'its data folder is removed');
});

test('a private redis-server answers PING on loopback, and stop ends it and removes its data', {
  skip: REDIS ? false : 'no redis-server on PATH',
}, async (t) => {
  const d = deps('redis-real');
  const redis = await startRedis(REDIS!, d);
  t.after(() => redis.stop());
  const port = Number(/:(\d+)/.exec(redis.url.replace('redis://', ''))?.[1]);
  assert.match(redis.url, /^redis:\/\/127\.0\.0\.1:\d+/);
  assert.match(redis.detail, /^started redis-server \S+ on 127\.0\.0\.1:\d+$/);
  assert.match(await exchange(port, 'PING\r\n', (r) => r.includes('\r\n')), /^\+PONG/);
  await redis.stop();
  await redis.stop();
  await assert.rejects(exchange(port, 'PING\r\n', (r) => r.includes('\r\n')));
  assert.equal(existsSync(d.dataDir), false);
});
