// A scenario's app.setup: each command runs in the app folder with the venv first on PATH, in
// order, stops at the first failure with the end of its output, and stops when aborted.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import {
  type AppSetupOptions,
  runAppSetup,
  runSetupCommands,
  type SetupRunner,
  venvCommandEnv,
} from '../../../src/setup/app-setup.ts';
import type { PythonEnv } from '../../../src/setup/python-env.ts';
import { scratchDir } from '../../scratch.ts';
import { fakePython } from './fake-python.ts';

/** An app folder with a stand-in venv whose `python` says "3.11.9". */
function app(
  commands: string[],
  extra: Partial<AppSetupOptions> = {},
): AppSetupOptions & { log: (l: string) => void; lines: string[] } {
  const appDir = join(scratchDir('app-setup'), 'app');
  mkdirSync(appDir, { recursive: true });
  const bin = join(appDir, '.venv', 'bin');
  fakePython(bin, 'python', { version: '3.11.9' });
  const python: PythonEnv = { venvDir: join(appDir, '.venv'), python: join(bin, 'python'), bin };
  const lines: string[] = [];
  return {
    appDir,
    commands,
    python,
    env: { PATH: process.env.PATH, HOME: '/home/x' },
    log: (l) => lines.push(l),
    lines,
    signal: new AbortController().signal,
    logFile: join(appDir, 'setup.log'),
    timeoutMs: 30_000,
    ...extra,
  };
}

test('venvCommandEnv puts the venv first on PATH, sets VIRTUAL_ENV and keeps the rest', () => {
  const python: PythonEnv = { venvDir: '/app/.venv', python: '/app/.venv/bin/python', bin: '/app/.venv/bin' };
  assert.deepEqual(venvCommandEnv(python, { PATH: '/usr/bin:/bin', DJANGO_SETTINGS_MODULE: 'config.settings' }), {
    PATH: '/app/.venv/bin:/usr/bin:/bin',
    VIRTUAL_ENV: '/app/.venv',
    DJANGO_SETTINGS_MODULE: 'config.settings',
  });
  // No empty PATH entry (which would mean "the current folder") when PATH is unset or empty.
  assert.equal(venvCommandEnv(python, {}).PATH, '/app/.venv/bin');
  assert.equal(venvCommandEnv(python, { PATH: '' }).PATH, '/app/.venv/bin');
});

test("commands run in order in the app folder, with the venv's python first and only the given env", async () => {
  const o = app(['pwd > where.txt', 'python -c x > version.txt', 'echo "$VIRTUAL_ENV $HOME ${SECRET:-unset}" > env.txt']);
  process.env.SECRET = 'from-the-test-process';
  try {
    await runAppSetup(o);
  } finally {
    delete process.env.SECRET;
  }
  assert.equal(readFileSync(join(o.appDir, 'where.txt'), 'utf8').trim(), o.appDir);
  assert.equal(readFileSync(join(o.appDir, 'version.txt'), 'utf8').trim(), '3.11.9', "the venv's python, not the machine's");
  assert.equal(
    readFileSync(join(o.appDir, 'env.txt'), 'utf8').trim(),
    `${o.python.venvDir} /home/x unset`,
    'the process env does not leak in',
  );
  assert.deepEqual(
    o.lines,
    o.commands.map((c) => `setup: ${c}`),
  );
});

test('a failing command stops the setup: exit 3, its exit code, the command and the end of its output', async () => {
  const o = app([
    'echo first > first.txt',
    'for i in $(seq 1 20); do echo line $i; done; echo boom >&2; exit 7',
    'echo never > never.txt',
  ]);
  const err = await runAppSetup(o).then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof EnvironmentError);
  assert.equal(err.exitCode, 3);
  assert.match(err.message, /^the scenario's setup command failed \(exit 7\): for i in/);
  assert.equal(err.details.length, 12, 'the last 12 lines');
  assert.equal(err.details.at(-1), 'boom');
  assert.ok(!err.details.includes('line 1'), 'the start is cut');
  assert.match(err.hint ?? '', /run it by hand in the app folder with the venv activated/);
  assert.equal(readFileSync(join(o.appDir, 'first.txt'), 'utf8').trim(), 'first');
  assert.equal(o.lines.length, 2, 'the third command never started');
});

test('an aborted setup stops before the next command and does not throw', async () => {
  const controller = new AbortController();
  const ran: string[] = [];
  const runner: SetupRunner = {
    where: ' (here)',
    async run(command) {
      ran.push(command);
      controller.abort();
      return { exitCode: 1, output: 'killed' };
    },
    hint: 'h',
  };
  const o = app(['one', 'two'], { signal: controller.signal });
  await runSetupCommands(o, runner);
  assert.deepEqual(ran, ['one'], 'a failure caused by the abort is not reported as a setup failure');
  assert.deepEqual(o.lines, ['setup (here): one']);
});

test("a runner's place is named in the log and the error", async () => {
  const runner: SetupRunner = {
    where: ' (in leaklab-app:abc)',
    run: async () => ({ exitCode: 2, output: 'no such table\n' }),
    hint: 'docker run it',
  };
  const o = app(['python manage.py migrate']);
  await assert.rejects(runSetupCommands(o, runner), (err: EnvironmentError) => {
    assert.equal(err.message, "the scenario's setup command failed (in leaklab-app:abc) (exit 2): python manage.py migrate");
    assert.deepEqual(err.details, ['no such table']);
    assert.equal(err.hint, 'docker run it');
    return true;
  });
  assert.deepEqual(o.lines, ['setup (in leaklab-app:abc): python manage.py migrate']);
});

test('no commands: nothing runs and nothing is logged', async () => {
  const o = app([]);
  await runAppSetup(o);
  assert.deepEqual(o.lines, []);
});
