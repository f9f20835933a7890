// `leaklab ci` through the whole command line, in-process: the argument checks that must fail
// fast with exit 2, before anything is checked out or run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { scratchDir } from '../../scratch.ts';
import { leaklab } from '../cli/cli-harness.ts';
import { git, gitRepo } from './git-repo.ts';

test('outside a git repository: exit 2, saying so', async () => {
  const cwd = scratchDir('ci-no-repo');
  const r = await leaklab(['ci', '--base', 'main', '--head', 'HEAD', 'global-list'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not inside a git repository/);
  assert.equal(existsSync(join(cwd, 'leaklab-ci')), false, 'nothing written');
});

test('a base or head that does not exist: exit 2 naming it, and no worktree left behind', async () => {
  const cwd = gitRepo([{ 'scenarios/s.yaml': 'name: s\n' }]);
  for (const args of [
    ['--base', 'origin/main', '--head', 'HEAD'],
    ['--base', 'HEAD', '--head', 'no-such-sha'],
  ]) {
    const r = await leaklab(['ci', ...args, 's'], { cwd });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /leaklab: "(origin\/main|no-such-sha)" is not a commit/);
    assert.match(r.stderr, /hint: .*fetch-depth: 0/);
  }
  assert.equal(git(cwd, 'worktree', 'list').split('\n').length, 1);
});

test('--base and --head are required', async () => {
  const cwd = gitRepo([{ f: '1' }]);
  const r = await leaklab(['ci', '--head', 'HEAD', 's'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--base <ref>/);
});

test('a bad run flag is caught before any checkout: exit 2', async () => {
  const cwd = gitRepo([{ f: '1' }]);
  const r = await leaklab(['ci', '--base', 'HEAD', '--head', 'HEAD', '--requests', 'many', 's'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--requests "many" is not a positive whole number/);
});

test('a scenario missing at the base commit: exit 2, the worktree removed again', async () => {
  const cwd = gitRepo([{ f: '1' }, { 'ops/leak.yaml': 'name: x\n' }]);
  const r = await leaklab(['ci', '--base', 'HEAD~1', '--head', 'HEAD', 'ops/leak.yaml'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /scenario file ops\/leak.yaml does not exist at this commit/);
  assert.equal(git(cwd, 'worktree', 'list').split('\n').length, 1);
});

test('an invalid scenario at the head is reported with its problems: exit 2', async () => {
  const cwd = gitRepo([{ 'scenarios/s.yaml': 'name: s\n' }]);
  const r = await leaklab(['ci', '--base', 'HEAD', '--head', 'HEAD', 's'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /scenarios\/s\.yaml has \d+ problems?/);
  assert.equal(git(cwd, 'worktree', 'list').split('\n').length, 1);
});

test('a scenario broken only at the head fails before the base is run: exit 2, nothing stormed', async () => {
  const valid = [
    'name: s',
    'title: t',
    'claim: c',
    'app: { dir: ., wsgi: "config.wsgi:application", readyPath: /ok/ }',
    'load: { requests: 1000, mix: [{ path: /ok/ }] }',
    'variants: [{ name: v }]',
    '',
  ].join('\n');
  const cwd = gitRepo([{ 'scenarios/s.yaml': valid }, { 'scenarios/s.yaml': valid.replace('requests: 1000', 'requests: -1') }]);
  const r = await leaklab(['ci', '--base', 'HEAD~1', '--head', 'HEAD', 's'], { cwd });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /head\/scenarios\/s\.yaml:5: load\.requests/);
  assert.doesNotMatch(r.stderr, /running/);
  assert.equal(existsSync(join(cwd, 'leaklab-ci')), false);
  assert.equal(git(cwd, 'worktree', 'list').split('\n').length, 1);
});

test('ci --help lists its exit codes', async () => {
  const r = await leaklab(['ci', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /0 no regression, 1 a regression, 2 bad input/);
  assert.match(r.stdout, /GITHUB_STEP_SUMMARY/);
});
