// When the app or the machine is the problem: exit 3, a message that says what to do, and
// nothing left running.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

function scenarioFile(dir: string, app: string): string {
  const file = join(dir, 'broken.yaml');
  writeFileSync(
    file,
    `name: broken\ntitle: t\nclaim: c\napp:\n${app}\nload:\n  duration: 3s\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: only\n    expect: flat\n`,
  );
  return file;
}

test("an app that cannot start exits 3 with the end of Gunicorn's log", async () => {
  const dir = scratchDir('env');
  const file = scenarioFile(dir, `  dir: ${join(ROOT, 'sample-django-app')}\n  wsgi: no_such_module.wsgi:application`);
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Gunicorn exited .* before the app was ready/);
  assert.match(r.stderr, /No module named 'no_such_module'/);
  const run = JSON.parse(readFileSync(join(dir, 'results', 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'failed');
  assert.equal(run.variants[0]?.status, 'failed');
  assert.deepEqual(leftoverGunicorns(dir), []);
});

test('no Python on the machine exits 3 and says what to install', async () => {
  const dir = scratchDir('nopy');
  const appDir = join(dir, 'app');
  mkdirSync(appDir);
  writeFileSync(join(appDir, 'requirements.txt'), 'gunicorn\n');
  const file = scenarioFile(dir, `  dir: ${appDir}`);
  // A PATH holding node alone: no python3, no python.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const r = await leaklab(['run', file, '--out', join(dir, 'results')], { env: { PATH: bin, LEAKLAB_PYTHON: '' } });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Python 3\.10\+ was not found/);
  assert.match(r.stderr, /hint: install python3/);
});

test('app.setup runs with the venv first on PATH, and a failing command exits 3 with its output', async () => {
  const dir = scratchDir('setup');
  const file = scenarioFile(
    dir,
    `  dir: ${join(ROOT, 'sample-django-app')}\n  setup:\n    - python -c "import sys; print(sys.prefix)" > ${join(dir, 'prefix.txt')}\n    - echo boom >&2; exit 7`,
  );
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(readFileSync(join(dir, 'prefix.txt'), 'utf8'), /sample-django-app\/\.venv/);
  assert.match(r.stderr, /setup command failed \(exit 7\): echo boom/);
  assert.match(r.stderr, /boom/);
});

test('a storm the app mostly fails (404 on every request) voids the variant: exit 3, not "flat"', async () => {
  const dir = scratchDir('404');
  const file = join(dir, 'wrong-path.yaml');
  writeFileSync(
    file,
    `name: wrong-path\ntitle: t\nclaim: c\napp:\n  dir: ${join(ROOT, 'sample-django-app')}\nload:\n  requests: 2000\n  mix: [{ path: /no/such/view/ }]\nvariants:\n  - name: only\n    expect: flat\n`,
  );
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /100\.0 % of 2000 requests failed \(2000 × HTTP 404 from GET \/no\/such\/view\/\)/);
  const run = JSON.parse(readFileSync(join(dir, 'results', 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.variants[0]?.status, 'failed');
  assert.equal(run.variants[0]?.verdict, undefined);
  assert.deepEqual(leftoverGunicorns(dir), []);
});

test("the user's gunicorn.conf.py: its hooks run alongside leaklab's, and an unknown setting is reported", async () => {
  const dir = scratchDir('conf');
  const mark = join(dir, 'workers.txt');
  writeFileSync(
    join(dir, 'gunicorn.conf.py'),
    'import os\nmax_worker_lifetime = 3600\n\ndef post_worker_init(worker):\n    with open(os.environ["MARK_FILE"], "a") as f:\n        f.write(f"{worker.pid}\\n")\n',
  );
  const file = join(dir, 'conf.yaml');
  writeFileSync(
    file,
    `name: conf\ntitle: t\nclaim: c\napp:\n  dir: ${join(ROOT, 'sample-django-app')}\n  env: { MARK_FILE: "${mark}" }\ngunicorn:\n  configFile: gunicorn.conf.py\nload:\n  requests: 3000\n  mix: [{ path: /ok/ }]\nvariants:\n  - name: only\n`,
  );
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /gunicorn config sets "max_worker_lifetime", which is not a Gunicorn setting/);
  const run = JSON.parse(readFileSync(join(dir, 'results', 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.match(run.variants[0]?.warnings?.[0] ?? '', /max_worker_lifetime/);
  assert.equal(readFileSync(mark, 'utf8').trim().split('\n').length, 2, "the user's post_worker_init ran in both workers");
  assert.ok((run.variants[0]?.requests ?? 0) === 3000, 'leaklab hooks still counted the requests');
  assert.deepEqual(leftoverGunicorns(dir), []);
});
