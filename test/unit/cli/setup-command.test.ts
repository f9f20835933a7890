// `leaklab setup` when the sample app's venv is already built: a quick no-op that says where it
// is. Skipped when the venv is stale, so a test never installs into the shared venv.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pythonVersion, stampFor } from '../../../src/setup/python-env.ts';
import { leaklab, ROOT } from './cli-harness.ts';

const APP = join(ROOT, 'sample-django-app');

async function venvUpToDate(): Promise<boolean> {
  const stamp = join(APP, '.venv', '.leaklab-stamp');
  if (!existsSync(stamp)) return false;
  const want = stampFor(
    readFileSync(join(APP, 'requirements.txt'), 'utf8'),
    await pythonVersion(join(APP, '.venv', 'bin', 'python')),
  );
  return readFileSync(stamp, 'utf8') === want;
}

test('setup with an up-to-date venv exits 0 and names it, without a rebuild', async (t) => {
  if (!(await venvUpToDate())) return t.skip('the sample app venv is missing or stale');
  const r = await leaklab(['setup']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `leaklab: Python environment at ${join(APP, '.venv')}\n`);
  assert.doesNotMatch(r.stderr, /Setting up/);
  assert.ok(!existsSync(join(APP, '.venv.lock')), 'the lock is released');
});
