import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  detectInstallMethod,
  isPipInstallable,
  lockHint,
  type ProjectFiles,
  projectFilesIn,
} from '../../../src/setup/install-method.ts';
import { scratchDir } from '../../scratch.ts';

/** A folder as a map of relative path -> content. */
function files(map: Record<string, string>): ProjectFiles {
  return { exists: (p) => p in map, read: (p) => map[p] ?? null };
}

const PEP621 = '[project]\nname = "shop"\ndependencies = ["django"]\n';
const POETRY_ONLY = '[tool.poetry]\nname = "shop"\n';

test('requirements.txt comes first, as today', () => {
  assert.deepEqual(detectInstallMethod(files({ 'requirements.txt': '', 'pyproject.toml': PEP621, 'uv.lock': '' })), {
    kind: 'requirements',
    file: 'requirements.txt',
  });
});

test('the requirements file the scenario names is the one looked for', () => {
  assert.deepEqual(detectInstallMethod(files({ 'requirements/prod.txt': '' }), { requirements: 'requirements/prod.txt' }), {
    kind: 'requirements',
    file: 'requirements/prod.txt',
  });
  assert.equal(detectInstallMethod(files({ 'requirements.txt': '' }), { requirements: 'requirements/prod.txt' }).kind, 'none');
});

test('a uv or poetry lock without requirements.txt is a lock project, even with a pip-installable pyproject', () => {
  assert.deepEqual(detectInstallMethod(files({ 'uv.lock': '', 'pyproject.toml': PEP621 })), { kind: 'lock', tool: 'uv' });
  assert.deepEqual(detectInstallMethod(files({ 'poetry.lock': '', 'pyproject.toml': POETRY_ONLY })), {
    kind: 'lock',
    tool: 'poetry',
  });
});

test('a pip-installable pyproject.toml (or setup.py) without requirements or lock is installed as the project', () => {
  assert.deepEqual(detectInstallMethod(files({ 'pyproject.toml': PEP621 })), { kind: 'pyproject' });
  assert.deepEqual(detectInstallMethod(files({ 'setup.py': 'from setuptools import setup' })), { kind: 'pyproject' });
});

test('nothing to install from is none', () => {
  assert.deepEqual(detectInstallMethod(files({ 'pyproject.toml': POETRY_ONLY })), { kind: 'none' });
  assert.deepEqual(detectInstallMethod(files({})), { kind: 'none' });
});

test('isPipInstallable needs a [build-system] or [project] table, not a tool table alone', () => {
  assert.equal(isPipInstallable(files({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n' })), true);
  assert.equal(isPipInstallable(files({ 'pyproject.toml': PEP621 })), true);
  assert.equal(isPipInstallable(files({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n' })), false);
  assert.equal(isPipInstallable(files({ 'pyproject.toml': '# [project]\n' })), false);
  assert.equal(isPipInstallable(files({})), false);
});

test('with venvFirst (init), a venv the user made wins over everything, .venv before venv', () => {
  const both = files({ '.venv/bin/python': '', 'venv/bin/python': '', 'requirements.txt': '' });
  assert.deepEqual(detectInstallMethod(both, { venvFirst: true }), { kind: 'venv', python: '.venv/bin/python' });
  assert.deepEqual(detectInstallMethod(files({ 'venv/bin/python': '', 'uv.lock': '' }), { venvFirst: true }), {
    kind: 'venv',
    python: 'venv/bin/python',
  });
  // run never picks a venv by itself: app.python says so.
  assert.equal(detectInstallMethod(both).kind, 'requirements');
});

test("with venvFirst, leaklab's own managed .venv (stamped) is not taken for the user's", () => {
  const managed = files({ '.venv/bin/python': '', '.venv/.leaklab-stamp': 'x', 'requirements.txt': '' });
  assert.deepEqual(detectInstallMethod(managed, { venvFirst: true }), { kind: 'requirements', file: 'requirements.txt' });
});

test('projectFilesIn reads a real folder', () => {
  const dir = scratchDir('init-files');
  mkdirSync(join(dir, 'venv', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'venv', 'bin', 'python'), '');
  writeFileSync(join(dir, 'pyproject.toml'), PEP621);
  const f = projectFilesIn(dir);
  assert.equal(f.exists('venv/bin/python'), true);
  assert.equal(f.exists('requirements.txt'), false);
  assert.equal(f.read('pyproject.toml'), PEP621);
  assert.equal(f.read('missing.toml'), null);
  assert.deepEqual(detectInstallMethod(f, { venvFirst: true }), { kind: 'venv', python: 'venv/bin/python' });
  assert.deepEqual(detectInstallMethod(f), { kind: 'pyproject' });
});

test('lockHint tells where the venv of each tool is', () => {
  assert.match(lockHint('uv'), /point app.python at the project's venv \(uv: \.venv\/bin\/python; poetry: .*poetry env info -p/);
  assert.match(lockHint('uv'), /uv export/);
  assert.doesNotMatch(lockHint('poetry'), /uv export/);
});
