// leaklab on an app it has never seen: test/fixtures/apps/bookshelf, a Django project shaped
// unlike the sample app, with a mix that asks for a 404, a login redirect (302) and a JSON POST
// (201) on purpose. Those are expected statuses, not failures; the verdicts are reported.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns, ROOT } from './cli.ts';

const FIXTURE = join(ROOT, 'test/fixtures/apps/bookshelf');
const SHARED_PYTHON = join(ROOT, 'sample-django-app/.venv/bin/python');

/**
 * The fixture copied to a scratch folder (its database and venv stay out of the tree), with a
 * venv that sees the sample app's packages through a .pth file: leaklab's pip install then finds
 * Django and Gunicorn already there and needs no network.
 */
function appCopy(name = 'own-app'): string {
  const dir = join(scratchDir(name), 'bookshelf');
  const skip = new Set(['.venv', '.venv.lock', '__pycache__']);
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !skip.has(basename(src)) && !src.endsWith('.sqlite3') });
  const python = (code: string, exe = SHARED_PYTHON): string => execFileSync(exe, ['-c', code], { encoding: 'utf8' }).trim();
  const shared = python("import sysconfig; print(sysconfig.get_paths()['purelib'])");
  execFileSync(SHARED_PYTHON, ['-m', 'venv', join(dir, '.venv')]);
  const own = python("import sysconfig; print(sysconfig.get_paths()['purelib'])", join(dir, '.venv/bin/python'));
  writeFileSync(join(own, 'leaklab-shared-packages.pth'), `${shared}\n`);
  return dir;
}

test('an app leaklab has never seen: expected 404/302/201 are not failures; verdicts reported', async (t) => {
  const app = appCopy();
  const out = join(app, 'results');
  // 20,000 requests a variant: ~10,000 per worker, ~7,500 past warm-up, where the strip's
  // ~160 B/request per worker passes the 1 MiB a leak needs. /report/ costs ~16 ms of CPU, so
  // on a busy 2-core machine (~80 req/s) this takes minutes; on an idle one well under one.
  const r = await leaklab(['run', join(app, 'leaklab.yaml'), '--quick', '--requests', '20000', '--out', out], {
    timeoutMs: 900_000,
  });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  for (const v of run.variants) {
    assert.equal(v.status, 'complete', `${v.name}: ${v.error}`);
    assert.ok(v.requests > 1000, `${v.name}: ${v.requests} requests`);
    assert.ok(v.errors <= v.requests * 0.01, `${v.name}: ${v.errors} failed of ${v.requests}`);
    const entries = v.load?.perEntry ?? [];
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
    assert.equal(
      entries.reduce((sum, e) => sum + e.requests, 0),
      v.requests,
      'every response counted under one entry',
    );
    assert.deepEqual(byPath['/books/99999/']?.status, [404]);
    assert.ok((byPath['/books/99999/']?.statusCodes['404'] ?? 0) > 0, 'the missing page answered 404');
    assert.equal(byPath['/books/99999/']?.unexpected, 0);
    assert.ok((byPath['/account/']?.statusCodes['302'] ?? 0) > 0, 'the account page redirected');
    assert.equal(byPath['/account/']?.unexpected, 0);
    assert.ok((byPath['/api/notes/']?.statusCodes['201'] ?? 0) > 0, 'notes were created');
    assert.equal(byPath['/api/notes/']?.unexpected, 0);
    assert.ok((byPath['/report/']?.statusCodes['200'] ?? 0) > 0, 'the heavy report answered');
    const perWorker = Math.round(v.requests / 2);
    t.diagnostic(
      `${v.name}: ${v.verdict} (expected ${v.expected}), slope ${v.slopeBytesPerRequest} B/request, growth ${v.growthBytes} B, ` +
        `${v.requests} requests (~${perWorker} per worker), ${v.requestsPerSecond} req/s`,
    );
  }
  const byName = Object.fromEntries(run.variants.map((v) => [v.name, v]));
  assert.equal((byName['with-recent']?.load?.perEntry ?? []).length, 9);
  assert.equal((byName['without-recent']?.load?.perEntry ?? []).length, 8);
  assert.notEqual(byName['without-recent']?.verdict, 'leak', 'the mix without the recently-viewed strip does not leak');
  assert.deepEqual(leftoverGunicorns(out), []);
});

test("pages behind login: load.login signs in through the app's CSRF-protected form; /account/ answers 200, not the redirect", async () => {
  const app = appCopy('own-app-login');
  const out = join(app, 'results');
  // A short cap: the login and what every request sends are checked here, not the verdict (bench --part mixed).
  const r = await leaklab(
    ['run', join(app, 'five-pages.yaml'), '--variant', 'without-recent', '--duration', '6s', '--out', out],
    {
      timeoutMs: 120_000,
    },
  );
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  const v = run.variants[0];
  assert.equal(v?.status, 'complete', v?.error);
  assert.equal(v?.errors, 0);
  const account = v?.load?.perEntry?.find((e) => e.path === '/account/');
  assert.ok((account?.statusCodes['200'] ?? 0) > 0, JSON.stringify(account));
  assert.equal(account?.statusCodes['302'], undefined, 'no request was sent to the login page');
  assert.equal(account?.unexpected, 0);
  assert.deepEqual(leftoverGunicorns(out), []);

  // Wrong credentials fail the variant with the reason, before the storm.
  const wrong = join(app, 'wrong.yaml');
  writeFileSync(
    wrong,
    readFileSync(join(app, 'five-pages.yaml'), 'utf8').replace('password: shelf-reader }', 'password: nope }'),
  );
  const bad = await leaklab(['run', wrong, '--variant', 'without-recent', '--duration', '5s', '--out', out], {
    timeoutMs: 120_000,
  });
  assert.equal(bad.code, 3, `exit ${bad.code}\n${bad.stderr}`);
  const failed = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(failed.variants[0]?.status, 'failed');
  assert.match(
    failed.variants[0]?.error ?? '',
    /login: POST \/login\/ answered 200: the form came back, so the credentials were refused/,
  );
  assert.deepEqual(leftoverGunicorns(out), []);
});

test('a fresh copy of the fixture without a scenario: leaklab init, then leaklab run on what it wrote', async () => {
  const app = appCopy('own-app-init');
  // As a project that has never seen leaklab: no scenario files, no database.
  for (const f of ['leaklab.yaml', 'five-pages.yaml']) rmSync(join(app, f));
  const init = await leaklab(['init', app], { timeoutMs: 120_000 });
  assert.equal(init.code, 0, `${init.stdout}\n${init.stderr}`);
  const yaml = readFileSync(join(app, 'leaklab.yaml'), 'utf8');
  assert.match(yaml, /^ {2}wsgi: bookshelf\.serving:application /m);
  assert.match(yaml, /^ {2}python: \.venv\/bin\/python /m, "the copy's own venv");
  assert.match(yaml, /^ {4}- python manage\.py migrate --noinput/m);
  assert.match(yaml, /^ {4}- path: \/books\/$/m);
  assert.match(yaml, /^ {4}# - path: \/books\/1\/ /m, 'the parametrised route, commented out with an example');
  const out = join(app, 'results');
  const run = await leaklab(['run', join(app, 'leaklab.yaml'), '--duration', '5s', '--out', out], { timeoutMs: 120_000 });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  const record = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunRecord;
  assert.equal(record.variants[0]?.status, 'complete', record.variants[0]?.error);
  assert.equal(record.variants[0]?.errors, 0);
  assert.ok((record.variants[0]?.requests ?? 0) > 100);
  assert.ok(existsSync(join(app, 'bookshelf.sqlite3')), 'the database came from the migrate line init wrote');
  assert.deepEqual(leftoverGunicorns(out), []);
});
