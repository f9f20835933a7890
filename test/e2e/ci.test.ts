// `leaklab ci` end to end: a throwaway git repository holding a copy of the sample app and a tiny
// scenario, the real command line, real Gunicorn at both commits. The sample app's existing venv
// (of the checkout running the test) serves both commits, so nothing is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const VENV = join(ROOT, 'sample-django-app', '.venv');
// The scenario always requests one path; a commit changes which view serves it, as a PR would.
const PATH = '/leaks/global-list/fixed/';
const FIXED = 'global_list.fixed';
const LEAKY = 'global_list.leaky';

function scenario(path: string): string {
  return `name: pr-check
title: The sample app's request log
claim: "The request log must not grow with every request."
app:
  dir: ../app
  wsgi: config.wsgi:application
  readyPath: /ok/
  python: ${VENV}
gunicorn: { workers: 2, workerClass: sync }
load:
  connections: 4
  # 10,000 per worker: the 1 s warm-up alone covers ~2,500 of them at full speed, and flat
  # needs a few thousand more (8,000 in all left the base run inconclusive at load 4).
  requests: 20000
  warmup: 1s
  mix:
    - path: ${path}
variants:
  - name: app
`;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@leaklab.test', '-c', 'user.name=leaklab test', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

/** A repository whose base commit serves PATH with `baseView` and whose head commit with `headView`. */
function prRepo(baseView: string, headView: string): string {
  const dir = scratchDir('ci-e2e');
  cpSync(join(ROOT, 'sample-django-app'), join(dir, 'app'), {
    recursive: true,
    filter: (src) => !/(\.venv|__pycache__|\.sqlite3)$/.test(src),
  });
  mkdirSync(join(dir, 'ops'));
  writeFileSync(join(dir, 'ops', 'leaklab.yaml'), scenario(PATH));
  const urls = join(dir, 'app', 'leaks', 'urls.py');
  const route = (view: string) =>
    readFileSync(urls, 'utf8').replace(/path\('global-list\/fixed\/', [\w.]+,/, `path('global-list/fixed/', ${view},`);
  writeFileSync(urls, route(baseView));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  writeFileSync(urls, route(headView));
  git(dir, 'commit', '-q', '-am', 'head');
  return dir;
}

const runDirsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f !== 'latest') : []);

test('a head that introduces a leak: exit 1, a regression row, both runs kept, the job summary appended', async () => {
  const repo = prRepo(FIXED, LEAKY);
  const summary = join(scratchDir('step-summary'), 'summary.md');
  writeFileSync(summary, 'earlier step\n');
  const r = await leaklab(['ci', '--base', 'main~1', '--head', 'main', 'ops/leaklab.yaml', '--out', 'leaklab-ci'], {
    cwd: repo,
    env: { GITHUB_STEP_SUMMARY: summary },
    timeoutMs: 120_000,
  });
  assert.equal(r.code, 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const base = git(repo, 'rev-parse', '--short=7', 'main~1');
  const head = git(repo, 'rev-parse', '--short=7', 'main');
  assert.match(r.stderr, new RegExp(`base ${base}: running pr-check…`));
  assert.match(r.stderr, new RegExp(`head ${head}: running pr-check…`));
  const out = join(repo, 'leaklab-ci');
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  assert.ok(comment.startsWith('<!-- leaklab -->\n'));
  assert.match(comment, /\| app \| flat[^|]*\| leak[^|]*\|.*❌ regression/);
  assert.match(comment, /<summary>base [0-9a-f]{7}: the run's summary<\/summary>/, 'the base summary');
  assert.match(comment, /<summary>head [0-9a-f]{7}: the run's summary<\/summary>/, 'the head summary');
  assert.equal(readFileSync(summary, 'utf8'), `earlier step\n${comment}`);
  assert.equal(runDirsIn(join(out, 'base')).length, 1);
  assert.equal(runDirsIn(join(out, 'head')).length, 1);
  // The compare helper's before/after chart, where compare draws one.
  if (existsSync(join(ROOT, 'src', 'report', 'compare-chart.ts'))) {
    assert.ok(readdirSync(out, { recursive: true }).some((f) => String(f).endsWith('.png') && !String(f).includes('/')));
  }
  assert.equal(git(repo, 'worktree', 'list').split('\n').length, 1, 'worktrees removed');
  assert.equal(git(repo, 'status', '--porcelain'), '?? leaklab-ci/', 'the checkout is untouched');
  assert.deepEqual(leftoverGunicorns(repo), []);
});

test('a head that fixes the leak: exit 0, leak → flat', async () => {
  const repo = prRepo(LEAKY, FIXED);
  const r = await leaklab(['ci', '--base', 'HEAD~1', '--head', 'HEAD', 'ops/leaklab.yaml'], { cwd: repo, timeoutMs: 120_000 });
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const comment = readFileSync(join(repo, 'leaklab-ci', 'comment.md'), 'utf8');
  assert.match(comment, /\| app \| leak[^|]*\| flat[^|]*\|/);
  assert.match(comment, /leak → flat/);
  assert.doesNotMatch(comment, /regression:/);
  assert.equal(git(repo, 'worktree', 'list').split('\n').length, 1);
  assert.deepEqual(leftoverGunicorns(repo), []);
});

test('Ctrl-C during the base run: exit 130, no comparison, worktrees and Gunicorn gone', async () => {
  const repo = prRepo(LEAKY, FIXED);
  const r = await leaklab(['ci', '--base', 'HEAD~1', '--head', 'HEAD', 'ops/leaklab.yaml'], {
    cwd: repo,
    interruptAfterMs: 2500,
    timeoutMs: 60_000,
  });
  assert.equal(r.code, 130, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /head [0-9a-f]{7}: running/);
  assert.match(readFileSync(join(repo, 'leaklab-ci', 'comment.md'), 'utf8'), /Interrupted/);
  assert.equal(git(repo, 'worktree', 'list').split('\n').length, 1);
  assert.deepEqual(leftoverGunicorns(repo), []);
});
