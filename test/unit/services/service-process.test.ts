import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { readText } from '../../../src/core/log-file.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { spawnServer } from '../../../src/services/service-process.ts';
import { scratchDir } from '../../scratch.ts';

const env = { PATH: process.env.PATH };

function watchdogsOf(pid: number): string[] {
  try {
    return execFileSync('pgrep', ['-af', `leaklab-watchdog ${pid}$`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches.
  }
}

test('a server is asked with its own stop signal, watched by a watchdog while it runs, and unregistered once stopped', async (t) => {
  const dir = scratchDir('service-process');
  const logFile = join(dir, 'server.log');
  const kills: Array<() => void> = [];
  let unregistered = 0;
  const server = spawnServer({
    file: '/bin/sh',
    args: ['-c', `trap 'echo fast shutdown; exit 0' INT; echo ready; while :; do sleep 0.05; done`],
    env,
    cwd: dir,
    logFile,
    stopSignal: 'SIGINT',
    onEmergencyKill: (kill) => {
      kills.push(kill);
      return () => void unregistered++;
    },
  });
  // Whatever fails below, the server must not outlive the test (it would keep the test process alive).
  t.after(() => server.stop());
  assert.ok(server.pid > 0);
  assert.equal(
    await pollUntil(() => readText(logFile).includes('ready'), { timeoutMs: 30_000, intervalMs: 10 }),
    'ready',
    readText(logFile),
  );
  assert.equal(kills.length, 1, 'a last-resort kill is registered at start');
  const watched = await pollUntil(() => watchdogsOf(server.pid).length === 1, { timeoutMs: 10_000, intervalMs: 20 });
  assert.equal(
    watched,
    'ready',
    `a watchdog waits to kill the group if the harness dies: ${JSON.stringify(watchdogsOf(server.pid))}`,
  );
  assert.equal(server.exitCode(), undefined);

  await server.stop();
  assert.equal(server.exitCode(), 0, 'SIGINT reached the trap: a clean exit, no SIGKILL');
  assert.match(readText(logFile), /fast shutdown/);
  assert.equal(unregistered, 1);
  assert.equal(
    await pollUntil(() => watchdogsOf(server.pid).length === 0, { timeoutMs: 5000, intervalMs: 20 }),
    'ready',
    'the watchdog was ended',
  );
  await server.stop();
  assert.equal(unregistered, 1, 'stop is idempotent');
});

test('a server binary that cannot start has pid -1 and stops quietly', async () => {
  const dir = scratchDir('service-missing');
  let unregistered = 0;
  const server = spawnServer({
    file: join(dir, 'no-such-server'),
    args: [],
    env,
    cwd: dir,
    logFile: join(dir, 'server.log'),
    stopSignal: 'SIGTERM',
    onEmergencyKill: () => () => void unregistered++,
  });
  assert.equal(server.pid, -1);
  await server.stop();
  assert.equal(server.exitCode(), null);
  assert.equal(unregistered, 1);
});
