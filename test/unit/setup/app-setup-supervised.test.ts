// app.setup commands are supervised like Gunicorn: a missing command is bad input naming it, a
// command past its time limit or interrupted leaves nothing running (background jobs included),
// and a harness SIGKILLed mid-command takes the command with it.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, InputError } from '../../../src/core/errors.ts';
import { pollUntil } from '../../../src/core/poll-until.ts';
import { type AppSetupOptions, runAppSetup } from '../../../src/setup/app-setup.ts';
import { scratchDir } from '../../scratch.ts';
import { fakePython } from './fake-python.ts';

function options(commands: string[], extra: Partial<AppSetupOptions> = {}): AppSetupOptions {
  const appDir = join(scratchDir('setup-supervised'), 'app');
  mkdirSync(appDir, { recursive: true });
  const bin = join(appDir, '.venv', 'bin');
  fakePython(bin, 'python', { version: '3.11.9' });
  return {
    appDir,
    commands,
    python: { venvDir: join(appDir, '.venv'), python: join(bin, 'python'), bin },
    env: { PATH: process.env.PATH },
    log: () => {},
    signal: new AbortController().signal,
    logFile: join(appDir, 'setup.log'),
    timeoutMs: 30_000,
    ...extra,
  };
}

/** Pids whose command line holds `marker` (a unique sleep length names a test's processes). */
function pgrep(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', marker], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const unique = () => `${1000 + Math.floor(Math.random() * 8000)}.${process.pid}`;

test("a command that does not exist is bad input (exit 2) naming it, with the shell's words", async () => {
  await assert.rejects(runAppSetup(options(['echo ok', 'no-such-tool --migrate'])), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.exitCode, 2);
    assert.equal(err.message, "the scenario's setup command was not found: no-such-tool --migrate");
    assert.match(err.details.join('\n'), /no-such-tool: .*not found/);
    assert.match(err.hint ?? '', /app\.setup/);
    return true;
  });
});

test('a command past its time limit is stopped with its background jobs: exit 3 naming it', async () => {
  const n = unique();
  const started = performance.now();
  await assert.rejects(runAppSetup(options([`sleep ${n} & sleep ${n}`], { timeoutMs: 800 })), (err: unknown) => {
    assert.ok(err instanceof EnvironmentError);
    assert.equal(err.exitCode, 3);
    assert.equal(err.message, `the scenario's setup command timed out after 1 s: sleep ${n} & sleep ${n}`);
    assert.match(err.hint ?? '', /app\.setupTimeout/);
    return true;
  });
  assert.ok(performance.now() - started < 5000, 'stopped at the limit, not at the end of the sleep');
  assert.deepEqual(pgrep(`sleep ${n}`), [], 'nothing of the group is left');
});

test('an interrupt (Ctrl-C) stops a running command and its group at once, without an error', async () => {
  const n = unique();
  const controller = new AbortController();
  const run = runAppSetup(options([`sleep ${n} & sleep ${n}`, 'echo never'], { signal: controller.signal }));
  assert.equal(await pollUntil(() => pgrep(`sleep ${n}`).length >= 2, { timeoutMs: 10_000, intervalMs: 20 }), 'ready');
  controller.abort();
  await run;
  assert.deepEqual(pgrep(`sleep ${n}`), []);
});

test('the emergency kill (the harness exiting without stopping it) is registered for the command and released after', async () => {
  const kills: (() => void)[] = [];
  let released = 0;
  const n = unique();
  const o = options([`sleep ${n}`], {
    onEmergencyKill: (kill) => {
      kills.push(kill);
      return () => released++;
    },
  });
  const run = runAppSetup(o).catch((e: unknown) => e);
  assert.equal(await pollUntil(() => pgrep(`sleep ${n}`).length >= 1, { timeoutMs: 10_000, intervalMs: 20 }), 'ready');
  assert.equal(kills.length, 1);
  kills[0]!(); // what the exit handler runs: SIGKILL to the group, synchronously
  const err = await run;
  assert.ok(err instanceof EnvironmentError, 'a killed command is a failed one');
  assert.match(err.message, new RegExp(`failed \\(exit none\\): sleep ${n}`));
  assert.equal(released, 1);
  assert.deepEqual(pgrep(`sleep ${n}`), []);
});

test('a harness SIGKILLed mid-command takes the command with it (parent-death signal, then the group watchdog)', async () => {
  const n = unique();
  const o = options([`sleep ${n} & sleep ${n}`]);
  const appSetup = fileURLToPath(new URL('../../../src/setup/app-setup.ts', import.meta.url));
  // A stand-in harness: runs the setup in its own process, which the test then SIGKILLs.
  const code = `import(${JSON.stringify(appSetup)}).then((m) => m.runAppSetup({ ...${JSON.stringify({ ...o, log: undefined, signal: undefined })}, log: () => {}, signal: new AbortController().signal }));`;
  const harness = spawn(process.execPath, ['--import', 'tsx', '-e', code], { stdio: 'ignore' });
  const closed = new Promise((r) => harness.on('close', r));
  assert.equal(await pollUntil(() => pgrep(`sleep ${n}`).length >= 2, { timeoutMs: 20_000, intervalMs: 20 }), 'ready');
  harness.kill('SIGKILL');
  await closed;
  const gone = await pollUntil(() => pgrep(`sleep ${n}`).length === 0, { timeoutMs: 4000, intervalMs: 50 });
  assert.equal(gone, 'ready', `left running: ${pgrep(`sleep ${n}`).join(', ')}`);
});
