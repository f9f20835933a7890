// A master that dies mid-storm aborts the storm at once and fails the variant with its cause;
// a master stopped on purpose (after stop()) is not a death.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { spawnToLog } from '../../../src/core/logged-child.ts';
import { masterDeathMessage, watchMasterDeath } from '../../../src/pipeline/master-death.ts';
import { scratchDir } from '../../scratch.ts';

test('the message names the cause and the time from the variant start, in seconds', () => {
  assert.equal(masterDeathMessage('SIGKILL', 12_345), 'the Gunicorn master died (SIGKILL) at 12.3 s');
  assert.equal(masterDeathMessage('exit code 1', -5), 'the Gunicorn master died (exit code 1) at 0.0 s');
});

test('a master that ends aborts the signal with the cause, and throwIfDied throws it', async () => {
  let end!: (how: string) => void;
  const masterEnded = new Promise<string>((r) => (end = r));
  const watch = watchMasterDeath({ masterEnded }, 1000, () => 3500);
  assert.equal(watch.signal.aborted, false);
  watch.throwIfDied();
  end('SIGKILL');
  await masterEnded;
  await Promise.resolve();
  assert.equal(watch.signal.aborted, true);
  assert.throws(
    () => watch.throwIfDied(),
    (err: unknown) => {
      assert.ok(err instanceof EnvironmentError, 'exit 3');
      assert.equal((err as Error).message, 'the Gunicorn master died (SIGKILL) at 2.5 s');
      return true;
    },
  );
});

test('an exit after stop() is a shutdown, not a death', async () => {
  let end!: (how: string) => void;
  const masterEnded = new Promise<string>((r) => (end = r));
  const watch = watchMasterDeath({ masterEnded }, 0);
  watch.stop();
  end('exit code 0');
  await masterEnded;
  await Promise.resolve();
  assert.equal(watch.signal.aborted, false);
  assert.doesNotThrow(() => watch.throwIfDied());
});

test('a target that cannot tell (no masterEnded) never aborts', () => {
  const watch = watchMasterDeath({}, 0);
  assert.equal(watch.signal.aborted, false);
  assert.doesNotThrow(() => watch.throwIfDied());
});

test('with a real process: SIGKILL is seen within a second, named by its signal', async () => {
  const logFile = `${scratchDir('master-death')}/m.log`;
  const child = spawnToLog('/bin/sleep', ['30'], { env: { PATH: process.env.PATH }, logFile });
  const started = performance.now();
  const watch = watchMasterDeath({ masterEnded: child.exited.then(() => child.howEnded() ?? '?') }, started);
  setTimeout(() => process.kill(child.pid!, 'SIGKILL'), 100);
  await new Promise<void>((resolve) => watch.signal.addEventListener('abort', () => resolve()));
  assert.ok(performance.now() - started < 1000, 'noticed within a second');
  assert.throws(() => watch.throwIfDied(), /master died \(SIGKILL\) at 0\.\d s/);
});

test('howEnded says "exit code N" for an exit and "could not start" for a missing program', async () => {
  const logFile = `${scratchDir('how-ended')}/m.log`;
  const env = { PATH: process.env.PATH };
  const exits = spawnToLog('/bin/sh', ['-c', 'exit 4'], { env, logFile });
  assert.equal(exits.howEnded(), undefined, 'still running');
  await exits.exited;
  assert.equal(exits.howEnded(), 'exit code 4');
  const missing = spawnToLog('/nonexistent/leaklab-binary', [], { env, logFile });
  await missing.exited;
  assert.equal(missing.howEnded(), 'could not start');
  // A plain spawn for contrast: Node reports the same signal name the supervisor records.
  const plain = spawn('/bin/sleep', ['5']);
  const sig = new Promise((r) => plain.on('exit', (_c, s) => r(s)));
  plain.kill('SIGTERM');
  assert.equal(await sig, 'SIGTERM');
});
