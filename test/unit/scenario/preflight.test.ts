// File-system checks before anything starts: where results go and where the app is.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { appDirProblem, appPythonProblem, resultsDirProblem } from '../../../src/scenario/preflight.ts';
import { scratchDir } from '../../scratch.ts';

test('a results folder that exists, or can be made under one that does, is fine', () => {
  const dir = scratchDir('preflight');
  assert.equal(resultsDirProblem(dir), null);
  assert.equal(resultsDirProblem(join(dir, 'a', 'b', 'results')), null);
});

test('a file as the results folder, or on its way, is named', () => {
  const dir = scratchDir('preflight');
  writeFileSync(join(dir, 'results'), '');
  assert.equal(resultsDirProblem(join(dir, 'results')), `--out ${join(dir, 'results')} is a file, not a folder`);
  assert.equal(
    resultsDirProblem(join(dir, 'results', 'deeper')),
    `--out ${join(dir, 'results', 'deeper')}: ${join(dir, 'results')} is a file, not a folder`,
  );
  assert.match(resultsDirProblem(join(dir, 'results'), '--results') ?? '', /^--results /, 'the flag is named as given');
});

test('a folder nobody may write in is named with the reason', () => {
  // /proc/1 refuses writes even to root.
  const problem = resultsDirProblem('/proc/1/results');
  assert.match(problem ?? '', /^--out \/proc\/1\/results: cannot write in \/proc\/1 \((EACCES|EPERM)\)$/);
});

test('the app folder must exist and be a folder', () => {
  const dir = scratchDir('preflight');
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app.txt'), '');
  assert.equal(appDirProblem(join(dir, 'app'), 's.yaml'), null);
  assert.equal(appDirProblem(join(dir, 'gone'), 's.yaml'), `s.yaml: app.dir: no such folder: ${join(dir, 'gone')}`);
  assert.equal(appDirProblem(join(dir, 'app.txt'), 's.yaml'), `s.yaml: app.dir: not a folder: ${join(dir, 'app.txt')}`);
});

test('app.python, when given, must exist (a venv folder or an interpreter)', () => {
  const dir = scratchDir('preflight');
  mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
  writeFileSync(join(dir, '.venv', 'bin', 'python'), '');
  assert.equal(appPythonProblem(undefined, 's.yaml'), null);
  assert.equal(appPythonProblem(join(dir, '.venv'), 's.yaml'), null);
  assert.equal(appPythonProblem(join(dir, '.venv', 'bin', 'python'), 's.yaml'), null);
  assert.equal(
    appPythonProblem(join(dir, 'nope'), 's.yaml'),
    `s.yaml: app.python: no such venv or interpreter: ${join(dir, 'nope')}`,
  );
});
