import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readText } from '../../../src/core/log-file.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { type ProcessGroup, type StopPolicy, signalGroup, spawnGroup } from '../../../src/core/process-group.ts';
import { scratchDir } from '../../scratch.ts';
import { alive } from '../fixtures/processes.ts';

const env = { PATH: process.env.PATH };

// A failed assertion before stop() would leave a child that keeps this test process alive.
const started: ProcessGroup[] = [];
after(() => Promise.all(started.map((g) => g.stop())));

/** A shell script in its own group, its output in a fresh log; resolves once it printed "ready". */
async function startShell(script: string, policy: StopPolicy) {
  const logFile = join(scratchDir('process-group'), 'child.log');
  const group = spawnGroup('/bin/sh', ['-c', script], { env, logFile }, policy);
  started.push(group);
  const outcome = await pollUntil(() => readText(logFile).includes('ready'), { timeoutMs: 10_000, intervalMs: 10 });
  assert.equal(outcome, 'ready', `the child never said ready: ${readText(logFile)}`);
  return { group, logFile };
}

test('a child that stops on SIGTERM is asked once and never SIGKILLed', async () => {
  const { group, logFile } = await startShell(`trap 'echo bye; exit 4' TERM; echo ready; while :; do sleep 0.05; done`, {
    graceMs: 10_000,
  });
  assert.equal(group.exitCode(), undefined);
  assert.equal(group.stopRequestedAt(), null);
  const before = Date.now();
  await group.stop();
  assert.equal(group.exitCode(), 4, 'the trap ran: it exited on its own');
  assert.match(readText(logFile), /bye/);
  assert.ok(Date.now() - before < 5000, 'it did not wait out the grace period');
  const at = group.stopRequestedAt();
  assert.ok(at !== null && at >= before && at <= Date.now());
});

test('a child that ignores SIGTERM is SIGKILLed with its group after the grace period', async () => {
  const { group } = await startShell(`trap '' TERM; echo ready; while :; do sleep 0.05; done`, { graceMs: 300 });
  const before = Date.now();
  await group.stop();
  const waited = Date.now() - before;
  assert.equal(group.exitCode(), null, 'ended by a signal, not an exit code');
  assert.ok(waited >= 290, `SIGKILL came after ${waited} ms, before the grace period`);
  assert.ok(waited < 5000, `stop took ${waited} ms`);
});

test('a grandchild in the group goes with it, even when the leader exits at once', async () => {
  const dir = scratchDir('grandchild');
  const pidFile = join(dir, 'grandchild.pid');
  const { group } = await startShell(`sleep 300 & echo $! > ${pidFile}; echo ready; wait`, { graceMs: 5000 });
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(grandchild > 0 && alive(grandchild));
  await group.stop();
  assert.equal(alive(group.pid!), false, 'the leader is gone');
  const gone = await pollUntil(() => !alive(grandchild), { timeoutMs: 5000, intervalMs: 20 });
  assert.equal(gone, 'ready', `grandchild ${grandchild} outlived the group`);
});

test('stop is idempotent: one terminate, one cleanup, one promise', async () => {
  const calls: string[] = [];
  const { group } = await startShell(`echo ready; exec sleep 300`, {
    graceMs: 5000,
    terminate: async (pid) => {
      calls.push('terminate');
      process.kill(pid, 'SIGTERM');
    },
    cleanup: async () => {
      calls.push('cleanup');
    },
  });
  const first = group.stop();
  const second = group.stop();
  assert.equal(first, second);
  await Promise.all([first, second, group.stop()]);
  assert.deepEqual(calls, ['terminate', 'cleanup']);
  const at = group.stopRequestedAt();
  await group.stop();
  assert.equal(group.stopRequestedAt(), at, 'a second stop does not move the stop time');
});

test('a child that already exited is not asked to stop, but cleanup and the sweep still run', async () => {
  const calls: string[] = [];
  const logFile = join(scratchDir('exited'), 'child.log');
  const group = spawnGroup(
    '/bin/sh',
    ['-c', 'exit 3'],
    { env, logFile },
    {
      graceMs: 5000,
      terminate: async () => {
        calls.push('terminate');
      },
      cleanup: async () => {
        calls.push('cleanup');
      },
    },
  );
  await group.exited;
  assert.equal(group.exitCode(), 3);
  await group.stop();
  assert.deepEqual(calls, ['cleanup']);
});

test('the grace period starts once a custom terminate has finished', async () => {
  const { group } = await startShell(`trap '' TERM; echo ready; while :; do sleep 0.05; done`, {
    graceMs: 100,
    // Like `docker stop -t N`: takes a while, and here does not end the child.
    terminate: () => new Promise((r) => setTimeout(r, 400)),
  });
  const before = Date.now();
  await group.stop();
  const waited = Date.now() - before;
  assert.ok(waited >= 480, `killed after ${waited} ms: the grace did not wait for terminate`);
  assert.equal(group.exitCode(), null);
});

test('terminate may name another signal (PostgreSQL stops quickly on SIGINT)', async () => {
  const { group } = await startShell(`trap 'exit 7' INT; trap 'exit 9' TERM; echo ready; while :; do sleep 0.05; done`, {
    graceMs: 10_000,
    terminate: 'SIGINT',
  });
  await group.stop();
  assert.equal(group.exitCode(), 7);
});

test('the emergency kill is registered at start, kills the group synchronously, and stop unregisters it', async () => {
  const registered: Array<() => void> = [];
  let unregistered = 0;
  const onEmergencyKill = (kill: () => void) => {
    registered.push(kill);
    return () => void unregistered++;
  };
  const { group } = await startShell(`trap '' TERM; echo ready; while :; do sleep 0.05; done`, {
    graceMs: 10_000,
    onEmergencyKill,
  });
  assert.equal(registered.length, 1);
  registered[0]!();
  await group.exited;
  assert.equal(group.exitCode(), null, 'SIGKILLed by the emergency kill');
  assert.equal(unregistered, 0);
  await group.stop();
  assert.equal(unregistered, 1);
});

test('a custom emergency kill replaces the group SIGKILL', async () => {
  const registered: Array<() => void> = [];
  let custom = 0;
  const { group } = await startShell(`echo ready; exec sleep 300`, {
    graceMs: 5000,
    emergencyKill: () => void custom++,
    onEmergencyKill: (kill) => {
      registered.push(kill);
      return () => {};
    },
  });
  registered[0]!();
  assert.equal(custom, 1);
  assert.equal(group.exitCode(), undefined, 'the default group SIGKILL did not run');
  await group.stop();
});

test('the watchdog is started with the group id and ended by stop', async () => {
  const seen: number[] = [];
  let stopped = 0;
  const { group } = await startShell(`echo ready; exec sleep 300`, {
    graceMs: 5000,
    watchdog: (pid) => {
      seen.push(pid);
      return { stop: () => void stopped++ };
    },
  });
  assert.deepEqual(seen, [group.pid]);
  assert.equal(stopped, 0);
  await group.stop();
  await group.stop();
  assert.equal(stopped, 1);
});

test('the output goes to the log file, appended', async () => {
  const logFile = join(scratchDir('log'), 'child.log');
  for (const word of ['first', 'second']) {
    const group = spawnGroup('/bin/sh', ['-c', `echo ${word}; echo oops >&2`], { env, logFile }, { graceMs: 1000 });
    await group.exited;
    await group.stop();
  }
  assert.equal(readText(logFile), 'first\noops\nsecond\noops\n');
});

test('a spawn that fails has no pid, counts as exited, and stops without signalling anything', async () => {
  const calls: string[] = [];
  const logFile = join(scratchDir('missing'), 'child.log');
  const group = spawnGroup(
    '/nonexistent/leaklab-no-such-binary',
    [],
    { env, logFile },
    {
      graceMs: 1000,
      terminate: async () => {
        calls.push('terminate');
      },
      watchdog: () => {
        calls.push('watchdog');
        return { stop() {} };
      },
    },
  );
  await group.exited;
  assert.equal(group.pid, undefined);
  assert.equal(group.exitCode(), null);
  await group.stop();
  group.killGroup();
  assert.deepEqual(calls, [], 'no watchdog for a group that never existed, and nothing to terminate');
});

test('killGroup SIGKILLs the whole group now', async () => {
  const { group } = await startShell(`trap '' TERM; echo ready; while :; do sleep 0.05; done`, { graceMs: 10_000 });
  group.killGroup();
  await group.exited;
  assert.equal(group.exitCode(), null);
  await group.stop();
});

test('signalGroup ignores a missing group and a gone one', () => {
  assert.doesNotThrow(() => signalGroup(undefined, 'SIGKILL'));
  assert.doesNotThrow(() => signalGroup(0, 'SIGKILL'));
  assert.doesNotThrow(() => signalGroup(2 ** 22 + 12345, 'SIGKILL'));
});

test('stop right after a failed spawn waits for the spawn error, so the exit is known when it returns', async () => {
  const logFile = join(scratchDir('missing-now'), 'child.log');
  const group = spawnGroup('/nonexistent/leaklab-no-such-binary', [], { env, logFile }, { graceMs: 1000 });
  assert.equal(group.exitCode(), undefined, 'the error has not been reported yet');
  await group.stop();
  assert.equal(group.exitCode(), null);
});
