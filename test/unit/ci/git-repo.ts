// A throwaway git repository for the ci tests: real git, no mocks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scratchDir } from '../../scratch.ts';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@leaklab.test', '-c', 'user.name=leaklab test', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

/** A repository with one commit per entry, each writing the given files; returns the folder. */
export function gitRepo(commits: Record<string, string>[]): string {
  const dir = scratchDir('ci-repo');
  git(dir, 'init', '-q', '-b', 'main');
  for (const [i, files] of commits.entries()) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `commit ${i}`);
  }
  return dir;
}
