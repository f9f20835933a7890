// The wrapper that runs before Gunicorn: the kernel stops the process when its parent dies, and a
// parent that died before the guard took hold is caught too. Run with the machine's python3 and
// a sleeping script standing in for Gunicorn.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { PDEATHSIG_WRAPPER } from '../../../src/app-server/local-gunicorn.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { alive } from '../fixtures/processes.ts';

const STAND_IN = ['-c', 'import os, time; print(os.getpid(), flush=True); time.sleep(60)'];

test('it execs the program in place (same pid) and the program dies with its SIGKILLed parent', async () => {
  // A stand-in harness: spawns the wrapper with its own pid as LEAKLAB_HARNESS_PID, prints the child's pid.
  const code = `const c = require('node:child_process').spawn('python3', ['-c', ${JSON.stringify(PDEATHSIG_WRAPPER)}, ...${JSON.stringify(STAND_IN)}], { env: { ...process.env, LEAKLAB_HARNESS_PID: String(process.pid) }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
c.stdout.on('data', (d) => console.log(c.pid, String(d).trim()));`;
  const harness = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  harness.stdout.on('data', (d) => (out += d));
  assert.equal(await pollUntil(() => /^\d+ \d+\n/.test(out), { timeoutMs: 10_000, intervalMs: 10 }), 'ready');
  const [spawned, execd] = out.split('\n')[0]!.split(' ').map(Number);
  assert.equal(execd, spawned, 'execv keeps the pid the supervisor knows');
  assert.ok(alive(spawned!));
  harness.kill('SIGKILL');
  assert.equal(await pollUntil(() => !alive(spawned!), { timeoutMs: 3000, intervalMs: 20 }), 'ready', 'gone with its parent');
});

test('a parent that is not the harness it was told of (it died first) makes the wrapper exit 70 before running anything', async () => {
  const child = spawn('python3', ['-c', PDEATHSIG_WRAPPER, ...STAND_IN], {
    env: { ...process.env, LEAKLAB_HARNESS_PID: '1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((r) => child.on('exit', r));
  assert.equal(code, 70);
  assert.equal(out, '', 'the program never ran');
});

test('without a harness pid the wrapper refuses too: never an unguarded Gunicorn', async () => {
  const { LEAKLAB_HARNESS_PID: _, ...env } = process.env;
  const child = spawn('python3', ['-c', PDEATHSIG_WRAPPER, '-c', 'print(1)'], { env, stdio: 'ignore' });
  assert.equal(await new Promise((r) => child.on('exit', r)), 70);
});
