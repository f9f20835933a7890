import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { addWorktree, removeWorktree, repoRoot, resolveRef } from '../../../src/ci/git.ts';
import { ExitCode, InputError } from '../../../src/core/errors.ts';
import { scratchDir } from '../../scratch.ts';
import { git, gitRepo } from './git-repo.ts';

test('repoRoot finds the top of the repository from a subfolder', async () => {
  const dir = gitRepo([{ 'a/b/c.txt': 'x' }]);
  assert.equal(realpathSync(await repoRoot(join(dir, 'a', 'b'))), realpathSync(dir));
});

test('repoRoot outside a repository is bad input (exit 2) that says so', async () => {
  const dir = scratchDir('not-a-repo');
  await assert.rejects(repoRoot(dir), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.exitCode, ExitCode.badInput);
    assert.match(err.message, /is not inside a git repository/);
    return true;
  });
});

test('resolveRef turns a branch, HEAD~1 and a short sha into the full commit', async () => {
  const dir = gitRepo([{ f: '1' }, { f: '2' }]);
  const head = git(dir, 'rev-parse', 'HEAD');
  const parent = git(dir, 'rev-parse', 'HEAD~1');
  assert.deepEqual(await resolveRef(dir, 'main'), { ref: 'main', sha: head, short: head.slice(0, 7) });
  assert.equal((await resolveRef(dir, 'HEAD~1')).sha, parent);
  assert.equal((await resolveRef(dir, parent.slice(0, 10))).sha, parent);
});

test('a ref that does not exist is exit 2, naming the ref and the usual cause', async () => {
  const dir = gitRepo([{ f: '1' }]);
  for (const ref of ['no-such-branch', 'HEAD~5', '--all', 'deadbeefdeadbeef']) {
    await assert.rejects(resolveRef(dir, ref), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.exitCode, ExitCode.badInput);
      assert.ok(err.message.includes(`"${ref}" is not a commit`), err.message);
      assert.match(err.hint ?? '', /fetch-depth: 0/);
      return true;
    });
  }
});

test('a tree object is not a commit', async () => {
  const dir = gitRepo([{ f: '1' }]);
  const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
  await assert.rejects(resolveRef(dir, tree), /is not a commit/);
});

test('a worktree holds the commit as it was, and is gone (and forgotten by git) once removed', async () => {
  const dir = gitRepo([{ f: 'old' }, { f: 'new' }]);
  const base = await resolveRef(dir, 'HEAD~1');
  const wt = join(scratchDir('wt'), 'base');
  await addWorktree(dir, base.sha, wt);
  assert.equal(readFileSync(join(wt, 'f'), 'utf8'), 'old');
  assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'new', 'the checkout itself is untouched');
  assert.match(git(dir, 'worktree', 'list'), /detached/);
  await removeWorktree(dir, wt);
  assert.equal(existsSync(wt), false);
  assert.doesNotMatch(git(dir, 'worktree', 'list'), /detached/);
});

test('removing a worktree whose folder already vanished still leaves git clean', async () => {
  const dir = gitRepo([{ f: '1' }]);
  const wt = join(scratchDir('wt'), 'gone');
  await addWorktree(dir, (await resolveRef(dir, 'HEAD')).sha, wt);
  const { rmSync } = await import('node:fs');
  rmSync(wt, { recursive: true, force: true });
  await removeWorktree(dir, wt);
  assert.equal(git(dir, 'worktree', 'list').split('\n').length, 1);
});
