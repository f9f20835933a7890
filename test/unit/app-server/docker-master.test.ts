// Dead-master detection for --target docker, without an engine: the attached `docker run`
// (a stand-in with the exit code a container passes on) and the master's host pid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerExitCause, watchContainerMaster } from '../../../src/app-server/docker-master.ts';
import { masterDeathMessage, watchMasterDeath } from '../../../src/pipeline/master-death.ts';

/** A `docker run` that exits with `code` when end() is called. */
function fakeCli() {
  let end!: () => void;
  let code: number | null | undefined;
  let how: string | undefined;
  const exited = new Promise<void>((r) => (end = r));
  return {
    cli: { exited, exitCode: () => code, howEnded: () => how },
    exit(c: number | null, h?: string) {
      code = c;
      how = h ?? (c === null ? 'SIGKILL' : `exit code ${c}`);
      end();
    },
  };
}

test("the container's status names the cause: 128+n is signal n, 125 is docker's own failure", () => {
  assert.equal(containerExitCause(137, 'exit code 137'), 'SIGKILL (container exit 137)');
  assert.equal(containerExitCause(143, 'exit code 143'), 'SIGTERM (container exit 143)');
  assert.equal(containerExitCause(3, 'exit code 3'), 'container exit 3');
  assert.equal(containerExitCause(0, 'exit code 0'), 'container exit 0');
  assert.equal(containerExitCause(125, 'exit code 125'), 'docker run failed (exit 125)');
  assert.equal(containerExitCause(null, 'SIGKILL'), 'the docker CLI ended (SIGKILL)');
});

test('a container that exits settles masterEnded with its cause at once', async () => {
  const { cli, exit } = fakeCli();
  const ended = watchContainerMaster(cli, { masterPid: () => 4242, alive: () => true, intervalMs: 50 });
  const t0 = performance.now();
  exit(137);
  assert.equal(await ended, 'SIGKILL (container exit 137)');
  assert.ok(performance.now() - t0 < 100);
});

test('a master pid that vanishes while docker run has not exited yet is caught within the interval', async () => {
  const { cli } = fakeCli();
  let alive = true;
  const ended = watchContainerMaster(cli, { masterPid: () => 4242, alive: () => alive, intervalMs: 50 });
  await new Promise((r) => setTimeout(r, 120));
  const t0 = performance.now();
  alive = false;
  assert.equal(await ended, 'master pid 4242 gone');
  assert.ok(performance.now() - t0 < 300, `${Math.round(performance.now() - t0)} ms`);
});

test('before docker inspect has told the pid (0), only the exit counts', async () => {
  const { cli, exit } = fakeCli();
  const checked: number[] = [];
  const ended = watchContainerMaster(cli, {
    masterPid: () => 0,
    alive: (pid) => {
      checked.push(pid);
      return false;
    },
    intervalMs: 20,
  });
  await new Promise((r) => setTimeout(r, 100));
  exit(1);
  assert.equal(await ended, 'container exit 1');
  assert.deepEqual(checked, []);
});

test('through the pipeline watch: the variant aborts with "the Gunicorn master died (SIGKILL (container exit 137)) at …"', async () => {
  const { cli, exit } = fakeCli();
  let now = 1000;
  const watch = watchMasterDeath(
    { masterEnded: watchContainerMaster(cli, { masterPid: () => 4242, alive: () => true }) },
    0,
    () => now,
  );
  now = 12_300;
  exit(137);
  await new Promise((r) => watch.signal.addEventListener('abort', r, { once: true }));
  assert.throws(() => watch.throwIfDied(), {
    message: masterDeathMessage('SIGKILL (container exit 137)', 12_300),
  });
  assert.match(String((watch.signal.reason as Error).message), /master died \(SIGKILL \(container exit 137\)\) at 12\.3 s/);
});

test('a deliberate stop is not a death', async () => {
  const { cli, exit } = fakeCli();
  const watch = watchMasterDeath({ masterEnded: watchContainerMaster(cli, { masterPid: () => 1, alive: () => true }) }, 0);
  watch.stop();
  exit(0);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(watch.signal.aborted, false);
  watch.throwIfDied();
});
