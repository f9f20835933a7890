import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, ExitCode } from '../../../src/core/errors.ts';
import {
  diskProbe,
  type PathProbe,
  prepareLocalPython,
  requireGunicorn,
  resolveAppPython,
} from '../../../src/setup/app-python.ts';
import { scratchDir } from '../../scratch.ts';

// The sample app's venv (npm install builds it): a real venv that has gunicorn.
const SAMPLE_VENV = fileURLToPath(new URL('../../../sample-django-app/.venv', import.meta.url));
const haveSampleVenv = existsSync(join(SAMPLE_VENV, 'bin', 'python'));

function probe(dirs: string[], files: string[]): PathProbe {
  return { isDirectory: (p) => dirs.includes(p), isFile: (p) => files.includes(p) };
}

test('a venv folder resolves to its bin/python, with the venv as VIRTUAL_ENV and its bin first on PATH', () => {
  const env = resolveAppPython('/p/.venv', probe(['/p/.venv'], ['/p/.venv/bin/python']));
  assert.deepEqual(env, { venvDir: '/p/.venv', bin: '/p/.venv/bin', python: '/p/.venv/bin/python' });
});

test('a venv folder with only bin/python3 uses that', () => {
  const env = resolveAppPython('/p/venv', probe(['/p/venv'], ['/p/venv/bin/python3']));
  assert.equal(env.python, '/p/venv/bin/python3');
});

test('an interpreter path is used as given (not resolved through its symlink), its folder as bin', () => {
  const env = resolveAppPython('/p/.venv/bin/python3.12', probe([], ['/p/.venv/bin/python3.12']));
  assert.deepEqual(env, { venvDir: '/p/.venv', bin: '/p/.venv/bin', python: '/p/.venv/bin/python3.12' });
});

test('a folder without bin/python and a missing path are environment errors (exit 3) with a hint', () => {
  assert.throws(
    () => resolveAppPython('/p/src', probe(['/p/src'], [])),
    (e: unknown) => e instanceof EnvironmentError && e.exitCode === ExitCode.environment && /without bin\/python/.test(e.message),
  );
  assert.throws(
    () => resolveAppPython('/nowhere/python', probe([], [])),
    (e: unknown) =>
      e instanceof EnvironmentError &&
      /no such interpreter or venv/.test(e.message) &&
      /relative to the scenario file/.test(e.hint ?? ''),
  );
});

test('diskProbe keeps a venv symlink as the interpreter: resolving a real venv folder on disk', () => {
  const dir = scratchDir('init-venv');
  mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'real-python'), '');
  symlinkSync(join(dir, 'real-python'), join(dir, '.venv', 'bin', 'python'));
  assert.equal(resolveAppPython(join(dir, '.venv'), diskProbe).python, join(dir, '.venv', 'bin', 'python'));
  assert.equal(resolveAppPython(join(dir, '.venv', 'bin', 'python'), diskProbe).venvDir, join(dir, '.venv'));
});

test('requireGunicorn passes for a venv that has it', { skip: !haveSampleVenv && 'no sample venv' }, async () => {
  await requireGunicorn(resolveAppPython(SAMPLE_VENV, diskProbe), 'unused');
});

test('requireGunicorn: an interpreter without gunicorn is exit 3 with the given fix', async () => {
  // A stand-in interpreter that fails the import the way Python does.
  const dir = scratchDir('init-nogunicorn');
  mkdirSync(join(dir, 'bin'));
  const python = join(dir, 'bin', 'python');
  writeFileSync(python, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'gunicorn\'" >&2\nexit 1\n', { mode: 0o755 });
  await assert.rejects(requireGunicorn(resolveAppPython(dir, diskProbe), 'pip install gunicorn'), (e: unknown) => {
    assert.ok(e instanceof EnvironmentError);
    assert.equal(e.exitCode, ExitCode.environment);
    assert.match(e.message, /Gunicorn is not installed in .*bin\/python/);
    assert.equal(e.hint, 'pip install gunicorn');
    return true;
  });
});

test('requireGunicorn: an interpreter that does not run at all says so, not "gunicorn missing"', async () => {
  const dir = scratchDir('init-broken');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'python'), '#!/bin/sh\nexit 7\n', { mode: 0o755 });
  await assert.rejects(requireGunicorn(resolveAppPython(dir, diskProbe), 'x'), /could not run \(7\)/);
});

test('prepareLocalPython with app.python uses it as-is and installs nothing', {
  skip: !haveSampleVenv && 'no sample venv',
}, async () => {
  const appDir = scratchDir('init-apppython'); // no requirements.txt: nothing could be installed
  const lines: string[] = [];
  const env = await prepareLocalPython({
    appDir,
    python: SAMPLE_VENV,
    requirements: 'requirements.txt',
    env: {},
    log: (l) => lines.push(l),
  });
  assert.equal(env.python, join(SAMPLE_VENV, 'bin', 'python'));
  assert.deepEqual(lines, []);
  assert.equal(existsSync(join(appDir, '.venv')), false);
});

test('prepareLocalPython with app.python lacking gunicorn tells how to install it there', async () => {
  const dir = scratchDir('init-apppython-nog');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'python'), '#!/bin/sh\necho "No module named \'gunicorn\'" >&2\nexit 1\n', { mode: 0o755 });
  await assert.rejects(
    prepareLocalPython({ appDir: dir, python: dir, requirements: 'requirements.txt', env: {}, log: () => {} }),
    (e: unknown) => e instanceof EnvironmentError && /-m pip install gunicorn/.test(e.hint ?? ''),
  );
});

test('prepareLocalPython refuses a uv or poetry project without requirements.txt (exit 3), pointing at app.python', async () => {
  for (const tool of ['uv', 'poetry'] as const) {
    const appDir = scratchDir(`init-${tool}`);
    writeFileSync(join(appDir, `${tool}.lock`), '');
    writeFileSync(join(appDir, 'pyproject.toml'), '[project]\nname = "x"\n');
    await assert.rejects(
      prepareLocalPython({ appDir, requirements: 'requirements.txt', env: {}, log: () => {} }),
      (e: unknown) =>
        e instanceof EnvironmentError &&
        e.exitCode === ExitCode.environment &&
        e.message.includes(`managed by ${tool}`) &&
        /point app.python at the project's venv/.test(e.hint ?? ''),
    );
    assert.equal(existsSync(join(appDir, '.venv')), false, 'nothing built');
  }
});

test('prepareLocalPython without requirements, pyproject or lock says the requirements file is missing', async () => {
  const appDir = scratchDir('init-empty');
  await assert.rejects(
    prepareLocalPython({ appDir, requirements: 'requirements.txt', env: {}, log: () => {} }),
    /requirements file not found/,
  );
});
