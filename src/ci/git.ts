// The few git operations `leaklab ci` needs: find the repository, resolve a ref to one commit,
// and check a commit out into a throwaway worktree that is always removed again.
import { execa } from 'execa';
import { InputError } from '../core/errors.ts';

export interface ResolvedRef {
  /** What the user gave: a branch, a tag, a sha, HEAD~1. */
  ref: string;
  sha: string;
  /** The first 7 characters of the sha, as people quote commits. */
  short: string;
}

async function git(cwd: string, args: string[]) {
  return execa('git', args, { cwd, reject: false, stdin: 'ignore' });
}

/** The top folder of the repository holding `cwd`; exit 2 outside one. */
export async function repoRoot(cwd: string): Promise<string> {
  const r = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (r.exitCode !== 0 || !r.stdout) {
    throw new InputError(`${cwd} is not inside a git repository`, {
      hint: 'run leaklab ci from a clone of the repository whose commits it should compare',
    });
  }
  return String(r.stdout).trim();
}

/** A ref as one commit; exit 2 with the ref's name when it does not exist (a shallow clone is the usual cause). */
export async function resolveRef(root: string, ref: string): Promise<ResolvedRef> {
  // A leading dash would be read as an option by rev-parse.
  const r = ref.startsWith('-') ? undefined : await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r?.exitCode !== 0 || !r.stdout) {
    throw new InputError(`"${ref}" is not a commit in ${root}`, {
      hint: 'give a branch, tag or sha that exists here; in GitHub Actions check out with fetch-depth: 0',
    });
  }
  const sha = String(r.stdout).trim();
  return { ref, sha, short: sha.slice(0, 7) };
}

/** Checks `sha` out, detached, into `dir` (which must not exist yet). */
export async function addWorktree(root: string, sha: string, dir: string): Promise<void> {
  const r = await git(root, ['worktree', 'add', '--detach', '--force', dir, sha]);
  if (r.exitCode !== 0) throw new InputError(`git worktree add ${sha} failed: ${String(r.stderr).trim()}`);
}

/** Removes a worktree made by addWorktree, with whatever a run left in it (a venv, logs). */
export async function removeWorktree(root: string, dir: string): Promise<void> {
  await git(root, ['worktree', 'remove', '--force', '--force', dir]);
  // If the folder was already gone, remove fails; prune forgets the stale entry either way.
  await git(root, ['worktree', 'prune']);
}
