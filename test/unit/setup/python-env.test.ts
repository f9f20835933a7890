// The project-managed venv: which interpreters are tried, when the venv is reused or rebuilt,
// and the errors a user sees when Python is missing, too old or without venv/pip. Real
// processes throughout: the machine's python3, and stand-in interpreters (fake-python.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { ensureVenv, findPython, pythonCandidates, pythonVersion, stampFor } from '../../../src/setup/python-env.ts';
import { scratchDir } from '../../scratch.ts';
import { fakePython } from './fake-python.ts';

function appDir(requirements = 'gunicorn==23.0.0\n'): string {
  const dir = join(scratchDir('venv'), 'app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'requirements.txt'), requirements);
  return dir;
}

async function rejected(p: Promise<unknown>): Promise<EnvironmentError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof EnvironmentError, String(err));
    assert.equal(err.exitCode, 3);
    return err;
  }
  assert.fail('expected an EnvironmentError');
}

test('candidates: LEAKLAB_PYTHON first when set, then python3, then python', () => {
  assert.deepEqual(pythonCandidates({}), ['python3', 'python']);
  assert.deepEqual(pythonCandidates({ LEAKLAB_PYTHON: '/opt/py/bin/python3.12' }), [
    '/opt/py/bin/python3.12',
    'python3',
    'python',
  ]);
  assert.deepEqual(pythonCandidates({ LEAKLAB_PYTHON: '' }), ['python3', 'python'], 'an empty value is not a candidate');
});

test('the stamp changes with the requirements and with the Python version, and only then', () => {
  const a = stampFor('django==5.1\n', '3.11.7');
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(stampFor('django==5.1\n', '3.11.7'), a);
  assert.notEqual(stampFor('django==5.2\n', '3.11.7'), a);
  assert.notEqual(stampFor('django==5.1\n', '3.12.0'), a);
  // The separator keeps a version/requirements boundary from shifting into the same text.
  assert.notEqual(stampFor('1\ndjango', '3.11.7'), stampFor('django', '3.11.7\n1'));
});

test("pythonVersion reads the machine's python3, and says unknown for one that does not run", async () => {
  assert.match(await pythonVersion('python3'), /^3\.\d+\.\d+$/);
  assert.equal(await pythonVersion(join(scratchDir('venv'), 'no-such-python')), 'unknown');
});

test('findPython skips candidates that do not exist and takes the first one new enough', async () => {
  const bin = join(scratchDir('venv'), 'bin');
  const old = fakePython(bin, 'python3.8', { version: '3.8.18' });
  const ok = fakePython(bin, 'python3.10', { version: '3.10.0' });
  assert.equal(await findPython([join(bin, 'missing'), old, ok, 'python3']), ok);
  assert.equal(await findPython([join(bin, 'missing'), 'python3']), 'python3', "the machine's python3 is 3.10+");
  const four = fakePython(bin, 'python4', { version: '4.0.0' });
  assert.equal(await findPython([four]), four, 'a later major version is new enough');
});

test('no Python at all: "Python 3.10+ was not found" with what to install', async () => {
  const err = await rejected(findPython([join(scratchDir('venv'), 'nope'), '/nonexistent/python3']));
  assert.equal(err.message, 'Python 3.10+ was not found');
  assert.match(err.hint ?? '', /apt-get install python3 python3-venv python3-pip/);
  assert.match(err.hint ?? '', /LEAKLAB_PYTHON/);
  await rejected(findPython([]));
});

test('only old Pythons: the error names each with its version', async () => {
  const bin = join(scratchDir('venv'), 'bin');
  const py2 = fakePython(bin, 'python2', { version: '2.7.18' });
  const py39 = fakePython(bin, 'python3.9', { version: '3.9.19' });
  const err = await rejected(findPython([py2, py39]));
  assert.equal(err.message, `Python 3.10+ is needed, but ${py2} is 2.7.18, ${py39} is 3.9.19`);
});

test('ensureVenv: a missing requirements file is an environment error naming it', async () => {
  const dir = appDir();
  const err = await rejected(ensureVenv({ appDir: dir, requirements: 'nope.txt', pythonCandidates: ['python3'], log: () => {} }));
  assert.equal(err.message, `requirements file not found: ${join(dir, 'nope.txt')}`);
});

test('ensureVenv builds the venv once, stamps it, and reuses it while nothing changed', async () => {
  const dir = appDir();
  const base = fakePython(join(dir, '..', 'bin'), 'python3', { version: '3.12.1' });
  const log: string[] = [];
  const env = await ensureVenv({
    appDir: dir,
    requirements: 'requirements.txt',
    pythonCandidates: [base],
    log: (l) => log.push(l),
  });
  assert.deepEqual(env, {
    venvDir: join(dir, '.venv'),
    python: join(dir, '.venv', 'bin', 'python'),
    bin: join(dir, '.venv', 'bin'),
  });
  assert.match(log[0] ?? '', /^Setting up the Python environment in .*\/app\/\.venv/);
  assert.equal(log.at(-1), 'Python environment ready.');
  assert.equal(readFileSync(join(dir, '.venv', '.leaklab-stamp'), 'utf8'), stampFor('gunicorn==23.0.0\n', '3.12.1'));
  assert.match(
    readFileSync(join(dir, '.venv', 'bin', 'pip-calls'), 'utf8'),
    new RegExp(`install .*-r ${join(dir, 'requirements.txt')}`),
  );
  assert.ok(!existsSync(join(dir, '.venv.lock')), 'the lock is released');

  // Up to date: no interpreter is needed, nothing is logged, pip is not run again.
  const again: string[] = [];
  assert.deepEqual(
    await ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [], log: (l) => again.push(l) }),
    env,
  );
  assert.deepEqual(again, []);
  assert.equal(
    readFileSync(join(dir, '.venv', 'bin', 'pip-calls'), 'utf8')
      .trim()
      .split('\n').length,
    1,
  );

  // New requirements: pip runs again in the same venv, and the stamp follows.
  writeFileSync(join(dir, 'requirements.txt'), 'gunicorn==23.0.0\ndjango==5.1\n');
  await ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [base], log: () => {} });
  assert.equal(
    readFileSync(join(dir, '.venv', 'bin', 'pip-calls'), 'utf8')
      .trim()
      .split('\n').length,
    2,
  );
  assert.equal(readFileSync(join(dir, '.venv', '.leaklab-stamp'), 'utf8'), stampFor('gunicorn==23.0.0\ndjango==5.1\n', '3.12.1'));
});

test('a stale venv with no usable Python left: the error says so, and the venv is kept', async () => {
  const dir = appDir();
  const base = fakePython(join(dir, '..', 'bin'), 'python3', { version: '3.11.2' });
  await ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [base], log: () => {} });
  writeFileSync(join(dir, 'requirements.txt'), 'changed\n');
  const old = fakePython(join(dir, '..', 'bin'), 'python2', { version: '2.7.18' });
  const err = await rejected(
    ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [old], log: () => {} }),
  );
  assert.match(err.message, /Python 3\.10\+ is needed, but .*python2 is 2\.7\.18/);
  assert.ok(existsSync(join(dir, '.venv', 'bin', 'python')));
  assert.ok(!existsSync(join(dir, '.venv.lock')), 'the lock is released after a failure too');
});

test('a Python without the venv module: a clear error, its output, and no half-made venv', async () => {
  const dir = appDir();
  const base = fakePython(join(dir, '..', 'bin'), 'python3', { version: '3.11.2', venv: 'fail' });
  const err = await rejected(
    ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [base], log: () => {} }),
  );
  assert.equal(err.message, `could not create a virtualenv with ${base}`);
  assert.match(err.details.join('\n'), /ensurepip is not available/);
  assert.match(err.hint ?? '', /apt-get install python3-venv/);
  assert.ok(!existsSync(join(dir, '.venv')), 'the broken venv folder is removed');
});

test('pip failing: the error names the requirements file, shows the end of its output, and writes no stamp', async () => {
  const dir = appDir('nosuchpkg\n');
  const base = fakePython(join(dir, '..', 'bin'), 'python3', { version: '3.11.2', pip: 'fail' });
  const err = await rejected(
    ensureVenv({ appDir: dir, requirements: 'requirements.txt', pythonCandidates: [base], log: () => {} }),
  );
  assert.equal(err.message, `pip could not install ${join(dir, 'requirements.txt')}`);
  assert.match(err.details.join('\n'), /Could not find a version that satisfies the requirement nosuchpkg/);
  assert.match(err.hint ?? '', /network access to the Python package index/);
  assert.ok(!existsSync(join(dir, '.venv', '.leaklab-stamp')), 'a failed install is retried on the next run');
});
