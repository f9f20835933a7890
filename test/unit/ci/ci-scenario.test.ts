import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { reusableVenv, scenarioFileIn, venvCandidates, withPython } from '../../../src/ci/ci-scenario.ts';
import { InputError } from '../../../src/core/errors.ts';
import type { LoadedScenario } from '../../../src/scenario/load.ts';
import { pythonVersion, STAMP, stampFor } from '../../../src/setup/python-env.ts';
import { scratchDir } from '../../scratch.ts';
import { ROOT } from '../cli/cli-harness.ts';

const BUNDLED = join(ROOT, 'scenarios');

function tree(files: Record<string, string>): string {
  const dir = scratchDir('ci-tree');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('a path is read relative to the worktree root', () => {
  const wt = tree({ 'ops/leak.yaml': 'x' });
  assert.equal(scenarioFileIn(wt, 'ops/leak.yaml', BUNDLED), join(wt, 'ops', 'leak.yaml'));
  assert.equal(
    scenarioFileIn(wt, 'leak.yml'.replace('leak', 'ops/leak').replace('.yml', '.yaml'), BUNDLED),
    join(wt, 'ops/leak.yaml'),
  );
});

test('a path missing at that commit, or an absolute one, is bad input', () => {
  const wt = tree({});
  assert.throws(
    () => scenarioFileIn(wt, 'ops/leak.yaml', BUNDLED),
    (e: unknown) => e instanceof InputError && /does not exist at this commit/.test(e.message),
  );
  assert.throws(() => scenarioFileIn(wt, '/etc/leak.yaml', BUNDLED), /relative to the repository root/);
});

test("a bare name is the commit's own scenarios/<name>.yaml before a bundled one", () => {
  const own = tree({ 'scenarios/global-list.yaml': 'x' });
  assert.equal(scenarioFileIn(own, 'global-list', BUNDLED), join(own, 'scenarios', 'global-list.yaml'));
  const bare = tree({});
  assert.equal(scenarioFileIn(bare, 'global-list', BUNDLED), join(BUNDLED, 'global-list.yaml'));
  assert.throws(() => scenarioFileIn(bare, 'no-such-scenario', BUNDLED), /unknown scenario "no-such-scenario"/);
});

function loaded(appDir: string, app: Partial<LoadedScenario['scenario']['app']> = {}): LoadedScenario {
  return {
    file: join(appDir, 'leaklab.yaml'),
    appDir,
    scenario: { name: 's', app: { dir: '.', requirements: 'requirements.txt', ...app } } as LoadedScenario['scenario'],
  };
}

test('withPython sets app.python and keeps the rest; undefined leaves the scenario as it is', () => {
  const l = loaded('/w/app');
  assert.equal(withPython(l, undefined), l);
  const w = withPython(l, '/venvs/shared');
  assert.equal(w.scenario.app.python, '/venvs/shared');
  assert.equal(w.scenario.app.requirements, 'requirements.txt');
  assert.equal(l.scenario.app.python, undefined, 'the original is not changed');
});

test("venv candidates: the checkout's same app folder, then earlier sides' venvs", () => {
  const wt = tree({ 'app/requirements.txt': 'django\n' });
  assert.deepEqual(venvCandidates(loaded(join(wt, 'app')), wt, '/repo', ['/tmp/base/app/.venv']), [
    '/repo/app/.venv',
    '/tmp/base/app/.venv',
  ]);
});

test('no sharing for a scenario with its own app.python, an app outside the worktree, or without a requirements file', () => {
  const wt = tree({ 'app/requirements.txt': 'django\n', 'other/manage.py': '' });
  assert.deepEqual(venvCandidates(loaded(join(wt, 'app'), { python: '/v' }), wt, '/repo', []), []);
  assert.deepEqual(venvCandidates(loaded(ROOT), wt, '/repo', []), []);
  assert.deepEqual(venvCandidates(loaded(join(wt, 'other')), wt, '/repo', []), []);
});

test('reusableVenv takes the first venv stamped with exactly these requirements and its own Python', async () => {
  const version = await pythonVersion('python3');
  const dir = scratchDir('venvs');
  const makeVenv = (name: string, requirements: string | null) => {
    const venv = join(dir, name);
    mkdirSync(join(venv, 'bin'), { recursive: true });
    writeFileSync(join(venv, 'bin', 'python'), '#!/bin/sh\nexec python3 "$@"\n', { mode: 0o755 });
    if (requirements !== null) writeFileSync(join(venv, STAMP), stampFor(requirements, version));
    return venv;
  };
  const other = makeVenv('other', 'django==4\n');
  const unstamped = makeVenv('unstamped', null);
  const same = makeVenv('same', 'django==5\ngunicorn\n');
  const reqs = join(dir, 'requirements.txt');
  writeFileSync(reqs, 'django==5\ngunicorn\n');
  assert.equal(await reusableVenv([join(dir, 'missing'), other, unstamped, same], reqs), same);
  assert.equal(await reusableVenv([other, unstamped], reqs), undefined);
  writeFileSync(reqs, 'django==5\ngunicorn\nredis\n');
  assert.equal(await reusableVenv([same], reqs), undefined, 'one more requirement means another venv');
});
